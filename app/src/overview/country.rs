//! A country's roll-ups, from the commitments its page already holds: progress by
//! recommendation group, and the accountability board of its ministries and agencies.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{progress, status_counts, Progress};
use crate::plans::{Commitment, OwnerRef};

/// How recent the last report of an open commitment must be to count as on time: plans are
/// reported on twice a year. A commitment that started more recently is not yet due.
pub const ON_TIME_DAYS: i64 = 183;

/// One recommendation group's commitments in a country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub code: String,
    pub name: String,
    pub commitments: usize,
    pub progress: Progress,
    /// By status, in the order of [`crate::plans::Status::ALL`].
    pub by_status: [usize; 5],
}

/// One owner's line on the accountability board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerRow {
    pub owner: OwnerRef,
    /// Commitments it leads.
    pub commitments: usize,
    /// Of those, neither complete nor withdrawn.
    pub open: usize,
    /// Open ones reported on within [`ON_TIME_DAYS`], or started within them.
    pub on_time: usize,
    pub overdue: usize,
    pub last_report: Option<NaiveDate>,
}

impl OwnerRow {
    /// The share of open commitments on time; `None` when nothing is open.
    pub fn on_time_share(&self) -> Option<f64> {
        (self.open > 0).then(|| self.on_time as f64 / self.open as f64)
    }
}

/// Every group of `groups` (code, name) with the commitments answering one of its
/// recommendations; a commitment answering several groups counts in each.
pub fn by_group(commitments: &[Commitment], groups: &[(String, String)]) -> Vec<GroupRow> {
    groups
        .iter()
        .map(|(code, name)| {
            let prefix = format!("{code}-");
            let members: Vec<&Commitment> = commitments
                .iter()
                .filter(|c| c.recommendations.iter().any(|r| r.starts_with(&prefix)))
                .collect();
            GroupRow {
                code: code.clone(),
                name: name.clone(),
                commitments: members.len(),
                progress: progress(members.iter().map(|c| (c.status, c.percent_complete))),
                by_status: status_counts(members.iter().map(|c| c.status)),
            }
        })
        .collect()
}

/// Whether an open commitment is reported on as often as it should be.
pub fn is_on_time(commitment: &Commitment, today: NaiveDate) -> bool {
    let recent = |date: NaiveDate| (today - date).num_days() <= ON_TIME_DAYS;
    commitment.status.is_open()
        && (commitment.last_reported.is_some_and(recent) || recent(commitment.start_date))
}

/// The accountability board: one line per lead owner, by name.
pub fn owner_board(commitments: &[Commitment], today: NaiveDate) -> Vec<OwnerRow> {
    let mut rows: Vec<OwnerRow> = Vec::new();
    for c in commitments {
        let at = match rows.iter().position(|r| r.owner.code == c.lead_owner.code) {
            Some(at) => at,
            None => {
                rows.push(OwnerRow {
                    owner: c.lead_owner.clone(),
                    commitments: 0,
                    open: 0,
                    on_time: 0,
                    overdue: 0,
                    last_report: None,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        row.commitments += 1;
        row.open += usize::from(c.status.is_open());
        row.on_time += usize::from(is_on_time(c, today));
        row.overdue += usize::from(c.overdue);
        row.last_report = row.last_report.max(c.last_reported);
    }
    rows.sort_by(|a, b| a.owner.name.cmp(&b.owner.name));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::Status;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn commitment(
        owner: &str,
        status: Status,
        percent: Option<i32>,
        recommendations: &[&str],
        start: &str,
        last: Option<&str>,
        overdue: bool,
    ) -> Commitment {
        Commitment {
            id: 0,
            reference: String::new(),
            country: "KEN".into(),
            country_name: "Kenya".into(),
            plan_id: 1,
            title: String::new(),
            description: String::new(),
            recommendations: recommendations.iter().map(|r| (*r).to_owned()).collect(),
            lead_owner: OwnerRef {
                code: owner.into(),
                name: format!("Ministry {owner}"),
            },
            supporting_owners: Vec::new(),
            start_date: date(start),
            end_date: date("2030-12-31"),
            status,
            percent_complete: percent,
            overdue,
            due_soon: false,
            last_reported: last.map(date),
            version: 1,
            targets: Vec::new(),
        }
    }

    #[test]
    fn groups_count_a_commitment_in_each_group_it_answers() {
        let list = [
            commitment(
                "MOH",
                Status::Limited,
                Some(20),
                &["SPR-2", "SEC-1"],
                "2025-01-01",
                None,
                false,
            ),
            commitment(
                "MOH",
                Status::Withdrawn,
                Some(90),
                &["SPR-3"],
                "2025-01-01",
                None,
                false,
            ),
            commitment(
                "MOE",
                Status::NotStarted,
                None,
                &["SPR-1"],
                "2025-01-01",
                None,
                false,
            ),
        ];
        let groups = [
            ("SPR".to_owned(), "Social protection".to_owned()),
            ("SEC".to_owned(), "Socio-economic".to_owned()),
            ("INT".to_owned(), "International".to_owned()),
        ];
        let rows = by_group(&list, &groups);
        assert_eq!(rows[0].commitments, 3);
        assert_eq!(rows[0].progress.mean, Some(20.0), "withdrawn left out");
        assert_eq!(rows[0].progress.unknown, 1, "unreported is unknown, not 0");
        assert_eq!(rows[0].by_status, [1, 1, 0, 0, 1]);
        assert_eq!(rows[1].commitments, 1);
        assert_eq!(rows[2].commitments, 0);
        assert_eq!(rows[2].progress.mean, None);
    }

    #[test]
    fn the_board_counts_on_time_overdue_and_the_last_report() {
        let today = date("2026-06-30");
        let list = [
            // Reported four months ago: on time.
            commitment(
                "MOH",
                Status::Limited,
                Some(20),
                &["SPR-2"],
                "2024-01-01",
                Some("2026-03-01"),
                false,
            ),
            // Reported a year ago: late, and overdue.
            commitment(
                "MOH",
                Status::Limited,
                Some(40),
                &["SPR-2"],
                "2024-01-01",
                Some("2025-06-30"),
                true,
            ),
            // Complete: not open, so neither on time nor late.
            commitment(
                "MOH",
                Status::Complete,
                Some(100),
                &["SPR-2"],
                "2024-01-01",
                Some("2026-05-01"),
                false,
            ),
            // Never reported, but started two months ago: not yet due.
            commitment(
                "MOE",
                Status::NotStarted,
                None,
                &["SPR-1"],
                "2026-05-01",
                None,
                false,
            ),
            // Never reported, started long ago: late.
            commitment(
                "MOE",
                Status::NotStarted,
                None,
                &["SPR-1"],
                "2025-01-01",
                None,
                false,
            ),
        ];
        let board = owner_board(&list, today);
        let names: Vec<&str> = board.iter().map(|r| r.owner.code.as_str()).collect();
        assert_eq!(names, ["MOE", "MOH"], "by name");
        let (moe, moh) = (&board[0], &board[1]);
        assert_eq!(
            (moh.commitments, moh.open, moh.on_time, moh.overdue),
            (3, 2, 1, 1)
        );
        assert_eq!(moh.on_time_share(), Some(0.5));
        assert_eq!(moh.last_report, Some(date("2026-05-01")));
        assert_eq!(
            (moe.commitments, moe.open, moe.on_time, moe.overdue),
            (2, 2, 1, 0)
        );
        assert_eq!(moe.last_report, None);
    }
}
