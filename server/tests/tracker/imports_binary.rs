//! Excel's binary formats, xls and xlsb, through the same import as xlsx; an xls whose grid
//! would take the process down is refused before it is read; and the file of a batch is
//! opened, as uploaded, by those who report for its owner and those who review its country.

use app::imports::store::{self, ImportError};
use app::imports::{ImportOptions, Outcome};
use app::plans::store as plans;
use app::refusal::Refusal;
use app::spreadsheets::Limits;

use crate::binary_sheets::{xls, xls_with, xlsb};
use crate::common;
use crate::imports::{commit, french_sheets, french_workbook, moh, updates, upload};
use crate::sheets::{t, V};
use crate::world::{self, today};

#[tokio::test]
async fn xls_and_xlsb_workbooks_import_like_xlsx() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (first, first_target) = w.commitment(db, "C-01").await;
        let (second, second_target) = w.commitment(db, "C-02").await;
        for (name, bytes, id) in [
            ("suivi.xls", xls(&french_sheets(first, first_target)), first),
            (
                "suivi.xlsb",
                xlsb(&french_sheets(second, second_target)),
                second,
            ),
        ] {
            let (seen, batch) = commit(db, &w, &upload(name, bytes)).await;
            assert!(seen.is_clean(), "{name}: {:?}", seen.errors);
            assert_eq!(seen.sheet, "Suivi", "{name}");
            assert_eq!(seen.counts.accepted, 1, "{name}");
            assert_eq!(seen.left_out, 1, "{name}");
            assert_eq!(seen.rows[0].outcome, Outcome::Create, "{name}");
            assert!(batch.is_some(), "{name}");
            let detail = plans::commitment_detail(db, id, Some(&w.coordinator), today())
                .await
                .expect("read")
                .expect("found");
            assert_eq!(detail.commitment.status.as_str(), "limited", "{name}");
            assert_eq!(detail.commitment.percent_complete, Some(45), "{name}");
            assert_eq!(detail.commitment.targets[0].latest_value, Some(18.0));
            // Stored as a serial number, the date reads as the day it was.
            assert_eq!(
                detail.updates[0].reporting_date.to_string(),
                "2026-06-30",
                "{name}"
            );
            assert_eq!(detail.updates[0].import_batch, batch, "{name}");
        }
        assert_eq!(updates(db).await, 2);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn an_xls_asking_for_an_absurd_grid_is_refused_before_it_is_read() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target) = w.commitment(db, "C-01").await;
        let progress = || french_sheets(id, target);
        // Declared: about four billion rows by 256 columns. Present: a cell in A1 and one in
        // IV65536, a grid of sixteen million cells.
        let declared = xls_with(&progress(), Some((0, 4_000_000_000, 0, 256)));
        let mut far = vec![Vec::new(); 65_536];
        far[0] = vec![t("Statut")];
        far[65_535] = vec![V::E; 255];
        far[65_535].push(V::N(1.0));
        // Declaring one cell, so that only the cells themselves give the grid away.
        let corners = xls_with(&[("Suivi", far)], Some((0, 1, 0, 1)));
        for (name, bytes, needle) in [
            ("declared.xls", declared, "declares a grid"),
            ("corners.xls", corners, "spans a grid"),
        ] {
            let result = store::commit(
                db,
                &w.focal_point,
                moh(),
                &upload(name, bytes),
                &ImportOptions::default(),
                Limits::default(),
                today(),
            )
            .await;
            match result {
                Err(ImportError::Unreadable(e)) => {
                    assert_eq!(e.file, name);
                    assert!(e.problem.contains(needle), "{name}: {e}");
                }
                other => panic!("{name}: expected a clear error, got {other:?}"),
            }
        }
        assert_eq!(updates(db).await, 0);
        // The process goes on: the same plan takes a good file at once.
        let (seen, batch) = commit(db, &w, &upload("suivi.xls", xls(&progress()))).await;
        assert!(batch.is_some(), "{:?}", seen.errors);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn the_file_as_uploaded_is_for_its_reporters_and_reviewers_only() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target) = w.commitment(db, "C-01").await;
        let bytes = french_workbook(id, target);
        let (_, batch) = commit(db, &w, &upload("suivi-juin.xlsx", bytes.clone())).await;
        let batch = batch.expect("committed");
        for reader in [&w.focal_point, &w.coordinator, &w.reviewer, &w.admin] {
            let (file, format) = store::original(db, reader, batch).await.expect("original");
            assert_eq!(file.file_name, "suivi-juin.xlsx");
            assert_eq!(file.bytes, bytes);
            assert_eq!(format, "xlsx");
        }
        for outsider in [&w.other_focal_point, &w.other_coordinator] {
            assert!(matches!(
                store::original(db, outsider, batch).await,
                Err(ImportError::Refused(Refusal::NotFound(_)))
            ));
        }
        // A reviewer reads the import but may not decide on it.
        let seen = store::staged(
            db,
            &w.reviewer,
            batch,
            &ImportOptions::default(),
            Limits::default(),
            today(),
        )
        .await
        .expect("a reviewer reads the import");
        assert!(!seen.may_decide);
        // Decided, the import shows its recorded counts; its file is not read again.
        assert!(seen.preview.is_none());
        assert_eq!(seen.batch.counts.accepted, 1);
        assert!(matches!(
            store::undo(db, &w.reviewer, batch, today()).await,
            Err(app::refusal::WriteError::Refused(Refusal::Forbidden(_)))
        ));
        test_db.finish().await;
    }
}
