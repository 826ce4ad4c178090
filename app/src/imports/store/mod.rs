//! Imports against the database: previewing a file, committing it in one transaction,
//! undoing a committed batch, the import history, and remembered column mappings.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::check::Pending;
use super::columns::normalise;
use super::entities::{import_batch, import_file, import_mapping};
use super::rows::Keep;
use super::{ImportOptions, Preview};
use crate::accounts::Actor;
use crate::audit::{self, Change};
use crate::plans::entities::{country, owner};
use crate::progress::store::{insert_all, Current, Written};
use crate::progress::{Source, ValidUpdate};
use crate::refusal::{Refusal, WriteError};
use crate::spreadsheets::{Limits, ReadError};

mod analyse;
mod facts;
mod history;
mod staged;

use analyse::analyse;
pub use history::{batches, owners_of, undo};
pub use staged::{commit_staged, discard, original, stage, staged, Staged};

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read at all.
    #[error("{0}")]
    Unreadable(#[from] ReadError),
    #[error("{0}")]
    Refused(Refusal),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl From<Refusal> for ImportError {
    fn from(refusal: Refusal) -> Self {
        ImportError::Refused(refusal)
    }
}

impl From<WriteError> for ImportError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Refused(refusal) => ImportError::Refused(refusal),
            WriteError::Database(error) => ImportError::Database(error),
        }
    }
}

/// A file as uploaded.
pub struct Upload {
    pub file_name: String,
    /// Shared, not copied, with the thread that reads it.
    pub bytes: bytes::Bytes,
}

/// Where an import goes: a country and one of its owners.
pub struct Destination<'a> {
    pub iso3: &'a str,
    pub owner_code: &'a str,
}

/// What the file would do, with nothing written.
pub async fn preview(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<Preview, ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    Ok(
        analyse(db, &owner, upload, options, limits, today, Keep::Digests)
            .await?
            .0,
    )
}

/// Imports the file when every row passes: all its updates in one transaction, recorded as one
/// batch with the file kept. A file with any error writes nothing; the preview says why.
pub async fn commit(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<(Preview, Option<i32>), ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    let (preview, pending, format) =
        analyse(db, &owner, upload, options, limits, today, Keep::Texts).await?;
    if !preview.is_clean() {
        return Ok((preview, None));
    }
    let txn = db.begin().await?;
    let uploader = author(&txn, actor).await?;
    let batch = new_batch(&txn, owner.id, uploader, upload, format, &preview).await?;
    let id = batch.id;
    write(&txn, &owner, uploader, batch, &preview, &pending, options).await?;
    txn.commit().await?;
    Ok((preview, Some(id)))
}

/// A new batch, still `previewed`, with the file as uploaded.
pub(super) async fn new_batch(
    txn: &impl ConnectionTrait,
    owner_id: i32,
    uploader: i32,
    upload: &Upload,
    format: String,
    preview: &Preview,
) -> Result<import_batch::Model, DbErr> {
    let batch = import_batch::ActiveModel {
        owner_id: Set(owner_id),
        uploader_id: Set(uploader),
        file_name: Set(upload.file_name.clone()),
        format: Set(format),
        sha256: Set(hex::encode(Sha256::digest(&upload.bytes))),
        uploaded_at: Set(Utc::now()),
        sheet: Set(Some(preview.sheet.clone())),
        rows_read: Set(count(preview.counts.rows_read)),
        rows_accepted: Set(count(preview.counts.accepted)),
        rows_unchanged: Set(count(preview.counts.unchanged)),
        rows_rejected: Set(count(preview.counts.rejected)),
        state: Set("previewed".into()),
        committed_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    import_file::ActiveModel {
        batch_id: Set(batch.id),
        content: Set(upload.bytes.to_vec()),
    }
    .insert(txn)
    .await?;
    Ok(batch)
}

/// Writes the updates of a clean preview as part of `batch` and marks it committed, inside
/// the caller's transaction; the batch as committed.
pub(super) async fn write(
    txn: &impl ConnectionTrait,
    owner: &owner::Model,
    uploader: i32,
    batch: import_batch::Model,
    preview: &Preview,
    pending: &[Pending],
    options: &ImportOptions,
) -> Result<import_batch::Model, ImportError> {
    // The versions read by the check: a commitment changed since then makes the write refuse.
    let pending: Vec<(Current, &ValidUpdate)> =
        pending.iter().map(|p| (p.current, &p.update)).collect();
    let written = Written {
        source: Source::Import,
        batch: Some(batch.id),
    };
    let created = insert_all(txn, uploader, &pending, written)
        .await?
        .map_err(|stale| changed_meanwhile(stale.commitment_id))?
        .len();
    remember(txn, owner.id, preview, options).await?;
    let (id, file_name, sha256) = (batch.id, batch.file_name.clone(), batch.sha256.clone());
    let mut committed: import_batch::ActiveModel = batch.into();
    committed.state = Set("committed".into());
    committed.committed_at = Set(Some(Utc::now()));
    committed.sheet = Set(Some(preview.sheet.clone()));
    committed.rows_read = Set(count(preview.counts.rows_read));
    committed.rows_accepted = Set(count(preview.counts.accepted));
    committed.rows_unchanged = Set(count(preview.counts.unchanged));
    committed.rows_rejected = Set(0);
    let committed = committed.update(txn).await?;
    audit::record(
        txn,
        Change {
            actor: Some(uploader),
            action: "import.commit",
            entity_type: "import_batch",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({
                "owner": owner.code,
                "file_name": file_name,
                "sha256": sha256,
                "rows_read": preview.counts.rows_read,
                "accepted": preview.counts.accepted,
                "unchanged": preview.counts.unchanged,
                "updates_created": created,
            })),
        },
    )
    .await?;
    Ok(committed)
}

/// Whom the updates are recorded under: the person, or the operator's account for work done
/// at the command line.
pub(super) async fn author(db: &impl ConnectionTrait, actor: &Actor) -> Result<i32, DbErr> {
    match actor {
        Actor::Person(person) => Ok(person.user_id),
        Actor::Operator => crate::accounts::store::operator_account(db).await,
    }
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub(super) fn changed_meanwhile(id: i32) -> Refusal {
    Refusal::Conflict {
        message: format!(
            "commitment {id} was changed while the file was being imported; nothing was written: import the file again"
        ),
        current_version: 0,
    }
}

/// The owner `to` names, when `actor` may report for it.
pub(crate) async fn owner_for(
    db: &DatabaseConnection,
    actor: &Actor,
    to: &Destination<'_>,
) -> Result<owner::Model, ImportError> {
    let iso3 = crate::plans::normalise_iso3(to.iso3);
    let code = to.owner_code.trim().to_ascii_uppercase();
    let unknown = || {
        Refusal::NotFound(format!(
            "{iso3} has no ministry or agency with the code {code}"
        ))
    };
    let country = country::Entity::find()
        .filter(country::Column::Iso3.eq(iso3.as_str()))
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    let owner = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(country.id))
        .filter(owner::Column::Code.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    if !actor.reports_for(country.id, owner.id) {
        return Err(Refusal::Forbidden(format!(
            "only the focal points of {code} and the coordinator of {iso3} may import its progress or download its template"
        ))
        .into());
    }
    Ok(owner)
}

/// Remembers the columns mapped by hand, by their header, for the owner's next upload.
async fn remember(
    txn: &impl ConnectionTrait,
    owner_id: i32,
    preview: &Preview,
    options: &ImportOptions,
) -> Result<(), DbErr> {
    for (field, column) in &options.mapping {
        let Some((_, name)) = preview.headers.iter().find(|(c, _)| c == column) else {
            continue;
        };
        // `name` is "D 'Header'": the header is what stands between the quotes.
        let header = normalise(
            name.split_once('\'')
                .map_or("", |(_, rest)| rest.trim_end_matches('\'')),
        );
        import_mapping::Entity::delete_many()
            .filter(import_mapping::Column::OwnerId.eq(owner_id))
            .filter(import_mapping::Column::Header.eq(header.as_str()))
            .exec(txn)
            .await?;
        import_mapping::ActiveModel {
            owner_id: Set(owner_id),
            header: Set(header),
            field: Set(field.as_str().to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
