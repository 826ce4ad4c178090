//! CSV files as offices save them: UTF-8 with or without a byte-order mark, separated by
//! commas or, where the comma is the decimal sign, by semicolons.

use super::{Cell, Limits, Row, Sheet, MAX_COLUMNS};

/// The rows of a CSV file, as one sheet named after the file; an error message when the text
/// is not UTF-8 or breaks the CSV rules.
pub fn read(file_stem: &str, bytes: &[u8], limits: &Limits) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!("line {line} is not UTF-8 text; save the file as \"CSV UTF-8\" and upload it again")
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line()) + 1;
            format!("line {line} breaks the CSV rules ({e}); check its quotes")
        })?;
        let number = lines.of(text, record.position().map_or(0, |p| p.byte() as usize));
        let cells: Vec<Cell> = record
            .iter()
            .take(MAX_COLUMNS)
            .map(|field| {
                if field.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(field.to_owned())
                }
            })
            .collect();
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        rows.push(Row { number, cells });
        if rows.len() > limits.max_rows {
            return Err(format!(
                "the file has more than {} rows with data, the most one import takes; split it",
                limits.max_rows
            ));
        }
    }
    Ok(Sheet {
        name: file_stem.to_owned(),
        rows,
    })
}

/// Line numbers of records as people count them. The reader's own count places a record that
/// follows blank lines on the first of them, so lines are counted here from its byte offset.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u32,
}

impl LineCounter {
    /// The line on which the record at byte `start` begins, past any blank lines before it;
    /// records come in order, so each newline is counted once.
    fn of(&mut self, text: &str, start: usize) -> u32 {
        let bytes = text.as_bytes();
        let blank = bytes.get(start..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count()
        });
        let start = (start + blank).min(bytes.len());
        if start > self.offset {
            self.line += bytes[self.offset..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u32;
            self.offset = start;
        }
        self.line + 1
    }
}

/// Semicolons when the first lines hold more of them than commas (outside quotes).
fn delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in text.chars().take(4096) {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::shown).collect())
            .collect()
    }

    #[test]
    fn bom_semicolons_quotes_and_blank_lines() {
        let file = "\u{FEFF}Engagement;Statut;Avancement\n\n12;\"limité; en cours\";45,5\n";
        let sheet = read("p", file.as_bytes(), &Limits::default()).expect("read");
        assert_eq!(
            texts(&sheet),
            [
                vec!["Engagement", "Statut", "Avancement"],
                vec!["12", "limité; en cours", "45,5"]
            ]
        );
        assert_eq!(sheet.rows[1].number, 3, "line numbers count the blank line");
    }

    #[test]
    fn commas_and_the_row_limit() {
        let sheet = read("p", b"a,b\n1,2\n", &Limits::default()).expect("read");
        assert_eq!(texts(&sheet)[1], ["1", "2"]);
        let limits = Limits {
            max_rows: 1,
            ..Limits::default()
        };
        assert!(read("p", b"a\n1\n", &limits)
            .expect_err("too many rows")
            .contains("more than 1 rows"));
    }

    #[test]
    fn text_that_is_not_utf8_names_the_line() {
        let err = read("p", b"Status\nlimit\xe9\n", &Limits::default()).expect_err("refused");
        assert!(err.starts_with("line 2 is not UTF-8"), "{err}");
    }
}
