//! What the check knows of the country's plans: every commitment with its targets, and the
//! updates already recorded on the dates a file reports on, reduced to fingerprints.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::digest::Digest;
use crate::plans::Status;
use crate::progress::store::Current;
use crate::progress::{IndicatorValue, Update};

/// What the check needs to know of one commitment.
pub(super) struct CommitmentFacts {
    /// Its id, version and % complete as read, which the import moves on from.
    pub current: Current,
    pub lead_owner_id: i32,
    pub start_date: NaiveDate,
    /// Where its targets are in [`Plan::target_ids`].
    pub targets: std::ops::Range<u32>,
}

/// What the check knows of the country's plans.
pub(super) struct Plan {
    /// Every commitment, in the order of their ids.
    pub commitments: Vec<CommitmentFacts>,
    /// The targets of every commitment, one commitment after the other.
    pub target_ids: Vec<i32>,
    /// The code of every owner, by id, to name the owner of another's commitment.
    pub owner_codes: HashMap<i32, String>,
    /// The updates already recorded on the file's dates (leaving out undone imports), by
    /// commitment, to recognise a re-import.
    pub recorded: HashMap<i32, Vec<Fingerprint>>,
}

impl Plan {
    pub fn commitment(&self, id: i32) -> Option<&CommitmentFacts> {
        self.commitments
            .binary_search_by_key(&id, |c| c.current.id)
            .ok()
            .map(|i| &self.commitments[i])
    }

    pub fn targets(&self, commitment: &CommitmentFacts) -> &[i32] {
        let range = commitment.targets.start as usize..commitment.targets.end as usize;
        self.target_ids.get(range).unwrap_or_default()
    }
}

/// An update's content, without who sent it or when: two equal fingerprints are the same report.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Fingerprint {
    date: NaiveDate,
    status: Status,
    percent: Option<i32>,
    narrative: Digest,
    evidence: Digest,
    values: Vec<(i32, u64)>,
}

impl Fingerprint {
    pub fn new(
        date: NaiveDate,
        status: Status,
        percent: Option<i32>,
        narrative: Digest,
        evidence: Digest,
        values: &[IndicatorValue],
    ) -> Self {
        let mut values: Vec<(i32, u64)> = values
            .iter()
            .map(|v| (v.target_id, v.value.to_bits()))
            .collect();
        values.sort_unstable();
        Fingerprint {
            date,
            status,
            percent,
            narrative,
            evidence,
            values,
        }
    }

    pub fn of_update(u: &Update) -> Self {
        Fingerprint::new(
            u.reporting_date,
            u.status,
            u.percent_complete,
            Digest::of_text(&u.narrative),
            Digest::of_links(&u.evidence_urls),
            &u.indicator_values,
        )
    }
}
