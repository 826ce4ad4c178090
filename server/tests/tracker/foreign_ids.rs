//! Someone else's ids in every address: a draft plan's commitment, by its id, in each page,
//! API answer and download, asked for by people who may not read it; the forms of another
//! ministry or country; and ids that are not ids at all. Nothing leaks, nothing fails.

use axum::http::StatusCode;

use crate::common::{
    self,
    http::{app_for, get, get_with, get_with_token, sign_in},
};
use crate::world::{self, token_for, update, PASSWORD};

/// Words of the draft commitment that only its country's people, reviewers and admins read.
const DRAFT: [&str; 2] = [
    "Health insurance for informal workers",
    "Extend the national health insurance fund",
];

fn assert_hidden(who: &str, uri: &str, status: StatusCode, body: &str) {
    assert_ne!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{who} {uri}: {body}"
    );
    for words in DRAFT {
        assert!(!body.contains(words), "{who} reads the draft at {uri}");
    }
}

#[tokio::test]
async fn another_countrys_draft_stays_hidden_at_every_address() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        app::progress::store::record(
            db,
            &w.focal_point,
            id,
            update("limited", Some(10.0)),
            app::progress::Source::Form,
            world::today(),
        )
        .await
        .expect("an update on the draft");
        let app = app_for(db);
        let plan = w.plan_id;
        let addresses = [
            format!("/commitments/{id}"),
            format!("/commitments/{id}/report"),
            format!("/commitments/{id}/edit"),
            format!("/plans/{plan}/commitments/new"),
            "/countries/KEN".to_owned(),
            "/countries/KEN/plan".to_owned(),
            "/countries".to_owned(),
            "/coverage".to_owned(),
            "/recommendations/SPR-2".to_owned(),
            "/search?q=informal".to_owned(),
            format!("/api/v1/commitments/{id}"),
            "/api/v1/countries/KEN/commitments".to_owned(),
            "/data/commitments.csv?country=KEN".to_owned(),
            "/data/updates.json?country=KEN".to_owned(),
            "/data/commitments.json?recommendation=SPR-2".to_owned(),
        ];
        let outsider = sign_in(&app, "coordinator@fin.example.org", PASSWORD)
            .await
            .expect("signed in");
        let outsider_token = token_for(db, &w.other_coordinator).await;
        for uri in &addresses {
            let anonymous = get(&app, uri).await;
            assert_hidden("the public", uri, anonymous.status, &anonymous.body);
            let signed_in = get_with(&app, uri, &outsider).await;
            assert_hidden(
                "Finland's coordinator",
                uri,
                signed_in.status,
                &signed_in.body,
            );
            let token = get_with_token(&app, uri, &outsider_token).await;
            assert_hidden("Finland's token", uri, token.status, &token.body);
        }
        assert_eq!(
            get_with_token(&app, &format!("/api/v1/commitments/{id}"), &outsider_token)
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Its own country's people read the draft: the test above hides something real.
        let health = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let page = get_with(&app, &format!("/commitments/{id}/report"), &health).await;
        assert!(page.body.contains(DRAFT[0]), "{}", page.body);
        let own_token = token_for(db, &w.coordinator).await;
        let answer = get_with_token(&app, &format!("/api/v1/commitments/{id}"), &own_token).await;
        assert!(answer.body.contains(DRAFT[1]), "{}", answer.body);
        let education = sign_in(&app, "education@ken.example.org", PASSWORD)
            .await
            .expect("signed in");

        // Published, it is public; the forms still are not, to another ministry or country.
        w.publish(db).await;
        assert!(get(&app, &format!("/commitments/{id}"))
            .await
            .body
            .contains(DRAFT[0]));
        let forms = [
            (format!("/commitments/{id}/report"), "Save the update"),
            (format!("/commitments/{id}/edit"), "Save the changes"),
            (
                format!("/plans/{plan}/commitments/new"),
                "Add the commitment",
            ),
            ("/countries/KEN/plan".to_owned(), "Save the plan"),
        ];
        let coordinator = sign_in(&app, "coordinator@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        for (uri, button) in &forms {
            let own = get_with(&app, uri, &coordinator).await;
            assert!(own.body.contains(button), "the coordinator's form at {uri}");
            for (who, cookie) in [
                ("Finland's coordinator", &outsider),
                ("Education", &education),
            ] {
                let page = get_with(&app, uri, cookie).await;
                assert_ne!(page.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
                assert!(!page.body.contains(button), "{who} gets the form at {uri}");
            }
        }
        test_db.finish().await;
    }
}

#[tokio::test]
async fn ids_that_are_not_ids_get_not_found_not_an_error() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let app = app_for(db);
        let coordinator = sign_in(&app, "coordinator@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let token = token_for(db, &w.coordinator).await;
        for id in [
            "0",
            "-1",
            "2147483648",
            "99999",
            "abc",
            "1%20OR%201=1",
            "%2e%2e",
            "1;DROP",
        ] {
            for uri in [
                format!("/commitments/{id}"),
                format!("/commitments/{id}/report"),
                format!("/commitments/{id}/edit"),
                format!("/imports/{id}"),
                format!("/import-files/{id}/original"),
                format!("/plans/{id}/commitments/new"),
                format!("/countries/{id}"),
                format!("/recommendations/{id}"),
                format!("/api/v1/commitments/{id}"),
                format!("/api/v1/countries/{id}/commitments"),
                format!("/api/v1/recommendations/{id}"),
                format!("/data/commitments.csv?country={id}"),
            ] {
                let page = get_with(&app, &uri, &coordinator).await;
                assert!(
                    page.status.is_client_error() || page.status == StatusCode::OK,
                    "{uri}: {} {}",
                    page.status,
                    page.body
                );
                let api = get_with_token(&app, &uri, &token).await;
                assert_ne!(api.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
            }
        }
        test_db.finish().await;
    }
}
