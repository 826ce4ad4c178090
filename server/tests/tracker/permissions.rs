//! Who may write what: each domain write, by each role, inside and outside its scope.

use app::accounts::Actor;
use app::plans::authoring::{self, PlanInput};
use app::plans::store as plans;
use app::plans::{PlanStatus, Region};
use app::progress::{self, Source};
use app::refusal::{Refusal, WriteError};

use crate::common;
use crate::world::{self, commitment_input, plan_input, today, update};

/// Each write, by each role, inside and outside its scope: allowed or refused as specified in
/// `app::accounts::permissions`.
#[tokio::test]
async fn permission_matrix_of_domain_writes() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let seed =
            authoring::create_commitment(db, &w.coordinator, w.plan_id, commitment_input("C-00"))
                .await
                .expect("seed");
        let people: [(&str, &Actor); 6] = [
            ("admin", &w.admin),
            ("coordinator", &w.coordinator),
            ("other_coordinator", &w.other_coordinator),
            ("focal_point", &w.focal_point),
            ("other_focal_point", &w.other_focal_point),
            ("reviewer", &w.reviewer),
        ];
        // (write, who may) — everyone else must be refused.
        let expected: [(&str, &[&str]); 8] = [
            ("create_country", &["admin"]),
            ("set_country_region", &["admin"]),
            ("create_owner", &["coordinator"]),
            ("create_plan", &["coordinator"]),
            ("update_plan", &["coordinator"]),
            ("create_commitment", &["coordinator"]),
            ("update_commitment", &["coordinator"]),
            ("record_progress", &["coordinator", "focal_point"]),
        ];
        for (n, (name, actor)) in people.iter().enumerate() {
            // The version the coordinator's last change left, so that only the right decides.
            let version = plans::commitment_detail(db, seed, Some(&w.coordinator), today())
                .await
                .expect("read")
                .expect("the coordinator reads the draft")
                .commitment
                .version;
            let outcomes = [
                authoring::create_country(
                    db,
                    actor,
                    &format!("X{}A", (b'A' + n as u8) as char),
                    "Testland",
                    None,
                    false,
                )
                .await
                .map(drop),
                authoring::set_country_region(db, actor, "FIN", Region::Europe).await,
                authoring::create_owner(db, actor, "KEN", &format!("T{n}"), "Test agency")
                    .await
                    .map(drop),
                authoring::create_plan(
                    db,
                    actor,
                    "KEN",
                    PlanInput {
                        title: format!("Plan {n}"),
                        ..plan_input()
                    },
                )
                .await
                .map(drop),
                authoring::update_plan(db, actor, w.plan_id, plan_input(), PlanStatus::Draft).await,
                authoring::create_commitment(
                    db,
                    actor,
                    w.plan_id,
                    commitment_input(&format!("C-{n}1")),
                )
                .await
                .map(drop),
                authoring::update_commitment(db, actor, seed, version, commitment_input("C-00"))
                    .await
                    .map(drop),
                progress::store::record(
                    db,
                    actor,
                    seed,
                    update("limited", None),
                    Source::Form,
                    today(),
                )
                .await
                .map(drop),
            ];
            for ((write, allowed), outcome) in expected.iter().zip(outcomes) {
                let should = allowed.contains(name);
                match outcome {
                    Ok(()) => assert!(should, "{} {name} must not {write}", test_db.backend),
                    Err(WriteError::Refused(Refusal::Forbidden(_))) => {
                        assert!(
                            !should,
                            "{} {name} must be allowed to {write}",
                            test_db.backend
                        )
                    }
                    Err(other) => panic!("{name} {write}: unexpected {other:?}"),
                }
            }
        }
        test_db.finish().await;
    }
}
