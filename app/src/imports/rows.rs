//! The rows below the header, each read into typed values or problems named by column.

use chrono::NaiveDate;

use super::columns::Layout;
use super::{values, Field};
use crate::plans::Status;
use crate::spreadsheets::{column_letter, Cell, Row, EMPTY};

/// One filled-in row as read, before it is checked against the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ParsedRow {
    pub number: u32,
    pub commitment: Option<i32>,
    pub target: Option<i32>,
    pub reporting_date: Option<NaiveDate>,
    pub status: Option<Status>,
    pub percent: Option<i32>,
    pub value: Option<f64>,
    pub narrative: String,
    pub evidence: Vec<String>,
    /// Problems with the field they are in (`None`: the row as a whole).
    pub problems: Vec<(Option<Field>, String)>,
}

impl ParsedRow {
    pub fn fail(&mut self, field: Option<Field>, message: impl Into<String>) {
        self.problems.push((field, message.into()));
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
pub(super) fn parse_row(row: &Row, layout: &Layout) -> Option<ParsedRow> {
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
    reported.then(|| read_values(row, &cell))
}

fn read_values<'a>(row: &Row, cell: &impl Fn(Field) -> &'a Cell) -> ParsedRow {
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
    out.narrative = values::text(cell(Field::Narrative));
    out.evidence = values::links(cell(Field::Evidence));
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
