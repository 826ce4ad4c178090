//! Opening and closing review cycles. Administrators only; one cycle is open at a time, so
//! that "the current cycle" always means one thing.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};
use serde_json::json;

use super::entities::review_cycle;
use super::Cycle;
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::refusal::{FieldError, Refusal, WriteError};

/// The longest name a cycle may have, in characters.
pub const NAME_LIMIT: usize = 120;

fn admin_only(actor: &Actor, what: &str) -> Result<(), Refusal> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(Refusal::Forbidden(format!(
            "only an administrator {what} review cycles"
        )))
    }
}

/// Opens a cycle named `name`, refused while another is open or if the name is taken.
pub async fn open(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Cycle, WriteError> {
    admin_only(actor, "opens")?;
    let name = name.trim();
    let invalid = |message: String| Refusal::Invalid(vec![FieldError::new("name", message)]);
    if name.is_empty() {
        return Err(
            invalid("give the cycle a name, such as \"CSocD 65, February 2027\"".into()).into(),
        );
    }
    if name.chars().count() > NAME_LIMIT {
        return Err(invalid(format!(
            "a cycle's name has at most {NAME_LIMIT} characters"
        ))
        .into());
    }
    let txn = db.begin().await?;
    let cycles = review_cycle::Entity::find().all(&txn).await?;
    if let Some(current) = cycles.iter().find(|c| c.closed_at.is_none()) {
        return Err(invalid(format!(
            "\"{}\" is still open: close it before opening another cycle",
            current.name
        ))
        .into());
    }
    if cycles.iter().any(|c| c.name.eq_ignore_ascii_case(name)) {
        return Err(invalid(format!("there is already a cycle named \"{name}\"")).into());
    }
    let opened_by = actor.user_id().ok_or_else(|| {
        Refusal::Forbidden("review cycles are opened by a person with an account".into())
    })?;
    let saved = review_cycle::ActiveModel {
        name: Set(name.to_owned()),
        opened_by_id: Set(opened_by),
        opened_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: Some(opened_by),
            action: "cycle.open",
            entity_type: "review_cycle",
            entity_id: saved.id.to_string(),
            before: None,
            after: Some(json!({ "name": name })),
        },
    )
    .await?;
    txn.commit().await?;
    super::read::cycle(db, saved.id)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("cycle {} vanished", saved.id)).into())
}

/// Closes cycle `id`, freezing every public commitment as it stands now.
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Cycle, WriteError> {
    admin_only(actor, "closes")?;
    let txn = db.begin().await?;
    let found = review_cycle::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("there is no review cycle {id}")))?;
    if found.closed_at.is_some() {
        return Err(Refusal::Invalid(vec![FieldError::new(
            "cycle",
            format!(
                "\"{}\" is already closed: its snapshot stays as it was taken",
                found.name
            ),
        )])
        .into());
    }
    let frozen = super::snapshot::freeze(&txn, id, now.date_naive()).await?;
    let mut closing: review_cycle::ActiveModel = found.into();
    closing.closed_at = Set(Some(now));
    closing.closed_by_id = Set(actor.user_id());
    closing.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "cycle.close",
            entity_type: "review_cycle",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "commitments": frozen })),
        },
    )
    .await?;
    txn.commit().await?;
    super::read::cycle(db, id)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("there is no review cycle {id}")).into())
}
