//! Lock-out after repeated failed sign-ins: refused with a message naming when to try again,
//! whatever the password, for that address only, and over once the window has passed.

use chrono::{TimeDelta, Utc};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::common::{
    self,
    http::{app_for, sign_in, sign_in_attempt},
};
use crate::world::{self, PASSWORD};

const LOCKED: &str = "Too many failed sign-ins for this account: try again after ";

/// Moves every stored failure back by `by`, as if that much time had passed.
async fn age_failures(db: &DatabaseConnection, by: TimeDelta) {
    let update = Query::update()
        .table(Alias::new("sign_in_failures"))
        .value(Alias::new("failed_at"), Expr::value(Utc::now() - by))
        .to_owned();
    db.execute(&update).await.expect("age the failures");
}

#[tokio::test]
async fn five_failures_lock_the_address_for_fifteen_minutes() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        let health = "health@ken.example.org";
        for n in 1..=4 {
            let reply = sign_in_attempt(&app, health, "wrong password!!").await;
            assert!(
                reply
                    .body
                    .contains("The email address or the password is not right."),
                "{} failure {n}: {}",
                test_db.backend,
                reply.body
            );
        }
        let fifth = sign_in_attempt(&app, health, "wrong password!!").await;
        assert!(fifth.body.contains(LOCKED), "{}", fifth.body);

        // The right password is refused with the same message: nothing tells it was right.
        let right = sign_in_attempt(&app, health, PASSWORD).await;
        assert!(right.body.contains(LOCKED), "{}", right.body);
        assert!(
            right.body.contains("UTC, or ask an administrator."),
            "{}",
            right.body
        );
        assert!(right.headers.get("set-cookie").is_none(), "no session");
        assert_eq!(
            right.body,
            sign_in_attempt(&app, health, "wrong password!!").await.body,
            "a wrong password during the lock gets the same answer"
        );

        // Another account is not locked, nor is the same address on another server.
        assert!(sign_in(&app, "education@ken.example.org", PASSWORD)
            .await
            .is_some());
        assert!(sign_in_attempt(&app_for(db), health, PASSWORD)
            .await
            .body
            .contains(LOCKED));

        // Once the window has passed, the right password works, and clears the count.
        age_failures(db, TimeDelta::minutes(16)).await;
        assert!(sign_in(&app, health, PASSWORD).await.is_some());
        for _ in 1..=4 {
            sign_in_attempt(&app, health, "wrong password!!").await;
        }
        assert!(
            sign_in(&app, health, PASSWORD).await.is_some(),
            "{}: the earlier failures no longer count",
            test_db.backend
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn an_address_without_an_account_locks_alike_and_an_administrator_unlocks() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        for _ in 1..=5 {
            sign_in_attempt(&app, "nobody@ken.example.org", "wrong password!!").await;
            sign_in_attempt(&app, "Health@KEN.example.org ", "wrong password!!").await;
        }
        assert!(sign_in_attempt(&app, "nobody@ken.example.org", PASSWORD)
            .await
            .body
            .contains(LOCKED));
        assert!(
            sign_in_attempt(&app, "health@ken.example.org", PASSWORD)
                .await
                .body
                .contains(LOCKED),
            "the address is compared as normalised"
        );

        let said = server::commands::users::unlock(db, "HEALTH@ken.example.org")
            .await
            .expect("unlocked");
        assert_eq!(
            said,
            "health@ken.example.org may sign in again (5 recent failed sign-ins forgotten)"
        );
        assert!(sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .is_some());
        test_db.finish().await;
    }
}
