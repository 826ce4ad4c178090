//! What the check knows of the plan: every commitment of the country (read while the file is
//! read), and the updates already recorded on the dates a file reports on.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, RelationDef,
};

use super::super::entities::import_batch;
use super::super::plan::{CommitmentFacts, Fingerprint, Plan};
use super::super::rows::ParsedRow;
use crate::plans::entities::{action_plan, commitment, owner, target};
use crate::progress::store::{reported_on, Current, ID_LIST};

/// Every commitment of the country's plans with what the check needs of it; nothing recorded
/// yet (see [`add_recorded`]). The commitments and their targets come in one query, streamed
/// in the order of their ids: a plan of a hundred thousand commitments is never held as
/// database rows at once, and one query costs far less than pages of `IN (…)` lists.
pub(super) async fn plan_facts(db: &DatabaseConnection, country_id: i32) -> Result<Plan, DbErr> {
    let owner_codes: HashMap<i32, String> = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect();
    let mut plan = Plan {
        commitments: Vec::new(),
        target_ids: Vec::new(),
        owner_codes,
        recorded: HashMap::new(),
    };
    let targets: RelationDef = target::Entity::belongs_to(commitment::Entity)
        .from(target::Column::CommitmentId)
        .to(commitment::Column::Id)
        .into();
    type Row = (i32, i32, NaiveDate, i32, Option<i32>, Option<i32>);
    let mut rows = commitment::Entity::find()
        .select_only()
        .columns([
            commitment::Column::Id,
            commitment::Column::LeadOwnerId,
            commitment::Column::StartDate,
            commitment::Column::Version,
            commitment::Column::PercentComplete,
        ])
        .column_as(target::Column::Id, "target_id")
        .join_rev(JoinType::LeftJoin, targets)
        .filter(commitment::Column::PlanId.in_subquery(plans_of(country_id)))
        .order_by_asc(commitment::Column::Id)
        .order_by_asc(target::Column::Id)
        .into_tuple::<Row>()
        .stream(db)
        .await?;
    while let Some((id, lead_owner_id, start_date, version, percent_complete, target)) =
        rows.try_next().await?
    {
        if plan
            .commitments
            .last()
            .is_none_or(|last| last.current.id != id)
        {
            let start = index(plan.target_ids.len());
            plan.commitments.push(CommitmentFacts {
                current: Current {
                    id,
                    version,
                    percent_complete,
                },
                lead_owner_id,
                start_date,
                targets: start..start,
            });
        }
        if let Some(target) = target {
            plan.target_ids.push(target);
            let end = index(plan.target_ids.len());
            if let Some(last) = plan.commitments.last_mut() {
                last.targets.end = end;
            }
        }
    }
    Ok(plan)
}

/// The ids of the country's plans, as a subquery.
fn plans_of(country_id: i32) -> SelectStatement {
    action_plan::Entity::find()
        .select_only()
        .column(action_plan::Column::Id)
        .filter(action_plan::Column::CountryId.eq(country_id))
        .into_query()
}

/// A position in the plan's list of targets: a plan has far fewer than four billion.
fn index(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

/// The titles of `ids`, for the rows a preview shows.
pub(super) async fn titles(
    db: &DatabaseConnection,
    ids: Vec<i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let found: Vec<(i32, String)> = commitment::Entity::find()
        .select_only()
        .columns([commitment::Column::Id, commitment::Column::Title])
        .filter(commitment::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().collect())
}

/// Adds to the commitments `rows` name the updates already recorded on them (leaving out
/// undone imports), to recognise a re-import. Only updates on the dates the rows report on
/// are read (an empty date is `today`): an update on another day cannot be the same report.
pub(super) async fn add_recorded(
    db: &DatabaseConnection,
    country_id: i32,
    plan: &mut Plan,
    rows: &[ParsedRow],
    today: NaiveDate,
) -> Result<(), DbErr> {
    let mut named: Vec<i32> = rows.iter().filter_map(|r| r.commitment).collect();
    named.sort_unstable();
    named.dedup();
    let mut dates: Vec<NaiveDate> = rows
        .iter()
        .map(|r| r.reporting_date.unwrap_or(today))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let undone = undone_updates(db, country_id).await?;
    // By date among the country's commitments, not by the file's IDs: a file names thousands
    // of commitments but reports on a date or two.
    let country = commitment::Entity::find()
        .select_only()
        .column(commitment::Column::Id)
        .filter(commitment::Column::PlanId.in_subquery(plans_of(country_id)))
        .into_query();
    for chunk in dates.chunks(ID_LIST) {
        for (id, updates) in reported_on(db, country.clone(), chunk).await? {
            if named.binary_search(&id).is_err() {
                continue;
            }
            plan.recorded.entry(id).or_default().extend(
                updates
                    .iter()
                    .filter(|u| !undone.contains(&u.id))
                    .map(Fingerprint::of_update),
            );
        }
    }
    Ok(())
}

/// Updates that came from the country's batches since undone: they no longer count as
/// recorded.
async fn undone_updates(db: &DatabaseConnection, country_id: i32) -> Result<HashSet<i32>, DbErr> {
    use crate::progress::entities::progress_update;
    let batches: Vec<i32> = import_batch::Entity::find()
        .select_only()
        .column(import_batch::Column::Id)
        .filter(
            import_batch::Column::OwnerId.in_subquery(
                owner::Entity::find()
                    .select_only()
                    .column(owner::Column::Id)
                    .filter(owner::Column::CountryId.eq(country_id))
                    .into_query(),
            ),
        )
        .filter(import_batch::Column::State.eq("undone"))
        .into_tuple()
        .all(db)
        .await?;
    if batches.is_empty() {
        return Ok(HashSet::new());
    }
    let undone: Vec<i32> = progress_update::Entity::find()
        .select_only()
        .column(progress_update::Column::Id)
        .filter(progress_update::Column::ImportBatchId.is_in(batches))
        .into_tuple()
        .all(db)
        .await?;
    Ok(undone.into_iter().collect())
}
