//! Uploads kept between the preview and the commit: the browser sends a file once, the
//! preview page reads it back from its batch (and survives a reload), and the person commits
//! or discards it there.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};

use super::super::entities::{import_batch, import_file};
use super::super::rows::Keep;
use super::super::{Batch, ImportOptions, OwnerChoice, Preview};
use super::history::summary;
use super::{analyse, author, new_batch, owner_for, write, Destination, ImportError, Upload};
use crate::accounts::{entities::user, Actor};
use crate::plans::entities::{country, owner};
use crate::refusal::Refusal;
use crate::spreadsheets::Limits;

/// A kept upload and what committing it would do now.
#[derive(Clone, Debug, PartialEq)]
pub struct Staged {
    pub batch: Batch,
    /// What committing would do, while the upload is pending; once it is committed, undone or
    /// discarded its file is not read again: the batch holds its counts.
    pub preview: Option<Preview>,
    /// Whether the person may commit, discard or undo it (they report for its owner), or
    /// only read it (they review the country).
    pub may_decide: bool,
}

/// What a person asks of a kept upload.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Decide,
}

/// Keeps `upload` as a previewed batch and returns its id; a file that cannot be read at all
/// is refused here with its error and nothing is kept.
pub async fn stage(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
    upload: &Upload,
    limits: Limits,
    today: NaiveDate,
) -> Result<i32, ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    let options = ImportOptions::default();
    let (preview, _, format) =
        analyse(db, &owner, upload, &options, limits, today, Keep::Digests).await?;
    let txn = db.begin().await?;
    let uploader = author(&txn, actor).await?;
    let batch = new_batch(&txn, owner.id, uploader, upload, format, &preview).await?;
    txn.commit().await?;
    Ok(batch.id)
}

/// The kept upload `batch_id` checked again now, with `options`.
pub async fn staged(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<Staged, ImportError> {
    let kept = load(db, actor, batch_id, Access::Read).await?;
    let preview = match kept.batch.state.as_str() {
        "previewed" => Some(
            analyse(
                db,
                &kept.owner,
                &kept.upload,
                options,
                limits,
                today,
                Keep::Digests,
            )
            .await?
            .0,
        ),
        _ => None,
    };
    Ok(Staged {
        batch: kept.batch,
        preview,
        may_decide: kept.may_decide,
    })
}

/// The file of batch `batch_id` exactly as it was uploaded, with its format's name, for
/// those who report for its owner and those who review its country.
pub async fn original(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
) -> Result<(Upload, String), ImportError> {
    let kept = load(db, actor, batch_id, Access::Read).await?;
    Ok((kept.upload, kept.format))
}

/// Commits kept upload `batch_id` when every row passes now; otherwise writes nothing and
/// returns the preview with its errors.
pub async fn commit_staged(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<Staged, ImportError> {
    let kept = load(db, actor, batch_id, Access::Decide).await?;
    if kept.batch.state != "previewed" {
        return Err(not_pending(batch_id, &kept.batch.state).into());
    }
    let (preview, pending, _) = analyse(
        db,
        &kept.owner,
        &kept.upload,
        options,
        limits,
        today,
        Keep::Texts,
    )
    .await?;
    let mut batch = kept.batch;
    if preview.is_clean() {
        let txn = db.begin().await?;
        let uploader = author(&txn, actor).await?;
        let row = import_batch::Entity::find_by_id(batch_id)
            .one(&txn)
            .await?
            .ok_or_else(|| not_found(batch_id))?;
        let committed = write(
            &txn,
            &kept.owner,
            uploader,
            row,
            &preview,
            &pending,
            options,
        )
        .await?;
        txn.commit().await?;
        batch = summary(committed, batch.owner.as_ref(), batch.uploader);
    }
    Ok(Staged {
        batch,
        preview: Some(preview),
        may_decide: true,
    })
}

/// Drops kept upload `batch_id` without importing it; it stays in the history as discarded.
pub async fn discard(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
) -> Result<(), ImportError> {
    let kept = load(db, actor, batch_id, Access::Decide).await?;
    if kept.batch.state != "previewed" {
        return Err(not_pending(batch_id, &kept.batch.state).into());
    }
    import_batch::ActiveModel {
        id: Set(batch_id),
        state: Set("discarded".into()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

struct Kept {
    batch: Batch,
    owner: owner::Model,
    upload: Upload,
    format: String,
    may_decide: bool,
}

/// Batch `batch_id` with its owner and file, when `actor` imports for that owner or, to read
/// it, reviews its country.
async fn load(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    access: Access,
) -> Result<Kept, ImportError> {
    let batch = import_batch::Entity::find_by_id(batch_id)
        .one(db)
        .await?
        .ok_or_else(|| not_found(batch_id))?;
    let owner = owner::Entity::find_by_id(batch.owner_id)
        .one(db)
        .await?
        .ok_or_else(|| not_found(batch_id))?;
    // Someone else's upload is as good as absent: its existence is not for others to know.
    let may_decide = actor.reports_for(owner.country_id, owner.id);
    let may_read = may_decide || actor.reviews(owner.country_id);
    if !may_decide && (access == Access::Decide || !may_read) {
        return Err(not_found(batch_id).into());
    }
    let file = import_file::Entity::find_by_id(batch_id)
        .one(db)
        .await?
        .ok_or_else(|| not_found(batch_id))?;
    let iso3 = country::Entity::find_by_id(owner.country_id)
        .one(db)
        .await?
        .map(|c| c.iso3)
        .unwrap_or_default();
    let uploader = user::Entity::find_by_id(batch.uploader_id)
        .one(db)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let choice = OwnerChoice {
        owner_id: owner.id,
        iso3,
        code: owner.code.clone(),
        name: owner.name.clone(),
    };
    let upload = Upload {
        file_name: batch.file_name.clone(),
        bytes: file.content.into(),
    };
    let format = batch.format.clone();
    Ok(Kept {
        batch: summary(batch, Some(&choice), uploader),
        owner,
        upload,
        format,
        may_decide,
    })
}

fn not_found(batch_id: i32) -> Refusal {
    Refusal::NotFound(format!("there is no import {batch_id} of yours"))
}

fn not_pending(batch_id: i32, state: &str) -> Refusal {
    Refusal::Invalid(vec![crate::refusal::FieldError::new(
        "batch",
        format!("import {batch_id} is already {state}; upload the file again to import it"),
    )])
}
