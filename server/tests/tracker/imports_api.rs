//! `POST /api/v1/imports`: the import for ministries' own systems, with the same checks and
//! the same report as the preview page.

use app::spreadsheets::Limits;
use axum::http::StatusCode;

use crate::common::{
    self,
    http::{app_for, app_with_limits, json, post_file},
};
use crate::sheets;
use crate::world::{self, token_for};

#[tokio::test]
async fn a_ministry_system_imports_with_a_token_and_gets_every_error() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let token = token_for(db, &w.focal_point).await;
        let (id, target) = (id.to_string(), target.to_string());
        let good = sheets::csv(
            &[
                vec![
                    "Commitment ID",
                    "Target ID",
                    "Status",
                    "% complete",
                    "Indicator value",
                ],
                vec![&id, &target, "substantial", "60", "31.5"],
            ],
            ',',
            false,
        );
        let bad = sheets::csv(
            &[vec!["Commitment ID", "Status"], vec![&id, "fini"]],
            ',',
            false,
        );

        let dry = post_file(
            &app,
            "/api/v1/imports?owner=MOH&dry_run=true",
            Some(&token),
            "p.csv",
            &good,
        )
        .await;
        assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
        let dry = json(&dry);
        assert_eq!(
            (dry["accepted"].as_u64(), dry["batch"].is_null()),
            (Some(1), true)
        );

        let refused = post_file(
            &app,
            "/api/v1/imports?owner=MOH",
            Some(&token),
            "p.csv",
            &bad,
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let refused = json(&refused);
        assert_eq!(refused["errors"][0]["row"], 2);
        assert_eq!(refused["errors"][0]["column"], "B 'Status'");
        assert!(refused["batch"].is_null());

        let done = post_file(
            &app,
            "/api/v1/imports?owner=MOH&country=KEN",
            Some(&token),
            "p.csv",
            &good,
        )
        .await;
        assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
        assert!(json(&done)["batch"].as_i64().is_some());
        let again = json(
            &post_file(
                &app,
                "/api/v1/imports?owner=MOH",
                Some(&token),
                "p.csv",
                &good,
            )
            .await,
        );
        assert_eq!(
            (again["accepted"].as_u64(), again["unchanged"].as_u64()),
            (Some(0), Some(1))
        );

        let anonymous = post_file(&app, "/api/v1/imports?owner=MOH", None, "p.csv", &good).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        let education = token_for(db, &w.other_focal_point).await;
        let other = post_file(
            &app,
            "/api/v1/imports?owner=MOH&country=KEN",
            Some(&education),
            "p.csv",
            &good,
        )
        .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);
        let unreadable = post_file(
            &app,
            "/api/v1/imports?owner=MOH",
            Some(&token),
            "p.xlsx",
            &good,
        )
        .await;
        assert_eq!(unreadable.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(json(&unreadable)["error"]
            .as_str()
            .unwrap_or_default()
            .contains("p.xlsx: the file is named as an Excel workbook"));

        // A body far over the limit is stopped with 413; the server goes on serving.
        let small = app_with_limits(
            db,
            Limits {
                max_bytes: 1024,
                max_rows: 10,
            },
        );
        let huge = vec![b'a'; 200 * 1024];
        let stopped = post_file(
            &small,
            "/api/v1/imports?owner=MOH",
            Some(&token),
            "p.csv",
            &huge,
        )
        .await;
        assert_eq!(
            stopped.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            stopped.body
        );
        let after = post_file(
            &small,
            "/api/v1/imports?owner=MOH&dry_run=true",
            Some(&token),
            "p.csv",
            &good,
        )
        .await;
        assert_eq!(after.status, StatusCode::OK);
        test_db.finish().await;
    }
}
