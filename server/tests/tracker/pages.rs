//! The public plan pages as a reader without JavaScript receives them.

use app::progress::{self, Source};
use axum::http::StatusCode;

use crate::common::{
    self,
    http::{app_for, get},
};
use crate::world::{self, today, update};

#[tokio::test]
async fn countries_country_and_commitment_pages_show_the_published_plan() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        progress::store::record(
            db,
            &w.focal_point,
            id,
            update("substantial", Some(60.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("update");
        let app = app_for(db);
        let draft = get(&app, &format!("/commitments/{id}")).await;
        assert_eq!(draft.status, StatusCode::NOT_FOUND, "a draft is not public");

        w.publish(db).await;
        let countries = get(&app, "/countries").await;
        assert_eq!(countries.status, StatusCode::OK);
        assert!(
            countries.body.contains(r#"href="/countries/KEN""#),
            "{}",
            countries.body
        );

        let kenya = get(&app, "/countries/ken").await;
        assert_eq!(kenya.status, StatusCode::OK);
        for expected in [
            "National Action Plan on Social Integration 2026-2030",
            "Social protection (1)",
            "Socio-economic dimensions (1)",
            "Health insurance for informal workers",
            "Substantial progress",
        ] {
            assert!(
                kenya.body.contains(expected),
                "country page shows {expected:?}"
            );
        }
        assert!(
            !kenya.body.contains("Demonstration data"),
            "no demo, no banner"
        );

        let page = get(&app, &format!("/commitments/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        for expected in [
            "Health insurance for informal workers",
            "60 %",
            "Informal workers insured",
            "substantial so far",
            "https://health.go.example/report-2026.pdf",
            "self-reported, awaiting review",
            r#"href="/recommendations/SPR-2""#,
        ] {
            assert!(
                page.body.contains(expected),
                "commitment page shows {expected:?}"
            );
        }
        let recommendation = get(&app, "/recommendations/SPR-2").await;
        assert!(
            recommendation
                .body
                .contains(&format!(r#"href="/commitments/{id}""#)),
            "SPR-2 lists the commitment"
        );
        assert_eq!(
            get(&app, "/countries/ZZZ").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(&app, "/commitments/not-a-number").await.status,
            StatusCode::NOT_FOUND
        );
        test_db.finish().await;
    }
}
