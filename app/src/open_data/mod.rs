//! Open data: every public commitment, and every progress update on them, as CSV, XLSX or
//! JSON, for the whole tracker, one country or one recommendation. The columns are
//! documented once, here, for the files and the "Open data" page alike.

#[cfg(feature = "ssr")]
mod files;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use files::{
    commitment_table, csv, cycle_table, json, neutralise, update_table, xlsx, Table, Value,
};

/// Every column of the commitment files, in order, with what it holds.
pub const COLUMNS: [(&str, &str); 17] = [
    ("country_iso3", "ISO 3166-1 alpha-3 code of the country, such as KEN"),
    ("country", "Name of the country"),
    ("plan_id", "Identifier of the national action plan"),
    ("commitment_id", "Identifier of the commitment: its page is /commitments/{commitment_id}"),
    ("reference", "The plan's own reference for the commitment, such as C-04"),
    ("title", "Title of the commitment"),
    ("description", "What the commitment is about"),
    ("recommendations", "Codes of the recommendations it answers, separated by spaces, such as SPR-2 SEC-1"),
    ("lead_owner_code", "Short code of the ministry or agency that leads it"),
    ("lead_owner", "Name of the ministry or agency that leads it"),
    ("supporting_owners", "Names of the supporting ministries and agencies, separated by semicolons"),
    ("start_date", "Start of its timeframe (YYYY-MM-DD)"),
    ("end_date", "End of its timeframe (YYYY-MM-DD)"),
    ("status", "not_started, limited, substantial, complete or withdrawn"),
    ("percent_complete", "Share done, 0 to 100; empty when none was reported (unknown, not 0)"),
    ("overdue", "true when past its end date and neither complete nor withdrawn, on the day of the download"),
    ("last_reported", "Date of the latest progress report (YYYY-MM-DD); empty if none"),
];

/// Every column of the progress update files, in order, with what it holds.
pub const UPDATE_COLUMNS: [(&str, &str); 15] = [
    (
        "country_iso3",
        "ISO 3166-1 alpha-3 code of the country, such as KEN",
    ),
    (
        "commitment_id",
        "Identifier of the commitment the update reports on",
    ),
    (
        "reference",
        "The plan's own reference for the commitment, such as C-04",
    ),
    ("update_id", "Identifier of the progress update"),
    (
        "reporting_date",
        "The day the update reports on (YYYY-MM-DD)",
    ),
    (
        "status",
        "not_started, limited, substantial, complete or withdrawn",
    ),
    (
        "percent_complete",
        "Share done, 0 to 100; empty when the update gave none (unknown, not 0)",
    ),
    ("narrative", "What was done, in the reporter's words"),
    (
        "evidence_urls",
        "Links to the evidence, separated by spaces",
    ),
    (
        "indicator_values",
        "Values reported for the commitment's targets, as target_id=value, separated by semicolons",
    ),
    ("author", "Name of the person who reported it"),
    ("source", "How it was reported: form, api or import"),
    (
        "import_batch",
        "Number of the spreadsheet import it came from; empty otherwise",
    ),
    ("review_state", "submitted, approved or returned"),
    ("recorded_at", "When it was recorded (UTC, RFC 3339)"),
];

/// The columns a closed review cycle's file adds to [`COLUMNS`]: the other voices as they
/// stood when the cycle closed.
pub const REVIEW_COLUMNS: [(&str, &str); 6] = [
    (
        "reviewed_status",
        "Status of the latest update a reviewer approved; empty if none",
    ),
    (
        "reviewed_percent",
        "Share done of that update, 0 to 100; empty if none",
    ),
    (
        "reviewed_on",
        "Reporting date of that update (YYYY-MM-DD); empty if none",
    ),
    (
        "assessed_status",
        "Status in the reviewers' latest assessment; empty if none",
    ),
    (
        "assessed_percent",
        "Share done in that assessment; empty if none",
    ),
    (
        "civil_society",
        "Civil-society assessments as organisation=status, separated by semicolons",
    ),
];

/// Every column of a review cycle's file, in order: [`COLUMNS`], then [`REVIEW_COLUMNS`].
pub const CYCLE_COLUMNS: [(&str, &str); COLUMNS.len() + REVIEW_COLUMNS.len()] =
    joined(COLUMNS, REVIEW_COLUMNS);

/// `a` followed by `b`; `N` must be the sum of their lengths.
const fn joined<const A: usize, const B: usize, const N: usize>(
    a: [(&'static str, &'static str); A],
    b: [(&'static str, &'static str); B],
) -> [(&'static str, &'static str); N] {
    let mut all = [("", ""); N];
    let mut i = 0;
    while i < A {
        all[i] = a[i];
        i += 1;
    }
    while i < N {
        all[i] = b[i - A];
        i += 1;
    }
    all
}

/// What can be downloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    Commitments,
    Updates,
}

impl Dataset {
    pub const ALL: [Dataset; 2] = [Dataset::Commitments, Dataset::Updates];

    /// The file name before the extension: `commitments.csv`, `updates.json`.
    pub fn stem(self) -> &'static str {
        match self {
            Dataset::Commitments => "commitments",
            Dataset::Updates => "updates",
        }
    }

    pub fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Dataset::Commitments => &COLUMNS,
            Dataset::Updates => &UPDATE_COLUMNS,
        }
    }
}

/// The formats offered, by file extension.
pub const FORMATS: [&str; 3] = ["csv", "xlsx", "json"];
