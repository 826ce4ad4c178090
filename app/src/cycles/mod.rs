//! Review cycles of the Commission for Social Development. An administrator opens a cycle
//! (such as "CSocD 65, February 2027") and closes it; closing freezes every public commitment,
//! with its updates and assessments, as it stood. A closed cycle's pages, downloads and API
//! answers come from that snapshot only, so they never change when live data does, and two
//! cycles can be compared: what moved, what slipped, what is new.

#[cfg(feature = "ssr")]
pub mod compare;
#[cfg(feature = "ssr")]
pub(crate) mod entities;
#[cfg(feature = "ssr")]
pub mod manage;
#[cfg(feature = "ssr")]
pub mod read;
mod server_fns;
#[cfg(feature = "ssr")]
mod snapshot;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::plans::{CommitmentDetail, Status};

pub use server_fns::{
    close_cycle, get_cycle, get_cycle_comparison, get_cycle_country, get_cycles, open_cycle,
    CloseCycle, CycleList, OpenCycle,
};

/// A review cycle: open while the Commission reviews, frozen once closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Cycle {
    pub id: i32,
    pub name: String,
    pub opened_at: DateTime<Utc>,
    pub opened_by: String,
    /// `None` while the cycle is open.
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
    /// How many commitments its snapshot holds (0 while open).
    pub commitments: u64,
}

impl Cycle {
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

/// One country in a closed cycle: how its commitments stood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountryTally {
    pub iso3: String,
    pub name: String,
    pub commitments: u64,
    /// How many stood at each status, in the order of the scale (not started … withdrawn).
    pub by_status: Vec<u64>,
    pub overdue: u64,
    /// How many had an update a reviewer approved.
    pub reviewed: u64,
    /// How many a reviewer had assessed.
    pub assessed: u64,
}

/// A cycle with its countries, and the other closed cycles it can be compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CycleView {
    pub cycle: Cycle,
    pub countries: Vec<CountryTally>,
    pub others: Vec<Cycle>,
}

/// One country's commitments as a closed cycle froze them, each its whole public record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountrySnapshot {
    pub cycle: Cycle,
    pub iso3: String,
    pub name: String,
    pub commitments: Vec<CommitmentDetail>,
}

/// What a snapshot holds of a commitment for comparing cycles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    pub commitment_id: i32,
    pub country: String,
    pub country_name: String,
    pub reference: String,
    pub title: String,
    pub status: Status,
    pub percent_complete: Option<i32>,
    pub overdue: bool,
}

/// A commitment in both cycles, as it stood in each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub before: Frozen,
    pub after: Frozen,
}

/// Two closed cycles compared, the earlier first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleComparison {
    pub earlier: Cycle,
    pub later: Cycle,
    /// Further along the scale, or the same status with a larger share done.
    pub moved: Vec<Moved>,
    /// Back along the scale, withdrawn, or newly overdue.
    pub slipped: Vec<Moved>,
    /// In the later cycle only.
    pub new: Vec<Frozen>,
    /// In the earlier cycle only: no longer public.
    pub gone: Vec<Frozen>,
    /// In both, standing as before.
    pub unchanged: u64,
}
