//! The HTTP application end to end, without a browser: open-data API, health check and
//! server-rendered pages (what a reader without JavaScript receives).

use crate::common::{
    self,
    http::{app_for, get, json},
};

use axum::http::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn lists_all_recommendations_as_json() {
    for test_db in common::migrated_databases().await {
        let app = app_for(&test_db.db);
        let reply = get(&app, "/api/v1/recommendations").await;
        assert_eq!(reply.status, StatusCode::OK);
        let all = json(&reply);
        let all = all.as_array().expect("an array");
        assert_eq!(all.len(), 100, "{}", test_db.backend);
        assert_eq!(all[0]["code"], "POL-1");
        assert_eq!(all[99]["code"], "INT-11");
        assert_eq!(
            all[99]["text"],
            "Establish a UN focal point on social integration."
        );
        let sec1 = all.iter().find(|r| r["code"] == "SEC-1").expect("SEC-1");
        assert_eq!(sec1["group_code"], "SEC");
        assert_eq!(sec1["group_name"], "Socio-economic dimensions");
        assert_eq!(sec1["number"], 1);
        assert_eq!(sec1["subitems"].as_array().map(Vec::len), Some(3));
        assert_eq!(
            sec1["subitems"][2],
            "promotion of small and medium-size enterprises"
        );
        assert_eq!(reply.headers["x-total-count"], "100");

        // Walking pages: the last of four pages of 30 holds the last 10.
        let last = get(&app, "/api/v1/recommendations?page=4&per_page=30").await;
        assert_eq!(last.status, StatusCode::OK);
        let page = json(&last);
        let page = page.as_array().expect("an array");
        assert_eq!(page.len(), 10);
        assert_eq!(page[9]["code"], "INT-11");
        let links = last.headers["link"].to_str().expect("link");
        assert!(links.contains(r#"</api/v1/recommendations?page=3&per_page=30>; rel="prev""#));
        assert!(!links.contains(r#"rel="next""#), "{links}");
        for bad in ["page=0", "per_page=5000", "page=two"] {
            let refused = get(&app, &format!("/api/v1/recommendations?{bad}")).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
            let message = json(&refused)["error"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert!(message.contains("must be a whole number"), "{message}");
        }
        test_db.finish().await;
    }
}

#[tokio::test]
async fn returns_one_recommendation_by_code_in_any_case() {
    for test_db in common::migrated_databases().await {
        let app = app_for(&test_db.db);
        for uri in [
            "/api/v1/recommendations/MEV-5",
            "/api/v1/recommendations/mev-5",
        ] {
            let reply = get(&app, uri).await;
            assert_eq!(reply.status, StatusCode::OK, "{uri}");
            let r = json(&reply);
            assert_eq!(r["code"], "MEV-5");
            assert_eq!(r["group_name"], "Monitoring and evaluation");
            assert_eq!(
                r["text"],
                "Use disaggregated data for monitoring inclusive policies, based on gender, age, ethnicity, location and other specific categories of social exclusion."
            );
            assert_eq!(r["subitems"], Value::Array(vec![]));
        }
        test_db.finish().await;
    }
}

#[tokio::test]
async fn unknown_codes_and_endpoints_answer_404_with_a_json_error() {
    for test_db in common::migrated_databases().await {
        let app = app_for(&test_db.db);
        for uri in [
            "/api/v1/recommendations/XYZ-1",
            "/api/v1/recommendations/POL-10",
            "/api/v1/nothing-here",
        ] {
            let reply = get(&app, uri).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
            let error = json(&reply);
            assert!(
                error["error"].as_str().is_some_and(|m| !m.is_empty()),
                "{uri}: {error}"
            );
        }
        let reply = get(&app, "/api/v1/recommendations/POL-10").await;
        assert!(json(&reply)["error"]
            .as_str()
            .unwrap_or_default()
            .contains("POL-10"));
        test_db.finish().await;
    }
}

#[tokio::test]
async fn health_check_follows_the_database() {
    for test_db in common::migrated_databases().await {
        let app = app_for(&test_db.db);
        let reply = get(&app, "/healthz").await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::OK, "ok"),
            "{}",
            test_db.backend
        );
        test_db.db.clone().close().await.expect("close the pool");
        let reply = get(&app, "/healthz").await;
        assert_eq!(
            reply.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            test_db.backend
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn pages_are_rendered_on_the_server() {
    for test_db in common::migrated_databases().await {
        let app = app_for(&test_db.db);

        let home = get(&app, "/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home
            .body
            .contains("Tracking national action on social integration"));
        assert!(
            home.body.contains("href=\"/groups/MEV\""),
            "home links to every group"
        );

        let detail = get(&app, "/recommendations/MEV-5").await;
        assert_eq!(detail.status, StatusCode::OK);
        assert!(detail
            .body
            .contains("Use disaggregated data for monitoring inclusive policies"));
        assert!(detail.body.contains("<title>MEV-5"), "title names the code");
        assert!(
            detail
                .body
                .contains("href=\"/recommendations/MEV-4\" rel=\"prev\"")
                && detail
                    .body
                    .contains("href=\"/recommendations/MEV-6\" rel=\"next\""),
            "the page links to its neighbours"
        );

        let group = get(&app, "/groups/SEC").await;
        assert_eq!(group.status, StatusCode::OK);
        assert!(group
            .body
            .contains("identify, support and remunerate the family based unit"));
        assert_eq!(
            group.body.matches("class=\"recommendation-item\"").count(),
            10
        );

        let search = get(&app, "/recommendations?q=disaggregated").await;
        assert_eq!(search.status, StatusCode::OK);
        assert!(search.body.contains("href=\"/recommendations/MEV-5\""));
        assert!(
            !search.body.contains("href=\"/recommendations/POL-1\""),
            "search filters on the server"
        );

        for missing in ["/recommendations/MEV-99", "/groups/XYZ", "/no/such/page"] {
            let reply = get(&app, missing).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{missing}");
            assert!(reply.body.contains("Page not found"), "{missing}");
        }
        test_db.finish().await;
    }
}
