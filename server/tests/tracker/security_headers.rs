//! Security headers on every kind of answer, and a page's Content-Security-Policy naming the
//! nonce its inline scripts carry, also when the page comes from the page cache.

use axum::http::{header, StatusCode};

use crate::common::{
    self,
    http::{app_for, get, get_with, sign_in, Reply},
};
use crate::world::{self, PASSWORD};

fn header_of(reply: &Reply, name: header::HeaderName) -> &str {
    reply
        .headers
        .get(&name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{name} is missing"))
}

/// The headers every answer carries; returns its policy.
fn common_headers(reply: &Reply) -> &str {
    assert_eq!(header_of(reply, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(
        header_of(reply, header::REFERRER_POLICY),
        "strict-origin-when-cross-origin"
    );
    assert_eq!(header_of(reply, header::X_FRAME_OPTIONS), "DENY");
    let policy = header_of(reply, header::CONTENT_SECURITY_POLICY);
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    policy
}

/// Checks that the page's policy allows its inline scripts by their nonce and the WebAssembly
/// that hydrates it, and returns that nonce.
fn page_nonce(reply: &Reply) -> String {
    let policy = common_headers(reply);
    let start = policy.find("'nonce-").expect("a nonce in the policy") + "'nonce-".len();
    let nonce = &policy[start..start + policy[start..].find('\'').expect("end of the nonce")];
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    let scripts = reply.body.matches("<script").count();
    assert!(scripts > 0, "a page with hydration scripts");
    assert_eq!(
        reply
            .body
            .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
            .count()
            + reply
                .body
                .matches(&format!("<script nonce=\"{nonce}\""))
                .count(),
        scripts,
        "every inline script carries the nonce of the policy"
    );
    nonce.to_owned()
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        w.publish(db).await;
        let app = app_for(db);

        // A public page, drawn then served from the page cache: the kept copy keeps the
        // policy that names its own nonce.
        let page = get(&app, "/countries/KEN").await;
        assert_eq!(page.status, StatusCode::OK, "{}", test_db.backend);
        let nonce = page_nonce(&page);
        let kept = get(&app, "/countries/KEN").await;
        assert_eq!(page_nonce(&kept), nonce, "the same page, the same nonce");
        // Another page is another document, with a nonce of its own.
        assert_ne!(page_nonce(&get(&app, "/coverage").await), nonce);

        // Pages drawn for one reader are never kept: a new nonce every time.
        let cookie = sign_in(&app, "coordinator@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let first = page_nonce(&get_with(&app, "/my", &cookie).await);
        let second = page_nonce(&get_with(&app, "/my", &cookie).await);
        assert_ne!(first, second);

        // The "not found" page is a page too.
        let missing = get(&app, "/no-such-page").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        page_nonce(&missing);

        // The API, downloads and health check: nothing may run in them.
        for uri in [
            "/api/v1/recommendations",
            "/api/v1/recommendations/NOPE-1",
            "/data/commitments.csv",
            "/healthz",
        ] {
            let reply = get(&app, uri).await;
            let policy = common_headers(&reply);
            assert!(
                policy.starts_with("default-src 'none'") && policy.ends_with("sandbox"),
                "{uri}: {policy}"
            );
        }
        test_db.finish().await;
    }
}
