//! Working out a person's notices from their commitments and the review trail.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::{Decided, Due, Notices, DUE_WITHIN_DAYS};
use crate::accounts::names::display_names;
use crate::accounts::Actor;
use crate::plans::Commitment;
use crate::progress::entities::progress_update;

/// The notices of `actor` (account `user_id`), whose commitments are `commitments`.
pub async fn notices(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
    commitments: &[Commitment],
    now: DateTime<Utc>,
) -> Result<Notices, DbErr> {
    let since = crate::accounts::visits::previous_visit(db, user_id).await?;
    let decisions = match since {
        Some(since) => decided_since(db, commitments, since).await?,
        None => Vec::new(),
    };
    Ok(Notices {
        since,
        decisions,
        due: due(commitments, now),
        arrived: crate::review::queue::arrived_since(db, actor, since).await?,
    })
}

/// Open commitments ending from today to [`DUE_WITHIN_DAYS`] ahead, soonest first.
fn due(commitments: &[Commitment], now: DateTime<Utc>) -> Vec<Due> {
    let today = now.date_naive();
    let mut due: Vec<Due> = commitments
        .iter()
        .filter(|c| c.status.is_open())
        .map(|c| (c, (c.end_date - today).num_days()))
        .filter(|(_, days)| (0..=DUE_WITHIN_DAYS).contains(days))
        .map(|(c, days_left)| Due {
            commitment_id: c.id,
            reference: c.reference.clone(),
            title: c.title.clone(),
            end_date: c.end_date,
            days_left,
        })
        .collect();
    due.sort_by_key(|d| (d.end_date, d.reference.clone()));
    due
}

async fn decided_since(
    db: &impl ConnectionTrait,
    commitments: &[Commitment],
    since: DateTime<Utc>,
) -> Result<Vec<Decided>, DbErr> {
    let by_id: HashMap<i32, &Commitment> = commitments.iter().map(|c| (c.id, c)).collect();
    let mut rows = Vec::new();
    for part in commitments.chunks(crate::progress::store::ID_LIST) {
        rows.extend(
            progress_update::Entity::find()
                .filter(progress_update::Column::CommitmentId.is_in(part.iter().map(|c| c.id)))
                .filter(progress_update::Column::ReviewedAt.gt(since))
                .order_by_desc(progress_update::Column::ReviewedAt)
                .all(db)
                .await?,
        );
    }
    rows.sort_by(|a, b| b.reviewed_at.cmp(&a.reviewed_at));
    let reviewers = display_names(db, rows.iter().filter_map(|u| u.reviewer_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|u| {
            let c = by_id.get(&u.commitment_id)?;
            Some(Decided {
                commitment_id: c.id,
                reference: c.reference.clone(),
                title: c.title.clone(),
                state: u.review_state,
                comment: u.review_comment.filter(|c| !c.trim().is_empty()),
                reviewer: u
                    .reviewer_id
                    .and_then(|id| reviewers.get(&id).cloned())
                    .unwrap_or_default(),
                at: u.reviewed_at?,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::{OwnerRef, Status};
    use chrono::{NaiveDate, TimeZone};

    fn ending(reference: &str, end: NaiveDate, status: Status) -> Commitment {
        Commitment {
            id: 1,
            reference: reference.into(),
            country: "KEN".into(),
            country_name: "Kenya".into(),
            plan_id: 1,
            title: reference.into(),
            description: String::new(),
            recommendations: Vec::new(),
            lead_owner: OwnerRef {
                code: "MOH".into(),
                name: "Ministry of Health".into(),
            },
            supporting_owners: Vec::new(),
            start_date: NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"),
            end_date: end,
            status,
            percent_complete: None,
            overdue: false,
            due_soon: false,
            last_reported: None,
            version: 1,
            targets: Vec::new(),
        }
    }

    #[test]
    fn due_lists_open_commitments_ending_within_thirty_days_soonest_first() {
        let now = Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("a time");
        let day = |d: u32, m: u32| {
            NaiveDate::from_ymd_opt(2026 + i32::from(m < 12), m, d).expect("a date")
        };
        let commitments = [
            ending("late", day(31, 12), Status::Limited),
            ending("today", day(1, 12), Status::NotStarted),
            ending("past", day(30, 11), Status::Limited),
            ending("beyond", day(1, 1), Status::Limited),
            ending("done", day(5, 12), Status::Complete),
        ];
        let found: Vec<(String, i64)> = due(&commitments, now)
            .into_iter()
            .map(|d| (d.reference, d.days_left))
            .collect();
        assert_eq!(
            found,
            vec![("today".to_owned(), 0), ("late".to_owned(), 30)]
        );
    }
}
