//! Hostile text in a commitment's title, a narrative and a justification comes back from the
//! feeds exactly as typed once parsed, and never as markup.

use app::plans::authoring::{self, CommitmentInput};
use app::progress::UpdateInput;
use app::review::{assess::assess, AssessmentInput};
use chrono::{Duration, Utc};

use super::report;
use super::xml::{parse, Node};
use crate::common::{
    self,
    http::{app_for, get},
};
use crate::world::{self, commitment_input, update};

/// Markup, CDATA ends, entity look-alikes, quotes and line ends, as people might type them.
const HOSTILE: &str = "</title><script>alert(1)</script> ]]> &amp; \"double\" 'single' a\r\nb";

#[tokio::test]
async fn hostile_text_comes_back_exactly_and_never_as_markup() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let id = authoring::create_commitment(
            db,
            &w.coordinator,
            w.plan_id,
            CommitmentInput {
                title: format!("Title {HOSTILE}"),
                ..commitment_input("C-1")
            },
        )
        .await
        .expect("markup is text like any other");
        w.publish(db).await;
        // A control character XML cannot hold: it comes back as U+FFFD, the feed intact.
        let narrative = format!("Narrative {HOSTILE} bell\u{7}");
        report(
            db,
            &w,
            id,
            UpdateInput {
                narrative: Some(narrative.clone()),
                ..update("limited", Some(20.0))
            },
        )
        .await;
        assess(
            db,
            &w.reviewer,
            id,
            &AssessmentInput {
                status: "limited".into(),
                percent_complete: String::new(),
                justification: format!("Justification {HOSTILE}"),
            },
            Utc::now() + Duration::hours(1),
        )
        .await
        .expect("assessed");

        let app = app_for(db);
        for uri in [
            format!("/commitments/{id}/feed.atom"),
            "/countries/KEN/feed.atom".to_owned(),
        ] {
            let reply = get(&app, &uri).await;
            assert!(!reply.body.contains("<script>"), "{uri} holds live markup");
            assert!(
                !reply.body.contains('\u{7}'),
                "{uri} holds a control character"
            );
            let feed = parse(&reply.body);
            let entries: Vec<&Node> = feed
                .all("entry")
                .into_iter()
                .filter(|e| e.child("category").attribute("term") != Some("plan"))
                .collect();
            let [assessment, progress] = entries[..] else {
                panic!("{uri}: two entries about the commitment, {entries:?}");
            };
            let content = |e: &Node| e.text_of("content").to_owned();
            assert!(content(progress).contains(&format!("Narrative {HOSTILE} bell\u{FFFD}")));
            assert!(content(progress).contains(&format!("commitment C-1: Title {HOSTILE}")));
            assert!(content(assessment).contains(&format!("Justification {HOSTILE}")));
            for entry in &entries {
                assert!(entry.all("script").is_empty() && entry.child("title").children.is_empty());
            }
        }
        let feed = parse(
            &get(&app, &format!("/commitments/{id}/feed.atom"))
                .await
                .body,
        );
        assert_eq!(
            feed.text_of("title"),
            format!("Kenya, commitment C-1: Title {HOSTILE}")
        );
        test_db.finish().await;
    }
}
