//! Freezing a cycle: every commitment of a published plan, with its updates, reviewers'
//! assessments and civil-society assessments, written as it stands into `cycle_entries`.
//! It runs inside the transaction that closes the cycle, so a snapshot is whole or absent.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::cycle_entry;
use crate::plans::entities::{action_plan, commitment};
use crate::plans::{CommitmentDetail, PlanStatus};

/// Commitments read and written at a time: bounds memory at any number of countries.
const CHUNK: u64 = 500;

/// Writes the snapshot of cycle `cycle_id` as the data stands on `today` (which decides what
/// counts as overdue); returns how many commitments it holds.
pub(super) async fn freeze(
    txn: &impl ConnectionTrait,
    cycle_id: i32,
    today: NaiveDate,
) -> Result<u64, DbErr> {
    let published: Vec<i32> = action_plan::Entity::find()
        .select_only()
        .column(action_plan::Column::Id)
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .into_tuple()
        .all(txn)
        .await?;
    let mut written = 0;
    let mut after = 0;
    loop {
        let rows = commitment::Entity::find()
            .filter(commitment::Column::PlanId.is_in(published.iter().copied()))
            .filter(commitment::Column::Id.gt(after))
            .order_by_asc(commitment::Column::Id)
            .limit(CHUNK)
            .all(txn)
            .await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.id;
        let records = records(txn, rows, today).await?;
        written += records.len() as u64;
        let entries = records
            .into_iter()
            .map(|record| entry(cycle_id, record))
            .collect::<Result<Vec<_>, _>>()?;
        cycle_entry::Entity::insert_many(entries).exec(txn).await?;
    }
    Ok(written)
}

/// The public records of `rows`, as the commitment page shows them to anyone.
async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<commitment::Model>,
    today: NaiveDate,
) -> Result<Vec<CommitmentDetail>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let mut updates = crate::progress::store::history(db, &ids).await?;
    let mut assessments = crate::review::assess::assessments_of(db, &ids).await?;
    let mut civil_society = crate::civil_society::shadow::of_commitments(db, &ids).await?;
    let commitments = crate::plans::store::assemble(db, rows, today).await?;
    Ok(commitments
        .into_iter()
        .map(|commitment| {
            let id = commitment.id;
            CommitmentDetail {
                commitment,
                plan_status: PlanStatus::Published,
                updates: updates.remove(&id).unwrap_or_default(),
                assessments: assessments.remove(&id).unwrap_or_default(),
                civil_society: civil_society.remove(&id).unwrap_or_default(),
            }
        })
        .collect())
}

fn entry(cycle_id: i32, record: CommitmentDetail) -> Result<cycle_entry::ActiveModel, DbErr> {
    let c = &record.commitment;
    let reviewed = record
        .updates
        .iter()
        .find(|u| u.review_state == "approved")
        .map(|u| u.status.as_str().to_owned());
    let assessed = record
        .assessments
        .first()
        .map(|a| a.status.as_str().to_owned());
    let json = serde_json::to_string(&record)
        .map_err(|e| DbErr::Custom(format!("commitment {} could not be frozen: {e}", c.id)))?;
    Ok(cycle_entry::ActiveModel {
        cycle_id: Set(cycle_id),
        commitment_id: Set(c.id),
        country_iso3: Set(c.country.clone()),
        country_name: Set(c.country_name.clone()),
        reference: Set(c.reference.clone()),
        title: Set(c.title.clone()),
        status: Set(c.status.as_str().to_owned()),
        percent_complete: Set(c.percent_complete),
        overdue: Set(c.overdue),
        reviewed_status: Set(reviewed),
        assessed_status: Set(assessed),
        record: Set(json),
    })
}
