//! Civil society: organisations register, an administrator approves them, and the people who
//! speak for an approved organisation publish shadow assessments of commitments, shown beside
//! the ministry's report and the reviewer's assessment.

#[cfg(feature = "ssr")]
pub(crate) mod entities;
#[cfg(feature = "ssr")]
pub mod organisations;
mod server_fns;
#[cfg(feature = "ssr")]
pub mod shadow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::plans::Status;

pub use server_fns::{
    decide_organisation, get_organisations, get_shadow_form, register_organisation,
    save_shadow_assessment, DecideOrganisation, RegisterOrganisation, SaveShadowAssessment,
    ShadowForm,
};

/// An organisation as administrators and its members see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: i32,
    pub name: String,
    pub website: String,
    pub description: String,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
    /// The email address of the person who registered it.
    pub registered_by: String,
    pub created_at: DateTime<Utc>,
}

/// The registration form: the organisation and the account of the person registering it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub organisation: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub name: String,
    pub email: String,
    pub password: String,
}

/// An organisation's assessment of a commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShadowAssessment {
    pub id: i32,
    pub organisation: String,
    pub organisation_website: String,
    pub status: Status,
    pub justification: String,
    pub evidence_urls: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// When it was last changed, if ever.
    pub revised_at: Option<DateTime<Utc>>,
}

/// A shadow assessment as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShadowInput {
    pub status: String,
    #[serde(default)]
    pub justification: String,
    /// Web addresses, one per line.
    #[serde(default)]
    pub evidence: String,
}
