//! Atom feeds of a country and of a commitment: what they carry, newest first, as
//! well-formed XML whose texts read back exactly as typed; nothing unpublished in them.

mod hostile;
mod xml;

use app::accounts::Actor;
use app::civil_society::{organisations, shadow, Registration, ShadowInput};
use app::plans::authoring::{self, CommitmentInput, PlanInput};
use app::progress::{store::record, Source, Update, UpdateInput};
use app::review::{assess::assess, decide::decide, AssessmentInput, Decision};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;

use self::xml::{parse, Node};
use crate::common::{
    self,
    http::{app_for, get, send},
};
use crate::world::{self, commitment_input, today, update, World, PASSWORD};

/// The feed at `uri`, checked to be Atom, parsed.
async fn feed(app: &axum::Router, uri: &str) -> Node {
    let reply = get(app, uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    assert_eq!(reply.content_type, "application/atom+xml; charset=utf-8");
    let feed = parse(&reply.body);
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attribute("xmlns"), Some("http://www.w3.org/2005/Atom"));
    feed
}

fn entry_ids(feed: &Node) -> Vec<String> {
    feed.all("entry")
        .iter()
        .map(|e| e.text_of("id").to_owned())
        .collect()
}

/// An approved organisation and the person who speaks for it.
async fn organisation(db: &DatabaseConnection, admin: &Actor, name: &str) -> Actor {
    let email = "amina@watch.example.org";
    let registered = organisations::register(
        db,
        &Registration {
            organisation: name.into(),
            website: "https://watch.example.org".into(),
            description: "Follows social protection.".into(),
            name: "Amina".into(),
            email: email.into(),
            password: PASSWORD.into(),
        },
        Utc::now(),
    )
    .await
    .expect("registered");
    organisations::decide(db, admin, registered.id, true, Utc::now())
        .await
        .expect("approved");
    let user = app::accounts::store::find_user(db, email)
        .await
        .expect("read")
        .expect("an account");
    Actor::Person(user.into())
}

/// Records `input` on commitment `id` as the focal point of its ministry.
pub(super) async fn report(
    db: &DatabaseConnection,
    w: &World,
    id: i32,
    input: UpdateInput,
) -> Update {
    record(db, &w.focal_point, id, input, Source::Form, today())
        .await
        .expect("an update")
}

#[tokio::test]
async fn a_commitment_feed_carries_its_updates_and_assessments_newest_first() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        let now = Utc::now();
        let first = report(db, &w, id, update("limited", Some(20.0))).await;
        let second = report(db, &w, id, update("substantial", Some(40.0))).await;
        let third = report(db, &w, id, update("complete", Some(100.0))).await;
        decide(
            db,
            &w.reviewer,
            third.id,
            Decision::Return,
            "No evidence of completion.",
            now + Duration::minutes(30),
        )
        .await
        .expect("returned");
        // Later decisions make older things the newest news.
        decide(
            db,
            &w.reviewer,
            first.id,
            Decision::Approve,
            "",
            now + Duration::hours(1),
        )
        .await
        .expect("approved");
        let assessed = assess(
            db,
            &w.reviewer,
            id,
            &AssessmentInput {
                status: "limited".into(),
                percent_complete: "25".into(),
                justification: "Enrolment lags in rural counties.".into(),
            },
            now + Duration::hours(2),
        )
        .await
        .expect("assessed");
        let amina = organisation(db, &w.admin, "Social Watch").await;
        let shadowed = shadow::save(
            db,
            &amina,
            id,
            None,
            &ShadowInput {
                status: "not_started".into(),
                justification: "No enrolment seen in the field.".into(),
                evidence: "https://watch.example.org/report.pdf\n".into(),
            },
            now + Duration::hours(3),
        )
        .await
        .expect("published");

        let app = app_for(db);
        let uri = format!("/commitments/{id}/feed.atom");
        let feed = feed(&app, &uri).await;
        assert_eq!(
            entry_ids(&feed),
            [
                format!("urn:nap-tracker:civil-society-assessment:{}", shadowed.id),
                format!("urn:nap-tracker:reviewer-assessment:{}", assessed.id),
                format!("urn:nap-tracker:progress-update:{}", first.id),
                format!("urn:nap-tracker:progress-update:{}", third.id),
                format!("urn:nap-tracker:progress-update:{}", second.id),
            ],
            "{}",
            test_db.backend
        );
        let entries = feed.all("entry");
        let times: Vec<&str> = entries.iter().map(|e| e.text_of("updated")).collect();
        assert!(times.windows(2).all(|t| t[0] >= t[1]), "{times:?}");
        assert_eq!(feed.text_of("updated"), times[0]);
        assert_eq!(
            feed.text_of("id"),
            format!("urn:nap-tracker:commitment:{id}")
        );
        assert_eq!(
            feed.text_of("title"),
            "Kenya, commitment C-01: Health insurance for informal workers"
        );
        assert_eq!(feed.link("self"), uri);
        assert_eq!(feed.link("alternate"), format!("/commitments/{id}"));
        assert_eq!(feed.child("author").text_of("name"), "NAP Tracker");

        let [civil, reviewer, approved, returned, awaiting] = entries[..] else {
            panic!("five entries");
        };
        assert_eq!(
            civil.text_of("title"),
            "C-01: Social Watch assesses Not started"
        );
        assert!(civil
            .text_of("content")
            .contains("No enrolment seen in the field."));
        assert_eq!(
            reviewer.text_of("title"),
            "C-01: the Commission's reviewer assesses Limited progress (25 %)"
        );
        assert_eq!(
            approved.text_of("title"),
            "C-01: Limited progress (20 %) reported by Ministry of Health"
        );
        assert!(approved
            .text_of("content")
            .contains("Review: reviewed: approved by"));
        let content = returned.text_of("content");
        assert!(content.contains("Review: returned by"), "{content}");
        assert!(content.contains("Reviewer's comment: No evidence of completion."));
        assert!(awaiting
            .text_of("content")
            .contains("Review: self-reported, awaiting review"));
        assert!(awaiting.text_of("content").contains("substantial so far"));
        for entry in &entries {
            assert_eq!(entry.link("alternate"), format!("/commitments/{id}"));
            assert_eq!(entry.child("content").attribute("type"), Some("text"));
            assert!(entry.text_of("updated").ends_with('Z'));
        }

        // The pages announce their feeds in the head and link them beside the downloads.
        for (page, feed_uri) in [
            (format!("/commitments/{id}"), uri.clone()),
            (
                "/countries/KEN".to_owned(),
                "/countries/KEN/feed.atom".to_owned(),
            ),
        ] {
            let body = get(&app, &page).await.body;
            let (head, visible) = body.split_once("</head>").expect("a head");
            assert!(
                head.split("<link").any(|tag| {
                    let tag = tag.split('>').next().unwrap_or_default();
                    tag.contains("rel=\"alternate\"")
                        && tag.contains("type=\"application/atom+xml\"")
                        && tag.contains(&format!("href=\"{feed_uri}\""))
                }),
                "{page} announces {feed_uri}: {head}"
            );
            assert!(visible.contains(&format!(
                "<a href=\"{feed_uri}\" type=\"application/atom+xml\">Follow changes (Atom feed)</a>"
            )));
        }

        // The country's feed carries the same entries, under the same ids, and its plan.
        let country = feed_of_country(&app).await;
        let ids = entry_ids(&country);
        assert!(entry_ids(&feed).iter().all(|e| ids.contains(e)), "{ids:?}");
        assert!(ids.contains(&format!("urn:nap-tracker:plan:{}", w.plan_id)));
        assert_eq!(country.text_of("title"), "Kenya national action plan");

        // A reader that holds the feed is told nothing changed.
        let first_reply = get(&app, &uri).await;
        let tag = first_reply.headers[header::ETAG].clone();
        let again = send(
            &app,
            Request::get(&uri)
                .header(header::IF_NONE_MATCH, tag)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        test_db.finish().await;
    }
}

async fn feed_of_country(app: &axum::Router) -> Node {
    feed(app, "/countries/ken/feed.atom").await
}

#[tokio::test]
async fn nothing_unpublished_reaches_a_feed() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let app = app_for(db);
        let (id, _) = w.commitment(db, "C-01").await;
        let narrative = |text: &str| UpdateInput {
            narrative: Some(text.into()),
            ..update("limited", Some(10.0))
        };
        report(db, &w, id, narrative("Before publication")).await;
        let uri = format!("/commitments/{id}/feed.atom");
        assert_eq!(get(&app, &uri).await.status, StatusCode::NOT_FOUND);
        let before = feed_of_country(&app).await;
        assert!(before.all("entry").is_empty(), "{before:?}");

        w.publish(db).await;
        assert!(feed(&app, &uri)
            .await
            .child("entry")
            .text_of("content")
            .contains("Before publication"));

        // A second plan, still a draft: its commitment and updates stay out.
        let draft_plan = authoring::create_plan(
            db,
            &Actor::Operator,
            "KEN",
            PlanInput {
                title: "Next plan".into(),
                period_start: "2031-01-01".into(),
                period_end: "2035-12-31".into(),
            },
        )
        .await
        .expect("a draft plan");
        let hidden = authoring::create_commitment(
            db,
            &w.coordinator,
            draft_plan,
            CommitmentInput {
                title: "Unannounced commitment".into(),
                ..commitment_input("C-09")
            },
        )
        .await
        .expect("a draft commitment");
        report(db, &w, hidden, narrative("Not for the public")).await;
        let hidden_uri = format!("/commitments/{hidden}/feed.atom");
        assert_eq!(get(&app, &hidden_uri).await.status, StatusCode::NOT_FOUND);
        let country = get(&app, "/countries/KEN/feed.atom").await;
        assert_eq!(country.status, StatusCode::OK);
        for secret in ["Not for the public", "Unannounced commitment", "Next plan"] {
            assert!(!country.body.contains(secret), "{secret} leaked");
        }
        assert!(country.body.contains("Before publication"));
        assert_eq!(
            parse(&country.body).all("entry").len(),
            2,
            "the published plan and its one update"
        );

        for unknown in [
            "/countries/XXX/feed.atom",
            "/commitments/999999/feed.atom",
            "/commitments/abc/feed.atom",
        ] {
            let reply = get(&app, unknown).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{unknown}");
            assert!(reply.content_type.starts_with("text/plain"), "{unknown}");
        }
        test_db.finish().await;
    }
}

#[tokio::test]
async fn a_feed_holds_the_newest_entries_only() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        let mut ids = Vec::new();
        for percent in 0..=app::feeds::ENTRY_LIMIT {
            let share = Some(f64::from(u32::try_from(percent).expect("small")));
            ids.push(report(db, &w, id, update("limited", share)).await.id);
        }
        let app = app_for(db);
        let feed = feed(&app, &format!("/commitments/{id}/feed.atom")).await;
        let shown = entry_ids(&feed);
        assert_eq!(shown.len(), app::feeds::ENTRY_LIMIT, "{}", test_db.backend);
        let oldest = format!("urn:nap-tracker:progress-update:{}", ids[0]);
        assert!(!shown.contains(&oldest), "the oldest update gives way");
        let newest = format!("urn:nap-tracker:progress-update:{}", ids[ids.len() - 1]);
        assert!(shown.contains(&newest));
        test_db.finish().await;
    }
}
