//! The implementation status of a commitment, on the Open Government Partnership's scale, and
//! what is derived from dates (overdue, due soon), which is never stored.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Status {
    #[default]
    NotStarted,
    Limited,
    Substantial,
    Complete,
    Withdrawn,
}

/// How many days ahead an end date counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 60;

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::Limited,
        Status::Substantial,
        Status::Complete,
        Status::Withdrawn,
    ];

    /// The name stored in the database and used by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::Limited => "limited",
            Status::Substantial => "substantial",
            Status::Complete => "complete",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// The name shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::Limited => "Limited progress",
            Status::Substantial => "Substantial progress",
            Status::Complete => "Complete",
            Status::Withdrawn => "Withdrawn",
        }
    }

    /// Its place on the scale from not started (0) to complete (3); `None` for withdrawn,
    /// which is off the scale.
    pub fn step(self) -> Option<u8> {
        match self {
            Status::NotStarted => Some(0),
            Status::Limited => Some(1),
            Status::Substantial => Some(2),
            Status::Complete => Some(3),
            Status::Withdrawn => None,
        }
    }

    /// Whether two judgements of one commitment lie more than one step of the scale apart:
    /// the disagreement public pages flag. A withdrawal is flagged against any other status.
    pub fn disagrees_with(self, other: Status) -> bool {
        match (self.step(), other.step()) {
            (Some(a), Some(b)) => a.abs_diff(b) > 1,
            (None, None) => false,
            _ => true,
        }
    }

    /// Whether the commitment is still to be delivered (neither complete nor withdrawn).
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Complete | Status::Withdrawn)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not a status: use one of not_started, limited, substantial, complete, withdrawn")]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// Past its end date and still open.
pub fn is_overdue(status: Status, end_date: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && end_date < today
}

/// Open and ending within [`DUE_SOON_DAYS`] from today (not yet overdue).
pub fn is_due_soon(status: Status, end_date: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && end_date >= today && (end_date - today).num_days() <= DUE_SOON_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn statuses_read_in_the_stored_form_and_as_typed() {
        assert_eq!("not_started".parse(), Ok(Status::NotStarted));
        assert_eq!("Not started".parse(), Ok(Status::NotStarted));
        assert_eq!("COMPLETE".parse(), Ok(Status::Complete));
        let error = "fini".parse::<Status>().expect_err("not a status");
        assert!(error.to_string().contains("'fini' is not a status"));
    }

    #[test]
    fn disagreement_is_more_than_one_step_of_the_scale() {
        use Status::*;
        assert!(!Substantial.disagrees_with(Limited));
        assert!(Substantial.disagrees_with(NotStarted));
        assert!(Complete.disagrees_with(Limited));
        assert!(!Complete.disagrees_with(Complete));
        assert!(Withdrawn.disagrees_with(Complete));
        assert!(!Withdrawn.disagrees_with(Withdrawn));
    }

    #[test]
    fn overdue_means_past_the_end_and_still_open() {
        let today = day("2026-11-22");
        assert!(is_overdue(Status::Limited, day("2026-11-21"), today));
        assert!(!is_overdue(Status::Limited, day("2026-11-22"), today));
        assert!(!is_overdue(Status::Complete, day("2020-01-01"), today));
        assert!(!is_overdue(Status::Withdrawn, day("2020-01-01"), today));
    }

    #[test]
    fn due_soon_is_open_and_ending_within_the_window() {
        let today = day("2026-11-22");
        assert!(is_due_soon(Status::NotStarted, day("2026-11-22"), today));
        assert!(is_due_soon(Status::NotStarted, day("2027-01-21"), today));
        assert!(!is_due_soon(Status::NotStarted, day("2027-01-22"), today));
        assert!(!is_due_soon(Status::NotStarted, day("2026-11-21"), today));
        assert!(!is_due_soon(Status::Complete, day("2026-12-01"), today));
    }
}
