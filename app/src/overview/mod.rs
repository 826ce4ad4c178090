//! What the public side sums up: the tracker in numbers, and the coverage matrix of
//! recommendations by country. Only published plans count.

#[cfg(feature = "ssr")]
pub mod store;

mod country;
mod rollup;
mod server_fns;

use serde::{Deserialize, Serialize};

use crate::plans::{Region, Status};

pub use country::{by_group, is_on_time, owner_board, GroupRow, OwnerRow, ON_TIME_DAYS};
pub use rollup::{coverage, numbers, progress, status_counts, Answered, Facts};
pub use server_fns::{get_coverage, get_numbers};

/// The mean % complete of commitments, honestly: withdrawn commitments are left out, and
/// commitments nobody reported a % for are counted as unknown, never as 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// `None` when no commitment has a % reported.
    pub mean: Option<f64>,
    /// Commitments the mean is taken over.
    pub reported: usize,
    /// Commitments (not withdrawn) with no % reported.
    pub unknown: usize,
}

/// The state of the tracker, for the home page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Numbers {
    pub countries_with_plans: usize,
    pub commitments: usize,
    /// Commitments at each status, in the order of [`Status::ALL`].
    pub by_status: [usize; 5],
    /// Open commitments past their end date.
    pub overdue: usize,
    pub progress: Progress,
}

impl Numbers {
    /// Commitments at `status`.
    pub fn count(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.by_status[i])
    }
}

/// A country with a published plan: one column of the matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryColumn {
    pub iso3: String,
    pub name: String,
    pub region: Option<Region>,
}

/// The commitments of one country that answer one recommendation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageCell {
    pub count: usize,
    /// The least and the most advanced status among them; withdrawn commitments count only
    /// when all of them are withdrawn.
    pub worst: Option<Status>,
    pub best: Option<Status>,
}

/// One recommendation's row: a cell per country, in the order of [`Coverage::countries`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub code: String,
    pub text: String,
    pub cells: Vec<CoverageCell>,
}

impl CoverageRow {
    /// No commitment anywhere answers it.
    pub fn is_gap(&self) -> bool {
        self.cells.iter().all(|c| c.count == 0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageGroup {
    pub code: String,
    pub name: String,
    pub rows: Vec<CoverageRow>,
}

/// Recommendations (rows, by group) by countries (columns).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub countries: Vec<CountryColumn>,
    pub groups: Vec<CoverageGroup>,
    /// Every group as (code, name), to choose from when `groups` holds only one.
    pub choices: Vec<(String, String)>,
    /// The regions of the countries with a published plan, to choose from.
    pub regions: Vec<Region>,
}

impl Coverage {
    /// Recommendations no published plan answers.
    pub fn gaps(&self) -> usize {
        self.groups
            .iter()
            .flat_map(|g| &g.rows)
            .filter(|r| r.is_gap())
            .count()
    }
}
