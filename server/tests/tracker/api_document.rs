//! The OpenAPI document and the API page drawn from it: every endpoint is described, and the
//! described shapes are the ones the API really answers with.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::{
    self,
    http::{app_for, get, json},
};
use crate::world;

/// The property names of a schema of the document, following `allOf` (a flattened type).
fn properties(doc: &Value, name: &str) -> BTreeSet<String> {
    let schema = &doc["components"]["schemas"][name];
    let mut names: BTreeSet<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        if let Some(reference) = part["$ref"].as_str() {
            let inner = reference.trim_start_matches("#/components/schemas/");
            names.extend(properties(doc, inner));
        }
        if let Some(own) = part["properties"].as_object() {
            names.extend(own.keys().cloned());
        }
    }
    names
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_document_describes_every_endpoint_as_it_answers() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        app::progress::store::record(
            db,
            &w.focal_point,
            id,
            world::update("limited", Some(20.0)),
            app::progress::Source::Form,
            world::today(),
        )
        .await
        .expect("recorded");
        let now = chrono::Utc::now();
        let cycle = app::cycles::manage::open(db, &w.admin, "CSocD 65", now)
            .await
            .expect("opened");
        app::cycles::manage::close(db, &w.admin, cycle.id, now)
            .await
            .expect("closed");
        let app = app_for(db);

        let reply = get(&app, "/api/openapi.json").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.content_type, "application/json");
        let doc = json(&reply);
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
        let operations: BTreeSet<String> = doc["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .expect("a path item")
                    .keys()
                    .map(move |method| format!("{} {path}", method.to_uppercase()))
            })
            .collect();
        let expected: BTreeSet<String> = [
            "GET /api/v1/recommendations",
            "GET /api/v1/recommendations/{code}",
            "GET /api/v1/countries",
            "GET /api/v1/countries/{iso3}/commitments",
            "GET /api/v1/commitments/{id}",
            "POST /api/v1/commitments/{id}/updates",
            "POST /api/v1/imports",
            "GET /api/v1/commitments/{id}/reviews",
            "GET /api/v1/commitments/{id}/assessments",
            "GET /api/v1/cycles",
            "GET /api/v1/cycles/{id}",
            "GET /api/v1/cycles/{id}/commitments",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(operations, expected);
        assert_eq!(
            doc["components"]["securitySchemes"]["token"]["scheme"],
            "bearer"
        );
        assert_eq!(
            doc["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"]
                ["multipart/form-data"]["schema"]["required"][0],
            "file"
        );

        // What the document promises is what the API sends.
        let recommendation = json(&get(&app, "/api/v1/recommendations/SPR-2").await);
        assert_eq!(properties(&doc, "Recommendation"), keys(&recommendation));
        let country = &json(&get(&app, "/api/v1/countries").await)[1];
        assert_eq!(properties(&doc, "CountrySummary"), keys(country));
        let listed = &json(&get(&app, "/api/v1/countries/KEN/commitments").await)[0];
        assert_eq!(properties(&doc, "Commitment"), keys(listed));
        assert_eq!(properties(&doc, "Target"), keys(&listed["targets"][0]));
        let detail = json(&get(&app, &format!("/api/v1/commitments/{id}")).await);
        assert_eq!(properties(&doc, "CommitmentDetail"), keys(&detail));
        let reviews = json(&get(&app, &format!("/api/v1/commitments/{id}/reviews")).await);
        assert_eq!(properties(&doc, "ReviewRecord"), keys(&reviews[0]));
        let judged = json(&get(&app, &format!("/api/v1/commitments/{id}/assessments")).await);
        assert_eq!(properties(&doc, "Assessments"), keys(&judged));
        let cycles = json(&get(&app, "/api/v1/cycles").await);
        assert_eq!(properties(&doc, "Cycle"), keys(&cycles[0]));
        let view = json(&get(&app, &format!("/api/v1/cycles/{}", cycle.id)).await);
        assert_eq!(properties(&doc, "CycleView"), keys(&view));
        assert_eq!(
            properties(&doc, "CountryTally"),
            keys(&view["countries"][0])
        );
        let kept = json(&get(&app, &format!("/api/v1/cycles/{}/commitments", cycle.id)).await);
        assert_eq!(properties(&doc, "CommitmentDetail"), keys(&kept[0]));
        assert_eq!(
            doc["components"]["schemas"]["Status"]["enum"],
            serde_json::json!([
                "not_started",
                "limited",
                "substantial",
                "complete",
                "withdrawn"
            ])
        );

        // The page for people lists the same endpoints, and who may call them.
        let page = get(&app, "/api").await;
        assert_eq!(page.status, StatusCode::OK);
        for operation in &expected {
            let (method, path) = operation.split_once(' ').expect("method and path");
            assert!(
                page.body.contains(&format!("<code>{method} {path}</code>")),
                "the API page lists {operation}"
            );
        }
        assert!(page.body.contains(r#"href="/api/openapi.json""#));
        assert_eq!(page.body.matches("Needs an API token.").count(), 2);
        assert!(page.body.contains("Open to anyone."));
        test_db.finish().await;
    }
}
