//! Searching the published commitments over HTTP, as a reader without JavaScript does.

use app::plans::authoring::{self, CommitmentInput};
use app::progress::{self, Source};
use axum::http::StatusCode;

use crate::common::{
    self,
    http::{app_for, get},
};
use crate::world::{self, commitment_input, today, update};

#[tokio::test]
async fn words_and_filters_find_published_commitments() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (health, _) = w.commitment(db, "C-01").await;
        authoring::create_commitment(
            db,
            &w.coordinator,
            w.plan_id,
            CommitmentInput {
                lead_owner: "MOE".into(),
                title: "School meals in every county".into(),
                description: "Free lunches for 100% of pupils".into(),
                recommendations: vec!["POL-2".into()],
                ..commitment_input("C-02")
            },
        )
        .await
        .expect("education commitment");
        let app = app_for(db);
        let count = |body: &str| -> String {
            let start = body
                .find(r#"class="result-count""#)
                .expect("a result count");
            let text = &body[start..];
            let open = text.find('>').map_or(0, |i| i + 1);
            let close = text.find("</p>").unwrap_or(text.len());
            text[open..close].to_owned()
        };
        let draft = get(&app, "/search?q=school").await;
        assert_eq!(
            count(&draft.body),
            "No published commitment matches.",
            "drafts are not public"
        );

        w.publish(db).await;
        progress::store::record(
            db,
            &w.focal_point,
            health,
            update("substantial", Some(60.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("update");
        for (uri, expected, shows) in [
            (
                "/search?q=insurance",
                "1 commitment matches.",
                "Health insurance for informal workers",
            ),
            (
                "/search?q=INSURANCE",
                "1 commitment matches.",
                "Health insurance for informal workers",
            ),
            (
                "/search?q=ministry+of+education",
                "1 commitment matches.",
                "School meals in every county",
            ),
            (
                "/search?q=kenya",
                "2 commitments match.",
                "School meals in every county",
            ),
            (
                "/search?q=ken&status=substantial",
                "1 commitment matches.",
                "Health insurance for informal workers",
            ),
            (
                "/search?group=POL",
                "1 commitment matches.",
                "School meals in every county",
            ),
            (
                "/search?q=100%25",
                "1 commitment matches.",
                "School meals in every county",
            ),
            ("/search?q=10%25", "No published commitment matches.", ""),
            ("/search?q=_", "No published commitment matches.", ""),
            ("/search?overdue=1", "No published commitment matches.", ""),
        ] {
            let page = get(&app, uri).await;
            assert_eq!(page.status, StatusCode::OK);
            assert_eq!(count(&page.body), expected, "{uri}");
            assert!(page.body.contains(shows), "{uri} lists {shows:?}");
        }
        let empty = get(&app, "/search").await;
        assert!(empty.body.contains("Type some words or choose a filter"));
        test_db.finish().await;
    }
}
