//! The API for plans and progress: public reading of published plans, and progress reported
//! with an API token, refused with the right status and a JSON message when it must be.

use axum::http::{header, StatusCode};
use serde_json::json;

use crate::common::{
    self,
    http::{app_for, get, json, post_json},
};
use crate::world::{self, token_for};

#[tokio::test]
async fn published_plans_are_open_data() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let app = app_for(db);

        // Still a draft: counted nowhere, found nowhere.
        assert_eq!(
            json(&get(&app, "/api/v1/countries").await)[1]["commitments"],
            0
        );
        assert_eq!(
            get(&app, &format!("/api/v1/commitments/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            json(&get(&app, "/api/v1/countries/KEN/commitments").await),
            json!([])
        );

        w.publish(db).await;
        let countries = json(&get(&app, "/api/v1/countries").await);
        assert_eq!(
            countries,
            json!([
                {"iso3": "FIN", "name": "Finland", "region": "europe", "commitments": 0},
                {"iso3": "KEN", "name": "Kenya", "region": "africa", "commitments": 1},
            ])
        );
        let list = json(&get(&app, "/api/v1/countries/ken/commitments").await);
        let c = &list[0];
        assert_eq!(c["id"], id, "{}", test_db.backend);
        assert_eq!(c["title"], "Health insurance for informal workers");
        assert_eq!(c["recommendations"], json!(["SEC-1", "SPR-2"]));
        assert_eq!(
            c["lead_owner"],
            json!({"code": "MOH", "name": "Ministry of Health"})
        );
        assert_eq!(
            c["supporting_owners"],
            json!([{"code": "MOE", "name": "Ministry of Education"}])
        );
        assert_eq!(c["start_date"], "2026-01-01");
        assert_eq!(c["end_date"], "2027-06-30");
        assert_eq!(c["status"], "not_started");
        assert_eq!(c["percent_complete"], json!(null));
        assert_eq!(c["overdue"], false);
        assert_eq!(c["targets"][0]["indicator"], "Informal workers insured");
        assert_eq!(c["targets"][0]["target_value"], 40.0);

        let one = json(&get(&app, &format!("/api/v1/commitments/{id}")).await);
        assert_eq!(one["reference"], "C-01");
        assert_eq!(one["updates"], json!([]));
        let missing = get(&app, "/api/v1/countries/ZZZ/commitments").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(json(&missing)["error"]
            .as_str()
            .is_some_and(|e| e.contains("ZZZ")));
        test_db.finish().await;
    }
}

#[tokio::test]
async fn progress_reported_with_a_token_is_checked_and_stored() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target_id) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let uri = format!("/api/v1/commitments/{id}/updates");
        let body = json!({
            "reporting_date": "2026-10-31",
            "status": "limited",
            "percent_complete": 25,
            "narrative": "Pilot counties enrolled.",
            "evidence_urls": ["https://health.go.example/pilot.pdf"],
            "indicator_values": [{"target_id": target_id, "value": 16.5}],
            "version": 1,
        });

        let anonymous = post_json(&app, &uri, None, &body).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            anonymous
                .headers
                .get(header::WWW_AUTHENTICATE)
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );
        assert!(json(&anonymous)["error"]
            .as_str()
            .is_some_and(|e| e.contains("API token")));
        let forged = post_json(&app, &uri, Some("napt_not-a-token"), &body).await;
        assert_eq!(forged.status, StatusCode::UNAUTHORIZED);

        let other = token_for(db, &w.other_focal_point).await;
        let refused = post_json(&app, &uri, Some(&other), &body).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(json(&refused)["error"]
            .as_str()
            .is_some_and(|e| e.contains("led by another ministry")));

        let token = token_for(db, &w.focal_point).await;
        let invalid = post_json(
            &app,
            &uri,
            Some(&token),
            &json!({"status": "fini", "percent_complete": 140}),
        )
        .await;
        assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = json(&invalid)["fields"].clone();
        assert_eq!(fields[0]["field"], "status");
        assert_eq!(fields[1]["field"], "percent_complete");
        let not_json = post_json(&app, &uri, Some(&token), &json!({"percent_complete": 10})).await;
        assert_eq!(
            not_json.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "status is required"
        );

        let created = post_json(&app, &uri, Some(&token), &body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let stored = json(&created);
        assert_eq!(stored["status"], "limited");
        assert_eq!(stored["source"], "api");
        assert_eq!(stored["author"], "health@ken.example.org");

        let stale = post_json(&app, &uri, Some(&token), &body).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(json(&stale)["current_version"], 2);

        // The focal point reads the draft with the token; the public does not.
        let seen = json(
            &common::http::get_with_token(&app, &format!("/api/v1/commitments/{id}"), &token).await,
        );
        assert_eq!(
            seen["updates"][0]["indicator_values"],
            json!([{"target_id": target_id, "value": 16.5}])
        );
        assert_eq!(seen["percent_complete"], 25);
        assert_eq!(seen["version"], 2);
        test_db.finish().await;
    }
}

/// The API write, by each role, inside and outside its scope.
#[tokio::test]
async fn permission_matrix_of_the_progress_api() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let expected = [
            (&w.admin, StatusCode::FORBIDDEN),
            (&w.coordinator, StatusCode::CREATED),
            (&w.other_coordinator, StatusCode::FORBIDDEN),
            (&w.focal_point, StatusCode::CREATED),
            (&w.other_focal_point, StatusCode::FORBIDDEN),
            (&w.reviewer, StatusCode::FORBIDDEN),
        ];
        for (actor, status) in expected {
            let token = token_for(db, actor).await;
            let reply = post_json(
                &app,
                &format!("/api/v1/commitments/{id}/updates"),
                Some(&token),
                &json!({"status": "limited"}),
            )
            .await;
            assert_eq!(reply.status, status, "{actor:?}: {}", reply.body);
        }
        test_db.finish().await;
    }
}
