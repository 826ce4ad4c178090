//! The sums behind the public figures, on plain data so that they can be checked by hand.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{CountryColumn, Coverage, CoverageCell, CoverageGroup, CoverageRow, Numbers, Progress};
use crate::catalogue::Group;
use crate::plans::{is_overdue, Status};

/// One published commitment as the roll-ups see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub country: String,
    pub status: Status,
    pub percent_complete: Option<i32>,
    pub end_date: NaiveDate,
}

/// The commitments of one country that answer one recommendation, as the database sums
/// them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answered {
    /// The country's ISO3 code.
    pub country: String,
    /// The recommendation's code.
    pub code: String,
    pub count: usize,
    /// The least and the most advanced status among those not withdrawn; `None` when all
    /// of them are withdrawn.
    pub worst: Option<Status>,
    pub best: Option<Status>,
}

impl Answered {
    /// The matrix cell: withdrawn is no step of progress, so it stands only where nothing
    /// else does.
    fn cell(&self) -> CoverageCell {
        let withdrawn = (self.count > 0).then_some(Status::Withdrawn);
        CoverageCell {
            count: self.count,
            worst: self.worst.or(withdrawn),
            best: self.best.or(withdrawn),
        }
    }
}

/// How many commitments stand at each status, in the order of [`Status::ALL`].
pub fn status_counts(statuses: impl IntoIterator<Item = Status>) -> [usize; 5] {
    let mut counts = [0; 5];
    for status in statuses {
        if let Some(slot) = Status::ALL.iter().position(|s| *s == status) {
            counts[slot] += 1;
        }
    }
    counts
}

/// The mean % complete of commitments given as (status, % complete): withdrawn ones left
/// out, unreported ones counted apart.
pub fn progress(commitments: impl IntoIterator<Item = (Status, Option<i32>)>) -> Progress {
    let (mut sum, mut reported, mut unknown) = (0i64, 0usize, 0usize);
    for (status, percent) in commitments {
        if status == Status::Withdrawn {
            continue;
        }
        match percent {
            Some(p) => {
                sum += i64::from(p);
                reported += 1;
            }
            None => unknown += 1,
        }
    }
    Progress {
        mean: (reported > 0).then(|| sum as f64 / reported as f64),
        reported,
        unknown,
    }
}

/// The tracker in numbers.
pub fn numbers(commitments: &[Facts], today: NaiveDate) -> Numbers {
    let mut countries: Vec<&str> = commitments.iter().map(|c| c.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    Numbers {
        countries_with_plans: countries.len(),
        commitments: commitments.len(),
        by_status: status_counts(commitments.iter().map(|c| c.status)),
        overdue: commitments
            .iter()
            .filter(|c| is_overdue(c.status, c.end_date, today))
            .count(),
        progress: progress(commitments.iter().map(|c| (c.status, c.percent_complete))),
    }
}

/// The coverage matrix: every recommendation of `groups` against every country of
/// `countries`, from the commitments that answer them.
pub fn coverage(
    countries: Vec<CountryColumn>,
    groups: &[Group],
    answered: &[Answered],
) -> Coverage {
    let column: HashMap<&str, usize> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso3.as_str(), i))
        .collect();
    let mut cells: HashMap<&str, Vec<CoverageCell>> = HashMap::new();
    for a in answered {
        let Some(&at) = column.get(a.country.as_str()) else {
            continue;
        };
        let row = cells
            .entry(a.code.as_str())
            .or_insert_with(|| vec![CoverageCell::default(); countries.len()]);
        row[at] = a.cell();
    }
    let groups = groups
        .iter()
        .map(|g| CoverageGroup {
            code: g.code.clone(),
            name: g.name.clone(),
            rows: g
                .recommendations
                .iter()
                .map(|r| CoverageRow {
                    code: r.code.clone(),
                    text: r.text.clone(),
                    cells: cells
                        .get(r.code.as_str())
                        .cloned()
                        .unwrap_or_else(|| vec![CoverageCell::default(); countries.len()]),
                })
                .collect(),
        })
        .collect();
    Coverage {
        countries,
        groups,
        choices: Vec::new(),
        regions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Recommendation;
    use crate::plans::Region;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn facts(country: &str, status: Status, percent: Option<i32>, end: &str) -> Facts {
        Facts {
            country: country.into(),
            status,
            percent_complete: percent,
            end_date: date(end),
        }
    }

    fn sample() -> Vec<Facts> {
        vec![
            facts("KEN", Status::Complete, Some(100), "2025-12-31"),
            facts("KEN", Status::Limited, Some(20), "2026-01-31"),
            facts("KEN", Status::NotStarted, None, "2027-06-30"),
            facts("FIN", Status::Withdrawn, Some(10), "2025-06-30"),
            facts("FIN", Status::Substantial, Some(60), "2026-03-31"),
        ]
    }

    #[test]
    fn numbers_leave_withdrawn_out_of_the_mean_and_unknown_apart() {
        let n = numbers(&sample(), date("2026-06-30"));
        assert_eq!(n.countries_with_plans, 2);
        assert_eq!(n.commitments, 5);
        assert_eq!(n.by_status, [1, 1, 1, 1, 1]);
        // Limited (ended January) and Substantial (ended March) are open and past their end;
        // the withdrawn one is not overdue, the complete one neither.
        assert_eq!(n.overdue, 2);
        assert_eq!(n.progress.reported, 3);
        assert_eq!(n.progress.unknown, 1);
        assert_eq!(n.progress.mean, Some(60.0));
        assert_eq!(progress([]), Progress::default());
    }

    #[test]
    fn coverage_counts_each_country_and_marks_the_gaps() {
        let rec = |code: &str| Recommendation {
            code: code.into(),
            group_code: code[..3].into(),
            group_name: String::new(),
            number: 1,
            text: format!("text of {code}"),
            subitems: Vec::new(),
        };
        let groups = vec![Group {
            code: "POL".into(),
            name: "Political".into(),
            level: "national".into(),
            recommendations: vec![rec("POL-1"), rec("POL-2"), rec("SPR-2")],
        }];
        let countries = vec![
            CountryColumn {
                iso3: "FIN".into(),
                name: "Finland".into(),
                region: Some(Region::Europe),
            },
            CountryColumn {
                iso3: "KEN".into(),
                name: "Kenya".into(),
                region: Some(Region::Africa),
            },
        ];
        let answered = |country: &str, code: &str, count, worst, best| Answered {
            country: country.into(),
            code: code.into(),
            count,
            worst,
            best,
        };
        use Status::*;
        let sums = [
            answered("KEN", "POL-1", 2, Some(Limited), Some(Complete)),
            answered("FIN", "POL-1", 1, None, None),
            answered("KEN", "SPR-2", 2, Some(NotStarted), Some(Limited)),
            answered("FIN", "SPR-2", 2, Some(Substantial), Some(Substantial)),
            answered("NPL", "SPR-2", 1, Some(Complete), Some(Complete)),
        ];
        let matrix = coverage(countries, &groups, &sums);
        let rows = &matrix.groups[0].rows;
        let (fin, ken) = (0, 1);
        assert_eq!(rows[0].cells[ken].count, 2);
        assert_eq!(rows[0].cells[ken].worst, Some(Limited));
        assert_eq!(rows[0].cells[ken].best, Some(Complete));
        assert_eq!(rows[0].cells[fin].count, 1);
        assert_eq!(
            (rows[0].cells[fin].worst, rows[0].cells[fin].best),
            (Some(Withdrawn), Some(Withdrawn)),
            "only withdrawn there"
        );
        assert_eq!(rows[2].cells[ken].worst, Some(NotStarted));
        assert_eq!(rows[2].cells[ken].best, Some(Limited));
        assert_eq!(rows[2].cells[fin].best, Some(Substantial));
        assert_eq!(rows[2].cells.len(), 2, "a country not shown is left out");
        assert!(rows[1].is_gap());
        assert!(!rows[0].is_gap());
        assert_eq!(matrix.gaps(), 1);
    }
}
