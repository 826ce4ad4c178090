//! Checking read rows against the plan: the commitment exists and is the owner's, targets
//! belong to it, rows of one commitment agree, and the update they make passes the same
//! checks as one typed into the form.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::rows::ParsedRow;
use super::Field;
use crate::plans::Status;
use crate::progress::store::Current;
use crate::progress::{IndicatorValue, Update, UpdateInput, ValidUpdate};
use crate::refusal::Refusal;

/// What the check needs to know of one commitment.
pub(super) struct CommitmentFacts {
    /// Its version and % complete as read, which the import moves on from.
    pub current: Current,
    pub lead_owner_id: i32,
    pub start_date: NaiveDate,
    pub target_ids: Box<[i32]>,
    /// The updates already recorded on the file's dates (leaving out undone imports), to
    /// recognise a re-import: rarely more than one, so a list.
    pub recorded: Vec<Fingerprint>,
}

/// What the check knows of the country's plans.
pub(super) struct Plan {
    /// Every commitment, by id.
    pub commitments: HashMap<i32, CommitmentFacts>,
    /// The code of every owner, by id, to name the owner of another's commitment.
    pub owner_codes: HashMap<i32, String>,
}

/// An update's content, without who sent it or when: two equal fingerprints are the same report.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Fingerprint {
    date: NaiveDate,
    status: Status,
    percent: Option<i32>,
    narrative: String,
    evidence: Vec<String>,
    values: Vec<(i32, u64)>,
}

impl Fingerprint {
    fn new(
        date: NaiveDate,
        status: Status,
        percent: Option<i32>,
        narrative: &str,
        evidence: &[String],
        values: &[IndicatorValue],
    ) -> Self {
        let mut evidence = evidence.to_vec();
        evidence.sort();
        let mut values: Vec<(i32, u64)> = values
            .iter()
            .map(|v| (v.target_id, v.value.to_bits()))
            .collect();
        values.sort_unstable();
        Fingerprint {
            date,
            status,
            percent,
            narrative: narrative.to_owned(),
            evidence,
            values,
        }
    }

    pub fn of_update(u: &Update) -> Self {
        Fingerprint::new(
            u.reporting_date,
            u.status,
            u.percent_complete,
            &u.narrative,
            &u.evidence_urls,
            &u.indicator_values,
        )
    }

    fn of_valid(u: &ValidUpdate) -> Self {
        Fingerprint::new(
            u.reporting_date,
            u.status,
            u.percent_complete,
            &u.narrative,
            &u.evidence_urls,
            &u.indicator_values,
        )
    }
}

/// The rows of one commitment, made into one update.
pub(super) struct Group {
    /// The commitment (`current.id`) as the check read it.
    pub current: Current,
    pub rows: Vec<usize>,
    pub update: Option<ValidUpdate>,
    pub unchanged: bool,
}

/// The owner the file is imported for.
pub(super) struct Importer<'a> {
    pub owner_id: i32,
    pub owner_code: &'a str,
    pub today: NaiveDate,
}

/// Checks every row, recording problems on the rows, and returns the updates they make.
pub(super) fn check(rows: &mut [ParsedRow], plan: &Plan, importer: &Importer) -> Vec<Group> {
    // Most files have one row per commitment: room for that many groups up front spares
    // copying a hundred thousand of them as the list grows.
    let mut groups: Vec<Group> = Vec::with_capacity(rows.len());
    let mut group_of: HashMap<i32, usize> = HashMap::with_capacity(rows.len());
    for (index, row) in rows.iter_mut().enumerate() {
        let Some(id) = row.commitment else { continue };
        let Some(commitment) = plan.commitments.get(&id) else {
            row.fail(
                Some(Field::Commitment),
                format!("there is no commitment {id} in this country's plans"),
            );
            continue;
        };
        if commitment.lead_owner_id != importer.owner_id {
            row.fail(
                Some(Field::Commitment),
                format!(
                    "commitment {id} is led by {}, not {}: it is refused and nothing from this row is written",
                    plan.owner_codes
                        .get(&commitment.lead_owner_id)
                        .map_or("another owner", String::as_str),
                    importer.owner_code
                ),
            );
            continue;
        }
        match row.target {
            Some(t) if !commitment.target_ids.contains(&t) => {
                row.fail(
                    Some(Field::Target),
                    format!("target {t} is not a target of commitment {id}"),
                );
            }
            None if row.value.is_some() => {
                if let [only] = commitment.target_ids[..] {
                    row.target = Some(only);
                } else {
                    row.fail(
                        Some(Field::Value),
                        "an indicator value needs the target ID it measures",
                    );
                }
            }
            _ => {}
        }
        let slot = *group_of.entry(id).or_insert_with(|| {
            groups.push(Group {
                current: commitment.current,
                rows: Vec::with_capacity(1),
                update: None,
                unchanged: false,
            });
            groups.len() - 1
        });
        groups[slot].rows.push(index);
    }
    for group in &mut groups {
        if let Some(commitment) = plan.commitments.get(&group.current.id) {
            merge(group, rows, commitment, importer.today);
        }
    }
    groups
}

/// Makes the rows of one commitment into one update, or records why it cannot be. The texts of
/// the group's first row move into the update: nothing reads them from the rows afterwards.
fn merge(
    group: &mut Group,
    rows: &mut [ParsedRow],
    commitment: &CommitmentFacts,
    today: NaiveDate,
) {
    let id = group.current.id;
    let first = rows[group.rows[0]].number;
    let lead_row = &mut rows[group.rows[0]];
    let mut agreed = ParsedRow {
        narrative: std::mem::take(&mut lead_row.narrative),
        evidence: std::mem::take(&mut lead_row.evidence),
        problems: Vec::new(),
        ..*lead_row
    };
    let mut values: Vec<IndicatorValue> = Vec::new();
    for &index in &group.rows {
        let row = &mut rows[index];
        let number = row.number;
        let clash = |field: Field, theirs: String, ours: String, row: &mut ParsedRow| {
            row.fail(
                Some(field),
                format!(
                    "commitment {id} is also on row {first} with a different {}: '{theirs}' there, '{ours}' here",
                    field.header().to_lowercase()
                ),
            );
        };
        if number != first {
            macro_rules! agree {
                ($field:expr, $name:ident, $show:expr) => {{
                    let (theirs, ours) = ($show(&agreed.$name), $show(&row.$name));
                    if theirs.is_empty() {
                        agreed.$name = row.$name.clone();
                    } else if !ours.is_empty() && theirs != ours {
                        clash($field, theirs, ours, row);
                    }
                }};
            }
            agree!(Field::ReportingDate, reporting_date, |d: &Option<
                NaiveDate,
            >| d
                .map(|d| d.to_string())
                .unwrap_or_default());
            agree!(Field::Status, status, |s: &Option<Status>| s
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default());
            agree!(Field::Percent, percent, |p: &Option<i32>| p
                .map(|p| p.to_string())
                .unwrap_or_default());
            agree!(Field::Narrative, narrative, |n: &String| n.clone());
            agree!(Field::Evidence, evidence, |e: &Vec<String>| e.join(" "));
        }
        if let (Some(target_id), Some(value)) = (row.target, row.value) {
            match values.iter().find(|v| v.target_id == target_id) {
                Some(v) if v.value != value => row.fail(
                    Some(Field::Value),
                    format!(
                        "target {target_id} has the value {} on an earlier row and {value} here",
                        v.value
                    ),
                ),
                Some(_) => {}
                None => values.push(IndicatorValue { target_id, value }),
            }
        }
    }
    let lead = group.rows[0];
    let unreadable_status = group.rows.iter().any(|&i| {
        rows[i]
            .problems
            .iter()
            .any(|(f, _)| *f == Some(Field::Status))
    });
    match agreed.status {
        None if unreadable_status => {}
        None => rows[lead].fail(
            Some(Field::Status),
            "the status is empty: give one of not started, limited, substantial, complete, withdrawn",
        ),
        Some(status) => {
            if let Some(date) = agreed.reporting_date.filter(|d| *d < commitment.start_date) {
                rows[lead].fail(
                    Some(Field::ReportingDate),
                    format!(
                        "{date} is before commitment {id} starts ({})",
                        commitment.start_date
                    ),
                );
            }
            let input = UpdateInput {
                reporting_date: agreed.reporting_date.map(|d| d.to_string()),
                status: status.as_str().to_owned(),
                percent_complete: agreed.percent.map(f64::from),
                narrative: Some(std::mem::take(&mut agreed.narrative)),
                evidence_urls: std::mem::take(&mut agreed.evidence),
                indicator_values: values,
                version: None,
            };
            match ValidUpdate::check(input, &commitment.target_ids, today) {
                Ok(update) => {
                    group.unchanged = !commitment.recorded.is_empty()
                        && commitment.recorded.contains(&Fingerprint::of_valid(&update));
                    group.update = Some(update);
                }
                Err(Refusal::Invalid(errors)) => {
                    for e in errors {
                        rows[lead].fail(form_field(&e.field), e.message);
                    }
                }
                Err(other) => rows[lead].fail(None, other.to_string()),
            }
        }
    }
    if group.rows.iter().any(|&i| !rows[i].problems.is_empty()) {
        group.update = None;
        let bad: Vec<u32> = group
            .rows
            .iter()
            .filter(|&&i| !rows[i].problems.is_empty())
            .map(|&i| rows[i].number)
            .collect();
        for &index in &group.rows {
            if rows[index].problems.is_empty() {
                rows[index].fail(
                    None,
                    format!(
                        "not imported: row {} of the same commitment has an error",
                        bad[0]
                    ),
                );
            }
        }
    }
}

/// The column of a field named by the progress checks.
fn form_field(name: &str) -> Option<Field> {
    match name {
        "status" => Some(Field::Status),
        "reporting_date" => Some(Field::ReportingDate),
        "percent_complete" => Some(Field::Percent),
        "narrative" => Some(Field::Narrative),
        "evidence_urls" => Some(Field::Evidence),
        "indicator_values" => Some(Field::Value),
        _ => None,
    }
}
