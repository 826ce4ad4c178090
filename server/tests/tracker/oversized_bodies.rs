//! Bodies far larger than any form: refused with a message naming the limit, before they are
//! read when they declare their length, and cut off when they do not; nothing is saved.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::json;
use server::body_limit::FORM_LIMIT;

use crate::common::{
    self,
    http::{app_for, form_action, get_with, post_form, post_json, send, sign_in, HOST, ORIGIN},
};
use crate::world::{self, token_for, PASSWORD};

async fn updates_of(db: &DatabaseConnection, id: i32) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM progress_updates WHERE commitment_id = {id}"),
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get("", "n").expect("n")
}

/// A form post that says how long it is, as browsers and most clients do.
async fn post_declared(
    app: &axum::Router,
    uri: &str,
    cookie: Option<&str>,
    form: String,
) -> common::http::Reply {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, form.len())
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::from(form)).expect("request")).await
}

#[tokio::test]
async fn oversized_bodies_are_refused_and_change_nothing() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let focal = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let page = get_with(&app, &format!("/commitments/{id}/report"), &focal).await;
        let action = form_action(&page.body, "/api/report_progress");
        let huge = "a".repeat(2 * FORM_LIMIT);
        let form = format!("id={id}&form[version]=1&form[status]=limited&form[narrative]={huge}");

        let declared = post_declared(&app, &action, Some(&focal), form.clone()).await;
        assert_eq!(
            declared.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            test_db.backend
        );
        assert!(
            declared.body.contains("larger than 1024 KB")
                && declared.body.contains("Nothing was saved"),
            "{}",
            declared.body
        );
        // Sent in chunks without a length, the body is cut off at the limit.
        let undeclared = post_form(&app, &action, Some(&focal), &form).await;
        assert!(!undeclared.status.is_success(), "{}", undeclared.status);
        assert_eq!(updates_of(db, id).await, 0, "nothing saved");

        // A megabyte-long password is never hashed.
        let sign_in_action =
            form_action(&get_with(&app, "/sign-in", "").await.body, "/api/sign_in");
        let password = post_declared(
            &app,
            &sign_in_action,
            None,
            format!("email=health%40ken.example.org&password={huge}&next="),
        )
        .await;
        assert_eq!(password.status, StatusCode::PAYLOAD_TOO_LARGE);

        // The JSON API has the same limit.
        let token = token_for(db, &w.focal_point).await;
        let api = post_json(
            &app,
            &format!("/api/v1/commitments/{id}/updates"),
            Some(&token),
            &json!({"status": "limited", "narrative": huge, "version": 1}),
        )
        .await;
        assert!(!api.status.is_success(), "{}: {}", api.status, api.body);
        assert_eq!(updates_of(db, id).await, 0, "nothing saved");

        // A form of ordinary size still goes through.
        let ordinary = post_declared(
            &app,
            &action,
            Some(&focal),
            format!("id={id}&form[version]=1&form[status]=limited&form[narrative]=Enrolled"),
        )
        .await;
        assert_eq!(ordinary.status, StatusCode::OK, "{}", ordinary.body);
        assert_eq!(updates_of(db, id).await, 1);
        test_db.finish().await;
    }
}
