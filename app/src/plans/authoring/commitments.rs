//! Creating and changing commitments, with the recommendations they answer, their owners and
//! targets. A change names the version it was based on; a stale version is refused.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use serde_json::{json, Value};

use super::coordinated_plan;
use super::inputs::{CommitmentInput, ValidCommitment, ValidTarget};
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::catalogue::entities::recommendation;
use crate::plans::entities::{
    commitment, commitment_recommendation, owner, supporting_owner, target,
};
use crate::plans::Status;
use crate::progress::entities::indicator_value;
use crate::refusal::{Checks, Refusal, WriteError};

/// Adds a commitment to a plan (the country's coordinator). Returns its id.
pub async fn create_commitment(
    db: &DatabaseConnection,
    actor: &Actor,
    plan_id: i32,
    input: CommitmentInput,
) -> Result<i32, WriteError> {
    let txn = db.begin().await?;
    let plan = coordinated_plan(&txn, actor, plan_id).await?;
    let resolved = resolve(&txn, plan.country_id, plan_id, None, input).await?;
    let now = Utc::now();
    let v = &resolved.valid;
    let created = commitment::ActiveModel {
        plan_id: Set(plan_id),
        reference: Set(v.reference.clone()),
        title: Set(v.title.clone()),
        description: Set(v.description.clone()),
        lead_owner_id: Set(resolved.lead_owner_id),
        start_date: Set(v.start_date),
        end_date: Set(v.end_date),
        status: Set(Status::NotStarted.as_str().to_owned()),
        percent_complete: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_links(&txn, created.id, &resolved).await?;
    for t in &v.targets {
        insert_target(&txn, created.id, t).await?;
    }
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "commitment.create",
            entity_type: "commitment",
            entity_id: created.id.to_string(),
            before: None,
            after: Some(describe(v, 1)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a commitment (the country's coordinator), if nobody changed it since `version`.
/// Targets left out of `input` are removed, unless progress was already reported on them.
pub async fn update_commitment(
    db: &DatabaseConnection,
    actor: &Actor,
    commitment_id: i32,
    version: i32,
    input: CommitmentInput,
) -> Result<i32, WriteError> {
    let txn = db.begin().await?;
    let before = commitment::Entity::find_by_id(commitment_id)
        .one(&txn)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("there is no commitment {commitment_id}")))?;
    let plan = coordinated_plan(&txn, actor, before.plan_id).await?;
    let conflict = |current_version| {
        Refusal::Conflict {
        message: format!(
            "someone else changed commitment {} since you opened it (you had version {version}, it is now at {current_version}); nothing was saved: your text is still in the form, compare it with theirs and save again",
            before.reference
        ),
        current_version,
    }
    };
    if before.version != version {
        return Err(conflict(before.version).into());
    }
    let before_json = describe_stored(&txn, &before).await?;
    let resolved = resolve(&txn, plan.country_id, plan.id, Some(commitment_id), input).await?;
    let v = &resolved.valid;

    let moved = commitment::Entity::update_many()
        .col_expr(
            commitment::Column::Reference,
            Expr::value(v.reference.clone()),
        )
        .col_expr(commitment::Column::Title, Expr::value(v.title.clone()))
        .col_expr(
            commitment::Column::Description,
            Expr::value(v.description.clone()),
        )
        .col_expr(
            commitment::Column::LeadOwnerId,
            Expr::value(resolved.lead_owner_id),
        )
        .col_expr(commitment::Column::StartDate, Expr::value(v.start_date))
        .col_expr(commitment::Column::EndDate, Expr::value(v.end_date))
        .col_expr(commitment::Column::Version, Expr::value(version + 1))
        .col_expr(commitment::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(commitment::Column::Id.eq(commitment_id))
        .filter(commitment::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(conflict(version + 1).into());
    }
    commitment_recommendation::Entity::delete_many()
        .filter(commitment_recommendation::Column::CommitmentId.eq(commitment_id))
        .exec(&txn)
        .await?;
    supporting_owner::Entity::delete_many()
        .filter(supporting_owner::Column::CommitmentId.eq(commitment_id))
        .exec(&txn)
        .await?;
    write_links(&txn, commitment_id, &resolved).await?;
    replace_targets(&txn, commitment_id, &v.targets).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "commitment.update",
            entity_type: "commitment",
            entity_id: commitment_id.to_string(),
            before: Some(before_json),
            after: Some(describe(v, version + 1)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(version + 1)
}

struct Resolved {
    valid: ValidCommitment,
    recommendation_ids: Vec<i32>,
    lead_owner_id: i32,
    supporting_owner_ids: Vec<i32>,
}

/// Checks every field, and that the codes it names exist: recommendations in the catalogue,
/// owners in the plan's country, the reference unused by other commitments of the plan.
async fn resolve(
    txn: &DatabaseTransaction,
    country_id: i32,
    plan_id: i32,
    this: Option<i32>,
    input: CommitmentInput,
) -> Result<Resolved, WriteError> {
    let mut checks = Checks::default();
    let codes = input.codes();
    let valid = input.check(&mut checks);
    let found: HashMap<String, i32> = recommendation::Entity::find()
        .filter(recommendation::Column::Code.is_in(codes.recommendations.iter().cloned()))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| (r.code, r.id))
        .collect();
    for code in &codes.recommendations {
        if !found.contains_key(code) {
            checks.fail(
                "recommendations",
                format!("{code} is not a recommendation of the catalogue"),
            );
        }
    }
    let owners: HashMap<String, i32> = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(country_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| (o.code, o.id))
        .collect();
    let mut owner_id = |field: &str, code: &str| {
        let id = owners.get(code).copied();
        if id.is_none() && !code.is_empty() {
            checks.fail(
                field,
                format!("{code} is not an owner (ministry or agency) of this country"),
            );
        }
        id
    };
    let lead_owner_id = owner_id("lead_owner", &codes.lead_owner);
    let supporting_owner_ids: Vec<i32> = codes
        .supporting_owners
        .iter()
        .filter_map(|c| owner_id("supporting_owners", c))
        .collect();
    if let Some(v) = &valid {
        let clash = commitment::Entity::find()
            .filter(commitment::Column::PlanId.eq(plan_id))
            .filter(commitment::Column::Reference.eq(v.reference.as_str()))
            .one(txn)
            .await?;
        if clash.is_some_and(|c| Some(c.id) != this) {
            checks.fail(
                "reference",
                format!("the plan already has a commitment {}", v.reference),
            );
        }
    }
    checks.finish()?;
    match (valid, lead_owner_id) {
        (Some(valid), Some(lead_owner_id)) => Ok(Resolved {
            recommendation_ids: valid
                .recommendations
                .iter()
                .filter_map(|c| found.get(c).copied())
                .collect(),
            valid,
            lead_owner_id,
            supporting_owner_ids,
        }),
        _ => Err(Refusal::Invalid(Vec::new()).into()),
    }
}

async fn write_links(txn: &DatabaseTransaction, id: i32, resolved: &Resolved) -> Result<(), DbErr> {
    for recommendation_id in &resolved.recommendation_ids {
        commitment_recommendation::ActiveModel {
            commitment_id: Set(id),
            recommendation_id: Set(*recommendation_id),
        }
        .insert(txn)
        .await?;
    }
    for owner_id in &resolved.supporting_owner_ids {
        supporting_owner::ActiveModel {
            commitment_id: Set(id),
            owner_id: Set(*owner_id),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

fn target_model(commitment_id: i32, t: &ValidTarget) -> target::ActiveModel {
    target::ActiveModel {
        commitment_id: Set(commitment_id),
        indicator: Set(t.indicator.clone()),
        unit: Set(t.unit.clone()),
        baseline_value: Set(t.baseline_value),
        baseline_date: Set(t.baseline_date),
        target_value: Set(t.target_value),
        target_date: Set(t.target_date),
        disaggregation: Set(t.disaggregation.clone()),
        ..Default::default()
    }
}

async fn insert_target(
    txn: &DatabaseTransaction,
    commitment_id: i32,
    t: &ValidTarget,
) -> Result<i32, DbErr> {
    Ok(target_model(commitment_id, t).insert(txn).await?.id)
}

/// Updates listed targets, adds new ones and removes the rest, refusing to remove a target
/// whose indicator already has reported values (that would rewrite history).
async fn replace_targets(
    txn: &DatabaseTransaction,
    commitment_id: i32,
    wanted: &[ValidTarget],
) -> Result<(), WriteError> {
    let existing = target::Entity::find()
        .filter(target::Column::CommitmentId.eq(commitment_id))
        .all(txn)
        .await?;
    let mut checks = Checks::default();
    for (n, t) in wanted.iter().enumerate() {
        if let Some(id) = t.id {
            if !existing.iter().any(|e| e.id == id) {
                checks.fail(
                    &format!("targets[{}].id", n + 1),
                    format!("target {id} is not a target of this commitment"),
                );
            }
        }
    }
    let dropped: Vec<&target::Model> = existing
        .iter()
        .filter(|e| !wanted.iter().any(|t| t.id == Some(e.id)))
        .collect();
    for gone in &dropped {
        let reported = indicator_value::Entity::find()
            .filter(indicator_value::Column::TargetId.eq(gone.id))
            .one(txn)
            .await?
            .is_some();
        if reported {
            checks.fail(
                "targets",
                format!(
                    "the target '{}' already has reported values and cannot be removed",
                    gone.indicator
                ),
            );
        }
    }
    checks.finish()?;
    for gone in dropped {
        target::Entity::delete_by_id(gone.id).exec(txn).await?;
    }
    for t in wanted {
        match t.id {
            Some(id) => {
                let mut changed = target_model(commitment_id, t);
                changed.id = Set(id);
                changed.update(txn).await?;
            }
            None => {
                insert_target(txn, commitment_id, t).await?;
            }
        }
    }
    Ok(())
}

fn describe(v: &ValidCommitment, version: i32) -> Value {
    json!({
        "reference": v.reference,
        "title": v.title,
        "description": v.description,
        "recommendations": v.recommendations,
        "lead_owner": v.lead_owner,
        "supporting_owners": v.supporting_owners,
        "start_date": v.start_date,
        "end_date": v.end_date,
        "targets": v.targets.iter().map(|t| json!({
            "indicator": t.indicator,
            "unit": t.unit,
            "baseline_value": t.baseline_value,
            "baseline_date": t.baseline_date,
            "target_value": t.target_value,
            "target_date": t.target_date,
            "disaggregation": t.disaggregation,
        })).collect::<Vec<_>>(),
        "version": version,
    })
}

/// The stored commitment in the same shape as [`describe`], for the audit trail's "before".
async fn describe_stored(txn: &DatabaseTransaction, c: &commitment::Model) -> Result<Value, DbErr> {
    let today = Utc::now().date_naive();
    let Some(full) = crate::plans::store::assemble(txn, vec![c.clone()], today)
        .await?
        .pop()
    else {
        return Ok(Value::Null);
    };
    Ok(json!({
        "reference": full.reference,
        "title": full.title,
        "description": full.description,
        "recommendations": full.recommendations,
        "lead_owner": full.lead_owner.code,
        "supporting_owners": full.supporting_owners.iter().map(|o| o.code.clone()).collect::<Vec<_>>(),
        "start_date": full.start_date,
        "end_date": full.end_date,
        "targets": full.targets.iter().map(|t| json!({
            "indicator": t.indicator,
            "unit": t.unit,
            "baseline_value": t.baseline_value,
            "baseline_date": t.baseline_date,
            "target_value": t.target_value,
            "target_date": t.target_date,
            "disaggregation": (!t.disaggregation.is_empty()).then(|| t.disaggregation.join(",")),
        })).collect::<Vec<_>>(),
        "version": full.version,
    }))
}
