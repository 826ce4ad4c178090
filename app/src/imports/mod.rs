//! Progress spreadsheets: a focal point's template, and importing the filled file (or any
//! progress workbook) as progress updates. Every row is checked first and shown in a preview;
//! a file is committed only when no row has an error, all of it in one transaction, and a
//! committed batch can be undone with compensating updates.

#[cfg(feature = "ssr")]
mod check;
#[cfg(feature = "ssr")]
pub mod columns;
#[cfg(feature = "ssr")]
mod digest;
#[cfg(feature = "ssr")]
pub(crate) mod entities;
mod field;
mod language;
#[cfg(feature = "ssr")]
mod plan;
#[cfg(feature = "ssr")]
mod reading;
#[cfg(feature = "ssr")]
mod rows;
mod server_fns;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod template;
#[cfg(feature = "ssr")]
mod template_words;
#[cfg(feature = "ssr")]
mod values;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::plans::Status;

/// The request header with which the import page's script asks the upload route for the
/// preview's address as text, instead of a redirect the browser would follow and render for
/// nothing.
pub const UPLOAD_PROGRESS_HEADER: &str = "nap-upload-progress";

pub use field::Field;
pub use language::Language;
pub use server_fns::{
    commit_import, discard_import, get_import, get_import_desk, undo_import, Choices, CommitImport,
    DiscardImport, ImportDesk, ImportView, UndoImport,
};

/// One problem in a file, located as a spreadsheet program shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Problem {
    pub sheet: String,
    pub row: u32,
    /// Letter and header, such as `D 'Status'`; `None` when the whole row is concerned.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sheet '{}', row {}", self.sheet, self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What committing would do with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Becomes (part of) a new progress update.
    Create,
    /// The same update is already recorded: nothing new.
    Unchanged,
    /// Has an error: the file cannot be committed until it is fixed.
    Rejected,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row: u32,
    pub commitment_id: Option<i32>,
    pub target_id: Option<i32>,
    /// The commitment's title, when the ID is known.
    pub title: String,
    pub status: Option<Status>,
    pub percent_complete: Option<i32>,
    pub outcome: Outcome,
    pub problems: Vec<String>,
}

/// How many rows a preview lists: enough to see that the file was read as meant, without a
/// page of a hundred thousand rows.
pub const PREVIEW_ROWS: usize = 500;

/// Which column a field was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnChoice {
    pub field: Field,
    /// Letter and header, such as `D 'Status'`.
    pub column: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Rows below the header that have something filled in.
    pub rows_read: usize,
    pub accepted: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

/// Everything an import would do, before anything is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub file_name: String,
    pub sheet: String,
    pub header_row: u32,
    pub columns: Vec<ColumnChoice>,
    /// Every header cell as (column index, letter and text), to map a missing field by hand.
    pub headers: Vec<(usize, String)>,
    /// Required fields no column was found for.
    pub missing: Vec<Field>,
    /// The first [`PREVIEW_ROWS`] rows read; `counts` and `errors` cover every row.
    pub rows: Vec<PreviewRow>,
    pub counts: Counts,
    pub errors: Vec<Problem>,
    /// Rows below the header with nothing filled in, such as a template's unused rows.
    pub left_out: usize,
}

impl Preview {
    /// Whether committing would write: no error, no missing column.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.missing.is_empty()
    }
}

/// Choices a person makes about a file: which sheet, and columns mapped by hand (field to
/// zero-based column index in the header row).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    #[serde(default)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub mapping: BTreeMap<Field, usize>,
}

/// A ministry or agency someone imports for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerChoice {
    pub owner_id: i32,
    pub iso3: String,
    pub code: String,
    pub name: String,
}

/// A batch as the import history lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub id: i32,
    pub owner: Option<OwnerChoice>,
    pub file_name: String,
    pub sha256: String,
    pub uploader: String,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    pub counts: Counts,
    /// `previewed`, `committed`, `discarded` or `undone`.
    pub state: String,
}
