//! Atom feeds of a country and of a commitment: what they carry, newest first, as
//! well-formed XML whose texts read back exactly as typed; nothing unpublished in them.

use app::accounts::Actor;
use app::civil_society::{organisations, shadow, Registration, ShadowInput};
use app::plans::authoring::{self, CommitmentInput, PlanInput};
use app::progress::{store::record, Source, Update, UpdateInput};
use app::review::{assess::assess, decide::decide, AssessmentInput, Decision};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use sea_orm::DatabaseConnection;

use crate::common::{
    self,
    http::{app_for, get, send},
};
use crate::world::{self, commitment_input, today, update, World, PASSWORD};

/// An element of a parsed feed, with its text (entities resolved) and its children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all(&self, name: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn child(&self, name: &str) -> &Node {
        self.all(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn text_of(&self, name: &str) -> &str {
        &self.child(name).text
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The `href` of the `<link>` with relation `rel`.
    fn link(&self, rel: &str) -> &str {
        self.all("link")
            .into_iter()
            .find(|l| l.attribute("rel") == Some(rel))
            .and_then(|l| l.attribute("href"))
            .unwrap_or_else(|| panic!("<{}> has no {rel} link", self.name))
    }
}

fn element(start: &BytesStart) -> Node {
    Node {
        name: start.name().0.to_owned(),
        attributes: start
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .expect("an attribute value");
                (a.key.0.to_owned(), value.into_owned())
            })
            .collect(),
        ..Node::default()
    }
}

/// The document element of `xml`; fails on anything that is not well-formed.
fn parse(xml: &str) -> Node {
    let mut reader = Reader::from_str(xml);
    let mut open = vec![Node::default()];
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let last = open.len() - 1;
        match event {
            Event::Start(start) => open.push(element(&start)),
            Event::Empty(start) => open[last].children.push(element(&start)),
            Event::End(_) => {
                let done = open.pop().expect("an open element");
                open.last_mut().expect("a parent").children.push(done);
            }
            Event::Text(text) => open[last].text.push_str(&text.xml10_content()),
            Event::CData(data) => open[last].text.push_str(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().expect("a character") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&reference)
                        .expect("one of XML's own entities")
                        .to_owned(),
                };
                open[last].text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = open.pop().expect("the document");
    assert!(open.is_empty(), "every element is closed");
    assert_eq!(document.children.len(), 1, "one document element");
    document.children.remove(0)
}

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
async fn report(db: &DatabaseConnection, w: &World, id: i32, input: UpdateInput) -> Update {
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

        let [civil, reviewer, approved, awaiting] = entries[..] else {
            panic!("four entries");
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
