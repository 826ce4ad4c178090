//! Progress spreadsheets: template, preview, commit, re-import, undo, errors named by sheet,
//! row and column, hostile files, and who may import.

use app::imports::store::{self, Destination, Upload};
use app::imports::{Field, ImportOptions, Outcome, Preview};
use app::plans::authoring;
use app::plans::store as plans;
use app::refusal::{Refusal, WriteError};
use app::spreadsheets::Limits;
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

use crate::common;
use crate::sheets::{self, t, V};
use crate::world::{self, commitment_input, today, World};

pub(crate) fn moh() -> Destination<'static> {
    Destination {
        iso3: "KEN",
        owner_code: "MOH",
    }
}

pub(crate) fn upload(name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        file_name: name.to_owned(),
        bytes: bytes.into(),
    }
}

pub(crate) async fn preview(db: &DatabaseConnection, w: &World, file: &Upload) -> Preview {
    store::preview(
        db,
        &w.focal_point,
        moh(),
        file,
        &ImportOptions::default(),
        Limits::default(),
        today(),
    )
    .await
    .expect("preview")
}

pub(crate) async fn commit(
    db: &DatabaseConnection,
    w: &World,
    file: &Upload,
) -> (Preview, Option<i32>) {
    store::commit(
        db,
        &w.focal_point,
        moh(),
        file,
        &ImportOptions::default(),
        Limits::default(),
        today(),
    )
    .await
    .expect("commit")
}

pub(crate) async fn updates(db: &DatabaseConnection) -> u64 {
    use sea_orm::{ConnectionTrait, Statement};
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM progress_updates",
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("n") as u64
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A ministry's own workbook: a title above a French header, a notes sheet, a date cell, a
/// percentage as text and an indicator computed by a formula.
pub(crate) fn french_workbook(id: i32, target: i32) -> Vec<u8> {
    sheets::xlsx(&french_sheets(id, target))
}

/// The sheets of [`french_workbook`], for writing in other formats.
pub(crate) fn french_sheets(id: i32, target: i32) -> Vec<(&'static str, sheets::Rows)> {
    vec![
        ("Notes", vec![vec![t("Préparé par l'unité de suivi")]]),
        (
            "Suivi",
            vec![
                vec![t("Rapport du ministère de la Santé, juin 2026")],
                vec![],
                vec![
                    t("ID engagement"),
                    t("ID cible"),
                    t("Titre"),
                    t("Date du rapport"),
                    t("Statut"),
                    t("Avancement"),
                    t("Valeur de l'indicateur"),
                    t("Commentaires"),
                    t("Lien vers la preuve"),
                ],
                vec![
                    V::N(id.into()),
                    V::N(target.into()),
                    t("Assurance maladie"),
                    V::D(date(2026, 6, 30)),
                    t("Limité"),
                    t("45%"),
                    V::F("=10+8", "18"),
                    t("Pilote dans deux comtés"),
                    t("https://health.go.example/q2.pdf"),
                ],
                // Only the reference columns: a row nobody filled in, left out.
                vec![
                    V::N(id.into()),
                    V::E,
                    t("Assurance maladie (rappel)"),
                    V::E,
                    V::E,
                ],
            ],
        ),
    ]
}

#[tokio::test]
async fn a_ministry_workbook_is_previewed_committed_once_and_undone() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target) = w.commitment(db, "C-01").await;
        let file = upload("suivi-juin.xlsx", french_workbook(id, target));

        let seen = preview(db, &w, &file).await;
        assert_eq!(seen.sheet, "Suivi");
        assert_eq!(seen.header_row, 3);
        assert!(seen.is_clean(), "{:?}", seen.errors);
        assert_eq!((seen.counts.rows_read, seen.counts.accepted), (1, 1));
        assert_eq!(seen.rows[0].outcome, Outcome::Create);
        assert_eq!(updates(db).await, 0, "a preview writes nothing");

        let (_, batch) = commit(db, &w, &file).await;
        let batch = batch.expect("committed");
        let detail = plans::commitment_detail(db, id, Some(&w.coordinator), today())
            .await
            .expect("read")
            .expect("found");
        assert_eq!(detail.commitment.status.as_str(), "limited");
        assert_eq!(detail.commitment.percent_complete, Some(45));
        assert_eq!(detail.commitment.targets[0].latest_value, Some(18.0));
        assert_eq!(detail.updates[0].source, "import");
        assert_eq!(detail.updates[0].reporting_date, date(2026, 6, 30));
        assert_eq!(
            detail.updates[0].evidence_urls,
            ["https://health.go.example/q2.pdf"]
        );

        let (again, _) = commit(db, &w, &file).await;
        assert_eq!((again.counts.accepted, again.counts.unchanged), (0, 1));
        assert_eq!(again.rows[0].outcome, Outcome::Unchanged);
        assert_eq!(updates(db).await, 1, "re-importing creates nothing new");

        let refused = store::undo(db, &w.other_focal_point, batch, today()).await;
        assert!(matches!(
            refused,
            Err(WriteError::Refused(Refusal::Forbidden(_)))
        ));
        assert_eq!(
            store::undo(db, &w.focal_point, batch, today())
                .await
                .expect("undo"),
            1
        );
        let detail = plans::commitment_detail(db, id, Some(&w.coordinator), today())
            .await
            .expect("read")
            .expect("found");
        assert_eq!(detail.commitment.status.as_str(), "not_started");
        assert_eq!(detail.commitment.percent_complete, None);
        assert_eq!(
            detail.updates.len(),
            2,
            "the undo is a new entry; history stays"
        );
        assert!(
            detail.updates[0].narrative.contains("undone"),
            "{}",
            detail.updates[0].narrative
        );
        assert!(matches!(
            store::undo(db, &w.focal_point, batch, today()).await,
            Err(WriteError::Refused(Refusal::Invalid(_)))
        ));
        let history = store::batches(db, &w.coordinator).await.expect("history");
        assert_eq!(
            history.iter().map(|b| b.state.as_str()).collect::<Vec<_>>(),
            ["committed", "undone"]
        );
        assert_eq!(history[1].file_name, "suivi-juin.xlsx");
        assert_eq!(history[1].sha256.len(), 64);

        // Once undone, the same file counts as new again.
        let (after_undo, _) = commit(db, &w, &file).await;
        assert_eq!(after_undo.counts.accepted, 1);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn every_error_is_named_by_sheet_row_and_column_and_nothing_is_written() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (a, _) = w.commitment(db, "C-01").await;
        let (b, _) = w.commitment(db, "C-02").await;
        let (c, _) = w.commitment(db, "C-03").await;
        let education = authoring::create_commitment(
            db,
            &w.coordinator,
            w.plan_id,
            app::plans::authoring::CommitmentInput {
                lead_owner: "MOE".into(),
                ..commitment_input("C-04")
            },
        )
        .await
        .expect("education commitment");
        let (a, b, c, e) = (
            a.to_string(),
            b.to_string(),
            c.to_string(),
            education.to_string(),
        );
        let rows = vec![
            vec![
                "Commitment ID",
                "Target ID",
                "Reporting date",
                "Status",
                "% complete",
                "Indicator value",
                "Narrative",
                "Evidence link",
            ],
            vec![&a, "", "30/06/2026", "fini", "45", "", "", ""],
            vec!["99999", "", "", "limited", "", "", "", ""],
            vec![&e, "", "", "limited", "", "", "", ""],
            vec![&b, "", "", "limited", "140", "", "", ""],
            vec![&c, "", "2026-06-30", "limited", "10", "", "", ""],
            vec![&c, "", "2026-06-30", "complete", "10", "", "", ""],
        ];
        let file = upload("progress.csv", sheets::csv(&rows, ';', true));
        let (seen, batch) = commit(db, &w, &file).await;
        assert_eq!(batch, None);
        assert_eq!(updates(db).await, 0, "a file with errors writes nothing");
        let messages: Vec<String> = seen.errors.iter().map(ToString::to_string).collect();
        let expect = |needle: &str| {
            assert!(
                messages.iter().any(|m| m.contains(needle)),
                "no {needle:?} in {messages:#?}"
            );
        };
        expect("sheet 'progress', row 2, column D 'Status': 'fini' is not a status; use one of");
        expect("row 3, column A 'Commitment ID': there is no commitment 99999");
        expect(&format!(
            "row 4, column A 'Commitment ID': commitment {e} is led by MOE, not MOH: it is refused"
        ));
        expect("row 5, column E '% complete': 140 is out of range");
        expect(&format!("row 7, column D 'Status': commitment {c} is also on row 6 with a different status: 'limited' there, 'complete' here"));
        expect("row 6: not imported: row 7 of the same commitment has an error");
        assert_eq!(seen.counts.rejected, 6);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn ods_and_remembered_mappings() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let rows = vec![
            vec![
                t("Código"),
                t("Estado"),
                t("Fecha del informe"),
                t("% de avance"),
            ],
            vec![
                V::N(id.into()),
                t("Sustancial"),
                V::D(date(2026, 9, 30)),
                V::N(0.6),
            ],
        ];
        let file = upload("avance.ods", sheets::ods(&[("Avance", rows)]));
        let seen = preview(db, &w, &file).await;
        assert_eq!(
            seen.missing,
            [Field::Commitment],
            "'Código' is not a known header"
        );
        let (_, none) = commit(db, &w, &file).await;
        assert_eq!(none, None);

        let mapped = ImportOptions {
            mapping: [(Field::Commitment, 0)].into(),
            ..ImportOptions::default()
        };
        let (seen, batch) = store::commit(
            db,
            &w.focal_point,
            moh(),
            &file,
            &mapped,
            Limits::default(),
            today(),
        )
        .await
        .expect("commit");
        assert!(batch.is_some(), "{:?}", seen.errors);
        let detail = plans::commitment_detail(db, id, Some(&w.coordinator), today())
            .await
            .expect("read")
            .expect("found");
        assert_eq!(detail.commitment.percent_complete, Some(60), "0.6 is 60 %");
        assert_eq!(detail.updates[0].reporting_date, date(2026, 9, 30));
        // The mapping is remembered for the owner's next file.
        let again = preview(db, &w, &file).await;
        assert!(again.missing.is_empty());
        assert_eq!(again.counts.unchanged, 1);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn a_long_file_lists_its_first_rows_with_titles_and_counts_every_row() {
    use app::imports::PREVIEW_ROWS;
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let id = id.to_string();
        let mut rows = vec![vec!["Commitment ID", "Status"]];
        rows.extend(std::iter::repeat_n(
            vec![id.as_str(), "limited"],
            PREVIEW_ROWS + 100,
        ));
        let seen = preview(db, &w, &upload("long.csv", sheets::csv(&rows, ',', false))).await;
        assert!(seen.is_clean(), "{:?}", seen.errors.first());
        assert_eq!(seen.counts.rows_read, PREVIEW_ROWS + 100);
        assert_eq!(seen.counts.accepted, PREVIEW_ROWS + 100);
        assert_eq!(
            seen.rows.len(),
            PREVIEW_ROWS,
            "the preview lists the first rows only"
        );
        assert_eq!(
            seen.rows.last().map(|r| r.row),
            Some(PREVIEW_ROWS as u32 + 1)
        );
        assert_eq!(seen.rows[0].title, "Health insurance for informal workers");
        test_db.finish().await;
    }
}
