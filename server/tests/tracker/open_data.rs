//! Downloads of the public commitments and their updates: what each file holds, that it reads
//! back through the importer's own reader, and that a formula typed as text never runs in a
//! spreadsheet.

use app::open_data::{COLUMNS, UPDATE_COLUMNS};
use app::plans::authoring::{self, CommitmentInput};
use app::progress::{self, Source, UpdateInput};
use app::spreadsheets::{self, Limits, Sheet};
use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::common::{
    self,
    http::{app_for, get, send},
};
use crate::world::{self, commitment_input, today, update};

const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"Click\")";

fn sheet_of(name: &str, bytes: &[u8]) -> Sheet {
    let book = spreadsheets::read(name, bytes, &Limits::default()).expect("reads back");
    book.sheets.into_iter().next().expect("one sheet")
}

fn texts(sheet: &Sheet, row: usize) -> Vec<String> {
    sheet.rows[row].cells.iter().map(|c| c.shown()).collect()
}

#[tokio::test]
async fn downloads_hold_the_published_commitments_with_formulas_neutralised() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        w.commitment(db, "C-01").await;
        authoring::create_commitment(
            db,
            &w.coordinator,
            w.plan_id,
            CommitmentInput {
                title: FORMULA.into(),
                ..commitment_input("C-02")
            },
        )
        .await
        .expect("second commitment");
        let app = app_for(db);
        let names: Vec<String> = COLUMNS.iter().map(|(n, _)| (*n).to_owned()).collect();

        let draft = get(&app, "/data/commitments.csv").await;
        assert_eq!(draft.status, StatusCode::OK);
        assert_eq!(
            sheet_of("d.csv", draft.body.as_bytes()).rows.len(),
            1,
            "a draft is not public"
        );

        w.publish(db).await;
        let csv = get(&app, "/data/commitments.csv?country=ken").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.content_type, "text/csv; charset=utf-8");
        assert_eq!(
            csv.headers["content-disposition"],
            r#"attachment; filename="nap-commitments-KEN.csv"; filename*=UTF-8''nap-commitments-KEN.csv"#
        );
        let sheet = sheet_of("k.csv", csv.body.as_bytes());
        assert_eq!(texts(&sheet, 0), names);
        assert_eq!(sheet.rows.len(), 3);
        let title = names
            .iter()
            .position(|n| n == "title")
            .expect("title column");
        assert_eq!(
            texts(&sheet, 1)[title],
            "Health insurance for informal workers"
        );
        assert_eq!(texts(&sheet, 2)[title], format!("'{FORMULA}"));
        let recommendations = names
            .iter()
            .position(|n| n == "recommendations")
            .expect("column");
        assert_eq!(texts(&sheet, 1)[recommendations], "SEC-1 SPR-2");

        let xlsx = get(&app, "/data/commitments.xlsx?recommendation=spr-2").await;
        assert_eq!(xlsx.status, StatusCode::OK);
        assert!(xlsx
            .content_type
            .starts_with("application/vnd.openxmlformats"));
        let book = spreadsheets::read("r.xlsx", &xlsx.bytes, &Limits::default()).expect("xlsx");
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "Commitments");
        assert_eq!(texts(sheet, 0), names);
        assert_eq!(texts(sheet, 2)[title], format!("'{FORMULA}"));

        let json = get(&app, "/data/commitments.json").await;
        let list: serde_json::Value = serde_json::from_str(&json.body).expect("json");
        let list = list.as_array().expect("an array");
        assert_eq!(list.len(), 2);
        assert_eq!(list[1]["title"], FORMULA, "JSON keeps the text as typed");
        assert_eq!(
            list[0]["percent_complete"],
            serde_json::Value::Null,
            "unknown, not 0"
        );
        assert_eq!(list[0]["overdue"], false);

        // Conditional requests: the same body keeps its tag and is not sent again; a change
        // of the data changes the tag.
        for uri in ["/data/commitments.csv?country=KEN", "/api/v1/countries"] {
            let first = get(&app, uri).await;
            let tag = first.headers["etag"].to_str().expect("etag").to_owned();
            assert_eq!(get(&app, uri).await.headers["etag"], tag.as_str(), "{uri}");
            let again = send(
                &app,
                Request::get(uri)
                    .header("if-none-match", &tag)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
            assert!(again.bytes.is_empty());
            let other = send(
                &app,
                Request::get(uri)
                    .header("if-none-match", "\"something-else\"")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
            assert_eq!(other.status, StatusCode::OK);
            // The date of the newest change: asked since then, nothing is sent; asked since
            // a day before, everything is.
            let date = first.headers["last-modified"]
                .to_str()
                .expect("last-modified")
                .to_owned();
            let changed = chrono::DateTime::parse_from_rfc2822(&date).expect("an HTTP date");
            for (since, status) in [
                (date.clone(), StatusCode::NOT_MODIFIED),
                (
                    (changed - chrono::Duration::days(1))
                        .format("%a, %d %b %Y %H:%M:%S GMT")
                        .to_string(),
                    StatusCode::OK,
                ),
                ("not a date".to_owned(), StatusCode::OK),
            ] {
                let asked = send(
                    &app,
                    Request::get(uri)
                        .header("if-modified-since", &since)
                        .body(Body::empty())
                        .expect("request"),
                )
                .await;
                assert_eq!(asked.status, status, "{uri} since {since}");
            }
            // If-None-Match decides alone when both are sent.
            let both = send(
                &app,
                Request::get(uri)
                    .header("if-none-match", "\"something-else\"")
                    .header("if-modified-since", &date)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
            assert_eq!(both.status, StatusCode::OK, "{uri}");
        }
        let before = get(&app, "/data/commitments.json").await.headers["etag"].clone();
        let dated = get(&app, "/data/commitments.json").await.headers["last-modified"].clone();
        // HTTP dates count whole seconds: the next change must fall in a later one.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        w.commitment(db, "C-03").await;
        let after = get(&app, "/data/commitments.json").await;
        assert_ne!(before, after.headers["etag"], "new data, new tag");
        let since = send(
            &app,
            Request::get("/data/commitments.json")
                .header("if-modified-since", dated)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(since.status, StatusCode::OK, "changed since that date");

        let none = get(&app, "/data/commitments.csv?recommendation=POL-1").await;
        assert_eq!(sheet_of("p.csv", none.body.as_bytes()).rows.len(), 1);
        for (uri, status) in [
            (
                "/data/commitments.csv?recommendation=XYZ-9",
                StatusCode::NOT_FOUND,
            ),
            ("/data/commitments.csv?country=ZZZ", StatusCode::NOT_FOUND),
            (
                "/data/commitments.csv?country=KEN&recommendation=SPR-2",
                StatusCode::BAD_REQUEST,
            ),
            ("/data/everything.csv", StatusCode::NOT_FOUND),
        ] {
            assert_eq!(get(&app, uri).await.status, status, "{uri}");
        }

        let page = get(&app, "/open-data").await;
        assert_eq!(page.status, StatusCode::OK);
        for expected in [
            "percent_complete",
            r#"href="/data/commitments.xlsx""#,
            "leading apostrophe",
        ] {
            assert!(
                page.body.contains(expected),
                "open data page shows {expected:?}"
            );
        }
        let kenya = get(&app, "/countries/KEN").await;
        assert!(kenya
            .body
            .contains(r#"href="/data/commitments.csv?country=KEN""#));
        test_db.finish().await;
    }
}

#[tokio::test]
async fn progress_updates_download_in_every_format_with_formulas_neutralised() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        for (narrative, percent) in [("First quarter done", Some(20.0)), (FORMULA, None)] {
            progress::store::record(
                db,
                &w.focal_point,
                id,
                UpdateInput {
                    narrative: Some(narrative.into()),
                    ..update("limited", percent)
                },
                Source::Form,
                today(),
            )
            .await
            .expect("update");
        }
        let app = app_for(db);
        let names: Vec<String> = UPDATE_COLUMNS
            .iter()
            .map(|(n, _)| (*n).to_owned())
            .collect();
        let column = |name: &str| names.iter().position(|n| n == name).expect("column");

        let csv = get(&app, "/data/updates.csv?country=KEN").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(
            csv.headers["content-disposition"],
            r#"attachment; filename="nap-updates-KEN.csv"; filename*=UTF-8''nap-updates-KEN.csv"#
        );
        let sheet = sheet_of("u.csv", csv.body.as_bytes());
        assert_eq!(texts(&sheet, 0), names);
        assert_eq!(sheet.rows.len(), 3, "two updates, oldest first");
        let first = texts(&sheet, 1);
        assert_eq!(first[column("commitment_id")], id.to_string());
        assert_eq!(first[column("narrative")], "First quarter done");
        assert_eq!(first[column("percent_complete")], "20");
        assert_eq!(first[column("status")], "limited");
        assert_eq!(first[column("source")], "form");
        assert_eq!(
            first[column("evidence_urls")],
            "https://health.go.example/report-2026.pdf"
        );
        let second = texts(&sheet, 2);
        assert_eq!(second[column("narrative")], format!("'{FORMULA}"));
        assert_eq!(second[column("percent_complete")], "", "unknown, not 0");

        let xlsx = get(&app, "/data/updates.xlsx?recommendation=SPR-2").await;
        let book = spreadsheets::read("u.xlsx", &xlsx.bytes, &Limits::default()).expect("xlsx");
        assert_eq!(book.sheets[0].name, "Updates");
        assert_eq!(texts(&book.sheets[0], 0), names);
        assert_eq!(
            texts(&book.sheets[0], 2)[column("narrative")],
            format!("'{FORMULA}")
        );

        let json = get(&app, "/data/updates.json").await;
        let list: serde_json::Value = serde_json::from_str(&json.body).expect("json");
        assert_eq!(list.as_array().map(Vec::len), Some(2));
        assert_eq!(
            list[1]["narrative"], FORMULA,
            "JSON keeps the text as typed"
        );
        assert_eq!(list[1]["percent_complete"], serde_json::Value::Null);

        assert_eq!(
            get(&app, "/data/updates.csv?country=ZZZ").await.status,
            StatusCode::NOT_FOUND
        );
        let kenya = get(&app, "/countries/KEN").await;
        assert!(kenya
            .body
            .contains(r#"href="/data/updates.csv?country=KEN""#));
        test_db.finish().await;
    }
}
