//! Checking a progress update before anything is written: every problem is named with the
//! field it is in.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{IndicatorValue, UpdateInput};
use crate::plans::Status;
use crate::refusal::{Checks, Refusal};

pub const MAX_NARRATIVE: usize = 20_000;
pub const MAX_EVIDENCE_LINKS: usize = 20;
const MAX_URL: usize = 2_000;

/// An update whose every value has been checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidUpdate {
    pub reporting_date: NaiveDate,
    pub status: Status,
    pub percent_complete: Option<i32>,
    pub narrative: String,
    pub evidence_urls: Vec<String>,
    pub indicator_values: Vec<IndicatorValue>,
    pub version: Option<i32>,
}

/// A date as `2026-06-30`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{}' is not a date: write it as YYYY-MM-DD", text.trim()))
}

/// A share complete, 0 to 100, in whole percent.
pub fn parse_percent(value: f64) -> Result<i32, String> {
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return Err(format!(
            "{value} is not a percentage: give a number from 0 to 100"
        ));
    }
    // Whole percent is what every scale in use reports; 12.5 becomes 13.
    Ok(value.round() as i32)
}

impl ValidUpdate {
    /// Checks `input` for a commitment whose targets are `target_ids`, on `today`.
    pub fn check(
        input: UpdateInput,
        target_ids: &[i32],
        today: NaiveDate,
    ) -> Result<Self, Refusal> {
        let mut checks = Checks::default();
        let status = checks.take(
            "status",
            input.status.parse::<Status>().map_err(|e| e.to_string()),
        );
        let reporting_date = match input.reporting_date.as_deref().map(str::trim) {
            None | Some("") => Some(today),
            Some(text) => checks.take(
                "reporting_date",
                parse_date(text).and_then(|date| check_reporting_date(date, today)),
            ),
        };
        let percent_complete = input
            .percent_complete
            .and_then(|value| checks.take("percent_complete", parse_percent(value)));
        if let Some(status) = status {
            if let Err(message) = check_completion(status, percent_complete) {
                checks.fail("percent_complete", message);
            }
        }
        let narrative = input.narrative.unwrap_or_default().trim().to_owned();
        if let Err(message) = check_narrative(&narrative) {
            checks.fail("narrative", message);
        }
        let evidence_urls: Vec<String> = input
            .evidence_urls
            .iter()
            .map(|url| url.trim().to_owned())
            .filter(|url| !url.is_empty())
            .collect();
        for message in check_evidence(&evidence_urls) {
            checks.fail("evidence_urls", message);
        }
        let mut seen = HashSet::new();
        for value in &input.indicator_values {
            if !target_ids.contains(&value.target_id) {
                checks.fail(
                    "indicator_values",
                    format!(
                        "target {} is not a target of this commitment",
                        value.target_id
                    ),
                );
            } else if !seen.insert(value.target_id) {
                checks.fail(
                    "indicator_values",
                    format!("target {} has two values", value.target_id),
                );
            }
            if !value.value.is_finite() {
                checks.fail(
                    "indicator_values",
                    format!("the value for target {} is not a number", value.target_id),
                );
            }
        }
        checks.finish()?;
        match (status, reporting_date) {
            (Some(status), Some(reporting_date)) => Ok(ValidUpdate {
                reporting_date,
                status,
                percent_complete,
                narrative,
                evidence_urls,
                indicator_values: input.indicator_values,
                version: input.version,
            }),
            // Unreachable: a missing value was recorded as a failed check above.
            _ => Err(Refusal::Invalid(Vec::new())),
        }
    }
}

/// A reporting date: what has happened by `today`.
pub fn check_reporting_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
    if date > today {
        Err(format!(
            "{date} is in the future: report what has happened by today"
        ))
    } else {
        Ok(date)
    }
}

/// A complete commitment is 100 % complete.
pub fn check_completion(status: Status, percent_complete: Option<i32>) -> Result<(), String> {
    if status == Status::Complete && percent_complete.is_some_and(|p| p != 100) {
        Err("a complete commitment is 100 % complete".into())
    } else {
        Ok(())
    }
}

/// A narrative, already trimmed, within the length a report may have.
pub fn check_narrative(narrative: &str) -> Result<(), String> {
    if narrative.chars().count() > MAX_NARRATIVE {
        Err(format!(
            "the narrative is longer than {MAX_NARRATIVE} characters"
        ))
    } else {
        Ok(())
    }
}

/// What is wrong with a list of evidence links, already trimmed: too many, or not web
/// addresses.
pub fn check_evidence(urls: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    if urls.len() > MAX_EVIDENCE_LINKS {
        problems.push(format!("give at most {MAX_EVIDENCE_LINKS} evidence links"));
    }
    problems.extend(urls.iter().filter_map(|url| check_url(url).err()));
    problems
}

/// Evidence must be a web address a reader can open.
fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let has_scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let host = url.split("://").nth(1).unwrap_or_default();
    if !has_scheme || host.is_empty() || url.len() > MAX_URL || url.chars().any(char::is_whitespace)
    {
        return Err(format!(
            "'{url}' is not a web address: links start with https:// or http://"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    fn input(status: &str) -> UpdateInput {
        UpdateInput {
            status: status.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_bare_status_is_a_complete_update_dated_today() {
        let valid = ValidUpdate::check(input("limited"), &[], today()).expect("valid");
        assert_eq!(valid.status, Status::Limited);
        assert_eq!(valid.reporting_date, today());
        assert_eq!(valid.percent_complete, None);
    }

    #[test]
    fn every_wrong_field_is_named() {
        let wrong = UpdateInput {
            status: "fini".into(),
            reporting_date: Some("30/06/2026".into()),
            percent_complete: Some(140.0),
            evidence_urls: vec!["javascript:alert(1)".into()],
            indicator_values: vec![IndicatorValue {
                target_id: 99,
                value: 1.0,
            }],
            ..Default::default()
        };
        let Err(Refusal::Invalid(errors)) = ValidUpdate::check(wrong, &[1], today()) else {
            panic!("must be refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "status",
                "reporting_date",
                "percent_complete",
                "evidence_urls",
                "indicator_values"
            ]
        );
        assert!(errors[0].message.contains("'fini' is not a status"));
    }

    #[test]
    fn future_dates_and_incomplete_completions_are_refused() {
        let future = UpdateInput {
            reporting_date: Some("2026-11-23".into()),
            ..input("limited")
        };
        assert!(ValidUpdate::check(future, &[], today()).is_err());
        let half_complete = UpdateInput {
            percent_complete: Some(50.0),
            ..input("complete")
        };
        assert!(ValidUpdate::check(half_complete, &[], today()).is_err());
    }

    #[test]
    fn percentages_are_whole_numbers_from_0_to_100() {
        assert_eq!(parse_percent(12.5), Ok(13));
        assert_eq!(parse_percent(0.0), Ok(0));
        assert!(parse_percent(-1.0).is_err());
        assert!(parse_percent(f64::NAN).is_err());
    }
}
