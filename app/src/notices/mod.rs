//! What changed for a signed-in person since their last visit: reviewers' decisions on their
//! commitments' updates, with the comments; their commitments due within 30 days; and, for
//! reviewers, the updates that arrived for review. Shown at the top of their page.

#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How many days ahead a commitment's end date is announced.
pub const DUE_WITHIN_DAYS: i64 = 30;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notices {
    /// When the previous visit began; `None` on the first.
    pub since: Option<DateTime<Utc>>,
    /// Reviewers' decisions on the person's commitments' updates since then, newest first.
    pub decisions: Vec<Decided>,
    /// The person's open commitments ending within [`DUE_WITHIN_DAYS`], soonest first.
    pub due: Vec<Due>,
    /// For a reviewer: updates awaiting review that arrived since then.
    pub arrived: Option<u64>,
}

/// A reviewer's decision on an update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub commitment_id: i32,
    pub reference: String,
    pub title: String,
    /// `approved` or `returned`.
    pub state: String,
    pub comment: Option<String>,
    pub reviewer: String,
    pub at: DateTime<Utc>,
}

/// A commitment whose timeframe ends soon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub commitment_id: i32,
    pub reference: String,
    pub title: String,
    pub end_date: NaiveDate,
    pub days_left: i64,
}
