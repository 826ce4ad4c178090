//! Storing progress updates: one from the form, or thousands from a spreadsheet in a few
//! statements per few hundred updates, all inside the caller's transaction.

use std::collections::HashSet;

use chrono::Utc;
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryTrait, Set};

use super::entities::{evidence_link, indicator_value, progress_update};
use super::{Source, ValidUpdate};
use crate::plans::entities::commitment;

/// Where an update comes from, as stored with it.
pub(crate) struct Written {
    pub source: Source,
    /// The import batch it is part of.
    pub batch: Option<i32>,
}

/// A commitment as read before its update: the update moves it on from this version, and
/// keeps this % complete when it reports none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Current {
    pub id: i32,
    pub version: i32,
    pub percent_complete: Option<i32>,
}

impl From<&commitment::Model> for Current {
    fn from(c: &commitment::Model) -> Self {
        Current {
            id: c.id,
            version: c.version,
            percent_complete: c.percent_complete,
        }
    }
}

/// Updates written per statement: well under the bind-parameter limits of SQLite (32,766)
/// and PostgreSQL (65,535) with the widest statement's seven parameters per update.
const CHUNK: usize = 500;

/// A commitment that was no longer at the version its update was made from: someone else
/// changed it meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stale {
    pub commitment_id: i32,
}

/// Stores `update` on commitment `found`; see [`insert_all`].
pub(crate) async fn insert(
    txn: &impl ConnectionTrait,
    author_id: i32,
    found: &commitment::Model,
    update: &ValidUpdate,
    written: Written,
) -> Result<Option<progress_update::Model>, DbErr> {
    Ok(
        insert_all(txn, author_id, &[(found.into(), update)], written)
            .await?
            .ok()
            .and_then(|mut stored| stored.pop()),
    )
}

/// Stores each update on its commitment (one update per commitment), with indicator values
/// and evidence, and moves each commitment's status, % complete (kept when the update has
/// none) and version on. [`Stale`], naming the first commitment no longer at the version
/// read, when any is not: the caller rolls its transaction back, which undoes what was
/// written so far. The caller checks rights and owns the transaction.
pub(crate) async fn insert_all(
    txn: &impl ConnectionTrait,
    author_id: i32,
    pending: &[(Current, &ValidUpdate)],
    written: Written,
) -> Result<Result<Vec<progress_update::Model>, Stale>, DbErr> {
    let mut all = Vec::with_capacity(pending.len());
    for chunk in pending.chunks(CHUNK) {
        // The version check comes first: a chunk that finds a commitment moved on writes
        // nothing of its own.
        if let Err(stale) = move_on(txn, chunk).await? {
            return Ok(Err(stale));
        }
        let mut stored = store_updates(txn, author_id, chunk, &written).await?;
        // RETURNING lists rows in no promised order: match them by commitment.
        stored.sort_by_key(|u| {
            chunk
                .iter()
                .position(|(c, _)| c.id == u.commitment_id)
                .unwrap_or(usize::MAX)
        });
        store_details(txn, chunk, &stored).await?;
        all.extend(stored);
    }
    Ok(Ok(all))
}

async fn store_updates(
    txn: &impl ConnectionTrait,
    author_id: i32,
    chunk: &[(Current, &ValidUpdate)],
    written: &Written,
) -> Result<Vec<progress_update::Model>, DbErr> {
    let now = Utc::now();
    progress_update::Entity::insert_many(chunk.iter().map(|(found, update)| {
        progress_update::ActiveModel {
            commitment_id: Set(found.id),
            reporting_date: Set(update.reporting_date),
            status: Set(update.status.as_str().to_owned()),
            percent_complete: Set(update.percent_complete),
            narrative: Set(update.narrative.clone()),
            author_id: Set(author_id),
            source: Set(written.source.as_str().to_owned()),
            import_batch_id: Set(written.batch),
            review_state: Set("submitted".to_owned()),
            reviewer_id: Set(None),
            review_comment: Set(None),
            reviewed_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
    }))
    .exec_with_returning(txn)
    .await
}

/// The indicator values and evidence links of `chunk`, whose updates are `stored` in the
/// same order.
async fn store_details(
    txn: &impl ConnectionTrait,
    chunk: &[(Current, &ValidUpdate)],
    stored: &[progress_update::Model],
) -> Result<(), DbErr> {
    let values: Vec<indicator_value::ActiveModel> = chunk
        .iter()
        .zip(stored)
        .flat_map(|((_, update), row)| {
            update
                .indicator_values
                .iter()
                .map(|value| indicator_value::ActiveModel {
                    progress_update_id: Set(row.id),
                    target_id: Set(value.target_id),
                    value: Set(value.value),
                    ..Default::default()
                })
        })
        .collect();
    for part in values.chunks(CHUNK) {
        indicator_value::Entity::insert_many(part.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    let links: Vec<evidence_link::ActiveModel> = chunk
        .iter()
        .zip(stored)
        .flat_map(|((_, update), row)| {
            update
                .evidence_urls
                .iter()
                .map(|url| evidence_link::ActiveModel {
                    progress_update_id: Set(row.id),
                    url: Set(url.clone()),
                    label: Set(None),
                    ..Default::default()
                })
        })
        .collect();
    for part in links.chunks(CHUNK) {
        evidence_link::Entity::insert_many(part.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// Moves every commitment of `chunk` on in one statement; [`Stale`] when any is no longer at
/// the version read. The version in the WHERE clause makes the check and the write one step:
/// of two concurrent saves from the same version, the second finds no row and is refused.
async fn move_on(
    txn: &impl ConnectionTrait,
    chunk: &[(Current, &ValidUpdate)],
) -> Result<Result<(), Stale>, DbErr> {
    let by_id = |pick: &dyn Fn(Current, &ValidUpdate) -> Expr| {
        chunk
            .iter()
            .fold(CaseStatement::new(), |case, (found, update)| {
                case.case(commitment::Column::Id.eq(found.id), pick(*found, update))
            })
    };
    let status = by_id(&|_, u| Expr::value(u.status.as_str()));
    let percent = by_id(&|c, u| Expr::value(u.percent_complete.or(c.percent_complete)));
    let version = by_id(&|c, _| Expr::value(c.version));
    let mut statement = commitment::Entity::update_many()
        .col_expr(commitment::Column::Status, status.into())
        .col_expr(commitment::Column::PercentComplete, percent.into())
        .col_expr(
            commitment::Column::Version,
            Expr::col(commitment::Column::Version).add(1),
        )
        .col_expr(commitment::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(commitment::Column::Id.is_in(chunk.iter().map(|(c, _)| c.id)))
        .filter(Expr::col(commitment::Column::Version).eq(Into::<Expr>::into(version)))
        .into_query();
    // The ids moved on tell which commitment was not, to name it.
    statement.returning_col(commitment::Column::Id);
    let moved: HashSet<i32> = txn
        .query_all(&statement)
        .await?
        .iter()
        .map(|row| row.try_get_by_index(0))
        .collect::<Result<_, _>>()?;
    Ok(match chunk.iter().find(|(c, _)| !moved.contains(&c.id)) {
        Some((stale, _)) => Err(Stale {
            commitment_id: stale.id,
        }),
        None => Ok(()),
    })
}
