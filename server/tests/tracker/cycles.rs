//! Review cycles: only administrators open and close them, one is open at a time, closing
//! keeps every public commitment as it stood, and that snapshot never changes when live data
//! does. Two closed cycles compare; pages, downloads and the API read the snapshot.

use app::cycles::{compare::compare, manage, read};
use app::progress::{store::record, Source};
use app::refusal::{Refusal, WriteError};
use app::review::{assess::assess, decide::decide, AssessmentInput, Decision};
use axum::http::StatusCode;
use chrono::{Duration, Utc};

use crate::common::{
    self,
    http::{app_for, get, json},
};
use crate::world::{self, today, update, World};

fn refused(result: Result<impl std::fmt::Debug, WriteError>) -> Refusal {
    match result {
        Err(WriteError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// C-01 reported, approved and assessed; C-02 never reported.
async fn reviewed_plan(db: &sea_orm::DatabaseConnection, w: &World) -> (i32, i32) {
    let (first, _) = w.commitment(db, "C-01").await;
    let (second, _) = w.commitment(db, "C-02").await;
    w.publish(db).await;
    let reported = record(
        db,
        &w.focal_point,
        first,
        update("limited", Some(20.0)),
        Source::Form,
        today(),
    )
    .await
    .expect("recorded");
    decide(
        db,
        &w.reviewer,
        reported.id,
        Decision::Approve,
        "",
        Utc::now(),
    )
    .await
    .expect("approved");
    let judged = AssessmentInput {
        status: "substantial".into(),
        percent_complete: "50".into(),
        justification: "Enrolment figures confirm it".into(),
    };
    assess(db, &w.reviewer, first, &judged, Utc::now())
        .await
        .expect("assessed");
    (first, second)
}

#[tokio::test]
async fn only_administrators_open_and_close_and_a_closed_snapshot_never_changes() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (first, _) = reviewed_plan(db, &w).await;
        let now = Utc::now();

        for outsider in [&w.coordinator, &w.focal_point, &w.reviewer] {
            assert!(
                matches!(
                    refused(manage::open(db, outsider, "CSocD 65", now).await),
                    Refusal::Forbidden(_)
                ),
                "{}",
                test_db.backend
            );
        }
        assert!(matches!(
            refused(manage::open(db, &w.admin, "  ", now).await),
            Refusal::Invalid(_)
        ));
        let cycle = manage::open(db, &w.admin, "CSocD 65, February 2027", now)
            .await
            .expect("opened");
        assert!(!cycle.is_closed());
        assert_eq!(cycle.commitments, 0);
        let again = refused(manage::open(db, &w.admin, "CSocD 66", now).await);
        assert!(again.to_string().contains("is still open"), "{again}");
        for outsider in [&w.coordinator, &w.reviewer] {
            assert!(matches!(
                refused(manage::close(db, outsider, cycle.id, now).await),
                Refusal::Forbidden(_)
            ));
        }
        assert!(matches!(
            refused(manage::close(db, &w.admin, cycle.id + 100, now).await),
            Refusal::NotFound(_)
        ));

        let closed = manage::close(db, &w.admin, cycle.id, now)
            .await
            .expect("closed");
        assert_eq!(closed.commitments, 2);
        assert!(closed.closed_by.is_some());
        let kept = read::records(db, cycle.id, None).await.expect("records");
        assert_eq!(kept.len(), 2);
        let view = read::view(db, cycle.id)
            .await
            .expect("view")
            .expect("found");
        assert_eq!(view.countries.len(), 1);
        let kenya = &view.countries[0];
        assert_eq!((kenya.iso3.as_str(), kenya.commitments), ("KEN", 2));
        assert_eq!((kenya.reviewed, kenya.assessed), (1, 1));
        assert_eq!(kenya.by_status, vec![1, 1, 0, 0, 0]);
        assert!(matches!(
            refused(manage::close(db, &w.admin, cycle.id, now).await),
            Refusal::Invalid(_)
        ));

        // Live data moves on; the snapshot does not.
        record(
            db,
            &w.focal_point,
            first,
            update("complete", Some(100.0)),
            Source::Api,
            today(),
        )
        .await
        .expect("recorded");
        let later = AssessmentInput {
            status: "complete".into(),
            percent_complete: "100".into(),
            justification: "Done".into(),
        };
        assess(db, &w.reviewer, first, &later, Utc::now())
            .await
            .expect("assessed");
        w.commitment(db, "C-03").await;
        assert_eq!(
            read::records(db, cycle.id, None).await.expect("records"),
            kept
        );
        assert_eq!(
            read::view(db, cycle.id)
                .await
                .expect("view")
                .expect("found")
                .countries,
            view.countries
        );
        let frozen = read::country(db, cycle.id, "ken")
            .await
            .expect("read")
            .expect("Kenya");
        assert_eq!(frozen.commitments, kept);
        assert!(read::country(db, cycle.id, "FIN")
            .await
            .expect("read")
            .is_none());

        // A second cycle, compared with the first: C-01 moved, C-03 is new.
        let second = manage::open(db, &w.admin, "CSocD 66", now + Duration::days(1))
            .await
            .expect("opened");
        manage::close(db, &w.admin, second.id, now + Duration::days(2))
            .await
            .expect("closed");
        let compared = compare(db, second.id, cycle.id)
            .await
            .expect("compare")
            .expect("both closed");
        assert_eq!(compared.earlier.id, cycle.id);
        assert_eq!(compared.moved.len(), 1);
        assert_eq!(compared.moved[0].after.commitment_id, first);
        assert_eq!(compared.new.len(), 1);
        assert_eq!(compared.new[0].reference, "C-03");
        assert_eq!(
            (
                compared.slipped.len(),
                compared.gone.len(),
                compared.unchanged
            ),
            (0, 0, 1)
        );
        test_db.finish().await;
    }
}

#[tokio::test]
async fn a_closed_cycle_reads_the_same_on_its_pages_downloads_and_api() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        reviewed_plan(db, &w).await;
        let now = Utc::now();
        let open = manage::open(db, &w.admin, "CSocD 65", now)
            .await
            .expect("opened");
        let app = app_for(db);

        // While open there is no snapshot to download.
        let early = get(&app, &format!("/data/cycles/{}.csv", open.id)).await;
        assert_eq!(early.status, StatusCode::NOT_FOUND);
        assert!(early.body.contains("still open"), "{}", early.body);
        let page = get(&app, &format!("/cycles/{}", open.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("This cycle is open"));

        manage::close(db, &w.admin, open.id, now)
            .await
            .expect("closed");
        let id = open.id;
        let list = get(&app, "/cycles").await;
        assert!(list.body.contains("CSocD 65"), "{}", test_db.backend);
        let page = get(&app, &format!("/cycles/{id}")).await;
        assert!(page
            .body
            .contains(&format!("href=\"/cycles/{id}/countries/KEN\"")));
        assert!(page.body.contains(&format!("/data/cycles/{id}.csv")));
        let country = get(&app, &format!("/cycles/{id}/countries/KEN")).await;
        assert_eq!(country.status, StatusCode::OK);
        assert!(country
            .body
            .contains("Health insurance for informal workers"));
        assert!(
            country.body.contains("Substantial progress"),
            "the reviewer's assessment"
        );
        for missing in [
            format!("/cycles/{}", id + 1),
            format!("/cycles/{id}/countries/FIN"),
            "/cycles/not-a-number".to_owned(),
            format!("/cycles/{id}/compare?with={}", id + 1),
        ] {
            assert_eq!(
                get(&app, &missing).await.status,
                StatusCode::NOT_FOUND,
                "{missing}"
            );
        }

        let csv = get(&app, &format!("/data/cycles/{id}.csv?country=ken")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.content_type, "text/csv; charset=utf-8");
        let mut lines = csv.body.lines();
        let header = lines.next().expect("a header");
        assert!(
            header.starts_with("country_iso3,") && header.ends_with(",civil_society"),
            "{header}"
        );
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 2);
        assert!(
            rows[0].contains(",limited,20,") && rows[0].contains(",substantial,50,"),
            "{}",
            rows[0]
        );
        let whole = json(&get(&app, &format!("/data/cycles/{id}.json")).await);
        assert_eq!(whole["cycle"]["name"], "CSocD 65");
        assert_eq!(whole["commitments"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            whole["commitments"][0]["assessments"][0]["status"],
            "substantial"
        );

        let cycles = json(&get(&app, "/api/v1/cycles").await);
        assert_eq!(cycles[0]["commitments"], 2);
        let view = json(&get(&app, &format!("/api/v1/cycles/{id}")).await);
        assert_eq!(view["countries"][0]["iso3"], "KEN");
        let kept = get(
            &app,
            &format!("/api/v1/cycles/{id}/commitments?country=KEN&per_page=1"),
        )
        .await;
        assert_eq!(kept.status, StatusCode::OK);
        assert_eq!(json(&kept).as_array().map(Vec::len), Some(1));
        let header = |name: &str| kept.headers.get(name).and_then(|v| v.to_str().ok());
        assert_eq!(header("x-total-count"), Some("2"));
        assert!(
            header("link").is_some_and(|l| l.contains("commitments?country=KEN&page=2&per_page=1")),
            "{:?}",
            header("link")
        );
        assert_eq!(
            get(&app, "/api/v1/cycles/999").await.status,
            StatusCode::NOT_FOUND
        );
        test_db.finish().await;
    }
}
