//! Searching the published commitments: words in the title, description, owner or country,
//! narrowed by status, recommendation group and being overdue.

use serde::{Deserialize, Serialize};

use super::Commitment;

/// What a reader asks for; every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentQuery {
    #[serde(default)]
    pub q: String,
    /// A status as stored, such as `limited`.
    #[serde(default)]
    pub status: String,
    /// A recommendation group code, such as `SPR`.
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub overdue: bool,
}

impl CommitmentQuery {
    pub fn is_empty(&self) -> bool {
        self.q.trim().is_empty() && self.status.is_empty() && self.group.is_empty() && !self.overdue
    }
}

/// The first [`SEARCH_LIMIT`] matches, by country and reference, and how many there are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub commitments: Vec<Commitment>,
    pub total: u64,
}

/// The most commitments one search lists: enough to read, and the count says how many more.
pub const SEARCH_LIMIT: u64 = 200;
