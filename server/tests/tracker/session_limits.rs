//! How sessions end besides signing out: everywhere at once at the person's request (or an
//! administrator's), and twelve hours after signing in however busy the session is.

use chrono::{TimeDelta, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::common::{
    self,
    http::{app_for, form_action, get_with, post_form, sign_in},
};
use crate::world::{self, PASSWORD};

const SIGNED_OUT: &str = "to see the commitments you report on";

/// Whether `cookie` still opens the person's own page.
async fn signed_in_as(app: &axum::Router, cookie: &str, email: &str) -> bool {
    let my = get_with(app, "/my", cookie).await;
    assert!(
        my.body.contains(email) || my.body.contains(SIGNED_OUT),
        "{}",
        my.body
    );
    my.body.contains(email)
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_that_account_only() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        let health = "health@ken.example.org";
        let education = "education@ken.example.org";
        let laptop = sign_in(&app, health, PASSWORD).await.expect("signed in");
        let phone = sign_in(&app, health, PASSWORD).await.expect("signed in");
        let colleague = sign_in(&app, education, PASSWORD).await.expect("signed in");

        let my = get_with(&app, "/my", &laptop).await;
        assert!(
            my.body
                .contains("You are signed in on 2 browsers or devices, this one included."),
            "{}: {}",
            test_db.backend,
            my.body
        );
        let action = form_action(&my.body, "/api/sign_out_everywhere");

        // Without a session there is nothing to end, and the answer says so.
        let anonymous = post_form(&app, &action, None, "").await;
        assert!(
            anonymous.body.contains("Please sign in first"),
            "{}",
            anonymous.body
        );
        assert!(signed_in_as(&app, &phone, health).await);

        post_form(&app, &action, Some(&laptop), "").await;
        assert!(!signed_in_as(&app, &laptop, health).await);
        assert!(
            !signed_in_as(&app, &phone, health).await,
            "the other device"
        );
        assert!(
            signed_in_as(&app, &colleague, education).await,
            "another account keeps its session"
        );

        // Signing in again works, and counts one session.
        let again = sign_in(&app, health, PASSWORD).await.expect("signed in");
        let my = get_with(&app, "/my", &again).await;
        assert!(
            my.body.contains("You are signed in on this browser only."),
            "{}",
            my.body
        );
        test_db.finish().await;
    }
}

/// Every stored session's data, by id.
async fn sessions(db: &DatabaseConnection) -> Vec<(String, serde_json::Value)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, data FROM sessions ORDER BY id",
        ))
        .await
        .expect("read sessions");
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("", "id").expect("id");
            let data: Vec<u8> = row.try_get("", "data").expect("data");
            (id, serde_json::from_slice(&data).expect("session data"))
        })
        .collect()
}

/// Rewrites when every session's person signed in, as if they had signed in `ago`; `None`
/// removes the time, as in sessions stored before sessions had an age limit.
async fn set_signed_in(db: &DatabaseConnection, ago: Option<TimeDelta>) {
    for (id, mut data) in sessions(db).await {
        let fields = data.as_object_mut().expect("an object");
        match ago {
            Some(ago) => fields.insert(
                "nap.signed_in_at".to_owned(),
                (Utc::now() - ago).timestamp().into(),
            ),
            None => fields.remove("nap.signed_in_at"),
        };
        let update = Query::update()
            .table(Alias::new("sessions"))
            .value(
                Alias::new("data"),
                serde_json::to_vec(&data).expect("encode"),
            )
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .to_owned();
        db.execute(&update).await.expect("rewrite a session");
    }
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_signing_in_however_busy() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        let health = "health@ken.example.org";
        let cookie = sign_in(&app, health, PASSWORD).await.expect("signed in");
        let stored = sessions(db).await;
        assert_eq!(stored.len(), 1);
        let signed_in_at = stored[0].1["nap.signed_in_at"]
            .as_i64()
            .expect("the time of signing in is kept");
        assert!((Utc::now().timestamp() - signed_in_at).abs() < 60);

        // Eleven hours of use: still signed in.
        set_signed_in(db, Some(TimeDelta::hours(11))).await;
        assert!(signed_in_as(&app, &cookie, health).await);

        // Twelve hours and a minute: ended, and the stored session is gone.
        set_signed_in(db, Some(TimeDelta::hours(12) + TimeDelta::minutes(1))).await;
        assert!(!signed_in_as(&app, &cookie, health).await);
        assert!(sessions(db).await.is_empty(), "{:?}", sessions(db).await);

        // A session that does not know when its person signed in is ended too.
        let cookie = sign_in(&app, health, PASSWORD).await.expect("signed in");
        set_signed_in(db, None).await;
        assert!(!signed_in_as(&app, &cookie, health).await);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn ended_sessions_are_forgotten_at_the_next_sign_in() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let expire = Query::update()
            .table(Alias::new("sessions"))
            .value(Alias::new("expires_at"), Utc::now() - TimeDelta::minutes(1))
            .to_owned();
        db.execute(&expire).await.expect("expire the session");
        let (old_id, _) = sessions(db).await.remove(0);
        sign_in(&app, "education@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let left = sessions(db).await;
        assert_eq!(left.len(), 1, "only the new session is kept");
        assert_ne!(left[0].0, old_id);
        test_db.finish().await;
    }
}
