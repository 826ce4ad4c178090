//! Recording progress and reading its history.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    sea_query::SelectStatement, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::json;

use super::entities::{evidence_link, indicator_value, progress_update};
pub(crate) use super::write::{insert, insert_all, Current, Written};
use super::{IndicatorValue, Review, Source, Update, UpdateInput, ValidUpdate};
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::plans::entities::{action_plan, commitment, target};
use crate::refusal::{Refusal, WriteError};

/// Records a progress update on commitment `commitment_id` and moves the commitment's status,
/// % complete and version on, all in one transaction. Refused unless `actor` reports for the
/// commitment's lead owner, and when `input.version` is not the commitment's current version.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    commitment_id: i32,
    input: UpdateInput,
    source: Source,
    today: NaiveDate,
) -> Result<Update, WriteError> {
    let Actor::Person(author) = actor else {
        return Err(
            Refusal::Forbidden("progress is reported by a person with an account".into()).into(),
        );
    };
    let txn = db.begin().await?;
    let not_found = || Refusal::NotFound(format!("there is no commitment {commitment_id}"));
    let found = commitment::Entity::find_by_id(commitment_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let plan = action_plan::Entity::find_by_id(found.plan_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    if !actor.reports_for(plan.country_id, found.lead_owner_id) {
        return Err(Refusal::Forbidden(format!(
            "you may not report progress on commitment {commitment_id}: it is led by another ministry or agency"
        ))
        .into());
    }
    let target_ids: Vec<i32> = target::Entity::find()
        .filter(target::Column::CommitmentId.eq(commitment_id))
        .all(&txn)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let update = ValidUpdate::check(input, &target_ids, today)?;
    let expected_version = update.version.unwrap_or(found.version);
    let conflict = |current_version| {
        Refusal::Conflict {
        message: format!(
            "someone else changed commitment {commitment_id} since you opened it (you had version {expected_version}, it is now at {current_version}); nothing was saved: review their change, then send yours again"
        ),
        current_version,
    }
    };
    if expected_version != found.version {
        return Err(conflict(found.version).into());
    }

    let stored = insert(
        &txn,
        author.user_id,
        &found,
        &update,
        Written {
            source,
            batch: None,
        },
    )
    .await?
    .ok_or_else(|| conflict(expected_version + 1))?;
    let percent = update.percent_complete.or(found.percent_complete);
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "progress.create",
            entity_type: "commitment",
            entity_id: commitment_id.to_string(),
            before: Some(json!({
                "status": found.status,
                "percent_complete": found.percent_complete,
                "version": found.version,
            })),
            after: Some(json!({
                "progress_update": stored.id,
                "reporting_date": update.reporting_date,
                "status": update.status,
                "percent_complete": percent,
                "narrative": update.narrative,
                "evidence_urls": update.evidence_urls,
                "indicator_values": update.indicator_values.iter().map(|v| json!({"target_id": v.target_id, "value": v.value})).collect::<Vec<_>>(),
                "version": found.version + 1,
            })),
        },
    )
    .await?;
    txn.commit().await?;

    Ok(Update {
        id: stored.id,
        reporting_date: update.reporting_date,
        status: update.status,
        percent_complete: update.percent_complete,
        narrative: update.narrative,
        evidence_urls: update.evidence_urls,
        indicator_values: update.indicator_values,
        author: author.display_name.clone(),
        source: source.as_str().to_owned(),
        import_batch: None,
        review_state: stored.review_state,
        review: None,
        created_at: stored.created_at,
    })
}

/// Ids per `IN (…)` list: far below SQLite's 32,766 bind parameters and PostgreSQL's 65,535.
pub(crate) const ID_LIST: usize = 5000;

/// The updates of each of `commitment_ids`, newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    commitment_ids: &[i32],
) -> Result<HashMap<i32, Vec<Update>>, DbErr> {
    updates_where(
        db,
        Condition::all()
            .add(progress_update::Column::CommitmentId.is_in(commitment_ids.iter().copied())),
    )
    .await
}

/// The updates that report on one of `dates`, of each commitment `commitments` selects, newest
/// first: what an import compares its rows with, without reading years of history.
pub async fn reported_on(
    db: &impl ConnectionTrait,
    commitments: SelectStatement,
    dates: &[NaiveDate],
) -> Result<HashMap<i32, Vec<Update>>, DbErr> {
    updates_where(
        db,
        Condition::all()
            .add(progress_update::Column::CommitmentId.in_subquery(commitments))
            .add(progress_update::Column::ReportingDate.is_in(dates.iter().copied())),
    )
    .await
}

/// The updates `condition` selects, by commitment, newest first.
pub(crate) async fn updates_where(
    db: &impl ConnectionTrait,
    condition: Condition,
) -> Result<HashMap<i32, Vec<Update>>, DbErr> {
    let rows = progress_update::Entity::find()
        .filter(condition)
        .order_by_desc(progress_update::Column::ReportingDate)
        .order_by_desc(progress_update::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|u| u.id).collect();
    let mut values: HashMap<i32, Vec<IndicatorValue>> = HashMap::new();
    let mut links: HashMap<i32, Vec<String>> = HashMap::new();
    // In parts: a long history must not exceed the database's bind-parameter limit.
    for part in ids.chunks(ID_LIST) {
        for v in indicator_value::Entity::find()
            .filter(indicator_value::Column::ProgressUpdateId.is_in(part.iter().copied()))
            .order_by_asc(indicator_value::Column::Id)
            .all(db)
            .await?
        {
            values
                .entry(v.progress_update_id)
                .or_default()
                .push(IndicatorValue {
                    target_id: v.target_id,
                    value: v.value,
                });
        }
        for link in evidence_link::Entity::find()
            .filter(evidence_link::Column::ProgressUpdateId.is_in(part.iter().copied()))
            .order_by_asc(evidence_link::Column::Id)
            .all(db)
            .await?
        {
            links
                .entry(link.progress_update_id)
                .or_default()
                .push(link.url);
        }
    }
    let authors = crate::accounts::names::display_names(
        db,
        rows.iter()
            .flat_map(|u| std::iter::once(u.author_id).chain(u.reviewer_id)),
    )
    .await?;

    let mut by_commitment: HashMap<i32, Vec<Update>> = HashMap::new();
    for row in rows {
        by_commitment
            .entry(row.commitment_id)
            .or_default()
            .push(Update {
                id: row.id,
                reporting_date: row.reporting_date,
                // The database refuses any other value (CHECK constraint).
                status: row.status.parse().unwrap_or_default(),
                percent_complete: row.percent_complete,
                narrative: row.narrative,
                evidence_urls: links.remove(&row.id).unwrap_or_default(),
                indicator_values: values.remove(&row.id).unwrap_or_default(),
                author: authors.get(&row.author_id).cloned().unwrap_or_default(),
                source: row.source,
                import_batch: row.import_batch_id,
                review_state: row.review_state,
                review: row.reviewed_at.map(|reviewed_at| Review {
                    reviewer: row
                        .reviewer_id
                        .and_then(|id| authors.get(&id).cloned())
                        .unwrap_or_default(),
                    comment: row.review_comment,
                    reviewed_at,
                }),
                created_at: row.created_at,
            });
    }
    Ok(by_commitment)
}
