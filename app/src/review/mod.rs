//! The Commission's review: a queue of submitted progress updates that reviewers approve or
//! return with a comment, and reviewers' own assessments of commitments, shown beside the
//! ministry's word.

#[cfg(feature = "ssr")]
pub mod assess;
#[cfg(feature = "ssr")]
pub mod compare;
#[cfg(feature = "ssr")]
pub mod decide;
#[cfg(feature = "ssr")]
pub(crate) mod entities;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod returned;
#[cfg(feature = "ssr")]
mod scope;
mod server_fns;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::plans::Status;
use crate::progress::Update;

pub use server_fns::{
    assess_commitment, decide_update, get_assessment_form, get_comparison, get_review_queue,
    AssessCommitment, DecideUpdate,
};

/// What the queue lists: every filter is optional; `waiting_days` keeps updates submitted at
/// least that many days ago.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// ISO 3166-1 alpha-3 code.
    pub country: Option<String>,
    /// Recommendation group code, such as `SPR`: updates on commitments answering it.
    pub group: Option<String>,
    /// Owner (ministry or agency) code.
    pub owner: Option<String>,
    pub waiting_days: Option<u32>,
    /// One commitment's updates only, as its page links to them.
    pub commitment: Option<i32>,
}

/// A submitted update with what a reviewer needs to judge it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub update: Update,
    pub commitment_id: i32,
    pub reference: String,
    pub title: String,
    pub country: String,
    pub country_name: String,
    pub owner: String,
    pub owner_name: String,
    /// Whole days since it was submitted.
    pub waiting_days: i64,
}

/// The oldest updates the filter selects, and how many it selects in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub items: Vec<QueueItem>,
    pub total: u64,
    /// The countries the reviewer reviews, as (ISO3, name), to filter by.
    pub countries: Vec<(String, String)>,
    /// Every recommendation group, as (code, name), to filter by.
    pub groups: Vec<(String, String)>,
}

/// The most updates the queue lists at once: reviewers work from the oldest.
pub const QUEUE_PAGE: u64 = 100;

/// What a reviewer does with a submitted update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Return,
}

impl Decision {
    /// The review state it leaves the update in.
    pub fn state(self) -> &'static str {
        match self {
            Decision::Approve => "approved",
            Decision::Return => "returned",
        }
    }

    pub fn parse(text: &str) -> Option<Decision> {
        match text {
            "approve" => Some(Decision::Approve),
            "return" => Some(Decision::Return),
            _ => None,
        }
    }
}

/// A reviewer's independent assessment of a commitment, on the ministry's scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub id: i32,
    pub reviewer: String,
    pub status: Status,
    /// `None`: the reviewer gave no share (unknown, not 0 %).
    pub percent_complete: Option<i32>,
    pub justification: String,
    pub created_at: DateTime<Utc>,
}

/// An assessment as the form sends it, before checking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentInput {
    pub status: String,
    /// Empty for none.
    #[serde(default)]
    pub percent_complete: String,
    #[serde(default)]
    pub justification: String,
}

/// One commitment in the comparison of countries on a recommendation: the ministry's own
/// status, the latest status a reviewer approved, and the reviewer's assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub commitment_id: i32,
    pub country: String,
    pub country_name: String,
    pub reference: String,
    pub title: String,
    pub self_reported: Status,
    pub self_reported_percent: Option<i32>,
    /// The status of the newest approved update, if any.
    pub reviewed: Option<(Status, Option<i32>)>,
    pub assessment: Option<Assessment>,
}

/// A ministry's update a reviewer returned, not answered yet by a newer one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returned {
    pub commitment_id: i32,
    pub reference: String,
    pub title: String,
    /// The day the returned update reported on.
    pub reporting_date: NaiveDate,
    pub comment: String,
    pub reviewer: String,
    pub reviewed_at: DateTime<Utc>,
}
