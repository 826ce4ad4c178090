//! National action plans in the database: building a plan, publishing it, reporting progress,
//! concurrent edits, the audit trail, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

use crate::common;
use crate::world::{self, commitment_input, today, update};

use app::audit;
use app::plans::authoring;
use app::plans::{store, Status};
use app::progress::{self, IndicatorValue, Source};
use app::refusal::{Refusal, WriteError};

fn refusal(result: Result<impl std::fmt::Debug, WriteError>) -> Refusal {
    match result {
        Err(WriteError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_published_commitment_is_public_and_answers_its_recommendations() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let id =
            authoring::create_commitment(db, &w.coordinator, w.plan_id, commitment_input("C-01"))
                .await
                .expect("coordinator creates a commitment");

        // A draft is read by the people of the country, not by the public.
        assert!(store::commitment_detail(db, id, None, today())
            .await
            .expect("read")
            .is_none());
        assert!(
            store::commitment_detail(db, id, Some(&w.focal_point), today())
                .await
                .expect("read")
                .is_some()
        );
        assert_eq!(
            store::countries(db).await.expect("countries")[1].commitments,
            0
        );

        w.publish(db).await;
        let detail = store::commitment_detail(db, id, None, today())
            .await
            .expect("read")
            .expect("public once published");
        let c = &detail.commitment;
        assert_eq!(c.recommendations, ["SEC-1", "SPR-2"], "{}", test_db.backend);
        assert_eq!(c.lead_owner.code, "MOH");
        assert_eq!(c.supporting_owners[0].code, "MOE");
        assert_eq!(c.status, Status::NotStarted);
        assert_eq!(c.percent_complete, None, "unknown until reported, never 0");
        assert_eq!(c.targets[0].disaggregation, ["sex", "location"]);
        assert!(!c.overdue);

        let countries = store::countries(db).await.expect("countries");
        let kenya = countries
            .iter()
            .find(|c| c.iso3 == "KEN")
            .expect("Kenya listed");
        assert_eq!(kenya.commitments, 1);
        let answering = store::answering(db, "spr-2", today())
            .await
            .expect("answering");
        assert_eq!(answering.len(), 1);
        assert!(store::answering(db, "POL-1", today())
            .await
            .expect("answering")
            .is_empty());
        test_db.finish().await;
    }
}

#[tokio::test]
async fn every_wrong_field_of_a_commitment_is_named_and_nothing_is_written() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let mut input = commitment_input("C-01");
        input.recommendations = vec!["SPR-2".into(), "XYZ-9".into()];
        input.lead_owner = "MOF".into();
        input.end_date = "2025-01-01".into();
        let Refusal::Invalid(errors) =
            refusal(authoring::create_commitment(db, &w.coordinator, w.plan_id, input).await)
        else {
            panic!("must be invalid")
        };
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("end_date: the end (2025-01-01) is before the start")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("recommendations: XYZ-9 is not a recommendation")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("lead_owner: MOF is not an owner")),
            "{messages:?}"
        );
        let plans = store::country_plans(db, "KEN", Some(&w.coordinator), today())
            .await
            .expect("read")
            .expect("Kenya");
        assert!(plans.commitments.is_empty());

        authoring::create_commitment(db, &w.coordinator, w.plan_id, commitment_input("C-01"))
            .await
            .expect("first");
        let Refusal::Invalid(errors) = refusal(
            authoring::create_commitment(db, &w.coordinator, w.plan_id, commitment_input("C-01"))
                .await,
        ) else {
            panic!("a second C-01 must be invalid")
        };
        assert_eq!(errors[0].field, "reference");
        test_db.finish().await;
    }
}

#[tokio::test]
async fn progress_is_appended_never_rewritten_and_moves_the_commitment_on() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target_id) = w.commitment(db, "C-01").await;

        let mut first = update("limited", Some(20.0));
        first.reporting_date = Some("2026-06-30".into());
        first.indicator_values = vec![IndicatorValue {
            target_id,
            value: 18.5,
        }];
        progress::store::record(db, &w.focal_point, id, first, Source::Form, today())
            .await
            .expect("first update");
        // A correction is a new update, sent with the version the sender saw.
        let mut second = update("substantial", None);
        second.version = Some(2);
        progress::store::record(db, &w.focal_point, id, second, Source::Api, today())
            .await
            .expect("second update");

        let detail = store::commitment_detail(db, id, Some(&w.focal_point), today())
            .await
            .expect("read")
            .expect("found");
        assert_eq!(detail.commitment.status, Status::Substantial);
        assert_eq!(
            detail.commitment.percent_complete,
            Some(20),
            "kept when the new update gives none"
        );
        assert_eq!(detail.commitment.version, 3);
        assert_eq!(detail.commitment.targets[0].latest_value, Some(18.5));
        assert_eq!(detail.commitment.last_reported, Some(today()));
        let statuses: Vec<Status> = detail.updates.iter().map(|u| u.status).collect();
        assert_eq!(
            statuses,
            [Status::Substantial, Status::Limited],
            "newest first, both kept"
        );
        assert_eq!(
            detail.updates[1].evidence_urls,
            ["https://health.go.example/report-2026.pdf"]
        );
        assert_eq!(detail.updates[1].author, "health@ken.example.org");
        assert_eq!(detail.updates[0].source, "api");

        let log = audit::entries(
            db,
            &w.admin,
            Some(("commitment", Some(&id.to_string()))),
            10,
        )
        .await
        .expect("audit");
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["progress.create", "progress.create", "commitment.create"]
        );
        assert_eq!(log[0].actor.as_deref(), Some("health@ken.example.org"));
        assert!(log[0]
            .before
            .as_deref()
            .is_some_and(|b| b.contains("\"limited\"")));
        assert!(log[0]
            .after
            .as_deref()
            .is_some_and(|a| a.contains("\"substantial\"")));
        assert!(matches!(
            refusal(audit::entries(db, &w.coordinator, None, 10).await),
            Refusal::Forbidden(_)
        ));
        test_db.finish().await;
    }
}

#[tokio::test]
async fn the_second_of_two_edits_from_the_same_version_is_refused_and_changes_nothing() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let id =
            authoring::create_commitment(db, &w.coordinator, w.plan_id, commitment_input("C-01"))
                .await
                .expect("create");

        let mut mine = commitment_input("C-01");
        mine.title = "Health insurance for all informal workers".into();
        let mut theirs = commitment_input("C-01");
        theirs.title = "Insurance for informal workers and their families".into();
        assert_eq!(
            authoring::update_commitment(db, &w.coordinator, id, 1, mine)
                .await
                .expect("first save"),
            2
        );
        let Refusal::Conflict {
            message,
            current_version,
        } = refusal(authoring::update_commitment(db, &w.coordinator, id, 1, theirs).await)
        else {
            panic!("must conflict")
        };
        assert_eq!(current_version, 2);
        assert!(
            message.contains("someone else changed commitment C-01"),
            "{message}"
        );

        // The same rule holds for progress: an update based on version 1 is refused.
        let mut stale = update("limited", None);
        stale.version = Some(1);
        assert!(matches!(
            refusal(
                progress::store::record(db, &w.focal_point, id, stale, Source::Form, today()).await
            ),
            Refusal::Conflict {
                current_version: 2,
                ..
            }
        ));
        let detail = store::commitment_detail(db, id, Some(&w.coordinator), today())
            .await
            .expect("read")
            .expect("found");
        assert_eq!(
            detail.commitment.title,
            "Health insurance for all informal workers"
        );
        assert!(detail.updates.is_empty());
        test_db.finish().await;
    }
}

#[tokio::test]
async fn a_target_with_reported_values_cannot_be_removed() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target_id) = w.commitment(db, "C-01").await;
        let mut reported = update("limited", None);
        reported.indicator_values = vec![IndicatorValue {
            target_id,
            value: 15.0,
        }];
        progress::store::record(db, &w.focal_point, id, reported, Source::Form, today())
            .await
            .expect("update");

        let mut without_targets = commitment_input("C-01");
        without_targets.targets.clear();
        let Refusal::Invalid(errors) =
            refusal(authoring::update_commitment(db, &w.coordinator, id, 2, without_targets).await)
        else {
            panic!("must be refused")
        };
        assert!(errors[0]
            .message
            .contains("'Informal workers insured' already has reported values"));
        test_db.finish().await;
    }
}
