//! Writing commitments and progress updates as the documented columns, in CSV, XLSX and
//! JSON.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{Dataset, COLUMNS, CYCLE_COLUMNS, REVIEW_COLUMNS, UPDATE_COLUMNS};
use crate::plans::{Commitment, CommitmentDetail};
use crate::progress::Update;

/// The rows of a file, each with a value per column.
pub struct Table {
    /// The columns' names and meanings, in order.
    pub columns: &'static [(&'static str, &'static str)],
    /// The name of the spreadsheet's one sheet.
    pub sheet: &'static str,
    pub rows: Vec<Vec<Value>>,
}

/// One cell of a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(i64),
    Bool(bool),
    Empty,
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(text) => neutralise(text),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Empty => String::new(),
        }
    }
}

/// Text that a spreadsheet program would take for a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading apostrophe: opened in Excel or
/// LibreOffice, a downloaded file shows what was typed and never runs it.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The commitments, a row each in the order of [`COLUMNS`].
pub fn commitment_table(commitments: &[Commitment]) -> Table {
    Table {
        columns: Dataset::Commitments.columns(),
        sheet: "Commitments",
        rows: commitments.iter().map(commitment_row).collect(),
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn list(items: Vec<String>, separator: &str) -> Value {
    if items.is_empty() {
        Value::Empty
    } else {
        Value::Text(items.join(separator))
    }
}

fn commitment_row(c: &Commitment) -> Vec<Value> {
    // An array of the columns' length: a column added without its value does not compile.
    let row: [Value; COLUMNS.len()] = [
        text(&c.country),
        text(&c.country_name),
        Value::Number(c.plan_id.into()),
        Value::Number(c.id.into()),
        text(&c.reference),
        text(&c.title),
        text(&c.description),
        list(c.recommendations.clone(), " "),
        text(&c.lead_owner.code),
        text(&c.lead_owner.name),
        list(
            c.supporting_owners.iter().map(|o| o.name.clone()).collect(),
            "; ",
        ),
        Value::Text(c.start_date.to_string()),
        Value::Text(c.end_date.to_string()),
        text(c.status.as_str()),
        c.percent_complete
            .map_or(Value::Empty, |p| Value::Number(p.into())),
        Value::Bool(c.overdue),
        c.last_reported
            .map_or(Value::Empty, |d| Value::Text(d.to_string())),
    ];
    row.into()
}

/// Commitments as a review cycle kept them, a row each in the order of [`CYCLE_COLUMNS`].
pub fn cycle_table(records: &[CommitmentDetail]) -> Table {
    Table {
        columns: &CYCLE_COLUMNS,
        sheet: "Cycle",
        rows: records.iter().map(cycle_row).collect(),
    }
}

fn cycle_row(record: &CommitmentDetail) -> Vec<Value> {
    let number = |n: Option<i32>| n.map_or(Value::Empty, |p| Value::Number(p.into()));
    let reviewed = record.updates.iter().find(|u| u.review_state == "approved");
    let assessed = record.assessments.first();
    let review: [Value; REVIEW_COLUMNS.len()] = [
        reviewed.map_or(Value::Empty, |u| text(u.status.as_str())),
        number(reviewed.and_then(|u| u.percent_complete)),
        reviewed.map_or(Value::Empty, |u| Value::Text(u.reporting_date.to_string())),
        assessed.map_or(Value::Empty, |a| text(a.status.as_str())),
        number(assessed.and_then(|a| a.percent_complete)),
        list(
            record
                .civil_society
                .iter()
                .map(|s| format!("{}={}", s.organisation, s.status.as_str()))
                .collect(),
            "; ",
        ),
    ];
    let mut row = commitment_row(&record.commitment);
    row.extend(review);
    row
}

/// The updates of each commitment, a row each in the order of [`UPDATE_COLUMNS`].
pub fn update_table(histories: &[(Commitment, Vec<Update>)]) -> Table {
    let rows = histories
        .iter()
        .flat_map(|(c, updates)| updates.iter().map(move |u| update_row(c, u)))
        .collect();
    Table {
        columns: Dataset::Updates.columns(),
        sheet: "Updates",
        rows,
    }
}

fn update_row(c: &Commitment, u: &Update) -> Vec<Value> {
    let row: [Value; UPDATE_COLUMNS.len()] = [
        text(&c.country),
        Value::Number(c.id.into()),
        text(&c.reference),
        Value::Number(u.id.into()),
        Value::Text(u.reporting_date.to_string()),
        text(u.status.as_str()),
        u.percent_complete
            .map_or(Value::Empty, |p| Value::Number(p.into())),
        text(&u.narrative),
        list(u.evidence_urls.clone(), " "),
        list(
            u.indicator_values
                .iter()
                .map(|v| format!("{}={}", v.target_id, v.value))
                .collect(),
            "; ",
        ),
        text(&u.author),
        text(&u.source),
        u.import_batch
            .map_or(Value::Empty, |b| Value::Number(b.into())),
        text(&u.review_state),
        Value::Text(u.created_at.to_rfc3339()),
    ];
    row.into()
}

/// UTF-8 CSV with a header row of the column names, comma-separated.
pub fn csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(table.columns.iter().map(|(name, _)| *name))?;
    for row in &table.rows {
        writer.write_record(row.iter().map(Value::text))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// An xlsx workbook of one sheet, named by the table, with the same header row;
/// numbers are numbers and the header row stays in view.
pub fn xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(table.sheet)?;
    let bold = Format::new().set_bold();
    for (column, (name, _)) in (0u16..).zip(table.columns.iter()) {
        sheet.write_string_with_format(0, column, *name, &bold)?;
    }
    for (r, row) in (1u32..).zip(&table.rows) {
        for (column, value) in (0u16..).zip(row) {
            match value {
                Value::Number(n) => sheet.write_number(r, column, *n as f64)?,
                Value::Empty => sheet,
                other => sheet.write_string(r, column, other.text())?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// A JSON array of objects keyed by the column names; numbers and booleans as such, empty
/// values as null. Text is as typed: JSON readers run no formulas.
pub fn json(table: &Table) -> Result<Vec<u8>, serde_json::Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = table
        .rows
        .iter()
        .map(|row| {
            table
                .columns
                .iter()
                .zip(row)
                .map(|((name, _), value)| {
                    let value = match value {
                        Value::Text(text) => serde_json::Value::String(text.clone()),
                        Value::Number(n) => (*n).into(),
                        Value::Bool(b) => (*b).into(),
                        Value::Empty => serde_json::Value::Null,
                    };
                    ((*name).to_owned(), value)
                })
                .collect()
        })
        .collect();
    serde_json::to_vec_pretty(&objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        for risky in ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\r=x"] {
            assert_eq!(neutralise(risky), format!("'{risky}"));
        }
        for plain in ["Health insurance", "2026-06-30", "", "a=b"] {
            assert_eq!(neutralise(plain), plain);
        }
    }
}
