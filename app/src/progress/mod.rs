//! Progress updates: what a ministry reports on a commitment. Append-only: a correction is a
//! new update, and history is never rewritten.

#[cfg(feature = "ssr")]
pub(crate) mod entities;
#[cfg(feature = "ssr")]
pub mod store;
mod validate;
#[cfg(feature = "ssr")]
mod write;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::plans::Status;

pub use validate::{
    check_completion, check_evidence, check_narrative, check_reporting_date, parse_date,
    parse_percent, ValidUpdate,
};

/// One reported value of a target's indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorValue {
    pub target_id: i32,
    pub value: f64,
}

/// A progress update as history shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Update {
    pub id: i32,
    pub reporting_date: NaiveDate,
    pub status: Status,
    pub percent_complete: Option<i32>,
    pub narrative: String,
    pub evidence_urls: Vec<String>,
    pub indicator_values: Vec<IndicatorValue>,
    pub author: String,
    /// `form`, `import` or `api`.
    pub source: String,
    /// The import batch it came from, for an imported update.
    pub import_batch: Option<i32>,
    /// `submitted`, `approved` or `returned`.
    pub review_state: String,
    /// Who approved or returned it, when, and why: `None` while it awaits review.
    pub review: Option<Review>,
    pub created_at: DateTime<Utc>,
}

/// A reviewer's decision on an update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Review {
    pub reviewer: String,
    /// Required when the update was returned; optional when approved.
    pub comment: Option<String>,
    pub reviewed_at: DateTime<Utc>,
}

/// An update as sent by the form or the API, before checking. Everything but `status` is
/// optional; `version` is the commitment's version the sender last saw.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpdateInput {
    #[serde(default)]
    pub reporting_date: Option<String>,
    pub status: String,
    #[serde(default)]
    pub percent_complete: Option<f64>,
    #[serde(default)]
    pub narrative: Option<String>,
    #[serde(default)]
    pub evidence_urls: Vec<String>,
    #[serde(default)]
    pub indicator_values: Vec<IndicatorValue>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Where an update came from, as recorded with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Form,
    Import,
    Api,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Form => "form",
            Source::Import => "import",
            Source::Api => "api",
        }
    }
}
