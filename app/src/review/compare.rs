//! Countries side by side on one recommendation: how each commitment that answers it stands by
//! the ministry's word, by the last update a reviewer approved, and by the reviewer's own
//! assessment.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::assess::assessments_of;
use super::Compared;
use crate::plans::store::answering;
use crate::plans::Status;
use crate::progress::entities::progress_update;

/// Every published commitment answering recommendation `code`, by country.
pub async fn comparison(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
) -> Result<Vec<Compared>, DbErr> {
    let commitments = answering(db, code, today).await?;
    let ids: Vec<i32> = commitments.iter().map(|c| c.id).collect();
    let mut reviewed: HashMap<i32, (Status, Option<i32>)> = HashMap::new();
    for part in ids.chunks(crate::progress::store::ID_LIST) {
        let approved = progress_update::Entity::find()
            .filter(progress_update::Column::CommitmentId.is_in(part.iter().copied()))
            .filter(progress_update::Column::ReviewState.eq("approved"))
            .order_by_desc(progress_update::Column::ReportingDate)
            .order_by_desc(progress_update::Column::Id)
            .all(db)
            .await?;
        for update in approved {
            // Newest first: the first seen per commitment is its latest approved word.
            reviewed.entry(update.commitment_id).or_insert((
                update.status.parse().unwrap_or_default(),
                update.percent_complete,
            ));
        }
    }
    let mut assessments = assessments_of(db, &ids).await?;
    Ok(commitments
        .into_iter()
        .map(|c| Compared {
            commitment_id: c.id,
            reviewed: reviewed.remove(&c.id),
            assessment: assessments
                .remove(&c.id)
                .and_then(|list| list.into_iter().next()),
            country: c.country,
            country_name: c.country_name,
            reference: c.reference,
            title: c.title,
            self_reported: c.status,
            self_reported_percent: c.percent_complete,
        })
        .collect())
}
