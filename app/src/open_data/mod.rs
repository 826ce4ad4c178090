//! Open data: every public commitment as CSV, XLSX or JSON, for the whole tracker, one
//! country or one recommendation. The columns are documented once, here, for the files and
//! the "Open data" page alike.

#[cfg(feature = "ssr")]
mod files;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use files::{csv, json, neutralise, xlsx, Value};

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

/// The formats offered, by file extension.
pub const FORMATS: [&str; 3] = ["csv", "xlsx", "json"];
