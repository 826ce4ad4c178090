//! The import history, and undoing a committed batch.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};
use serde_json::json;

use super::super::entities::import_batch;
use super::super::{Batch, Counts, OwnerChoice};
use super::{author, changed_meanwhile};
use crate::accounts::names::display_names;
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::plans::entities::{commitment, country, owner};
use crate::progress::store::{history, insert, Written};
use crate::progress::{Source, ValidUpdate};
use crate::refusal::{Refusal, WriteError};

/// The owners `actor` imports for, by country and code.
pub async fn owners_of(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<OwnerChoice>, DbErr> {
    let countries: HashMap<i32, String> = country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.iso3))
        .collect();
    let mut owners: Vec<OwnerChoice> = owner::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|o| actor.reports_for(o.country_id, o.id))
        .map(|o| OwnerChoice {
            iso3: countries.get(&o.country_id).cloned().unwrap_or_default(),
            code: o.code,
            name: o.name,
            owner_id: o.id,
        })
        .collect();
    owners.sort_by(|a, b| (&a.iso3, &a.code).cmp(&(&b.iso3, &b.code)));
    Ok(owners)
}

/// The batches of every owner `actor` imports for, newest first.
pub async fn batches(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<Batch>, DbErr> {
    let owners = owners_of(db, actor).await?;
    let rows = import_batch::Entity::find()
        .filter(import_batch::Column::OwnerId.is_in(owners.iter().map(|o| o.owner_id)))
        .order_by_desc(import_batch::Column::Id)
        .all(db)
        .await?;
    let uploaders = display_names(db, rows.iter().map(|b| b.uploader_id)).await?;
    Ok(rows
        .into_iter()
        .map(|b| {
            let owner = owners.iter().find(|o| o.owner_id == b.owner_id);
            let uploader = uploaders.get(&b.uploader_id).cloned().unwrap_or_default();
            summary(b, owner, uploader)
        })
        .collect())
}

/// A batch as lists show it.
pub(super) fn summary(
    b: import_batch::Model,
    owner: Option<&OwnerChoice>,
    uploader: String,
) -> Batch {
    Batch {
        id: b.id,
        owner: owner.cloned(),
        file_name: b.file_name,
        sha256: b.sha256,
        uploader,
        uploaded_at: b.uploaded_at,
        counts: Counts {
            rows_read: b.rows_read as usize,
            accepted: b.rows_accepted as usize,
            unchanged: b.rows_unchanged as usize,
            rejected: b.rows_rejected as usize,
        },
        state: b.state,
    }
}

/// Undoes committed batch `batch_id`: every commitment it moved gets a new update restoring
/// the status and % complete reported before, so history shows both the import and its undo.
/// Refused when a commitment has been updated since: undoing would hide that newer report.
pub async fn undo(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    today: NaiveDate,
) -> Result<usize, WriteError> {
    use crate::progress::entities::progress_update;
    let txn = db.begin().await?;
    let person = author(&txn, actor).await?;
    let not_found = || Refusal::NotFound(format!("there is no import batch {batch_id}"));
    let batch = import_batch::Entity::find_by_id(batch_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let owner = owner::Entity::find_by_id(batch.owner_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    if batch.uploader_id != person && !actor.coordinates(owner.country_id) {
        return Err(Refusal::Forbidden(format!(
            "import batch {batch_id} can be undone by the person who uploaded it or the country's coordinator"
        ))
        .into());
    }
    if batch.state != "committed" {
        return Err(Refusal::Invalid(vec![crate::refusal::FieldError::new(
            "batch",
            format!(
                "import batch {batch_id} is {}, not committed: there is nothing to undo",
                batch.state
            ),
        )])
        .into());
    }
    let imported = progress_update::Entity::find()
        .filter(progress_update::Column::ImportBatchId.eq(batch_id))
        .all(&txn)
        .await?;
    let ids: Vec<i32> = imported.iter().map(|u| u.commitment_id).collect();
    let histories = history(&txn, &ids).await?;
    let mut restored = 0;
    for update in &imported {
        let found = commitment::Entity::find_by_id(update.commitment_id)
            .one(&txn)
            .await?
            .ok_or_else(not_found)?;
        let updates = histories.get(&found.id).cloned().unwrap_or_default();
        if updates.first().is_some_and(|newest| newest.id > update.id) {
            return Err(Refusal::Conflict {
                message: format!(
                    "commitment {} has been updated since this import; undoing it would hide that report, so nothing was changed",
                    found.id
                ),
                current_version: found.version,
            }
            .into());
        }
        // The report before the import, as it stood.
        let before = updates.iter().find(|u| u.id < update.id);
        let compensation = ValidUpdate {
            reporting_date: today,
            status: before.map(|u| u.status).unwrap_or_default(),
            percent_complete: before.and_then(|u| u.percent_complete),
            narrative: format!(
                "Import of '{}' (batch {batch_id}) undone: the status reported before it is restored.",
                batch.file_name
            ),
            evidence_urls: Vec::new(),
            indicator_values: before.map(|u| u.indicator_values.clone()).unwrap_or_default(),
            version: None,
        };
        let written = Written {
            source: Source::Import,
            batch: Some(batch_id),
        };
        // `insert` keeps % complete when the update has none; restoring "none" clears it.
        insert(&txn, person, &found, &compensation, written)
            .await?
            .ok_or_else(|| changed_meanwhile(found.id))?;
        if compensation.percent_complete.is_none() {
            commitment::Entity::update_many()
                .col_expr(
                    commitment::Column::PercentComplete,
                    sea_orm::sea_query::Expr::value(Option::<i32>::None),
                )
                .filter(commitment::Column::Id.eq(found.id))
                .exec(&txn)
                .await?;
        }
        restored += 1;
    }
    let mut undone: import_batch::ActiveModel = batch.clone().into();
    undone.state = Set("undone".into());
    undone.undone_at = Set(Some(Utc::now()));
    undone.undone_by_id = Set(Some(person));
    undone.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(person),
            action: "import.undo",
            entity_type: "import_batch",
            entity_id: batch_id.to_string(),
            before: Some(json!({ "state": batch.state })),
            after: Some(json!({ "state": "undone", "commitments_restored": restored })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(restored)
}
