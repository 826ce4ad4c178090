//! The rows below the header, each read into typed values or problems named by column.

use std::ops::Deref;

use chrono::NaiveDate;

use super::columns::Layout;
use super::digest::Digest;
use super::{values, Field};
use crate::plans::Status;
use crate::progress::{check_evidence, check_narrative};
use crate::spreadsheets::{column_letter, Cell, Row, EMPTY};

/// What a read keeps of each row's narrative and evidence links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keep {
    /// Their digests only: all a preview compares, for a fraction of the memory.
    Digests,
    /// The texts as well, which a commit writes.
    Texts,
}

/// One filled-in row as read, before it is checked against the plan. A hundred thousand of
/// them are held at once, so the texts live apart and only when kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ParsedRow {
    pub number: u32,
    pub commitment: Option<i32>,
    pub target: Option<i32>,
    pub reporting_date: Option<NaiveDate>,
    pub status: Option<Status>,
    pub percent: Option<i32>,
    pub value: Option<f64>,
    pub narrative: Digest,
    pub evidence: Digest,
    /// The narrative and links themselves, with [`Keep::Texts`] when there are any.
    pub texts: Option<Box<RowTexts>>,
    /// Whether the check found its update already recorded.
    pub unchanged: bool,
    pub problems: Problems,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct RowTexts {
    pub narrative: String,
    pub evidence: Vec<String>,
}

/// A row's problems with the field they are in (`None`: the row as a whole). Most rows have
/// none, and then hold nothing but an empty pointer.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Problems(Option<Box<Vec<(Option<Field>, String)>>>);

impl Deref for Problems {
    type Target = [(Option<Field>, String)];

    fn deref(&self) -> &Self::Target {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl ParsedRow {
    pub fn fail(&mut self, field: Option<Field>, message: impl Into<String>) {
        self.problems
            .0
            .get_or_insert_with(Box::default)
            .push((field, message.into()));
    }
}

/// "D 'Status'": the column's letter and its header as the file writes it.
pub(super) fn column_name(header: &Row, column: usize) -> String {
    format!(
        "{} '{}'",
        column_letter(column),
        header.cell(column).shown()
    )
}

/// The row below the header read into values, or `None` when it has nothing to report: rows
/// where only the template's own columns (IDs, titles) are filled are left out as blank.
pub(super) fn parse_row(row: &Row, layout: &Layout, keep: Keep) -> Option<ParsedRow> {
    let cell = |field: Field| {
        layout
            .columns
            .get(&field)
            .map_or(&EMPTY, |column| row.cell(*column))
    };
    let reported = Field::ALL
        .into_iter()
        .filter(|field| !matches!(field, Field::Commitment | Field::Target))
        .any(|field| !cell(field).is_empty());
    reported.then(|| read_values(row, &cell, keep))
}

fn read_values<'a>(row: &Row, cell: &impl Fn(Field) -> &'a Cell, keep: Keep) -> ParsedRow {
    let mut out = ParsedRow {
        number: row.number,
        ..ParsedRow::default()
    };
    macro_rules! take {
        ($field:expr, $read:expr) => {
            match $read(cell($field)) {
                Ok(value) => value,
                Err(message) => {
                    out.fail(Some($field), message);
                    None
                }
            }
        };
    }
    out.commitment = take!(Field::Commitment, |c| values::id(c, "commitment"));
    out.target = take!(Field::Target, |c| values::id(c, "target"));
    out.reporting_date = take!(Field::ReportingDate, values::date);
    out.status = take!(Field::Status, values::status);
    out.percent = take!(Field::Percent, values::percent);
    out.value = take!(Field::Value, values::number);
    // The texts are checked here, the one time they are at hand.
    let narrative = values::text(cell(Field::Narrative));
    if let Err(message) = check_narrative(&narrative) {
        out.fail(Some(Field::Narrative), message);
    }
    let evidence = values::links(cell(Field::Evidence));
    for message in check_evidence(&evidence) {
        out.fail(Some(Field::Evidence), message);
    }
    out.narrative = Digest::of_text(&narrative);
    out.evidence = Digest::of_links(&evidence);
    if keep == Keep::Texts && !(narrative.is_empty() && evidence.is_empty()) {
        out.texts = Some(Box::new(RowTexts {
            narrative,
            evidence,
        }));
    }
    if out.commitment.is_none()
        && !out
            .problems
            .iter()
            .any(|(f, _)| *f == Some(Field::Commitment))
    {
        out.fail(
            Some(Field::Commitment),
            "the commitment ID is empty: every row needs the ID of the commitment it reports on",
        );
    }
    out
}
