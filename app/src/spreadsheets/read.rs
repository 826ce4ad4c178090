//! Opening a file whatever its format, then reading its sheets row by row.
//!
//! An import needs the first rows of every sheet (to find a header) and then the rest of one
//! sheet, and of those rows only a few columns. xlsx and xlsb sheets are streamed for that, so
//! a large file is never held as cells; xls, ods and csv are read whole by their readers and
//! then served the same way.

use std::io::Cursor;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{open_workbook_from_rs, Data, DataRef, Ods, Range, Reader, Xls, Xlsb, Xlsx};

use super::assembler::Assembler;
use super::sniff::{detect, Format};
use super::{csv_text, Cell, Limits, ReadError, Row, Sheet, Workbook};

/// Every sheet of `bytes`, uploaded as `file_name`, with all its cells; a clear error when the
/// file cannot be read. Formulas are never evaluated: their last computed value, as saved, is
/// what is read.
pub fn read(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut book = Book::open(file_name, bytes, limits)?;
    let mut sheets = Vec::new();
    for index in 0..book.sheet_names().len() {
        let mut rows = Vec::new();
        book.each_row(index, 0, None, |row| {
            rows.push(row.clone());
            ControlFlow::Continue(())
        })?;
        sheets.push(Sheet {
            name: book.sheet_names()[index].clone(),
            rows,
        });
    }
    Ok(Workbook {
        format: book.format,
        sheets,
    })
}

/// A file opened for reading, sheet by sheet.
pub struct Book<'a> {
    file_name: String,
    format: Format,
    limits: Limits,
    names: Vec<String>,
    source: Source<'a>,
}

enum Source<'a> {
    Xlsx(Box<Xlsx<Cursor<&'a [u8]>>>),
    Xlsb(Box<Xlsb<Cursor<&'a [u8]>>>),
    /// Formats whose readers load whole sheets.
    Whole(Vec<Sheet>),
}

impl<'a> Book<'a> {
    /// Opens `bytes`, uploaded as `file_name`: the format is judged by the content, and the
    /// checks that keep a hostile file harmless run before any reader sees it.
    pub fn open(file_name: &str, bytes: &'a [u8], limits: &Limits) -> Result<Self, ReadError> {
        let format = detect(file_name, bytes, limits)?;
        let mut book = Book {
            file_name: file_name.to_owned(),
            format,
            limits: *limits,
            names: Vec::new(),
            source: Source::Whole(Vec::new()),
        };
        book.source = if format == Format::Csv {
            let stem = file_name
                .rsplit_once('.')
                .map_or(file_name, |(stem, _)| stem);
            let sheet = csv_text::read(stem, bytes, limits).map_err(|p| book.error(p))?;
            Source::Whole(vec![sheet])
        } else {
            book.guarded(|book| open_source(format, bytes, &book.limits))?
        };
        book.names = match &book.source {
            Source::Xlsx(xlsx) => xlsx.sheet_names(),
            Source::Xlsb(xlsb) => xlsb.sheet_names(),
            Source::Whole(sheets) => sheets.iter().map(|s| s.name.clone()).collect(),
        };
        Ok(book)
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// The first `count` rows with data of every sheet, all columns.
    pub fn heads(&mut self, count: usize) -> Result<Vec<Sheet>, ReadError> {
        let mut heads = Vec::new();
        for index in 0..self.names.len() {
            let mut rows = Vec::new();
            if count > 0 {
                self.each_row(index, 0, None, |row| {
                    rows.push(row.clone());
                    if rows.len() < count {
                        ControlFlow::Continue(())
                    } else {
                        ControlFlow::Break(())
                    }
                })?;
            }
            heads.push(Sheet {
                name: self.names[index].clone(),
                rows,
            });
        }
        Ok(heads)
    }

    /// The last row number sheet `index` declares, where the format declares one: a hint
    /// for making room, never trusted beyond that.
    pub fn declared_rows(&mut self, index: usize) -> Option<usize> {
        let name = self.names.get(index)?.clone();
        let last_row = |end: (u32, u32)| end.0 as usize + 1;
        self.guarded(move |book| {
            Ok(match &mut book.source {
                Source::Xlsx(xlsx) => xlsx
                    .worksheet_cells_reader(&name)
                    .ok()
                    .map(|cells| last_row(cells.dimensions().end)),
                Source::Xlsb(xlsb) => xlsb
                    .worksheet_cells_reader(&name)
                    .ok()
                    .map(|cells| last_row(cells.dimensions().end)),
                Source::Whole(sheets) => sheets
                    .get(index)
                    .and_then(|s| s.rows.last())
                    .map(|row| row.number as usize),
            })
        })
        .ok()
        .flatten()
    }

    /// Calls `visit` with every row with data of sheet `index` below row number `after`, in
    /// the file's order, until it breaks. With `columns`, only those cells are read; the
    /// others are empty, and a row with none of them filled is not visited. The row passed is
    /// reused for the next one: keep what is needed of it, not the row.
    pub fn each_row(
        &mut self,
        index: usize,
        after: u32,
        columns: Option<&[usize]>,
        visit: impl FnMut(&Row) -> ControlFlow<()>,
    ) -> Result<(), ReadError> {
        let Some(name) = self.names.get(index).cloned() else {
            return Ok(());
        };
        let format = self.format;
        let limits = self.limits;
        self.guarded(move |book| {
            let damaged = |e: &dyn std::fmt::Display| damaged(format, e);
            let mut rows = Assembler::new(&name, &limits, after, columns, visit);
            let flow = match &mut book.source {
                Source::Xlsx(xlsx) => {
                    let mut cells = xlsx
                        .worksheet_cells_reader(&name)
                        .map_err(|e| damaged(&e))?;
                    stream(|| cells.next_cell(), &mut rows, format)?
                }
                Source::Xlsb(xlsb) => {
                    let mut cells = xlsb
                        .worksheet_cells_reader(&name)
                        .map_err(|e| damaged(&e))?;
                    stream(|| cells.next_cell(), &mut rows, format)?
                }
                Source::Whole(sheets) => {
                    let mut flow = ControlFlow::Continue(());
                    'rows: for row in sheets.get(index).map_or(&[][..], |s| &s.rows[..]) {
                        for (column, cell) in (0u32..).zip(&row.cells) {
                            flow =
                                rows.add(row.number.saturating_sub(1), column, || cell.clone())?;
                            if flow.is_break() {
                                break 'rows;
                            }
                        }
                    }
                    flow
                }
            };
            if flow.is_break() {
                return Ok(());
            }
            rows.finish()
        })
    }

    fn error(&self, problem: String) -> ReadError {
        ReadError::new(&self.file_name, problem)
    }

    /// Runs reading work with a reader's panic made this file's error: old readers have
    /// panicked on malformed files, and that must not take the server down.
    fn guarded<T>(
        &mut self,
        work: impl FnOnce(&mut Self) -> Result<T, String>,
    ) -> Result<T, ReadError> {
        let label = self.format.label();
        match catch_unwind(AssertUnwindSafe(|| work(self))) {
            Ok(done) => done.map_err(|p| self.error(p)),
            Err(_) => Err(self.error(format!(
                "the file could not be read as {label}; open it in a spreadsheet program, save it again and upload the new copy"
            ))),
        }
    }
}

/// Feeds the cells of a streaming reader to `rows` until they run out or the visitor stops.
fn stream<'d, E: std::fmt::Display, V: FnMut(&Row) -> ControlFlow<()>>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'d>>>, E>,
    rows: &mut Assembler<'_, V>,
    format: Format,
) -> Result<ControlFlow<()>, String> {
    while let Some(cell) = next().map_err(|e| damaged(format, &e))? {
        let (row, column) = cell.get_position();
        if rows
            .add(row, column, || Cell::from(cell.get_value().clone()))?
            .is_break()
        {
            return Ok(ControlFlow::Break(()));
        }
    }
    Ok(ControlFlow::Continue(()))
}

fn damaged(format: Format, e: &dyn std::fmt::Display) -> String {
    format!(
        "the file could not be read as {} ({e}); save it again and upload the new copy",
        format.label()
    )
}

fn open_source<'a>(format: Format, bytes: &'a [u8], limits: &Limits) -> Result<Source<'a>, String> {
    let damaged = |e: &dyn std::fmt::Display| damaged(format, e);
    let cursor = Cursor::new(bytes);
    Ok(match format {
        Format::Xlsx => Source::Xlsx(Box::new(
            open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?,
        )),
        Format::Xlsb => Source::Xlsb(Box::new(
            open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?,
        )),
        // These two readers load whole sheets: xls grids are checked first, and ods
        // repetitions are capped by the reader.
        Format::Xls => {
            super::xls_grid::check(bytes)?;
            let mut book: Xls<_> = open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?;
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| damaged(&e))?;
                sheets.push(whole_sheet(name, &range, limits)?);
            }
            Source::Whole(sheets)
        }
        Format::Ods => {
            let mut book: Ods<_> = open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?;
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| damaged(&e))?;
                sheets.push(whole_sheet(name, &range, limits)?);
            }
            Source::Whole(sheets)
        }
        Format::Csv => Source::Whole(Vec::new()),
    })
}

/// The rows with data of a sheet a reader loaded whole.
fn whole_sheet(name: String, range: &Range<Data>, limits: &Limits) -> Result<Sheet, String> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    let mut assembler = Assembler::new(&name, limits, 0, None, |row: &Row| {
        rows.push(row.clone());
        ControlFlow::Continue(())
    });
    for (row, column, data) in range.used_cells() {
        let cell = || Cell::from(data);
        if assembler
            .add(top + row as u32, left + column as u32, cell)?
            .is_break()
        {
            break;
        }
    }
    assembler.finish()?;
    // Ranges are in row order; a file whose cells were not is put in order.
    rows.sort_by_key(|r| r.number);
    Ok(Sheet { name, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<String> {
        row.cells.iter().map(Cell::shown).collect()
    }

    #[test]
    fn heads_then_chosen_columns_below_the_header() {
        let csv = "Title\n\nID;Status;Note\n1;done;a\n2;;b\n3;limited;c\n";
        let mut book = Book::open("p.csv", csv.as_bytes(), &Limits::default()).expect("opens");
        let heads = book.heads(2).expect("heads");
        assert_eq!(heads.len(), 1);
        assert_eq!(heads[0].rows.len(), 2);
        assert_eq!(texts(&heads[0].rows[1]), ["ID", "Status", "Note"]);
        assert_eq!(heads[0].rows[1].number, 3);
        let mut seen = Vec::new();
        book.each_row(0, 3, Some(&[1]), |row| {
            seen.push((row.number, texts(row)));
            ControlFlow::Continue(())
        })
        .expect("rows");
        assert_eq!(
            seen,
            [
                (4, vec!["".to_owned(), "done".to_owned()]),
                (6, vec!["".to_owned(), "limited".to_owned()]),
            ]
        );
    }

    #[test]
    fn too_many_rows_are_refused_by_sheet() {
        let limits = Limits {
            max_rows: 2,
            ..Limits::default()
        };
        let csv = "a\nb\n";
        let mut book = Book::open("p.csv", csv.as_bytes(), &limits).expect("opens");
        assert!(book
            .each_row(0, 0, None, |_| ControlFlow::Continue(()))
            .is_ok());
        let error = read("p.csv", b"a\nb\nc\n", &limits).expect_err("three rows");
        assert!(error.problem.contains("more than 2 rows"), "{error}");
    }
}
