//! Server functions of the import pages. The domain functions check that the person imports
//! for the batch's owner; someone else's batch reads as absent.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Batch, Field, ImportOptions, OwnerChoice, Preview};

/// The import page: the owners one imports for, and their batches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportDesk {
    pub owners: Vec<OwnerChoice>,
    pub batches: Vec<Batch>,
}

/// A kept upload and what committing it would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub batch: Batch,
    /// While the upload is pending; a decided batch shows its recorded counts.
    pub preview: Option<Preview>,
    /// False for a reviewer, who reads the import but neither commits nor undoes it.
    pub may_decide: bool,
    /// Problems in the whole file; `preview.errors` holds only the first thousand.
    pub errors_total: usize,
}

/// Problems sent to the page (the preview itself lists at most `PREVIEW_ROWS` rows): a
/// 100,000-row file must not become a page of the same size. The counts cover every row.
#[cfg(feature = "ssr")]
const ERRORS_SENT: usize = 1000;

/// Choices made on the preview page, as its forms send them: each server function takes
/// them as separate optional fields, which a form may leave out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    pub sheet: Option<String>,
    /// Column index for the commitment ID, when chosen by hand.
    pub commitment_column: Option<String>,
    /// Column index for the status, when chosen by hand.
    pub status_column: Option<String>,
}

impl Choices {
    pub fn options(&self) -> ImportOptions {
        let mut mapping = std::collections::BTreeMap::new();
        for (field, column) in [
            (Field::Commitment, &self.commitment_column),
            (Field::Status, &self.status_column),
        ] {
            if let Some(column) = column.as_deref().and_then(|c| c.parse::<usize>().ok()) {
                mapping.insert(field, column);
            }
        }
        ImportOptions {
            sheet: self.sheet.clone().filter(|s| !s.is_empty()),
            mapping,
        }
    }
}

/// `None` when nobody is signed in.
#[server]
pub async fn get_import_desk() -> Result<Option<ImportDesk>, ServerFnError> {
    let Some(caller) = crate::state::signed_in().await? else {
        return Ok(None);
    };
    let actor = crate::accounts::Actor::Person(caller);
    let db = crate::state::db()?;
    let failed = |error: sea_orm::DbErr| {
        tracing::error!(%error, "reading the import desk failed");
        ServerFnError::new("Your imports could not be read. Please try again later.")
    };
    let owners = super::store::owners_of(&db, &actor).await.map_err(failed)?;
    let batches = super::store::batches(&db, &actor).await.map_err(failed)?;
    Ok(Some(ImportDesk { owners, batches }))
}

/// Kept upload `batch_id`, checked again with `choices`; `None` when it is not the person's.
#[server]
pub async fn get_import(
    batch_id: i32,
    sheet: Option<String>,
    commitment_column: Option<String>,
    status_column: Option<String>,
) -> Result<Option<ImportView>, ServerFnError> {
    let choices = Choices {
        sheet,
        commitment_column,
        status_column,
    };
    use super::store::ImportError;
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let today = chrono::Utc::now().date_naive();
    let limits = crate::state::import_limits()?;
    match super::store::staged(&db, &actor, batch_id, &choices.options(), limits, today).await {
        Ok(staged) => {
            let mut preview = staged.preview;
            let errors_total = preview.as_ref().map_or(0, |p| p.errors.len());
            if let Some(preview) = preview.as_mut() {
                preview.errors.truncate(ERRORS_SENT);
            }
            Ok(Some(ImportView {
                batch: staged.batch,
                preview,
                may_decide: staged.may_decide,
                errors_total,
            }))
        }
        Err(ImportError::Refused(crate::refusal::Refusal::NotFound(_))) => Ok(None),
        Err(error) => Err(import_failed(error)),
    }
}

/// Commits kept upload `batch_id`; the page then shows the result.
#[server]
pub async fn commit_import(
    batch_id: i32,
    sheet: Option<String>,
    commitment_column: Option<String>,
    status_column: Option<String>,
) -> Result<(), ServerFnError> {
    let choices = Choices {
        sheet,
        commitment_column,
        status_column,
    };
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let today = chrono::Utc::now().date_naive();
    let limits = crate::state::import_limits()?;
    let staged =
        super::store::commit_staged(&db, &actor, batch_id, &choices.options(), limits, today)
            .await
            .map_err(import_failed)?;
    if staged.batch.state != "committed" {
        let errors = staged.preview.map_or(0, |p| p.errors.len());
        return Err(ServerFnError::new(format!(
            "Nothing was imported: the file has {errors} errors. Fix them in the file and upload it again."
        )));
    }
    leptos_axum::redirect(&format!("/imports/{batch_id}"));
    Ok(())
}

/// Drops kept upload `batch_id` without importing it.
#[server]
pub async fn discard_import(batch_id: i32) -> Result<(), ServerFnError> {
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    super::store::discard(&db, &actor, batch_id)
        .await
        .map_err(import_failed)?;
    leptos_axum::redirect("/imports");
    Ok(())
}

/// Undoes committed batch `batch_id` with compensating updates.
#[server]
pub async fn undo_import(batch_id: i32) -> Result<(), ServerFnError> {
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let today = chrono::Utc::now().date_naive();
    super::store::undo(&db, &actor, batch_id, today)
        .await
        .map_err(crate::state::write_failed)?;
    leptos_axum::redirect("/imports");
    Ok(())
}

#[cfg(feature = "ssr")]
fn import_failed(error: super::store::ImportError) -> ServerFnError {
    use super::store::ImportError;
    match error {
        ImportError::Database(error) => crate::state::write_failed(error.into()),
        other => ServerFnError::new(other.to_string()),
    }
}
