//! Rate limits per client address: sign-in posts and API-token requests beyond the limit get
//! 429 with Retry-After; other requests and other addresses are not held back.

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Request, StatusCode},
    Router,
};
use server::config::{Rate, RateLimits};

use crate::common::{
    self,
    http::{app_with_rate_limits, form_action, get, send, sign_in_attempt, Reply},
};
use crate::world::{self, token_for};

/// A sign-in post from `peer`, as the server sees it when the connection comes from there.
async fn sign_in_from(app: &Router, action: &str, peer: &str) -> Reply {
    let peer: SocketAddr = peer.parse().expect("an address");
    let request = Request::post(action)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .extension(ConnectInfo(peer))
        .body(Body::from(
            "email=nobody%40ken.example.org&password=guess&next=",
        ))
        .expect("request");
    send(app, request).await
}

fn retry_after(reply: &Reply) -> u64 {
    reply
        .headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds")
}

#[tokio::test]
async fn sign_ins_beyond_the_burst_are_refused_per_address() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let limits = RateLimits {
            sign_in: Rate::new(1, 3),
            ..RateLimits::default()
        };
        let app = app_with_rate_limits(db, limits);
        for n in 1..=3 {
            let reply = sign_in_attempt(&app, "nobody@ken.example.org", "guess").await;
            assert_ne!(reply.status, StatusCode::TOO_MANY_REQUESTS, "attempt {n}");
        }
        let refused = sign_in_attempt(&app, "nobody@ken.example.org", "guess").await;
        assert_eq!(
            refused.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .starts_with("Too many sign-in attempts from your address."),
            "{}",
            refused.body
        );
        assert!(refused.content_type.starts_with("text/plain"));
        let wait = retry_after(&refused);
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(get(&app, "/sign-in").await.status, StatusCode::OK);

        // Each connecting address has an allowance of its own.
        let action = form_action(&get(&app, "/sign-in").await.body, "/api/sign_in");
        for _ in 1..=3 {
            let reply = sign_in_from(&app, &action, "192.0.2.7:50000").await;
            assert_ne!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        }
        let other_port = sign_in_from(&app, &action, "192.0.2.7:50001").await;
        assert_eq!(other_port.status, StatusCode::TOO_MANY_REQUESTS);
        let elsewhere = sign_in_from(&app, &action, "198.51.100.9:50000").await;
        assert_ne!(elsewhere.status, StatusCode::TOO_MANY_REQUESTS);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn api_requests_with_a_token_beyond_the_burst_are_refused() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let token = token_for(db, &w.focal_point).await;
        let limits = RateLimits {
            api: Rate::new(1, 2),
            ..RateLimits::default()
        };
        let app = app_with_rate_limits(db, limits);
        let with_token = || {
            Request::get("/api/v1/countries")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .expect("request")
        };
        for _ in 1..=2 {
            assert_eq!(send(&app, with_token()).await.status, StatusCode::OK);
        }
        let refused = send(&app, with_token()).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(retry_after(&refused) >= 1);
        let message = common::http::json(&refused);
        assert!(
            message["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("too many requests with an API token")),
            "{message}"
        );
        // Open data without a token is not limited.
        for _ in 1..=3 {
            assert_eq!(get(&app, "/api/v1/countries").await.status, StatusCode::OK);
        }
        test_db.finish().await;
    }
}
