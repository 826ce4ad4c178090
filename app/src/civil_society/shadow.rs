//! Shadow assessments: one per organisation and commitment, changed only by the people who
//! speak for that organisation; published commitments only (civil society assesses what the
//! public can read).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::{organisation, shadow_assessment};
use super::organisations::of_person;
use super::{ShadowAssessment, ShadowInput};
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::plans::entities::{action_plan, commitment};
use crate::plans::{PlanStatus, Status};
use crate::progress::{check_evidence, check_narrative};
use crate::refusal::{FieldError, Refusal, WriteError};

/// The status, justification and links of a form, or what is wrong with them.
fn check(input: &ShadowInput) -> Result<(Status, String, Vec<String>), Refusal> {
    let mut errors = Vec::new();
    let status = input
        .status
        .parse::<Status>()
        .map_err(|e| errors.push(FieldError::new("status", e.to_string())))
        .ok();
    let justification = input.justification.trim().to_owned();
    if justification.is_empty() {
        errors.push(FieldError::new(
            "justification",
            "give the reasons for your assessment: readers weigh it against the ministry's",
        ));
    } else if let Err(message) = check_narrative(&justification) {
        errors.push(FieldError::new("justification", message));
    }
    let links: Vec<String> = input
        .evidence
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    errors.extend(
        check_evidence(&links)
            .into_iter()
            .map(|message| FieldError::new("evidence", message)),
    );
    match (status, errors.is_empty()) {
        (Some(status), true) => Ok((status, justification, links)),
        _ => Err(Refusal::Invalid(errors)),
    }
}

/// The approved organisation `actor` speaks for, or why they may not assess.
pub async fn speaking_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<organisation::Model, WriteError> {
    let Actor::Person(person) = actor else {
        return Err(
            Refusal::Forbidden("assessments are made by a person with an account".into()).into(),
        );
    };
    match of_person(db, person.user_id).await? {
        Some(org) if org.state == "approved" => Ok(org),
        Some(org) => Err(Refusal::Forbidden(format!(
            "{} is {} by the administrators: only approved organisations publish assessments",
            org.name,
            if org.state == "pending" {
                "still awaiting approval"
            } else {
                "not approved"
            }
        ))
        .into()),
        None => Err(Refusal::Forbidden(
            "only people who speak for an approved civil-society organisation publish assessments"
                .into(),
        )
        .into()),
    }
}

/// Publishes the organisation's assessment of commitment `commitment_id`, replacing its
/// earlier one there. `existing` names the assessment the form was opened on: refused when
/// it belongs to another organisation.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    commitment_id: i32,
    existing: Option<i32>,
    input: &ShadowInput,
    now: DateTime<Utc>,
) -> Result<ShadowAssessment, WriteError> {
    let org = speaking_for(db, actor).await?;
    let txn = db.begin().await?;
    let not_found =
        || Refusal::NotFound(format!("there is no published commitment {commitment_id}"));
    let found = commitment::Entity::find_by_id(commitment_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let plan = action_plan::Entity::find_by_id(found.plan_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    if plan.status != PlanStatus::Published.as_str() {
        return Err(not_found().into());
    }
    let earlier = match existing {
        Some(id) => {
            let row = shadow_assessment::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|row| row.commitment_id == commitment_id)
                .ok_or_else(|| {
                    Refusal::NotFound(format!("there is no assessment {id} of this commitment"))
                })?;
            if row.organisation_id != org.id {
                return Err(Refusal::Forbidden(
                    "you may not change another organisation's assessment: publish your own".into(),
                )
                .into());
            }
            Some(row)
        }
        None => {
            shadow_assessment::Entity::find()
                .filter(shadow_assessment::Column::CommitmentId.eq(commitment_id))
                .filter(shadow_assessment::Column::OrganisationId.eq(org.id))
                .one(&txn)
                .await?
        }
    };
    let (status, justification, links) = check(input)?;
    let author = actor.user_id().unwrap_or_default();
    let saved = match earlier {
        Some(row) => {
            let mut changed: shadow_assessment::ActiveModel = row.into();
            changed.status = Set(status.as_str().to_owned());
            changed.justification = Set(justification);
            changed.evidence = Set(links.join("\n"));
            changed.author_id = Set(author);
            changed.revised_at = Set(Some(now));
            changed.update(&txn).await?
        }
        None => {
            shadow_assessment::ActiveModel {
                commitment_id: Set(commitment_id),
                organisation_id: Set(org.id),
                author_id: Set(author),
                status: Set(status.as_str().to_owned()),
                justification: Set(justification),
                evidence: Set(links.join("\n")),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "shadow_assessment.save",
            entity_type: "commitment",
            entity_id: commitment_id.to_string(),
            before: None,
            after: Some(json!({
                "shadow_assessment": saved.id,
                "organisation": org.name,
                "status": saved.status,
                "justification": saved.justification,
                "evidence": links,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(saved, &org))
}

fn view(row: shadow_assessment::Model, org: &organisation::Model) -> ShadowAssessment {
    ShadowAssessment {
        id: row.id,
        organisation: org.name.clone(),
        organisation_website: org.website.clone(),
        // The database refuses any other value (CHECK constraint).
        status: row.status.parse().unwrap_or_default(),
        justification: row.justification,
        evidence_urls: row.evidence.lines().map(str::to_owned).collect(),
        created_at: row.created_at,
        revised_at: row.revised_at,
    }
}

/// The approved organisations' assessments of each of `commitment_ids`, by organisation name.
pub async fn of_commitments(
    db: &impl ConnectionTrait,
    commitment_ids: &[i32],
) -> Result<HashMap<i32, Vec<ShadowAssessment>>, DbErr> {
    let mut rows = Vec::new();
    for part in commitment_ids.chunks(crate::progress::store::ID_LIST) {
        rows.extend(
            shadow_assessment::Entity::find()
                .filter(shadow_assessment::Column::CommitmentId.is_in(part.iter().copied()))
                .order_by_asc(shadow_assessment::Column::Id)
                .all(db)
                .await?,
        );
    }
    let organisations: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().map(|r| r.organisation_id)))
        .filter(organisation::Column::State.eq("approved"))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut by_commitment: HashMap<i32, Vec<ShadowAssessment>> = HashMap::new();
    for row in rows {
        // An organisation no longer approved is no longer shown.
        if let Some(org) = organisations.get(&row.organisation_id) {
            by_commitment
                .entry(row.commitment_id)
                .or_default()
                .push(view(row, org));
        }
    }
    for list in by_commitment.values_mut() {
        list.sort_by(|a, b| a.organisation.cmp(&b.organisation));
    }
    Ok(by_commitment)
}
