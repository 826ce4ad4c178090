//! The fields a progress spreadsheet can hold, known to the browser as well as the server.

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Commitment,
    Target,
    ReportingDate,
    Status,
    Percent,
    Value,
    Narrative,
    Evidence,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Commitment,
        Field::Target,
        Field::ReportingDate,
        Field::Status,
        Field::Percent,
        Field::Value,
        Field::Narrative,
        Field::Evidence,
    ];

    /// Without these two a row means nothing.
    pub fn is_required(self) -> bool {
        matches!(self, Field::Commitment | Field::Status)
    }

    /// The header the template writes, which people also read in messages.
    pub fn header(self) -> &'static str {
        match self {
            Field::Commitment => "Commitment ID",
            Field::Target => "Target ID",
            Field::ReportingDate => "Reporting date",
            Field::Status => "Status",
            Field::Percent => "% complete",
            Field::Value => "Indicator value",
            Field::Narrative => "Narrative",
            Field::Evidence => "Evidence link",
        }
    }

    /// The name forms and the API use.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Commitment => "commitment",
            Field::Target => "target",
            Field::ReportingDate => "reporting_date",
            Field::Status => "status",
            Field::Percent => "percent",
            Field::Value => "value",
            Field::Narrative => "narrative",
            Field::Evidence => "evidence",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }
}
