//! Updates a reviewer returned and the ministry has not answered yet: a returned update is
//! answered by any newer update of the same commitment.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::Returned;
use crate::accounts::names::display_names;
use crate::plans::Commitment;
use crate::progress::entities::progress_update;

/// The unanswered returned updates among `commitments`, oldest decision first.
pub async fn unanswered(
    db: &impl ConnectionTrait,
    commitments: &[Commitment],
) -> Result<Vec<Returned>, DbErr> {
    let by_id: HashMap<i32, &Commitment> = commitments.iter().map(|c| (c.id, c)).collect();
    let mut found = Vec::new();
    for part in commitments.chunks(crate::progress::store::ID_LIST) {
        let returned = progress_update::Entity::find()
            .filter(progress_update::Column::CommitmentId.is_in(part.iter().map(|c| c.id)))
            .filter(progress_update::Column::ReviewState.eq("returned"))
            .order_by_asc(progress_update::Column::ReviewedAt)
            .all(db)
            .await?;
        for update in returned {
            // Answered when a later update of the same commitment exists.
            let newer = progress_update::Entity::find()
                .filter(progress_update::Column::CommitmentId.eq(update.commitment_id))
                .filter(progress_update::Column::Id.gt(update.id))
                .one(db)
                .await?;
            if newer.is_none() {
                found.push(update);
            }
        }
    }
    let reviewers = display_names(db, found.iter().filter_map(|u| u.reviewer_id)).await?;
    Ok(found
        .into_iter()
        .filter_map(|u| {
            let c = by_id.get(&u.commitment_id)?;
            Some(Returned {
                commitment_id: c.id,
                reference: c.reference.clone(),
                title: c.title.clone(),
                reporting_date: u.reporting_date,
                comment: u.review_comment.unwrap_or_default(),
                reviewer: u
                    .reviewer_id
                    .and_then(|id| reviewers.get(&id).cloned())
                    .unwrap_or_default(),
                reviewed_at: u.reviewed_at?,
            })
        })
        .collect())
}
