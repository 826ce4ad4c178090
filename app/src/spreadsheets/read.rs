//! Reading a whole file into sheets of rows, whatever its format.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{open_workbook_from_rs, Data, Ods, Range, Reader, Xls, Xlsb, Xlsx};

use super::sniff::{detect, Format};
use super::{csv_text, Cell, Limits, ReadError, Row, Sheet, Workbook, MAX_COLUMNS};

/// Every sheet of `bytes`, uploaded as `file_name`; a clear error when the file cannot be read.
/// Formulas are never evaluated: their last computed value, as saved, is what is read.
pub fn read(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let format = detect(file_name, bytes, limits)?;
    let fail = |problem: String| ReadError::new(file_name, problem);
    let sheets = if format == Format::Csv {
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name, |(stem, _)| stem);
        vec![csv_text::read(stem, bytes, limits).map_err(fail)?]
    } else {
        // Old readers have panicked on malformed files: a panic is this file's error, not the
        // server's.
        catch_unwind(AssertUnwindSafe(|| read_workbook(format, bytes, limits)))
            .map_err(|_| {
                fail(format!(
                    "the file could not be read as {}; open it in a spreadsheet program, save it again and upload the new copy",
                    format.label()
                ))
            })?
            .map_err(fail)?
    };
    Ok(Workbook { format, sheets })
}

/// Reads every sheet of an xlsx or xlsb book cell by cell: the two readers have the same
/// methods but no common trait for them.
macro_rules! stream_sheets {
    ($book:ident, $rows:ident, $sheets:ident, $damaged:ident) => {{
        let mut book = $book;
        for name in book.sheet_names() {
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| $damaged(&e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| $damaged(&e))? {
                let (row, column) = cell.get_position();
                $rows.add(&name, row, column, Cell::from(cell.get_value().clone()))?;
            }
            $sheets.push($rows.finish(name));
        }
    }};
}

fn read_workbook(format: Format, bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, String> {
    let damaged = |e: &dyn std::fmt::Display| {
        format!(
            "the file could not be read as {} ({e}); save it again and upload the new copy",
            format.label()
        )
    };
    let cursor = Cursor::new(bytes);
    let mut rows = SheetRows::new(limits);
    let mut sheets = Vec::new();
    match format {
        Format::Xlsx => {
            let book: Xlsx<_> = open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?;
            stream_sheets!(book, rows, sheets, damaged);
        }
        Format::Xlsb => {
            let book: Xlsb<_> = open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?;
            stream_sheets!(book, rows, sheets, damaged);
        }
        // These two readers load whole sheets: xls grids are checked first, and ods
        // repetitions are capped by the reader.
        Format::Xls => {
            super::xls_grid::check(bytes)?;
            let mut book: Xls<_> = open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?;
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| damaged(&e))?;
                sheets.push(rows.from_range(name, &range)?);
            }
        }
        Format::Ods => {
            let mut book: Ods<_> = open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?;
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| damaged(&e))?;
                sheets.push(rows.from_range(name, &range)?);
            }
        }
        Format::Csv => {}
    }
    Ok(sheets)
}

/// Collects cells, which arrive row by row, into rows with data.
struct SheetRows<'a> {
    limits: &'a Limits,
    rows: Vec<Row>,
}

impl<'a> SheetRows<'a> {
    fn new(limits: &'a Limits) -> Self {
        SheetRows {
            limits,
            rows: Vec::new(),
        }
    }

    /// Adds the cell at zero-based `row` and `column`.
    fn add(&mut self, sheet: &str, row: u32, column: u32, cell: Cell) -> Result<(), String> {
        let column = column as usize;
        if cell.is_empty() || column >= MAX_COLUMNS {
            return Ok(());
        }
        let number = row + 1;
        if self.rows.last().map(|r| r.number) != Some(number) {
            if self.rows.len() >= self.limits.max_rows {
                return Err(format!(
                    "sheet '{sheet}' has more than {} rows with data, the most one import takes; split it",
                    self.limits.max_rows
                ));
            }
            self.rows.push(Row {
                number,
                cells: Vec::new(),
            });
        }
        if let Some(last) = self.rows.last_mut() {
            if last.cells.len() <= column {
                last.cells.resize(column + 1, Cell::Empty);
            }
            last.cells[column] = cell;
        }
        Ok(())
    }

    fn finish(&mut self, name: String) -> Sheet {
        let mut rows = std::mem::take(&mut self.rows);
        // Streams are in row order in every file seen; a file that is not is put in order.
        rows.sort_by_key(|r| r.number);
        Sheet { name, rows }
    }

    fn from_range(&mut self, name: String, range: &Range<Data>) -> Result<Sheet, String> {
        let (top, left) = range.start().unwrap_or((0, 0));
        for (row, column, data) in range.used_cells() {
            self.add(
                &name,
                top + row as u32,
                left + column as u32,
                Cell::from(data),
            )?;
        }
        Ok(self.finish(name))
    }
}
