//! Cross-site request forgery: a state-changing request with the session cookie must come
//! from the site itself (Origin, or Referer without it); API requests with a token are free.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use serde_json::json;

use crate::common::{
    self,
    http::{app_for, form_action, get_with, send, sign_in, Reply, HOST, ORIGIN},
};
use crate::world::{self, token_for, PASSWORD};

/// Posts the sign-out form with the cookie and exactly the given source headers.
async fn sign_out_with(app: &Router, cookie: &str, source: &[(header::HeaderName, &str)]) -> Reply {
    let my = get_with(app, "/my", cookie).await;
    let mut request = Request::post(form_action(&my.body, "/api/sign_out"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie);
    for (name, value) in source {
        request = request.header(name, *value);
    }
    send(app, request.body(Body::empty()).expect("request")).await
}

async fn still_signed_in(app: &Router, cookie: &str) -> bool {
    get_with(app, "/my", cookie)
        .await
        .body
        .contains("health@ken.example.org")
}

#[tokio::test]
async fn only_the_site_itself_changes_things_with_the_session_cookie() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        let cookie = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");

        for source in [
            vec![(header::ORIGIN, "https://evil.example")],
            vec![(header::REFERER, "https://evil.example/page")],
            // Neither: refused, since a forging page can suppress Referer (see csrf.rs).
            vec![],
        ] {
            let refused = sign_out_with(&app, &cookie, &source).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{source:?}");
            assert!(
                refused.body.contains("came from another site"),
                "{}",
                refused.body
            );
            assert!(still_signed_in(&app, &cookie).await, "{source:?}");
        }

        // From the site, by Referer alone (a browser that sends no Origin), it works.
        let referer = format!("{ORIGIN}/my");
        let done = sign_out_with(&app, &cookie, &[(header::REFERER, &referer)]).await;
        assert!(done.status.is_redirection() || done.status.is_success());
        assert!(!still_signed_in(&app, &cookie).await);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn api_writes_with_a_token_need_no_origin() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let token = token_for(db, &w.focal_point).await;
        let app = app_for(db);
        let request = Request::post(format!("/api/v1/commitments/{id}/updates"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ORIGIN, "https://ministry-system.example")
            .body(Body::from(
                json!({"status": "limited", "version": 1}).to_string(),
            ))
            .expect("request");
        let reply = send(&app, request).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        test_db.finish().await;
    }
}
