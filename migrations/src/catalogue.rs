//! The recommendation catalogue shipped with the application, as data.
//!
//! `catalogue/egm-2008.json` holds section III of the report of the Expert Group Meeting
//! "Promoting Social Integration" (Helsinki, 2008), word for word.

use serde::Deserialize;

const EGM_2008_JSON: &str = include_str!("../catalogue/egm-2008.json");

#[derive(Debug, Deserialize)]
pub struct Catalogue {
    pub framework: Framework,
    pub groups: Vec<Group>,
}

#[derive(Debug, Deserialize)]
pub struct Framework {
    pub code: String,
    pub title: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct Group {
    pub code: String,
    pub name: String,
    /// `national` or `international`, as the report divides its recommendations.
    pub level: String,
    pub recommendations: Vec<Recommendation>,
}

#[derive(Debug, Deserialize)]
pub struct Recommendation {
    pub number: i32,
    pub text: String,
    pub subitems: Vec<String>,
}

impl Recommendation {
    /// The stable public code of a recommendation, such as `POL-1` or `MEV-16`.
    pub fn code(&self, group: &Group) -> String {
        format!("{}-{}", group.code, self.number)
    }
}

/// The EGM 2008 catalogue. The data is compiled into the binary, so a malformed file is a
/// build-time defect caught by the tests, reported here as an error rather than a panic.
pub fn egm_2008() -> Result<Catalogue, serde_json::Error> {
    serde_json::from_str(EGM_2008_JSON)
}
