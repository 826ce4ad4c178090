//! Countries and their national action plans: owners (ministries and agencies), commitments
//! mapped to recommendations, and their targets.

#[cfg(feature = "ssr")]
pub mod authoring;
mod edit_fns;
#[cfg(feature = "ssr")]
pub(crate) mod entities;
mod plan_fns;
mod region;
mod search;
mod server_fns;
mod status;
#[cfg(feature = "ssr")]
pub mod store;
mod work_fns;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use edit_fns::{
    get_plan_editor, save_commitment, CommitmentForm, PlanEditor, SaveCommitment, TargetForm,
};
pub use plan_fns::{add_owner, get_country_editor, save_plan, AddOwner, CountryEditor, SavePlan};
pub use region::{Region, UnknownRegion};
pub use search::{CommitmentQuery, Found, SEARCH_LIMIT};
pub use server_fns::{
    get_answering, get_commitment, get_countries, get_country, get_demo_flag, search_commitments,
};
pub use status::{is_due_soon, is_overdue, Status, UnknownStatus, DUE_SOON_DAYS};
pub use work_fns::{
    get_commitment_for_report, get_my_work, report_progress, MyWork, ProgressForm, ReportProgress,
};

use crate::progress::Update;

/// The dimensions a target's indicator may be broken down by (monitoring recommendation MEV-5).
pub const DISAGGREGATIONS: [&str; 4] = ["sex", "age", "location", "group"];

/// A country in the countries list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountrySummary {
    /// ISO 3166-1 alpha-3 code, such as `KEN`.
    pub iso3: String,
    pub name: String,
    /// Its UN (M49) region, when an administrator has set it.
    pub region: Option<Region>,
    /// Commitments in the country's published plans.
    pub commitments: u64,
}

/// A ministry or agency, by its short code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OwnerRef {
    pub code: String,
    pub name: String,
}

/// `draft` plans are seen only by the people who work on them; `published` ones by everyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum PlanStatus {
    Draft,
    Published,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Published => "published",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: i32,
    pub title: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub status: PlanStatus,
}

/// A measurable target of a commitment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Target {
    pub id: i32,
    pub indicator: String,
    pub unit: String,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub target_date: Option<NaiveDate>,
    /// Dimensions the indicator is broken down by: sex, age, location, group.
    pub disaggregation: Vec<String>,
    /// The value most recently reported, if any.
    pub latest_value: Option<f64>,
}

/// A commitment as lists, pages and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Commitment {
    pub id: i32,
    /// The plan's own reference, such as `C-04`.
    pub reference: String,
    pub country: String,
    pub country_name: String,
    pub plan_id: i32,
    pub title: String,
    pub description: String,
    /// Codes of the recommendations it answers, such as `SPR-2`.
    pub recommendations: Vec<String>,
    pub lead_owner: OwnerRef,
    pub supporting_owners: Vec<OwnerRef>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: Status,
    /// `None` until someone reports it: unknown, not 0 %.
    pub percent_complete: Option<i32>,
    pub overdue: bool,
    pub due_soon: bool,
    /// When progress was last reported, if ever.
    pub last_reported: Option<NaiveDate>,
    /// Send it back with a change: a change based on an older version is refused.
    pub version: i32,
    pub targets: Vec<Target>,
}

/// A commitment with its full progress history, newest first.
///
/// Closed review cycles keep these as JSON for good (`cycles`): a field added to this type, or
/// to the types it holds, needs `#[serde(default)]` so that older snapshots still read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommitmentDetail {
    #[serde(flatten)]
    pub commitment: Commitment,
    pub plan_status: PlanStatus,
    pub updates: Vec<Update>,
    /// Reviewers' assessments, newest first: the first is the reviewers' current word.
    pub assessments: Vec<crate::review::Assessment>,
    /// Approved civil-society organisations' assessments, by organisation.
    pub civil_society: Vec<crate::civil_society::ShadowAssessment>,
}

/// A country's page: its published plans and their commitments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryPlans {
    pub iso3: String,
    pub name: String,
    pub plans: Vec<Plan>,
    pub commitments: Vec<Commitment>,
    /// The catalogue's groups in the report's order, as (code, name), to group commitments by.
    pub groups: Vec<(String, String)>,
    /// Progress by group, every group of `groups` in the same order.
    pub by_group: Vec<crate::overview::GroupRow>,
    /// The accountability board of the owners leading the commitments, worked out on the
    /// server because it depends on today's date.
    pub owners: Vec<crate::overview::OwnerRow>,
    /// The day overdue and on-time were judged on, to draw "today" on the timeline.
    pub today: NaiveDate,
}

/// Normalises a country code as typed (`ken`, ` KEN `) to its stored form.
pub fn normalise_iso3(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}
