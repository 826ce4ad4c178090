//! Turning the readers' cell values into [`Cell`]s, and the spreadsheet conventions messages
//! need: column letters and Excel's serial dates.

use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType};
use chrono::NaiveDate;

use super::Cell;

/// The column letters a spreadsheet shows: 0 is A, 25 is Z, 26 is AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The date of an Excel serial number (days since 1899-12-30 in the 1900 date system), when it
/// is a plausible date.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    excel_date(&ExcelDateTime::new(
        serial,
        ExcelDateTimeType::DateTime,
        false,
    ))
}

fn excel_date(value: &ExcelDateTime) -> Option<NaiveDate> {
    // Outside 1900..=9999 Excel clamps; such a number was not meant as a date.
    if !(1.0..2_958_466.0).contains(&value.as_f64()) {
        return None;
    }
    let (year, month, day, ..) = value.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
}

fn date_cell(value: &ExcelDateTime) -> Cell {
    match excel_date(value) {
        Some(date) if value.is_datetime() => Cell::Date(date),
        _ => Cell::Number(value.as_f64()),
    }
}

impl From<&Data> for Cell {
    fn from(data: &Data) -> Self {
        match data {
            Data::Empty => Cell::Empty,
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => date_cell(dt),
            Data::Error(e) => Cell::Error(e.to_string()),
        }
    }
}

impl From<DataRef<'_>> for Cell {
    fn from(data: DataRef<'_>) -> Self {
        match data {
            DataRef::Empty => Cell::Empty,
            DataRef::Int(i) => Cell::Number(i as f64),
            DataRef::Float(f) => Cell::Number(f),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s),
            DataRef::SharedString(s) => Cell::Text(s.to_owned()),
            DataRef::Bool(b) => Cell::Bool(b),
            DataRef::DateTime(dt) => date_cell(&dt),
            DataRef::Error(e) => Cell::Error(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_show_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
    }

    #[test]
    fn serial_numbers_are_excel_dates() {
        assert_eq!(
            excel_serial_date(46_203.0),
            NaiveDate::from_ymd_opt(2026, 6, 30)
        );
        assert_eq!(excel_serial_date(-3.0), None);
    }
}
