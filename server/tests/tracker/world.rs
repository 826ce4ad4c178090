//! A small country to test against: Kenya with two ministries, a draft plan, and one person
//! for every role, inside and outside that country's scope.

use app::accounts::store::{self, Grant};
use app::accounts::{Actor, Role};
use app::plans::authoring::{self, CommitmentInput, PlanInput, TargetInput};
use app::plans::store as plans;
use app::plans::Region;
use app::progress::UpdateInput;
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct World {
    pub plan_id: i32,
    pub admin: Actor,
    pub coordinator: Actor,
    /// Coordinator of another country (Finland).
    pub other_coordinator: Actor,
    /// Focal point of the Ministry of Health, which leads the commitments made here.
    pub focal_point: Actor,
    /// Focal point of the Ministry of Education, of the same country.
    pub other_focal_point: Actor,
    pub reviewer: Actor,
}

impl World {
    /// Publishes the plan as its coordinator: from then on the public sees it.
    pub async fn publish(&self, db: &DatabaseConnection) {
        authoring::update_plan(
            db,
            &self.coordinator,
            self.plan_id,
            plan_input(),
            app::plans::PlanStatus::Published,
        )
        .await
        .expect("publish");
    }

    /// Creates commitment `reference` as the coordinator; returns its id and its target's id.
    pub async fn commitment(&self, db: &DatabaseConnection, reference: &str) -> (i32, i32) {
        let id = authoring::create_commitment(
            db,
            &self.coordinator,
            self.plan_id,
            commitment_input(reference),
        )
        .await
        .expect("coordinator creates a commitment");
        let detail = plans::commitment_detail(db, id, Some(&self.coordinator), today())
            .await
            .expect("read")
            .expect("the coordinator reads the draft");
        (id, detail.commitment.targets[0].id)
    }
}

/// A new API token for `actor`'s account.
pub async fn token_for(db: &DatabaseConnection, actor: &Actor) -> String {
    let Actor::Person(caller) = actor else {
        panic!("a person")
    };
    app::accounts::tokens::create(db, &Actor::Operator, &caller.email, "test")
        .await
        .expect("token")
}

/// The day the tests are set on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

pub async fn person(
    db: &DatabaseConnection,
    email: &str,
    role: Role,
    country: Option<&str>,
    owner: Option<&str>,
) -> Actor {
    let grant = Grant {
        role,
        country: country.map(str::to_owned),
        owner: owner.map(str::to_owned),
    };
    let user = store::grant(db, &Actor::Operator, email, None, Some(PASSWORD), grant)
        .await
        .unwrap_or_else(|e| panic!("grant {role} to {email}: {e}"));
    Actor::Person(user.into())
}

pub async fn build(db: &DatabaseConnection) -> World {
    let op = &Actor::Operator;
    authoring::create_country(db, op, "KEN", "Kenya", Some(Region::Africa), false)
        .await
        .expect("country");
    authoring::create_country(db, op, "FIN", "Finland", Some(Region::Europe), false)
        .await
        .expect("country");
    authoring::create_owner(db, op, "KEN", "MOH", "Ministry of Health")
        .await
        .expect("owner");
    authoring::create_owner(db, op, "KEN", "MOE", "Ministry of Education")
        .await
        .expect("owner");
    let plan_id = authoring::create_plan(db, op, "KEN", plan_input())
        .await
        .expect("plan");
    World {
        plan_id,
        admin: person(db, "admin@un.example.org", Role::Admin, None, None).await,
        coordinator: person(
            db,
            "coordinator@ken.example.org",
            Role::Coordinator,
            Some("KEN"),
            None,
        )
        .await,
        other_coordinator: person(
            db,
            "coordinator@fin.example.org",
            Role::Coordinator,
            Some("FIN"),
            None,
        )
        .await,
        focal_point: person(
            db,
            "health@ken.example.org",
            Role::FocalPoint,
            Some("KEN"),
            Some("MOH"),
        )
        .await,
        other_focal_point: person(
            db,
            "education@ken.example.org",
            Role::FocalPoint,
            Some("KEN"),
            Some("MOE"),
        )
        .await,
        reviewer: person(db, "reviewer@un.example.org", Role::Reviewer, None, None).await,
    }
}

pub fn plan_input() -> PlanInput {
    PlanInput {
        title: "National Action Plan on Social Integration 2026-2030".into(),
        period_start: "2026-01-01".into(),
        period_end: "2030-12-31".into(),
    }
}

/// A commitment led by the Ministry of Health, answering two recommendations.
pub fn commitment_input(reference: &str) -> CommitmentInput {
    CommitmentInput {
        reference: reference.into(),
        title: "Health insurance for informal workers".into(),
        description: "Extend the national health insurance fund to workers without a contract."
            .into(),
        recommendations: vec!["SPR-2".into(), "SEC-1".into()],
        lead_owner: "MOH".into(),
        supporting_owners: vec!["MOE".into()],
        start_date: "2026-01-01".into(),
        end_date: "2027-06-30".into(),
        targets: vec![TargetInput {
            indicator: "Informal workers insured".into(),
            unit: "%".into(),
            baseline_value: Some(12.0),
            baseline_date: Some("2025-12-31".into()),
            target_value: Some(40.0),
            target_date: Some("2027-06-30".into()),
            disaggregation: vec!["sex".into(), "location".into()],
            ..Default::default()
        }],
    }
}

/// A progress update with a narrative and one evidence link.
pub fn update(status: &str, percent: Option<f64>) -> UpdateInput {
    UpdateInput {
        status: status.into(),
        percent_complete: percent,
        narrative: Some(format!("{status} so far")),
        evidence_urls: vec!["https://health.go.example/report-2026.pdf".into()],
        ..Default::default()
    }
}
