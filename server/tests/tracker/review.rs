//! The Commission's review: only reviewers of a country approve or return its updates, a
//! returned update waits at the top of the focal point's page until a new update answers it,
//! and reviewers' assessments stand beside the ministry's word.

use app::accounts::Role;
use app::plans::Status;
use app::progress::{store::record, Source};
use app::refusal::{Refusal, WriteError};
use app::review::{
    assess::assess, compare::comparison, decide::decide, queue::queue, returned::unanswered,
    AssessmentInput, Decision, QueueFilter,
};
use chrono::Utc;

use crate::common::{
    self,
    http::{app_for, form_action, get, get_with, post_form, sign_in},
};
use crate::world::{self, person, today, update, PASSWORD};

fn refused(result: Result<impl std::fmt::Debug, WriteError>) -> Refusal {
    match result {
        Err(WriteError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn only_reviewers_of_the_country_approve_or_return_and_returns_wait_for_an_answer() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        let first = record(
            db,
            &w.focal_point,
            id,
            update("limited", Some(20.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("recorded");
        let finland_reviewer = person(
            db,
            "reviewer@fin.example.org",
            Role::Reviewer,
            Some("FIN"),
            None,
        )
        .await;
        let now = Utc::now();
        let all = QueueFilter::default();

        // The queue: reviewers see their countries' submitted updates; others see no queue.
        let seen = queue(db, &w.reviewer, &all, now).await.expect("queue");
        assert_eq!(seen.total, 1, "{}", test_db.backend);
        assert_eq!(seen.items[0].update.id, first.id);
        assert_eq!(seen.items[0].owner, "MOH");
        assert_eq!(
            queue(db, &finland_reviewer, &all, now)
                .await
                .expect("queue")
                .total,
            0
        );
        for outsider in [&w.focal_point, &w.coordinator] {
            assert!(matches!(
                refused(queue(db, outsider, &all, now).await),
                Refusal::Forbidden(_)
            ));
        }
        for (filter, expected) in [
            (
                QueueFilter {
                    country: Some("ken".into()),
                    ..Default::default()
                },
                1,
            ),
            (
                QueueFilter {
                    country: Some("FIN".into()),
                    ..Default::default()
                },
                0,
            ),
            (
                QueueFilter {
                    group: Some("spr".into()),
                    ..Default::default()
                },
                1,
            ),
            (
                QueueFilter {
                    group: Some("POL".into()),
                    ..Default::default()
                },
                0,
            ),
            (
                QueueFilter {
                    owner: Some("MOH".into()),
                    ..Default::default()
                },
                1,
            ),
            (
                QueueFilter {
                    owner: Some("MOE".into()),
                    ..Default::default()
                },
                0,
            ),
            (
                QueueFilter {
                    waiting_days: Some(1),
                    ..Default::default()
                },
                0,
            ),
        ] {
            let found = queue(db, &w.reviewer, &filter, now).await.expect("queue");
            assert_eq!(found.total, expected, "{filter:?}");
        }

        // Deciding: refused to anyone who does not review Kenya; a return needs a comment.
        for outsider in [&w.focal_point, &w.coordinator, &finland_reviewer] {
            let result = decide(db, outsider, first.id, Decision::Approve, "", now).await;
            assert!(matches!(refused(result), Refusal::Forbidden(_)));
        }
        let silent = decide(db, &w.reviewer, first.id, Decision::Return, "  ", now).await;
        assert!(matches!(refused(silent), Refusal::Invalid(_)));
        let comment = "The share does not match the enrolment figures: please check.";
        decide(db, &w.reviewer, first.id, Decision::Return, comment, now)
            .await
            .expect("returned");
        let again = decide(db, &w.reviewer, first.id, Decision::Approve, "", now).await;
        assert!(matches!(refused(again), Refusal::Conflict { .. }));
        assert_eq!(
            queue(db, &w.reviewer, &all, now)
                .await
                .expect("queue")
                .total,
            0
        );

        // The focal point sees the return with its comment until a new update answers it.
        let mine = app::plans::store::work_of(db, &w.focal_point, today())
            .await
            .expect("work")
            .0;
        let waiting = unanswered(db, &mine).await.expect("returned");
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].comment, comment);
        assert_eq!(waiting[0].reviewer, "reviewer@un.example.org");
        let answer = record(
            db,
            &w.focal_point,
            id,
            update("limited", Some(15.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("answered");
        assert!(unanswered(db, &mine).await.expect("returned").is_empty());

        // Approved, the answer counts as the reviewed report in the comparison of countries.
        decide(db, &w.reviewer, answer.id, Decision::Approve, "", now)
            .await
            .expect("approved");
        let compared = comparison(db, "SPR-2", today()).await.expect("comparison");
        assert_eq!(compared.len(), 1);
        assert_eq!(compared[0].reviewed, Some((Status::Limited, Some(15))));
        let detail = app::plans::store::commitment_detail(db, id, None, today())
            .await
            .expect("read")
            .expect("published");
        let returned = detail
            .updates
            .iter()
            .find(|u| u.id == first.id)
            .expect("kept");
        assert_eq!(returned.review_state, "returned");
        assert_eq!(
            returned.review.as_ref().and_then(|r| r.comment.as_deref()),
            Some(comment)
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn assessments_are_made_by_reviewers_checked_and_shown_beside_the_ministry() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        let finland_reviewer = person(
            db,
            "reviewer@fin.example.org",
            Role::Reviewer,
            Some("FIN"),
            None,
        )
        .await;
        let now = Utc::now();
        let good = AssessmentInput {
            status: "limited".into(),
            percent_complete: "10".into(),
            justification: "Enrolment has begun in two counties only.".into(),
        };
        for outsider in [&w.focal_point, &w.coordinator, &finland_reviewer] {
            assert!(matches!(
                refused(assess(db, outsider, id, &good, now).await),
                Refusal::Forbidden(_)
            ));
        }
        let bad = AssessmentInput {
            status: "great".into(),
            percent_complete: "150".into(),
            justification: " ".into(),
        };
        let Refusal::Invalid(errors) = refused(assess(db, &w.reviewer, id, &bad, now).await) else {
            panic!("invalid");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["status", "percent_complete", "justification"]);

        assess(db, &w.reviewer, id, &good, now)
            .await
            .expect("assessed");
        let later = AssessmentInput {
            status: "substantial".into(),
            percent_complete: String::new(),
            justification: "The fund now covers <b>four</b> counties.".into(),
        };
        assess(db, &w.reviewer, id, &later, now)
            .await
            .expect("assessed again");

        let app = app_for(db);
        let page = get(&app, &format!("/commitments/{id}")).await.body;
        assert!(
            page.contains("The Commission&#x27;s reviewer assesses")
                || page.contains("The Commission's reviewer assesses"),
            "{page}"
        );
        assert!(
            page.contains("The fund now covers &lt;b&gt;four&lt;/b&gt; counties."),
            "{page}"
        );
        assert!(page.contains("Earlier assessments (1)"), "{page}");
        let api: serde_json::Value =
            serde_json::from_str(&get(&app, &format!("/api/v1/commitments/{id}")).await.body)
                .expect("json");
        assert_eq!(api["assessments"][0]["status"], "substantial");
        assert_eq!(
            api["assessments"][0]["percent_complete"],
            serde_json::Value::Null
        );
        assert_eq!(api["assessments"][1]["percent_complete"], 10);
        test_db.finish().await;
    }
}

/// The same journey through the pages, as the browser sends it without JavaScript.
#[tokio::test]
async fn a_reviewer_returns_an_update_from_the_queue_page_and_the_focal_point_sees_it() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        record(
            db,
            &w.focal_point,
            id,
            update("limited", Some(20.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("recorded");
        let app = app_for(db);
        let reviewer = sign_in(&app, "reviewer@un.example.org", PASSWORD)
            .await
            .expect("signed in");
        let page = get_with(&app, "/review?country=KEN", &reviewer).await;
        assert!(
            page.body.contains("1 updates await review."),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("Return with this comment"),
            "{}",
            page.body
        );
        let action = form_action(&page.body, "/api/decide_update");
        let update_id = app::progress::store::history(db, &[id])
            .await
            .expect("history")[&id][0]
            .id;
        let focal = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let forbidden = post_form(
            &app,
            &action,
            Some(&focal),
            &format!("update_id={update_id}&decision=approve&comment="),
        )
        .await;
        assert!(
            forbidden.body.contains("only a reviewer of KEN"),
            "{}",
            forbidden.body
        );
        post_form(
            &app,
            &action,
            Some(&reviewer),
            &format!(
                "update_id={update_id}&decision=return&comment=Please+add+the+county+figures."
            ),
        )
        .await;
        let my = get_with(&app, "/my", &focal).await;
        assert!(my.body.contains("Returned by reviewers (1)"), "{}", my.body);
        assert!(
            my.body.contains("Please add the county figures."),
            "{}",
            my.body
        );
        let public = get(&app, &format!("/commitments/{id}")).await.body;
        assert!(
            public.contains("returned by reviewer@un.example.org"),
            "{public}"
        );
        assert!(
            public.contains("Please add the county figures."),
            "{public}"
        );
        let compare = get(&app, "/recommendations/SPR-2/compare").await.body;
        assert!(compare.contains("Kenya"), "{compare}");
        assert!(
            compare.contains("No report approved") || compare.contains("–"),
            "{compare}"
        );
        test_db.finish().await;
    }
}
