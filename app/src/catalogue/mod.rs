//! The recommendation catalogue: the 100 recommendations of the EGM 2008 report, in groups.

#[cfg(feature = "ssr")]
pub(crate) mod entities;
mod search;
mod server_fns;
#[cfg(feature = "ssr")]
pub mod store;

use serde::{Deserialize, Serialize};

pub use search::Search;
pub use server_fns::{get_catalogue, get_group, get_recommendation};

/// One recommendation, as pages show it and the open-data API publishes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// Stable public code, `GROUP-N`: `POL-1` … `INT-11`.
    pub code: String,
    pub group_code: String,
    pub group_name: String,
    /// Position within its group, as numbered in the report.
    pub number: i32,
    pub text: String,
    pub subitems: Vec<String>,
}

/// A group of recommendations, in the report's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Three-letter code, such as `POL` or `MEV`.
    pub code: String,
    pub name: String,
    /// `national` or `international`.
    pub level: String,
    pub recommendations: Vec<Recommendation>,
}

/// The recommendations before and after one, in the report's order, for reading on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbours {
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// Codes are shown in capitals; links typed by hand in lower case still resolve.
pub fn normalise_code(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}
