//! The demonstration data: what `make run` shows a newcomer.

use app::accounts::store;
use app::accounts::Actor;
use app::demo::{self, Outcome, ACCOUNTS};
use app::plans::{authoring, store as plans};

use crate::common;
use crate::world::today;

#[tokio::test]
async fn the_demo_is_a_living_tracker_loaded_once() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let Outcome::Loaded {
            countries,
            commitments,
            updates,
        } = demo::load(db, None, today()).await.expect("demo loads")
        else {
            panic!("a fresh database has no demo")
        };
        assert_eq!(countries, 4);
        assert!((80..=240).contains(&commitments), "{commitments}");
        assert!(updates > commitments, "{updates}");
        assert_eq!(
            demo::load(db, None, today()).await.expect("second load"),
            Outcome::AlreadyLoaded
        );
        assert!(plans::has_demo_data(db).await.expect("flag"));

        for country in plans::countries(db).await.expect("countries") {
            assert!((20..=60).contains(&country.commitments), "{country:?}");
            let page = plans::country_plans(db, &country.iso3, None, today())
                .await
                .expect("read")
                .expect("published");
            for (group, _) in &page.groups {
                let prefix = format!("{group}-");
                assert!(
                    page.commitments
                        .iter()
                        .any(|c| c.recommendations.iter().any(|r| r.starts_with(&prefix))),
                    "{} has a commitment in {group}",
                    country.iso3
                );
            }
            assert!(
                page.commitments.iter().any(|c| c.overdue),
                "{} has overdue commitments",
                country.iso3
            );
        }

        for (email, _) in ACCOUNTS {
            let user = store::find_user(db, email)
                .await
                .expect("read")
                .expect("demo account exists");
            assert_eq!(user.memberships.len(), 1, "{email}");
        }
        // Older reports were approved; the last quarter's await the demo reviewer.
        let reviewer = store::find_user(db, "reviewer@demo.nap-tracker.example")
            .await
            .expect("read")
            .expect("the demo reviewer");
        let reviewer = Actor::Person(reviewer.into());
        let waiting = app::review::queue::queue(
            db,
            &reviewer,
            &app::review::QueueFilter::default(),
            chrono::Utc::now(),
        )
        .await
        .expect("the queue")
        .total;
        assert!(
            waiting > 0 && waiting < (updates / 2) as u64,
            "{waiting} of {updates} reports await review"
        );
        // Ids written by the demo leave the sequences usable (PostgreSQL).
        authoring::create_country(db, &Actor::Operator, "PER", "Peru", None, false)
            .await
            .expect("a country added after the demo");
        test_db.finish().await;
    }
}
