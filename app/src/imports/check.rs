//! Checking read rows against the plan (see [`super::plan`]): the commitment exists and is
//! the owner's, targets belong to it, rows of one commitment agree, and the update they make
//! passes the same checks as one typed into the form.

use chrono::NaiveDate;

use super::plan::{CommitmentFacts, Fingerprint, Plan};
use super::rows::{Keep, ParsedRow};
use super::Field;
use crate::plans::Status;
use crate::progress::store::Current;
use crate::progress::{check_completion, check_reporting_date, IndicatorValue, ValidUpdate};

/// An update the file makes on a commitment, not recorded yet.
pub(super) struct Pending {
    /// The commitment as the check read it.
    pub current: Current,
    pub update: ValidUpdate,
}

/// The owner the file is imported for.
pub(super) struct Importer<'a> {
    pub owner_id: i32,
    pub owner_code: &'a str,
    pub today: NaiveDate,
}

/// Checks every row, recording problems on the rows and marking those already recorded, and
/// returns the updates the rows make. Only rows read with [`Keep::Texts`] make updates: a
/// preview needs to know what would happen, not the updates themselves.
pub(super) fn check(
    rows: &mut [ParsedRow],
    plan: &Plan,
    importer: &Importer,
    keep: Keep,
) -> Vec<Pending> {
    // The rows of each commitment, found by sorting instead of a map of lists: most files
    // have one row per commitment.
    let mut order: Vec<(i32, u32)> = Vec::with_capacity(rows.len());
    for (index, row) in (0u32..).zip(rows.iter_mut()) {
        let Some(id) = row.commitment else { continue };
        let Some(commitment) = plan.commitment(id) else {
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
        let targets = plan.targets(commitment);
        match row.target {
            Some(t) if !targets.contains(&t) => {
                row.fail(
                    Some(Field::Target),
                    format!("target {t} is not a target of commitment {id}"),
                );
            }
            None if row.value.is_some() => {
                if let [only] = targets {
                    row.target = Some(*only);
                } else {
                    row.fail(
                        Some(Field::Value),
                        "an indicator value needs the target ID it measures",
                    );
                }
            }
            _ => {}
        }
        order.push((id, index));
    }
    order.sort_unstable();
    let mut pending = Vec::new();
    let mut group = Vec::new();
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        let Some(commitment) = plan.commitment(run[0].0) else {
            continue;
        };
        group.clear();
        group.extend(run.iter().map(|&(_, index)| index as usize));
        let recorded = plan
            .recorded
            .get(&commitment.current.id)
            .map_or(&[][..], Vec::as_slice);
        if let Some(update) = merge(&group, rows, commitment, recorded, importer.today) {
            if keep == Keep::Texts {
                pending.push(Pending {
                    current: commitment.current,
                    update: update.with_texts(rows),
                });
            }
        }
    }
    pending
}

/// What the rows of one commitment agree on.
struct Agreed {
    date: NaiveDate,
    status: Status,
    percent: Option<i32>,
    values: Vec<IndicatorValue>,
    /// The rows the narrative and the links come from.
    narrative_row: Option<usize>,
    evidence_row: Option<usize>,
}

impl Agreed {
    /// The update, with the texts taken from the rows: nothing reads them afterwards.
    fn with_texts(self, rows: &mut [ParsedRow]) -> ValidUpdate {
        let mut take = |row: Option<usize>| {
            row.and_then(|i| rows[i].texts.take())
                .map(|texts| *texts)
                .unwrap_or_default()
        };
        let (narrative, evidence_urls) = if self.narrative_row == self.evidence_row {
            let texts = take(self.narrative_row);
            (texts.narrative, texts.evidence)
        } else {
            (
                take(self.narrative_row).narrative,
                take(self.evidence_row).evidence,
            )
        };
        ValidUpdate {
            reporting_date: self.date,
            status: self.status,
            percent_complete: self.percent,
            narrative,
            evidence_urls,
            indicator_values: self.values,
            version: None,
        }
    }
}

/// Checks that the rows of one commitment (indices into `rows`, in file order) agree and make
/// a valid update; records why not on the rows. Marks the rows unchanged when the update is
/// already recorded, and returns it when it is new.
fn merge(
    group: &[usize],
    rows: &mut [ParsedRow],
    commitment: &CommitmentFacts,
    recorded: &[Fingerprint],
    today: NaiveDate,
) -> Option<Agreed> {
    let id = commitment.current.id;
    let lead = group[0];
    let first = rows[lead].number;
    let mut date = rows[lead].reporting_date;
    let mut status = rows[lead].status;
    let mut percent = rows[lead].percent;
    let (mut narrative, mut evidence) = (rows[lead].narrative, rows[lead].evidence);
    let mut narrative_row = (!narrative.is_empty()).then_some(lead);
    let mut evidence_row = (!evidence.is_empty()).then_some(lead);
    let mut values: Vec<IndicatorValue> = Vec::new();
    for &index in group {
        let row = &mut rows[index];
        if index != lead {
            let clash = |field: Field, shown: String, row: &mut ParsedRow| {
                row.fail(
                    Some(field),
                    format!(
                        "commitment {id} is also on row {first} with a different {}{shown}",
                        field.header().to_lowercase()
                    ),
                );
            };
            // A value given on one row only is the group's; two different ones clash, and
            // the message quotes them.
            macro_rules! agree {
                ($field:expr, $agreed:ident, $name:ident, $show:expr) => {{
                    match ($agreed, row.$name) {
                        (None, ours) => $agreed = ours,
                        (Some(theirs), Some(ours)) if theirs != ours => {
                            let shown =
                                format!(": '{}' there, '{}' here", $show(theirs), $show(ours));
                            clash($field, shown, row);
                        }
                        _ => {}
                    }
                }};
            }
            agree!(
                Field::ReportingDate,
                date,
                reporting_date,
                |d: NaiveDate| d.to_string()
            );
            agree!(Field::Status, status, status, |s: Status| s.as_str());
            agree!(Field::Percent, percent, percent, |p: i32| p.to_string());
            // Texts are compared by digest: a narrative can run to pages, and the rows say
            // where to look.
            for (field, agreed, from, ours) in [
                (
                    Field::Narrative,
                    &mut narrative,
                    &mut narrative_row,
                    row.narrative,
                ),
                (
                    Field::Evidence,
                    &mut evidence,
                    &mut evidence_row,
                    row.evidence,
                ),
            ] {
                if agreed.is_empty() {
                    *agreed = ours;
                    *from = (!ours.is_empty()).then_some(index);
                } else if !ours.is_empty() && *agreed != ours {
                    clash(field, String::new(), row);
                }
            }
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
    let unreadable_status = group.iter().any(|&i| {
        rows[i]
            .problems
            .iter()
            .any(|(f, _)| *f == Some(Field::Status))
    });
    let mut agreed = None;
    match status {
        None if unreadable_status => {}
        None => rows[lead].fail(
            Some(Field::Status),
            "the status is empty: give one of not started, limited, substantial, complete, withdrawn",
        ),
        Some(status) => {
            if let Some(date) = date.filter(|d| *d < commitment.start_date) {
                rows[lead].fail(
                    Some(Field::ReportingDate),
                    format!(
                        "{date} is before commitment {id} starts ({})",
                        commitment.start_date
                    ),
                );
            }
            let date = check_reporting_date(date.unwrap_or(today), today);
            if let Err(message) = &date {
                rows[lead].fail(Some(Field::ReportingDate), message.clone());
            }
            if let Err(message) = check_completion(status, percent) {
                rows[lead].fail(Some(Field::Percent), message);
            }
            if let Ok(date) = date {
                agreed = Some(Agreed {
                    date,
                    status,
                    percent,
                    values,
                    narrative_row,
                    evidence_row,
                });
            }
        }
    }
    if group.iter().any(|&i| !rows[i].problems.is_empty()) {
        let bad = group
            .iter()
            .map(|&i| &rows[i])
            .find(|r| !r.problems.is_empty())
            .map_or(first, |r| r.number);
        for &index in group {
            if rows[index].problems.is_empty() {
                rows[index].fail(
                    None,
                    format!("not imported: row {bad} of the same commitment has an error"),
                );
            }
        }
        return None;
    }
    let agreed = agreed?;
    let fingerprint = Fingerprint::new(
        agreed.date,
        agreed.status,
        agreed.percent,
        narrative,
        evidence,
        &agreed.values,
    );
    if recorded.contains(&fingerprint) {
        for &index in group {
            rows[index].unchanged = true;
        }
        return None;
    }
    Some(agreed)
}
