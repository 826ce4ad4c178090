//! Approving or returning a submitted update. The update itself never changes (updates are
//! append-only); its review state, reviewer, comment and time are set once, and a returned
//! update is answered by a new one.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;

use super::scope::reviewable;
use super::Decision;
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::progress::entities::progress_update;
use crate::refusal::{FieldError, Refusal, WriteError};

/// The longest comment a reviewer may write.
pub const COMMENT_LIMIT: usize = 5000;

/// Records `decision` on update `update_id` with `comment` (required to return it). Refused
/// unless `actor` reviews the commitment's country and the update still awaits review.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    update_id: i32,
    decision: Decision,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let Actor::Person(reviewer) = actor else {
        return Err(
            Refusal::Forbidden("updates are reviewed by a person with an account".into()).into(),
        );
    };
    let comment = comment.trim();
    if decision == Decision::Return && comment.is_empty() {
        return Err(Refusal::Invalid(vec![FieldError::new(
            "comment",
            "say why the update is returned: the focal point reads this comment to answer it",
        )])
        .into());
    }
    if comment.chars().count() > COMMENT_LIMIT {
        return Err(Refusal::Invalid(vec![FieldError::new(
            "comment",
            format!("the comment is longer than {COMMENT_LIMIT} characters"),
        )])
        .into());
    }
    let txn = db.begin().await?;
    let not_found = || Refusal::NotFound(format!("there is no progress update {update_id}"));
    let update = progress_update::Entity::find_by_id(update_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let found = reviewable(
        &txn,
        actor,
        update.commitment_id,
        "approve or return its progress updates",
    )
    .await?;
    let already = |state: &str| {
        Refusal::Conflict {
        message: format!(
            "update {update_id} was already {state}: nothing was changed; the queue shows the updates still awaiting review"
        ),
        current_version: found.version,
    }
    };
    if update.review_state != "submitted" {
        return Err(already(&update.review_state).into());
    }
    // Only a still-submitted update moves: of two reviewers deciding at once, one wins.
    let moved = progress_update::Entity::update_many()
        .col_expr(
            progress_update::Column::ReviewState,
            Expr::value(decision.state()),
        )
        .col_expr(
            progress_update::Column::ReviewerId,
            Expr::value(reviewer.user_id),
        )
        .col_expr(
            progress_update::Column::ReviewComment,
            Expr::value((!comment.is_empty()).then(|| comment.to_owned())),
        )
        .col_expr(progress_update::Column::ReviewedAt, Expr::value(now))
        .filter(progress_update::Column::Id.eq(update_id))
        .filter(progress_update::Column::ReviewState.eq("submitted"))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        return Err(already("decided by someone else").into());
    }
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: match decision {
                Decision::Approve => "review.approve",
                Decision::Return => "review.return",
            },
            entity_type: "progress_update",
            entity_id: update_id.to_string(),
            before: Some(json!({ "review_state": "submitted" })),
            after: Some(json!({
                "review_state": decision.state(),
                "comment": comment,
                "commitment": found.id,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
