//! Hostile text in the fields people fill in comes out as text: escaped in every page and feed
//! that shows it, stored exactly as typed (SQL metacharacters included), and refused where it
//! could run (an evidence link that is not a web address).

use app::plans::authoring;
use app::progress::{self, Source, UpdateInput};
use app::refusal::WriteError;

use crate::common::http::{app_for, get};
use crate::common::migrated_databases;
use crate::world::{build, commitment_input, today};

const SCRIPT: &str = "</title><script>alert('title')</script>";
const IMAGE: &str = "\"><img src=x onerror=alert(1)>";
const SQL: &str = "'; DROP TABLE commitments; --";

/// Markup that would run if a page put the texts above into its HTML as they are.
const LIVE: [&str; 2] = ["<script>alert(", "<img src=x"];

#[tokio::test]
async fn hostile_text_is_shown_as_text_and_stored_as_typed() {
    for test_db in migrated_databases().await {
        let db = &test_db.db;
        let world = build(db).await;
        authoring::create_owner(
            db,
            &app::accounts::Actor::Operator,
            "KEN",
            "HOS",
            &format!("Ministry {SCRIPT}"),
        )
        .await
        .expect("an owner whose name is markup");
        let mut input = commitment_input("C-1");
        input.title = format!("Title {SCRIPT}");
        input.description = format!("Description {IMAGE} {SQL}");
        input.targets[0].indicator = format!("Indicator {IMAGE}");
        input.supporting_owners = vec!["HOS".into()];
        let id = authoring::create_commitment(db, &world.coordinator, world.plan_id, input)
            .await
            .expect("markup is text like any other");
        world.publish(db).await;
        let narrative = format!("Narrative {SCRIPT} {IMAGE} {SQL}");
        progress::store::record(
            db,
            &world.focal_point,
            id,
            UpdateInput {
                status: "limited".into(),
                percent_complete: Some(20.0),
                narrative: Some(narrative.clone()),
                evidence_urls: vec!["https://example.org/?q=';DROP+TABLE+commitments;--".into()],
                ..Default::default()
            },
            Source::Form,
            today(),
        )
        .await
        .expect("record the update");

        // A closed review cycle keeps the texts: its pages and files are checked too.
        let now = chrono::Utc::now();
        let cycle = app::cycles::manage::open(db, &world.admin, &format!("Cycle {SCRIPT}"), now)
            .await
            .expect("a cycle's name is text like any other");
        app::cycles::manage::close(db, &world.admin, cycle.id, now)
            .await
            .expect("closed");

        let app = app_for(db);
        let commitment = format!("/commitments/{id}");
        let cycle_page = format!("/cycles/{}", cycle.id);
        let cycle_country = format!("/cycles/{}/countries/KEN", cycle.id);
        let commitment_feed = format!("/commitments/{id}/feed.atom");
        for page in [
            "/",
            "/countries",
            "/countries/KEN",
            "/coverage",
            "/recommendations/SPR-2",
            "/search?q=Title",
            commitment.as_str(),
            "/cycles",
            cycle_page.as_str(),
            cycle_country.as_str(),
            // The feeds are XML: escaped by their writer (read back in `feeds`).
            "/countries/KEN/feed.atom",
            commitment_feed.as_str(),
        ] {
            let reply = get(&app, page).await;
            assert_eq!(reply.status, 200, "{page}");
            for live in LIVE {
                assert!(
                    !reply.body.contains(live),
                    "{page} holds live markup {live}"
                );
            }
        }
        let page = get(&app, &commitment).await.body;
        for shown in [
            "<title>C-1: Title &lt;/title&gt;&lt;script&gt;",
            "<h1>Title &lt;/title&gt;&lt;script&gt;",
            "Ministry &lt;/title&gt;&lt;script&gt;",
            "Narrative &lt;/title&gt;&lt;script&gt;",
            "&lt;img src=x onerror=alert(1)&gt;",
        ] {
            assert!(page.contains(shown), "the commitment page shows {shown}");
        }

        // Stored exactly as typed: the API gives the texts back, character for character.
        let answer = get(&app, &format!("/api/v1/commitments/{id}")).await;
        assert!(answer.content_type.starts_with("application/json"));
        let json: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
        assert_eq!(json["title"], format!("Title {SCRIPT}"));
        assert_eq!(json["description"], format!("Description {IMAGE} {SQL}"));
        assert_eq!(json["updates"][0]["narrative"], narrative);

        // Downloads give the texts back as typed, and are never pages: a browser saves them,
        // sniffs nothing and would run nothing in them.
        let cycle_csv = format!("/data/cycles/{}.csv", cycle.id);
        let cycle_json = format!("/data/cycles/{}.json", cycle.id);
        for download in [
            "/data/commitments.csv?country=KEN",
            "/data/commitments.json?country=KEN",
            "/data/updates.csv?country=KEN",
            "/data/updates.json?country=KEN",
            "/data/commitments.xlsx?country=KEN",
            cycle_csv.as_str(),
            cycle_json.as_str(),
        ] {
            let reply = get(&app, download).await;
            assert_eq!(reply.status, 200, "{download}");
            let header = |name: &str| {
                reply
                    .headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            assert!(!reply.content_type.contains("html"), "{download}");
            assert!(header("content-disposition").starts_with("attachment;"));
            assert_eq!(header("x-content-type-options"), "nosniff");
            assert!(
                header("content-security-policy").contains("default-src 'none'"),
                "{download}: {}",
                header("content-security-policy")
            );
            if download.contains(".xlsx") {
                let book = app::spreadsheets::read(
                    "c.xlsx",
                    &reply.bytes,
                    &app::spreadsheets::Limits::default(),
                )
                .expect("xlsx");
                let cells = format!("{:?}", book.sheets[0]);
                assert!(cells.contains("Title </title><script>"), "{cells}");
            } else if download.contains("commitments") || download.contains("cycles") {
                assert!(reply.body.contains("Title </title><script>"), "{download}");
            } else {
                assert!(
                    reply.body.contains("Narrative </title><script>"),
                    "{download}"
                );
            }
        }

        // A link that would run script is refused, not stored.
        let refused = progress::store::record(
            db,
            &world.focal_point,
            id,
            UpdateInput {
                status: "limited".into(),
                percent_complete: Some(25.0),
                evidence_urls: vec!["javascript:alert(document.cookie)".into()],
                ..Default::default()
            },
            Source::Form,
            today(),
        )
        .await;
        assert!(
            matches!(refused, Err(WriteError::Refused(_))),
            "{refused:?}"
        );
        test_db.finish().await;
    }
}
