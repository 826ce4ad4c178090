//! "Since your last visit": reviewers' decisions on a focal point's reports since their
//! previous sign-in, their commitments ending within 30 days, and what arrived for reviewers.

use app::notices::store::notices;
use app::plans::authoring::create_commitment;
use app::progress::{store::record, Source};
use app::review::{decide::decide, Decision};
use chrono::{Duration, SubsecRound, Utc};

use crate::common::{
    self,
    http::{app_for, get_with, sign_in},
};
use crate::world::{self, commitment_input, today, update, PASSWORD};

#[tokio::test]
async fn a_focal_point_sees_decisions_since_the_last_visit_and_what_ends_soon() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (far, _) = w.commitment(db, "C-01").await;
        let mut near = commitment_input("C-02");
        // By the real clock: the page counts days from the day it is shown.
        near.end_date = (Utc::now().date_naive() + Duration::days(10)).to_string();
        let near = create_commitment(db, &w.coordinator, w.plan_id, near)
            .await
            .expect("created");
        w.publish(db).await;
        let focal = w.focal_point.user_id().expect("a person");
        let reviewer = w.reviewer.user_id().expect("a person");
        // Whole seconds: PostgreSQL keeps microseconds only.
        let start = Utc::now().trunc_subsecs(0) - Duration::hours(2);

        // Before any previous visit there is nothing "since", but what ends soon is listed.
        let work = app::plans::store::work_of(db, &w.focal_point, today())
            .await
            .expect("work")
            .0;
        let first = notices(db, &w.focal_point, focal, &work, Utc::now())
            .await
            .expect("notices");
        assert_eq!(first.since, None, "{}", test_db.backend);
        assert!(first.decisions.is_empty());
        assert_eq!(first.due.len(), 1);
        assert_eq!(
            (first.due[0].commitment_id, first.due[0].days_left),
            (near, 10)
        );
        assert_eq!(first.arrived, None, "a focal point reviews nothing");

        for (who, at) in [(focal, start), (reviewer, start)] {
            app::accounts::visits::record_sign_in(db, who, at)
                .await
                .expect("visit");
        }
        let reported = record(
            db,
            &w.focal_point,
            far,
            update("limited", Some(20.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("recorded");
        let arrived = notices(db, &w.reviewer, reviewer, &[], Utc::now())
            .await
            .expect("notices");
        assert_eq!(
            arrived.arrived,
            Some(1),
            "everything awaiting review on a first visit"
        );
        decide(
            db,
            &w.reviewer,
            reported.id,
            Decision::Return,
            "Give the figures by county",
            Utc::now(),
        )
        .await
        .expect("returned");
        for who in [focal, reviewer] {
            app::accounts::visits::record_sign_in(db, who, Utc::now())
                .await
                .expect("visit");
        }

        let later = notices(db, &w.focal_point, focal, &work, Utc::now())
            .await
            .expect("notices");
        assert_eq!(later.since, Some(start));
        assert_eq!(later.decisions.len(), 1);
        assert_eq!(later.decisions[0].state, "returned");
        assert_eq!(
            later.decisions[0].comment.as_deref(),
            Some("Give the figures by county")
        );
        let quiet = notices(db, &w.reviewer, reviewer, &[], Utc::now())
            .await
            .expect("notices");
        assert_eq!(quiet.arrived, Some(0), "nothing arrived after the decision");

        // Signing in through the site moves the visit on; the page tells what changed.
        let app = app_for(db);
        sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let cookie = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let page = get_with(&app, "/my", &cookie).await;
        assert!(page.body.contains("Since your last visit"), "{}", page.body);
        assert!(page.body.contains("Ending within 30 days"));
        assert!(page.body.contains("ends in 10 days"));
        test_db.finish().await;
    }
}
