//! Public answers kept in memory: an anonymous reader gets the kept copy until a change is
//! recorded, while signed-in readers and API tokens always get a fresh answer.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::ConnectionTrait;

use crate::common::{
    self,
    http::{app_for, get, get_with, send, sign_in},
};
use crate::world::{self, token_for, PASSWORD};

#[tokio::test]
async fn anonymous_readers_get_the_kept_answer_until_a_change_is_recorded() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        let app = app_for(db);
        let page = format!("/commitments/{id}");
        let api = format!("/api/v1/commitments/{id}");
        assert!(get(&app, &page)
            .await
            .body
            .contains("Health insurance for informal workers"));
        let tag = get(&app, &api).await.headers[header::ETAG].clone();

        // A change that bypasses the domain functions records nothing in the audit trail:
        // what was kept is still served to anonymous readers...
        db.execute_unprepared(&format!(
            "UPDATE commitments SET title = 'Renamed behind the tracker' WHERE id = {id}"
        ))
        .await
        .expect("update");
        assert!(get(&app, &page)
            .await
            .body
            .contains("Health insurance for informal workers"));
        assert!(get(&app, &api)
            .await
            .body
            .contains("Health insurance for informal workers"));
        let held = send(
            &app,
            Request::get(&api)
                .header(header::IF_NONE_MATCH, tag)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(
            held.status,
            StatusCode::NOT_MODIFIED,
            "a kept answer honours If-None-Match"
        );

        // ...while a signed-in reader and an API token get the database as it is.
        let cookie = sign_in(&app, "coordinator@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        assert!(get_with(&app, &page, &cookie)
            .await
            .body
            .contains("Renamed behind the tracker"));
        let token = token_for(db, &w.coordinator).await;
        let with_token = send(
            &app,
            Request::get(&api)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert!(with_token.body.contains("Renamed behind the tracker"));

        // Any change recorded in the audit trail (here: the token just created) makes every
        // kept answer stale.
        assert!(get(&app, &page)
            .await
            .body
            .contains("Renamed behind the tracker"));
        assert!(get(&app, &api)
            .await
            .body
            .contains("Renamed behind the tracker"));
        test_db.finish().await;
    }
}
