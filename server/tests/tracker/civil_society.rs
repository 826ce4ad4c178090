//! Civil society: organisations register and wait for an administrator; only approved ones
//! publish assessments, of published commitments, and nobody changes another organisation's
//! assessment; public pages show the three voices and flag a disagreement.

use app::civil_society::{organisations, shadow, Registration, ShadowInput};
use app::plans::Status;
use app::progress::{store::record, Source};
use app::refusal::{Refusal, WriteError};
use app::review::{assess::assess, AssessmentInput};
use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::common::{
    self,
    http::{app_for, form_action, get, get_with, post_form, sign_in},
};
use crate::world::{self, today, update, PASSWORD};

const FLAG: &str = "Disagrees with the ministry by more than one step";

fn refused(result: Result<impl std::fmt::Debug, WriteError>) -> Refusal {
    match result {
        Err(WriteError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn registration(organisation: &str, email: &str) -> Registration {
    Registration {
        organisation: organisation.into(),
        website: "https://watch.example.org".into(),
        description: "Follows social protection.".into(),
        name: "Amina".into(),
        email: email.into(),
        password: PASSWORD.into(),
    }
}

fn input(status: &str, justification: &str) -> ShadowInput {
    ShadowInput {
        status: status.into(),
        justification: justification.into(),
        evidence: "https://watch.example.org/report-2026.pdf\n".into(),
    }
}

/// A person's actor, as the server functions make it.
async fn actor_of(db: &DatabaseConnection, email: &str) -> app::accounts::Actor {
    let user = app::accounts::store::find_user(db, email)
        .await
        .expect("read")
        .expect("an account");
    app::accounts::Actor::Person(user.into())
}

#[tokio::test]
async fn only_approved_organisations_assess_and_nobody_changes_anothers_assessment() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let now = Utc::now();

        let bad = Registration {
            organisation: " ".into(),
            website: "ftp://watch".into(),
            password: "short".into(),
            ..registration("", "watch@example.org")
        };
        let Refusal::Invalid(errors) = refused(organisations::register(db, &bad, now).await) else {
            panic!("invalid");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["organisation", "website", "password"],
            "{}",
            test_db.backend
        );

        let watch = organisations::register(
            db,
            &registration("Social Watch", "amina@watch.example.org"),
            now,
        )
        .await
        .expect("registered");
        assert_eq!(watch.state, "pending");
        let again = organisations::register(
            db,
            &registration("Social Watch", "other@watch.example.org"),
            now,
        )
        .await;
        assert!(matches!(refused(again), Refusal::Invalid(_)));
        let taken =
            organisations::register(db, &registration("Another", "amina@watch.example.org"), now)
                .await;
        assert!(matches!(refused(taken), Refusal::Invalid(_)));

        let amina = actor_of(db, "amina@watch.example.org").await;
        w.publish(db).await;
        let pending = shadow::save(db, &amina, id, None, &input("limited", "Slow."), now).await;
        assert!(
            matches!(refused(pending), Refusal::Forbidden(m) if m.contains("awaiting approval"))
        );

        for outsider in [&w.reviewer, &w.coordinator, &amina] {
            assert!(matches!(
                refused(organisations::decide(db, outsider, watch.id, true, now).await),
                Refusal::Forbidden(_)
            ));
            assert!(matches!(
                refused(organisations::list(db, outsider).await),
                Refusal::Forbidden(_)
            ));
        }
        organisations::decide(db, &w.admin, watch.id, true, now)
            .await
            .expect("approved");
        let other = organisations::register(
            db,
            &registration("Rights Now", "li@rights.example.org"),
            now,
        )
        .await
        .expect("registered");
        organisations::decide(db, &w.admin, other.id, true, now)
            .await
            .expect("approved");
        let li = actor_of(db, "li@rights.example.org").await;

        // Neither reviewers nor ministries speak as civil society.
        for outsider in [&w.reviewer, &w.focal_point] {
            let result = shadow::save(db, outsider, id, None, &input("limited", "x"), now).await;
            assert!(matches!(refused(result), Refusal::Forbidden(_)));
        }
        let published = shadow::save(
            db,
            &amina,
            id,
            None,
            &input("not_started", "No enrolment seen in the field."),
            now,
        )
        .await
        .expect("published");
        let invalid = shadow::save(
            db,
            &amina,
            id,
            None,
            &ShadowInput {
                status: "fine".into(),
                justification: String::new(),
                evidence: "javascript:alert(1)".into(),
            },
            now,
        )
        .await;
        let Refusal::Invalid(errors) = refused(invalid) else {
            panic!("invalid")
        };
        assert_eq!(errors.len(), 3, "{errors:?}");

        // Another organisation cannot change it, even naming it.
        let hijack = shadow::save(
            db,
            &li,
            id,
            Some(published.id),
            &input("complete", "All done."),
            now,
        )
        .await;
        assert!(
            matches!(refused(hijack), Refusal::Forbidden(m) if m.contains("another organisation"))
        );
        shadow::save(
            db,
            &li,
            id,
            None,
            &input("limited", "Some counties only."),
            now,
        )
        .await
        .expect("its own");
        // Saving again replaces the organisation's own assessment.
        shadow::save(
            db,
            &amina,
            id,
            Some(published.id),
            &input("not_started", "Still nothing in the field."),
            now,
        )
        .await
        .expect("revised");
        let shown = shadow::of_commitments(db, &[id])
            .await
            .expect("read")
            .remove(&id)
            .expect("some");
        let summary: Vec<(&str, Status, &str)> = shown
            .iter()
            .map(|s| (s.organisation.as_str(), s.status, s.justification.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Rights Now", Status::Limited, "Some counties only."),
                (
                    "Social Watch",
                    Status::NotStarted,
                    "Still nothing in the field."
                ),
            ]
        );
        assert!(shown[1].revised_at.is_some());

        // Withdrawing an organisation's approval takes its assessments off the pages.
        organisations::decide(db, &w.admin, other.id, false, now)
            .await
            .expect("rejected");
        let shown = shadow::of_commitments(db, &[id])
            .await
            .expect("read")
            .remove(&id)
            .expect("some");
        assert_eq!(shown.len(), 1);
        test_db.finish().await;
    }
}

#[tokio::test]
async fn the_public_page_shows_three_voices_and_flags_a_disagreement() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        w.publish(db).await;
        let now = Utc::now();
        record(
            db,
            &w.focal_point,
            id,
            update("substantial", Some(60.0)),
            Source::Form,
            today(),
        )
        .await
        .expect("reported");
        let app = app_for(db);
        let page = get(&app, &format!("/commitments/{id}")).await.body;
        assert!(!page.contains(FLAG), "nothing to disagree with yet");

        // The reviewer is one step away: no flag.
        let limited = AssessmentInput {
            status: "limited".into(),
            percent_complete: "40".into(),
            justification: "Fewer counties than reported.".into(),
        };
        assess(db, &w.reviewer, id, &limited, now)
            .await
            .expect("assessed");
        assert!(!get(&app, &format!("/commitments/{id}"))
            .await
            .body
            .contains(FLAG));

        // Registered and approved through the pages, an organisation two steps away is flagged.
        let form_page = get(&app, "/organisations/register").await.body;
        let action = form_action(&form_page, "/api/register_organisation");
        let registered = post_form(
            &app,
            &action,
            None,
            "form[organisation]=Social+Watch&form[website]=https%3A%2F%2Fwatch.example.org&form[description]=&form[name]=Amina&form[email]=amina%40watch.example.org&form[password]=correct+horse+battery+staple",
        )
        .await;
        assert!(
            registered.status.is_success() || registered.status.is_redirection(),
            "{}",
            registered.body
        );
        let admin = sign_in(&app, "admin@un.example.org", PASSWORD)
            .await
            .expect("signed in");
        let list = get_with(&app, "/admin/organisations", &admin).await.body;
        assert!(
            list.contains("Social Watch") && list.contains("pending"),
            "{list}"
        );
        let decide = form_action(&list, "/api/decide_organisation");
        let org_id = organisations::of_person(
            db,
            actor_of(db, "amina@watch.example.org")
                .await
                .user_id()
                .expect("id"),
        )
        .await
        .expect("read")
        .expect("member")
        .id;
        post_form(
            &app,
            &decide,
            Some(&admin),
            &format!("id={org_id}&decision=approve"),
        )
        .await;

        let amina = sign_in(&app, "amina@watch.example.org", PASSWORD)
            .await
            .expect("signed in");
        let my = get_with(&app, "/my", &amina).await.body;
        assert!(my.contains("You speak for Social Watch, approved"), "{my}");
        let shadow_page = get_with(&app, &format!("/commitments/{id}/shadow"), &amina)
            .await
            .body;
        let save = form_action(&shadow_page, "/api/save_shadow_assessment");
        post_form(
            &app,
            &save,
            Some(&amina),
            &format!("id={id}&form[status]=not_started&form[justification]=No+enrolment+seen.&form[evidence]=https%3A%2F%2Fwatch.example.org%2Fr.pdf"),
        )
        .await;
        let page = get(&app, &format!("/commitments/{id}")).await.body;
        for voice in [
            "The ministry reports",
            "Fewer counties than reported.",
            "Social Watch",
            "No enrolment seen.",
            "https://watch.example.org/r.pdf",
        ] {
            assert!(page.contains(voice), "{voice}: {page}");
        }
        assert_eq!(page.matches(FLAG).count(), 1, "{page}");
        test_db.finish().await;
    }
}
