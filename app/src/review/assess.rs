//! Reviewers' assessments: each a new row, so that the history of a reviewer's judgement stays
//! readable; the newest one is the reviewer's current word.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::assessment;
use super::scope::reviewable;
use super::{Assessment, AssessmentInput};
use crate::accounts::names::display_names;
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::plans::Status;
use crate::progress::{check_completion, check_narrative, parse_percent};
use crate::refusal::{FieldError, Refusal, WriteError};

/// Checks an assessment as typed: a status of the scale, a share from 0 to 100 or none, and a
/// justification.
fn check(input: &AssessmentInput) -> Result<(Status, Option<i32>, String), Refusal> {
    let mut errors = Vec::new();
    let status = input
        .status
        .parse::<Status>()
        .map_err(|e| errors.push(FieldError::new("status", e.to_string())))
        .ok();
    let typed = input.percent_complete.trim().trim_end_matches('%').trim();
    let percent = if typed.is_empty() {
        None
    } else {
        match typed.parse::<f64>().map_err(|_| {
            format!("'{typed}' is not a number: give a share from 0 to 100, or leave it empty")
        }) {
            Ok(value) => parse_percent(value)
                .map_err(|e| errors.push(FieldError::new("percent_complete", e)))
                .ok(),
            Err(message) => {
                errors.push(FieldError::new("percent_complete", message));
                None
            }
        }
    };
    if let Some(status) = status {
        if let Err(message) = check_completion(status, percent) {
            errors.push(FieldError::new("percent_complete", message));
        }
    }
    let justification = input.justification.trim().to_owned();
    if justification.is_empty() {
        errors.push(FieldError::new(
            "justification",
            "give the reasons for the assessment: readers weigh it against the ministry's",
        ));
    } else if let Err(message) = check_narrative(&justification) {
        errors.push(FieldError::new("justification", message));
    }
    match (status, errors.is_empty()) {
        (Some(status), true) => Ok((status, percent, justification)),
        _ => Err(Refusal::Invalid(errors)),
    }
}

/// Records `actor`'s assessment of commitment `commitment_id`. Refused unless the actor
/// reviews the commitment's country.
pub async fn assess(
    db: &DatabaseConnection,
    actor: &Actor,
    commitment_id: i32,
    input: &AssessmentInput,
    now: DateTime<Utc>,
) -> Result<Assessment, WriteError> {
    let Actor::Person(reviewer) = actor else {
        return Err(
            Refusal::Forbidden("assessments are made by a person with an account".into()).into(),
        );
    };
    let txn = db.begin().await?;
    reviewable(&txn, actor, commitment_id, "assess its commitments").await?;
    let (status, percent_complete, justification) = check(input)?;
    let saved = assessment::ActiveModel {
        commitment_id: Set(commitment_id),
        reviewer_id: Set(reviewer.user_id),
        status: Set(status.as_str().to_owned()),
        narrative: Set(justification.clone()),
        created_at: Set(now),
        percent_complete: Set(percent_complete),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "assessment.create",
            entity_type: "commitment",
            entity_id: commitment_id.to_string(),
            before: None,
            after: Some(json!({
                "assessment": saved.id,
                "status": status,
                "percent_complete": percent_complete,
                "justification": justification,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Assessment {
        id: saved.id,
        reviewer: reviewer.display_name.clone(),
        status,
        percent_complete,
        justification,
        created_at: saved.created_at,
    })
}

/// The assessments of each of `commitment_ids`, newest first.
pub async fn assessments_of(
    db: &impl ConnectionTrait,
    commitment_ids: &[i32],
) -> Result<HashMap<i32, Vec<Assessment>>, DbErr> {
    let mut rows = Vec::new();
    // In parts: a recommendation answered by thousands of commitments must not exceed the
    // database's bind-parameter limit.
    for part in commitment_ids.chunks(crate::progress::store::ID_LIST) {
        rows.extend(
            assessment::Entity::find()
                .filter(assessment::Column::CommitmentId.is_in(part.iter().copied()))
                .order_by_desc(assessment::Column::CreatedAt)
                .order_by_desc(assessment::Column::Id)
                .all(db)
                .await?,
        );
    }
    let reviewers = display_names(db, rows.iter().map(|a| a.reviewer_id)).await?;
    let mut by_commitment: HashMap<i32, Vec<Assessment>> = HashMap::new();
    for row in rows {
        by_commitment
            .entry(row.commitment_id)
            .or_default()
            .push(Assessment {
                id: row.id,
                reviewer: reviewers.get(&row.reviewer_id).cloned().unwrap_or_default(),
                // The database refuses any other value (CHECK constraint).
                status: row.status.parse().unwrap_or_default(),
                percent_complete: row.percent_complete,
                justification: row.narrative,
                created_at: row.created_at,
            });
    }
    Ok(by_commitment)
}
