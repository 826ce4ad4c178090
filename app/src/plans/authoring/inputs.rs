//! What the plan forms send, and the checks each field must pass.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::plans::DISAGGREGATIONS;
use crate::progress::parse_date;
use crate::refusal::{Checks, Refusal};

const MAX_TITLE: usize = 300;
const MAX_DESCRIPTION: usize = 20_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub title: String,
    pub period_start: String,
    pub period_end: String,
}

pub(super) struct ValidPlan {
    pub title: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

impl PlanInput {
    pub(super) fn check(self) -> Result<ValidPlan, Refusal> {
        let mut checks = Checks::default();
        let title = required(&mut checks, "title", &self.title, MAX_TITLE);
        let (start, end) = period(
            &mut checks,
            ("period_start", &self.period_start),
            ("period_end", &self.period_end),
        );
        checks.finish()?;
        match (start, end) {
            (Some(period_start), Some(period_end)) => Ok(ValidPlan {
                title,
                period_start,
                period_end,
            }),
            _ => Err(Refusal::Invalid(Vec::new())),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetInput {
    /// The target being changed; `None` for a new one.
    #[serde(default)]
    pub id: Option<i32>,
    pub indicator: String,
    pub unit: String,
    #[serde(default)]
    pub baseline_value: Option<f64>,
    #[serde(default)]
    pub baseline_date: Option<String>,
    #[serde(default)]
    pub target_value: Option<f64>,
    #[serde(default)]
    pub target_date: Option<String>,
    #[serde(default)]
    pub disaggregation: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommitmentInput {
    pub reference: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Recommendation codes, such as `SPR-2`: at least one.
    pub recommendations: Vec<String>,
    /// The lead owner's code.
    pub lead_owner: String,
    #[serde(default)]
    pub supporting_owners: Vec<String>,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub targets: Vec<TargetInput>,
}

pub(super) struct ValidTarget {
    pub id: Option<i32>,
    pub indicator: String,
    pub unit: String,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub target_date: Option<NaiveDate>,
    pub disaggregation: Option<String>,
}

/// A commitment whose plain fields are checked; codes of recommendations and owners are
/// checked against the database by the caller.
pub(super) struct ValidCommitment {
    pub reference: String,
    pub title: String,
    pub description: String,
    pub recommendations: Vec<String>,
    pub lead_owner: String,
    pub supporting_owners: Vec<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub targets: Vec<ValidTarget>,
}

/// The codes a commitment names, normalised: checked against the database even when other
/// fields are wrong, so that every problem is reported at once.
pub(super) struct Codes {
    pub recommendations: Vec<String>,
    pub lead_owner: String,
    pub supporting_owners: Vec<String>,
}

impl CommitmentInput {
    pub(super) fn codes(&self) -> Codes {
        let mut recommendations: Vec<String> = self
            .recommendations
            .iter()
            .map(|c| crate::catalogue::normalise_code(c))
            .filter(|c| !c.is_empty())
            .collect();
        recommendations.sort();
        recommendations.dedup();
        let lead_owner = self.lead_owner.trim().to_ascii_uppercase();
        let mut supporting_owners: Vec<String> = self
            .supporting_owners
            .iter()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty() && *c != lead_owner)
            .collect();
        supporting_owners.sort();
        supporting_owners.dedup();
        Codes {
            recommendations,
            lead_owner,
            supporting_owners,
        }
    }

    pub(super) fn check(self, checks: &mut Checks) -> Option<ValidCommitment> {
        let reference = required(checks, "reference", &self.reference, 32);
        let title = required(checks, "title", &self.title, MAX_TITLE);
        let description = self.description.trim().to_owned();
        if description.chars().count() > MAX_DESCRIPTION {
            checks.fail(
                "description",
                format!("the description is longer than {MAX_DESCRIPTION} characters"),
            );
        }
        let Codes {
            recommendations,
            lead_owner,
            supporting_owners,
        } = self.codes();
        if recommendations.is_empty() {
            checks.fail(
                "recommendations",
                "pick at least one recommendation the commitment answers",
            );
        }
        if lead_owner.is_empty() {
            checks.fail("lead_owner", "pick the ministry or agency that leads");
        }
        let (start, end) = period(
            checks,
            ("start_date", &self.start_date),
            ("end_date", &self.end_date),
        );
        let targets: Vec<ValidTarget> = self
            .targets
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| t.check(checks, i + 1))
            .collect();
        Some(ValidCommitment {
            reference,
            title,
            description,
            recommendations,
            lead_owner,
            supporting_owners,
            start_date: start?,
            end_date: end?,
            targets,
        })
    }
}

impl TargetInput {
    fn check(self, checks: &mut Checks, n: usize) -> Option<ValidTarget> {
        let field = |name: &str| format!("targets[{n}].{name}");
        let indicator = required(checks, &field("indicator"), &self.indicator, MAX_TITLE);
        let unit = self.unit.trim().to_owned();
        let mut date = |name: &str, text: Option<String>| match text.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => checks.take(&field(name), parse_date(text)),
        };
        let baseline_date = date("baseline_date", self.baseline_date);
        let target_date = date("target_date", self.target_date);
        for (name, value) in [
            ("baseline_value", self.baseline_value),
            ("target_value", self.target_value),
        ] {
            if value.is_some_and(|v| !v.is_finite()) {
                checks.fail(&field(name), "not a number");
            }
        }
        let mut dimensions = Vec::new();
        for d in &self.disaggregation {
            let d = d.trim().to_ascii_lowercase();
            if d.is_empty() || dimensions.contains(&d) {
                continue;
            }
            if DISAGGREGATIONS.contains(&d.as_str()) {
                dimensions.push(d);
            } else {
                checks.fail(
                    &field("disaggregation"),
                    format!("'{d}' is not one of sex, age, location, group"),
                );
            }
        }
        if let (Some(baseline), Some(target)) = (baseline_date, target_date) {
            if target < baseline {
                checks.fail(
                    &field("target_date"),
                    "the target date is before the baseline date",
                );
            }
        }
        Some(ValidTarget {
            id: self.id,
            indicator,
            unit,
            baseline_value: self.baseline_value,
            baseline_date,
            target_value: self.target_value,
            target_date,
            disaggregation: (!dimensions.is_empty()).then(|| dimensions.join(",")),
        })
    }
}

fn required(checks: &mut Checks, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        checks.fail(field, "this field is required");
    } else if value.chars().count() > max {
        checks.fail(field, format!("at most {max} characters"));
    }
    value.to_owned()
}

/// A start and end date, the end not before the start.
fn period(
    checks: &mut Checks,
    (start_field, start): (&str, &str),
    (end_field, end): (&str, &str),
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = checks.take(start_field, parse_date(start));
    let end = checks.take(end_field, parse_date(end));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            checks.fail(
                end_field,
                format!("the end ({e}) is before the start ({s})"),
            );
            return (None, None);
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commitment() -> CommitmentInput {
        CommitmentInput {
            reference: "C-01".into(),
            title: "Universal birth registration".into(),
            recommendations: vec!["spr-2".into(), "POL-1".into(), "SPR-2".into()],
            lead_owner: "moi".into(),
            supporting_owners: vec!["MOH".into(), "MOI".into()],
            start_date: "2026-01-01".into(),
            end_date: "2027-12-31".into(),
            ..Default::default()
        }
    }

    #[test]
    fn codes_are_normalised_and_the_lead_is_not_also_supporting() {
        let mut checks = Checks::default();
        let valid = commitment().check(&mut checks).expect("valid");
        assert!(checks.finish().is_ok());
        assert_eq!(valid.recommendations, ["POL-1", "SPR-2"]);
        assert_eq!(valid.lead_owner, "MOI");
        assert_eq!(valid.supporting_owners, ["MOH"]);
    }

    #[test]
    fn an_end_before_the_start_names_the_end_field() {
        let mut checks = Checks::default();
        let input = CommitmentInput {
            end_date: "2025-12-31".into(),
            recommendations: vec![],
            ..commitment()
        };
        assert!(input.check(&mut checks).is_none());
        let Err(Refusal::Invalid(errors)) = checks.finish() else {
            panic!("must be refused")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["recommendations", "end_date"]);
    }

    #[test]
    fn targets_accept_only_the_four_dimensions() {
        let mut checks = Checks::default();
        let input = CommitmentInput {
            targets: vec![TargetInput {
                indicator: "Births registered within 30 days".into(),
                unit: "%".into(),
                disaggregation: vec!["Sex".into(), "income".into()],
                ..Default::default()
            }],
            ..commitment()
        };
        input.check(&mut checks);
        let Err(Refusal::Invalid(errors)) = checks.finish() else {
            panic!("must be refused")
        };
        assert_eq!(errors[0].field, "targets[1].disaggregation");
        assert!(errors[0].message.contains("'income'"));
    }
}
