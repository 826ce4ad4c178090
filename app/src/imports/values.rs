//! Reading one cell as the value its column holds, the way offices write them: dates as
//! serial numbers or text, % as `45%`, `45` or `0.45`, statuses in English, French or Spanish.

use chrono::NaiveDate;

use super::columns::normalise;
use crate::plans::Status;
use crate::progress::parse_percent;
use crate::spreadsheets::{excel_serial_date, Cell};

/// An identifier from the template's ID columns.
pub fn id(cell: &Cell, what: &str) -> Result<Option<i32>, String> {
    let wrong = || {
        format!(
            "'{}' is not a {what} ID: copy the number from the template",
            cell.shown()
        )
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= i32::MAX as f64 => {
            Ok(Some(*n as i32))
        }
        Cell::Text(text) if text.trim().is_empty() => Ok(None),
        Cell::Text(text) => text
            .trim()
            .trim_start_matches('#')
            .parse::<i32>()
            .ok()
            .filter(|id| *id >= 1)
            .map(Some)
            .ok_or_else(wrong),
        _ => Err(wrong()),
    }
}

/// A date: an Excel date or serial number, `2026-06-30`, or day first as `30/06/2026`,
/// `30.06.2026` or `30-06-2026`.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    let wrong = || {
        format!(
            "'{}' is not a date: write it as 2026-06-30 or 30/06/2026",
            cell.shown()
        )
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(date) => Ok(Some(*date)),
        Cell::Number(n) => excel_serial_date(*n).map(Some).ok_or_else(wrong),
        Cell::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            // A date written with its time, such as ODS text "2026-06-30T00:00:00".
            let day = text.split(['T', ' ']).next().unwrap_or(text);
            ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(day, format).ok())
                .map(Some)
                .ok_or_else(wrong)
        }
        _ => Err(wrong()),
    }
}

/// A status by its name in the database or its label in English, French or Spanish.
pub fn status(cell: &Cell) -> Result<Option<Status>, String> {
    let shown;
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(text) => text.trim(),
        other => {
            shown = other.shown();
            shown.trim()
        }
    };
    if text.is_empty() {
        return Ok(None);
    }
    // Most files hold the template's own words, found without the cost of normalising: a
    // file of a hundred thousand rows has as many statuses.
    let status_with = |wanted: &dyn Fn(&str) -> bool| {
        Status::ALL
            .into_iter()
            .find(|s| status_labels(*s).iter().any(|label| wanted(label)))
    };
    status_with(&|label| label.eq_ignore_ascii_case(text))
        .or_else(|| {
            let normalised = normalise(&text.replace('_', " "));
            status_with(&|label| label == normalised)
        })
        .map(Some)
        .ok_or_else(|| {
            format!(
                "'{text}' is not a status; use one of: not started, limited, substantial, complete, withdrawn"
            )
        })
}

/// The words for each status, as [`normalise`] leaves them.
fn status_labels(status: Status) -> &'static [&'static str] {
    match status {
        Status::NotStarted => &[
            "not started",
            "not yet started",
            "non commence",
            "pas commence",
            "pas encore commence",
            "no iniciado",
            "sin iniciar",
            "no comenzado",
        ],
        Status::Limited => &[
            "limited",
            "limited progress",
            "limite",
            "progres limites",
            "limitado",
            "avance limitado",
            "progreso limitado",
        ],
        Status::Substantial => &[
            "substantial",
            "substantial progress",
            "substantiel",
            "progres substantiels",
            "important",
            "sustancial",
            "avance sustancial",
            "progreso sustancial",
        ],
        Status::Complete => &[
            "complete",
            "completed",
            "done",
            "acheve",
            "termine",
            "complet",
            "realise",
            "completo",
            "completado",
            "terminado",
            "cumplido",
        ],
        Status::Withdrawn => &["withdrawn", "retire", "abandonne", "retirado", "abandonado"],
    }
}

/// A share complete in whole percent: `45%`, `45` and `0.45` are all 45.
pub fn percent(cell: &Cell) -> Result<Option<i32>, String> {
    let wrong = || {
        format!(
            "'{}' is not a percentage: write a number from 0 to 100, such as 45 or 45%",
            cell.shown()
        )
    };
    let value = match cell {
        Cell::Empty => return Ok(None),
        // A cell formatted as % holds the share: 45 % is stored as 0.45.
        Cell::Number(n) if *n > 0.0 && *n < 1.0 => n * 100.0,
        Cell::Number(n) => *n,
        Cell::Text(text) if text.trim().is_empty() => return Ok(None),
        Cell::Text(text) => {
            let text = text.trim();
            let (digits, with_sign) = match text.strip_suffix('%') {
                Some(digits) => (digits.trim(), true),
                None => (text, false),
            };
            let n = number_text(digits).ok_or_else(wrong)?;
            if !with_sign && n > 0.0 && n < 1.0 {
                n * 100.0
            } else {
                n
            }
        }
        _ => return Err(wrong()),
    };
    parse_percent(value).map(Some).map_err(|_| {
        format!(
            "{} is out of range: % complete goes from 0 to 100",
            cell.shown()
        )
    })
}

/// A number, with a decimal point or a decimal comma.
pub fn number(cell: &Cell) -> Result<Option<f64>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Text(text) if text.trim().is_empty() => Ok(None),
        Cell::Text(text) => number_text(text.trim())
            .map(Some)
            .ok_or_else(|| format!("'{}' is not a number", text.trim())),
        other => Err(format!("'{}' is not a number", other.shown())),
    }
}

fn number_text(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    cleaned
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// Free text; numbers and dates are taken as they read.
pub fn text(cell: &Cell) -> String {
    cell.shown()
}

/// Evidence links: one or several, separated by spaces, line breaks or semicolons.
pub fn links(cell: &Cell) -> Vec<String> {
    let mut links: Vec<String> = cell
        .shown()
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect();
    // A list grown one by one keeps room for more; a hundred thousand rows keep theirs.
    links.shrink_to_fit();
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Cell {
        Cell::Text(text.into())
    }

    #[test]
    fn percentages_as_offices_write_them() {
        for cell in [
            t("45%"),
            t("45 %"),
            t("45"),
            t("0,45"),
            Cell::Number(0.45),
            Cell::Number(45.0),
        ] {
            assert_eq!(percent(&cell), Ok(Some(45)), "{cell:?}");
        }
        assert_eq!(percent(&Cell::Number(100.0)), Ok(Some(100)));
        assert_eq!(percent(&Cell::Empty), Ok(None));
        assert!(percent(&t("140"))
            .expect_err("out of range")
            .contains("0 to 100"));
        assert!(percent(&t("most"))
            .expect_err("not a number")
            .contains("'most'"));
    }

    #[test]
    fn dates_as_offices_write_them() {
        let june = NaiveDate::from_ymd_opt(2026, 6, 30);
        for cell in [
            t("2026-06-30"),
            t("30/06/2026"),
            t("30.06.2026"),
            Cell::Number(46_203.0),
            Cell::Date(june.expect("date")),
        ] {
            assert_eq!(date(&cell), Ok(june), "{cell:?}");
        }
        assert!(date(&t("June"))
            .expect_err("refused")
            .contains("'June' is not a date"));
    }

    #[test]
    fn statuses_in_three_languages() {
        assert_eq!(status(&t("Limité")), Ok(Some(Status::Limited)));
        assert_eq!(status(&t("Sustancial")), Ok(Some(Status::Substantial)));
        assert_eq!(status(&t("not_started")), Ok(Some(Status::NotStarted)));
        assert_eq!(status(&t("Achevé")), Ok(Some(Status::Complete)));
        let err = status(&t("fini")).expect_err("refused");
        assert!(
            err.starts_with("'fini' is not a status; use one of"),
            "{err}"
        );
    }

    #[test]
    fn ids_and_links() {
        assert_eq!(id(&Cell::Number(12.0), "commitment"), Ok(Some(12)));
        assert_eq!(id(&t(" 12 "), "commitment"), Ok(Some(12)));
        assert!(id(&t("C-12"), "commitment").is_err());
        assert_eq!(
            links(&t("https://a.example/x; https://b.example/y")).len(),
            2
        );
    }
}
