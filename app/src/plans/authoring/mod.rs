//! Building plans: countries (admins), owners, plans and commitments (the country's
//! coordinator). Each function checks the actor's right first, validates every field, then
//! writes and records the change in the audit trail in one transaction.

mod commitments;
mod inputs;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::{action_plan, country, owner};
use super::{normalise_iso3, PlanStatus, Region};
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::refusal::{Checks, Refusal, WriteError};

pub use commitments::{create_commitment, update_commitment};
pub use inputs::{CommitmentInput, PlanInput, TargetInput};

/// Adds a country (admins only); its region may be set now or later.
pub async fn create_country(
    db: &DatabaseConnection,
    actor: &Actor,
    iso3: &str,
    name: &str,
    region: Option<Region>,
    is_demo: bool,
) -> Result<i32, WriteError> {
    if !actor.is_admin() {
        return Err(Refusal::Forbidden("only an administrator adds countries".into()).into());
    }
    let iso3 = normalise_iso3(iso3);
    let name = name.trim();
    let mut checks = Checks::default();
    if iso3.len() != 3 || !iso3.chars().all(|c| c.is_ascii_alphabetic()) {
        checks.fail(
            "iso3",
            format!("'{iso3}' is not an ISO 3166-1 alpha-3 code such as KEN or FIN"),
        );
    }
    if name.is_empty() {
        checks.fail("name", "give the country's name");
    }
    checks.finish()?;
    let txn = db.begin().await?;
    if find_country(&txn, &iso3).await?.is_some() {
        return Err(Refusal::Invalid(vec![crate::refusal::FieldError::new(
            "iso3",
            format!("there is already a country {iso3}"),
        )])
        .into());
    }
    let created = country::ActiveModel {
        iso3: Set(iso3),
        name: Set(name.to_owned()),
        is_demo: Set(is_demo),
        region: Set(region.map(|r| r.as_str().to_owned())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "country.create",
            entity_type: "country",
            entity_id: created.id.to_string(),
            before: None,
            after: Some(
                json!({ "iso3": created.iso3, "name": created.name, "region": created.region }),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Sets the region of a country (admins only).
pub async fn set_country_region(
    db: &DatabaseConnection,
    actor: &Actor,
    iso3: &str,
    region: Region,
) -> Result<(), WriteError> {
    if !actor.is_admin() {
        return Err(
            Refusal::Forbidden("only an administrator sets a country's region".into()).into(),
        );
    }
    let iso3 = normalise_iso3(iso3);
    let txn = db.begin().await?;
    let Some(found) = find_country(&txn, &iso3).await? else {
        return Err(Refusal::NotFound(format!("there is no country {iso3}")).into());
    };
    let before = found.region.clone();
    let mut changed = found.into_active_model();
    changed.region = Set(Some(region.as_str().to_owned()));
    let changed = changed.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "country.region",
            entity_type: "country",
            entity_id: changed.id.to_string(),
            before: Some(json!({ "region": before })),
            after: Some(json!({ "region": changed.region })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a ministry or agency to a country (its coordinator).
pub async fn create_owner(
    db: &DatabaseConnection,
    actor: &Actor,
    iso3: &str,
    code: &str,
    name: &str,
) -> Result<i32, WriteError> {
    let country = coordinated_country(db, actor, iso3).await?;
    let code = code.trim().to_ascii_uppercase();
    let name = name.trim();
    let mut checks = Checks::default();
    if code.is_empty()
        || code.len() > 16
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        checks.fail(
            "code",
            "a short code of up to 16 letters, digits, - or _, such as MOH",
        );
    }
    if name.is_empty() {
        checks.fail("name", "give the ministry's or agency's name");
    }
    checks.finish()?;
    let txn = db.begin().await?;
    let taken = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(country.id))
        .filter(owner::Column::Code.eq(code.as_str()))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(Refusal::Invalid(vec![crate::refusal::FieldError::new(
            "code",
            format!("{} already has an owner with the code {code}", country.iso3),
        )])
        .into());
    }
    let created = owner::ActiveModel {
        country_id: Set(country.id),
        code: Set(code),
        name: Set(name.to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "owner.create",
            entity_type: "owner",
            entity_id: created.id.to_string(),
            before: None,
            after: Some(
                json!({ "country": country.iso3, "code": created.code, "name": created.name }),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Starts a draft plan for a country (its coordinator).
pub async fn create_plan(
    db: &DatabaseConnection,
    actor: &Actor,
    iso3: &str,
    input: PlanInput,
) -> Result<i32, WriteError> {
    let country = coordinated_country(db, actor, iso3).await?;
    let valid = input.check()?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let created = action_plan::ActiveModel {
        country_id: Set(country.id),
        title: Set(valid.title),
        period_start: Set(valid.period_start),
        period_end: Set(valid.period_end),
        status: Set(PlanStatus::Draft.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, plan_change(actor, "plan.create", None, &created)).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a plan's title and period, or publishes or withdraws it (its coordinator).
pub async fn update_plan(
    db: &DatabaseConnection,
    actor: &Actor,
    plan_id: i32,
    input: PlanInput,
    status: PlanStatus,
) -> Result<(), WriteError> {
    let valid = input.check()?;
    let txn = db.begin().await?;
    let before = coordinated_plan(&txn, actor, plan_id).await?;
    let mut changed = before.clone().into_active_model();
    changed.title = Set(valid.title);
    changed.period_start = Set(valid.period_start);
    changed.period_end = Set(valid.period_end);
    changed.status = Set(status.as_str().to_owned());
    changed.updated_at = Set(Utc::now());
    let after = changed.update(&txn).await?;
    let action = match (before.status.as_str(), status) {
        ("draft", PlanStatus::Published) => "plan.publish",
        ("published", PlanStatus::Draft) => "plan.unpublish",
        _ => "plan.update",
    };
    audit::record(&txn, plan_change(actor, action, Some(&before), &after)).await?;
    txn.commit().await?;
    Ok(())
}

fn plan_change<'a>(
    actor: &Actor,
    action: &'a str,
    before: Option<&action_plan::Model>,
    after: &action_plan::Model,
) -> Change<'a> {
    let describe = |p: &action_plan::Model| {
        json!({
            "title": p.title,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "status": p.status,
        })
    };
    Change {
        actor: actor.user_id(),
        action,
        entity_type: "action_plan",
        entity_id: after.id.to_string(),
        before: before.map(describe),
        after: Some(describe(after)),
    }
}

async fn find_country(
    db: &impl ConnectionTrait,
    iso3: &str,
) -> Result<Option<country::Model>, sea_orm::DbErr> {
    country::Entity::find()
        .filter(country::Column::Iso3.eq(normalise_iso3(iso3)))
        .one(db)
        .await
}

/// The country `iso3`, if it exists and `actor` coordinates it.
async fn coordinated_country(
    db: &impl ConnectionTrait,
    actor: &Actor,
    iso3: &str,
) -> Result<country::Model, WriteError> {
    let iso3 = normalise_iso3(iso3);
    let found = find_country(db, &iso3)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("there is no country with the code {iso3}")))?;
    if !actor.coordinates(found.id) {
        return Err(
            Refusal::Forbidden(format!("only the coordinator of {iso3} changes its plan")).into(),
        );
    }
    Ok(found)
}

/// The plan `plan_id`, if it exists and `actor` coordinates its country.
async fn coordinated_plan(
    db: &impl ConnectionTrait,
    actor: &Actor,
    plan_id: i32,
) -> Result<action_plan::Model, WriteError> {
    let plan = action_plan::Entity::find_by_id(plan_id)
        .one(db)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("there is no plan {plan_id}")))?;
    if !actor.coordinates(plan.country_id) {
        return Err(
            Refusal::Forbidden("only the country's coordinator changes its plan".into()).into(),
        );
    }
    Ok(plan)
}
