//! Writing commitments as the documented columns, in CSV, XLSX and JSON.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::COLUMNS;
use crate::plans::Commitment;

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

/// The values of one commitment, in the order of [`COLUMNS`].
fn row(c: &Commitment) -> [Value; COLUMNS.len()] {
    let text = |s: &str| Value::Text(s.to_owned());
    let list = |items: Vec<String>, separator: &str| {
        if items.is_empty() {
            Value::Empty
        } else {
            Value::Text(items.join(separator))
        }
    };
    [
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
    ]
}

/// UTF-8 CSV with a header row of the column names, comma-separated.
pub fn csv(commitments: &[Commitment]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS.iter().map(|(name, _)| *name))?;
    for c in commitments {
        writer.write_record(row(c).iter().map(Value::text))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// An xlsx workbook of one sheet, "Commitments", with the same header row; numbers are
/// numbers and the header row stays in view.
pub fn xlsx(commitments: &[Commitment]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Commitments")?;
    let bold = Format::new().set_bold();
    for (column, (name, _)) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(0, column, *name, &bold)?;
    }
    for (r, c) in (1u32..).zip(commitments) {
        for (column, value) in (0u16..).zip(row(c).iter()) {
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
pub fn json(commitments: &[Commitment]) -> Result<Vec<u8>, serde_json::Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = commitments
        .iter()
        .map(|c| {
            COLUMNS
                .iter()
                .zip(row(c))
                .map(|((name, _), value)| {
                    let value = match value {
                        Value::Text(text) => serde_json::Value::String(text),
                        Value::Number(n) => n.into(),
                        Value::Bool(b) => b.into(),
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
