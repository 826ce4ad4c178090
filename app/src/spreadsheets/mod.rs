//! Reading progress spreadsheets safely: whatever a ministry uploads (xlsx, xlsm, xlsb, xls,
//! ods or csv) becomes plain rows of cells, or a clear error that names the file. Nothing here
//! knows about commitments; `crate::imports` gives the rows their meaning.
//!
//! A hostile file must not take the server down: the format is read from the content (not
//! the name), zip archives are checked entry by entry before anything is decompressed for
//! real, sheets are streamed cell by cell where the format allows (a declared dimension of a
//! million rows allocates nothing), and a panic inside a reader becomes an error on that file.

mod assembler;
mod cells;
mod csv_text;
mod read;
mod sniff;
mod xls_grid;

use chrono::NaiveDate;

pub use cells::{column_letter, excel_serial_date};
pub use read::{read, Book};
pub use sniff::Format;

/// How much of an upload is read at most.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_bytes: usize,
    /// The most rows with data one sheet may have.
    pub max_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            max_rows: 200_000,
        }
    }
}

/// One cell's value as the file stored it; formulas arrive as their cached result.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a person reads it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_owned(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// What a missing cell reads as.
pub static EMPTY: Cell = Cell::Empty;

/// A row with data; `number` counts from 1 as spreadsheet programs show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&EMPTY)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

/// Why a file could not be read at all. Every message names the file and says what to do.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}: {problem}")]
pub struct ReadError {
    pub file: String,
    pub problem: String,
}

impl ReadError {
    fn new(file: &str, problem: impl Into<String>) -> Self {
        ReadError {
            file: file.to_owned(),
            problem: problem.into(),
        }
    }
}

/// Columns beyond this one are not read: progress sheets are a dozen columns wide, and a stray
/// value in column XFD must not make every row sixteen thousand cells long.
pub const MAX_COLUMNS: usize = 256;
