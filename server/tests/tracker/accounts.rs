//! Accounts, roles and API tokens in the database, and the commands that manage them.

use app::accounts::store::{self, AccountError, Grant};
use app::accounts::{passwords, tokens, Actor, Role};
use app::audit;

use crate::{common, world};

fn grant(role: Role, country: Option<&str>, owner: Option<&str>) -> Grant {
    Grant {
        role,
        country: country.map(str::to_owned),
        owner: owner.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_grant_creates_the_account_once_and_each_role_once() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let op = &Actor::Operator;
        let user = store::grant(
            db,
            op,
            " Reviewer@UN.example.org ",
            Some("Ana"),
            Some(world::PASSWORD),
            grant(Role::Reviewer, Some("KEN"), None),
        )
        .await
        .expect("second role for an existing account");
        assert_eq!(user.email, "reviewer@un.example.org");
        let roles: Vec<String> = user.memberships.iter().map(ToString::to_string).collect();
        assert_eq!(roles, ["reviewer of all countries", "reviewer of KEN"]);

        let again = store::grant(
            db,
            op,
            "reviewer@un.example.org",
            None,
            None,
            grant(Role::Reviewer, Some("KEN"), None),
        )
        .await;
        assert!(
            matches!(again, Err(AccountError::AlreadyHeld { .. })),
            "{again:?}"
        );
        let no_owner = store::grant(
            db,
            op,
            "x@ken.example.org",
            None,
            Some(world::PASSWORD),
            grant(Role::FocalPoint, Some("KEN"), Some("MOX")),
        )
        .await;
        assert_eq!(
            no_owner.expect_err("unknown owner").to_string(),
            "country KEN has no owner with the code MOX"
        );
        let no_country = store::grant(
            db,
            op,
            "x@ken.example.org",
            None,
            Some(world::PASSWORD),
            grant(Role::Coordinator, Some("ZZZ"), None),
        )
        .await;
        assert_eq!(
            no_country.expect_err("unknown country").to_string(),
            "there is no country with the code ZZZ"
        );
        let short = store::grant(
            db,
            op,
            "x@ken.example.org",
            None,
            Some("short"),
            grant(Role::Reviewer, None, None),
        )
        .await;
        assert!(matches!(short, Err(AccountError::Password(_))), "{short:?}");
        for (password, rule) in [
            ("password1234", "one of the most commonly used passwords"),
            (
                "X@ken.example.org",
                "may not be the account's email address",
            ),
        ] {
            let refused = store::grant(
                db,
                op,
                "x@ken.example.org",
                None,
                Some(password),
                grant(Role::Reviewer, None, None),
            )
            .await
            .expect_err("a weak password");
            assert!(refused.to_string().contains(rule), "{refused}");
        }
        assert!(
            store::find_user(db, "x@ken.example.org")
                .await
                .expect("read")
                .is_none(),
            "nothing half-created"
        );

        let log = audit::entries(db, &w.admin, Some(("role_membership", None)), 100)
            .await
            .expect("audit");
        assert_eq!(
            log.len(),
            7,
            "six people of the world and the second reviewer role"
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn coordinators_grant_focal_points_of_their_own_country_only() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let pw = Some(world::PASSWORD);
        store::grant(
            db,
            &w.coordinator,
            "new@ken.example.org",
            None,
            pw,
            grant(Role::FocalPoint, Some("KEN"), Some("MOE")),
        )
        .await
        .expect("coordinator adds a focal point");
        let refused = store::grant(
            db,
            &w.other_coordinator,
            "new2@ken.example.org",
            None,
            pw,
            grant(Role::FocalPoint, Some("KEN"), Some("MOE")),
        )
        .await;
        assert!(
            matches!(refused, Err(AccountError::Forbidden(_))),
            "{refused:?}"
        );
        let refused = store::grant(
            db,
            &w.coordinator,
            "new3@ken.example.org",
            None,
            pw,
            grant(Role::Coordinator, Some("KEN"), None),
        )
        .await;
        assert!(
            matches!(refused, Err(AccountError::Forbidden(_))),
            "{refused:?}"
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn an_api_token_stands_for_its_account_and_only_its_hash_is_kept() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let token = tokens::create(
            db,
            &Actor::Operator,
            "health@ken.example.org",
            "MoH reporting system",
        )
        .await
        .expect("token");
        assert!(token.starts_with("napt_") && token.len() == 69, "{token}");
        let caller = tokens::caller(db, &token)
            .await
            .expect("read")
            .expect("token is valid");
        assert_eq!(caller.email, "health@ken.example.org");
        assert!(tokens::caller(db, "napt_0000")
            .await
            .expect("read")
            .is_none());
        assert!(tokens::caller(db, &token.to_uppercase())
            .await
            .expect("read")
            .is_none());

        // People create tokens for themselves only.
        let refused = tokens::create(db, &w.other_focal_point, "health@ken.example.org", "").await;
        assert!(
            matches!(refused, Err(AccountError::Forbidden(_))),
            "{refused:?}"
        );
        tokens::create(db, &w.focal_point, "health@ken.example.org", "laptop")
            .await
            .expect("own token");

        let stored: Vec<String> = sea_orm::ConnectionTrait::query_all_raw(
            db,
            sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT token_hash FROM api_tokens",
            ),
        )
        .await
        .expect("query")
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("hash"))
        .collect();
        assert_eq!(stored.len(), 2);
        assert!(stored
            .iter()
            .all(|h| h.len() == 64 && !token.contains(h.as_str())));
        test_db.finish().await;
    }
}

#[test]
fn passwords_are_argon2id_and_verify() {
    let hash = passwords::hash(world::PASSWORD).expect("hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(passwords::verify(world::PASSWORD, &hash));
    assert!(!passwords::verify("correct horse battery stapler", &hash));
}
