//! The coverage matrix and the tracker's numbers, as a reader without JavaScript gets them.

use app::plans::authoring::{self, CommitmentInput};
use app::progress::{self, Source};
use axum::http::StatusCode;

use crate::common::{
    self,
    http::{app_for, get},
};
use crate::world::{self, commitment_input, today, update};

#[tokio::test]
async fn coverage_matrix_and_numbers_count_only_published_plans() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let before = get(&app, "/coverage").await;
        assert_eq!(before.status, StatusCode::OK);
        assert!(
            before
                .body
                .contains("No country has published an action plan yet."),
            "a draft plan is not counted"
        );

        w.publish(db).await;
        progress::store::record(
            db,
            &w.focal_point,
            id,
            update("substantial", Some(60.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("update");

        let matrix = get(&app, "/coverage").await;
        assert_eq!(matrix.status, StatusCode::OK);
        let body = &matrix.body;
        assert!(body.contains(r#"href="/countries/KEN""#), "{body}");
        for code in ["SPR-2", "SEC-1"] {
            assert!(
                body.contains(&format!(
                    r#"aria-label="1 commitment of Kenya answer {code}: Substantial progress""#
                )),
                "the {code} cell counts C-01"
            );
        }
        assert!(body.contains("98 of these 100 recommendations are answered by no published plan."));
        assert_eq!(body.matches(r#"<tr class="gap">"#).count(), 98);
        assert_eq!(body.matches(r#"scope="colgroup""#).count(), 11);

        let social = get(&app, "/coverage?group=spr").await;
        assert_eq!(social.body.matches(r#"scope="colgroup""#).count(), 1);
        assert!(social.body.contains("SPR-2"));
        assert!(!social.body.contains(r#"href="/recommendations/SEC-1""#));

        // Kenya is in Africa: the region filter keeps it or leaves it out, and offers only
        // regions that have a published plan.
        let africa = get(&app, "/coverage?region=africa").await;
        assert!(africa.body.contains(r#"href="/countries/KEN""#));
        assert!(
            africa.body.contains(r#"<option value="africa" selected"#),
            "{}",
            africa.body
        );
        assert!(!africa.body.contains(r#"value="europe""#));
        let europe = get(&app, "/coverage?region=Europe&group=SPR").await;
        assert!(europe
            .body
            .contains("No country of this region has published an action plan yet."));
        assert!(!europe.body.contains(r#"href="/countries/KEN""#));
        let unknown = get(&app, "/coverage?region=atlantis").await;
        assert!(
            unknown
                .body
                .contains("&#x27;atlantis&#x27; is not a region")
                || unknown.body.contains("'atlantis' is not a region"),
            "{}",
            unknown.body
        );

        let kenya = get(&app, "/countries/KEN").await;
        for expected in [
            "Progress by recommendation group",
            r#"<title id="group-progress-title">Mean % complete by recommendation group</title>"#,
            "Socio-economic dimensions: 60 %; Social protection: 60 %",
            r##"<a href="#group-SPR">Social protection</a>"##,
            "Accountability board",
            "Ministry of Health (MOH)",
            "1 of 1 (100 %)",
            r#"<title id="timeline-title">Timeline of the commitments</title>"#,
            "1 commitment with timeframes from 2026-01-01 to ",
        ] {
            assert!(
                kenya.body.contains(expected),
                "country page shows {expected:?}"
            );
        }

        let home = get(&app, "/").await;
        assert_eq!(home.status, StatusCode::OK);
        for expected in [
            "Countries with a published plan",
            "<dd>1</dd>",
            "60 %",
            "which the mean is taken over: 1.",
            r#"href="/coverage""#,
        ] {
            assert!(home.body.contains(expected), "home page shows {expected:?}");
        }

        // A withdrawn commitment hides no progress beside it, and stands only alone.
        let withdrawn = |reference: &str, recommendations: &[&str]| CommitmentInput {
            recommendations: recommendations.iter().map(|r| (*r).to_owned()).collect(),
            ..commitment_input(reference)
        };
        for (reference, answers) in [("C-02", &["SPR-2"][..]), ("C-03", &["POL-1"][..])] {
            let id = authoring::create_commitment(
                db,
                &w.coordinator,
                w.plan_id,
                withdrawn(reference, answers),
            )
            .await
            .expect("commitment");
            progress::store::record(
                db,
                &w.focal_point,
                id,
                update("withdrawn", None),
                Source::Form,
                today(),
            )
            .await
            .expect("withdrawn");
        }
        let matrix = get(&app, "/coverage").await.body;
        for expected in [
            r#"aria-label="2 commitments of Kenya answer SPR-2: Substantial progress""#,
            r#"aria-label="1 commitment of Kenya answer POL-1: Withdrawn""#,
            r#"aria-label="1 commitment of Kenya answer SEC-1: Substantial progress""#,
            "97 of these 100 recommendations are answered by no published plan.",
        ] {
            assert!(matrix.contains(expected), "the matrix shows {expected:?}");
        }
        test_db.finish().await;
    }
}
