//! Gathering cells, which readers deliver one by one in row order, into rows with data.

use std::ops::ControlFlow;

use super::{Cell, Limits, Row, MAX_COLUMNS};

/// Collects cells, which arrive row by row, into rows with data, and hands each to a visitor.
pub(super) struct Assembler<'s, V> {
    sheet: &'s str,
    limits: &'s Limits,
    after: u32,
    columns: Option<&'s [usize]>,
    row: Row,
    filled: bool,
    rows: usize,
    visit: V,
}

impl<'s, V: FnMut(&Row) -> ControlFlow<()>> Assembler<'s, V> {
    pub(super) fn new(
        sheet: &'s str,
        limits: &'s Limits,
        after: u32,
        columns: Option<&'s [usize]>,
        visit: V,
    ) -> Self {
        Assembler {
            sheet,
            limits,
            after,
            columns,
            row: Row {
                number: 0,
                cells: Vec::new(),
            },
            filled: false,
            rows: 0,
            visit,
        }
    }

    /// Adds the cell at zero-based `row` and `column`; `cell` is only made for cells kept.
    pub(super) fn add(
        &mut self,
        row: u32,
        column: u32,
        cell: impl FnOnce() -> Cell,
    ) -> Result<ControlFlow<()>, String> {
        let (number, column) = (row + 1, column as usize);
        if number <= self.after
            || column >= MAX_COLUMNS
            || self.columns.is_some_and(|kept| !kept.contains(&column))
        {
            return Ok(ControlFlow::Continue(()));
        }
        let cell = cell();
        if cell.is_empty() {
            return Ok(ControlFlow::Continue(()));
        }
        if number != self.row.number {
            if self.flush()?.is_break() {
                return Ok(ControlFlow::Break(()));
            }
            self.row.number = number;
        }
        if self.row.cells.len() <= column {
            self.row.cells.resize(column + 1, Cell::Empty);
        }
        self.row.cells[column] = cell;
        self.filled = true;
        Ok(ControlFlow::Continue(()))
    }

    /// Hands the row gathered so far to the visitor.
    fn flush(&mut self) -> Result<ControlFlow<()>, String> {
        if !self.filled {
            return Ok(ControlFlow::Continue(()));
        }
        self.rows += 1;
        if self.rows > self.limits.max_rows {
            return Err(format!(
                "sheet '{}' has more than {} rows with data, the most one import takes; split it",
                self.sheet, self.limits.max_rows
            ));
        }
        let flow = (self.visit)(&self.row);
        self.row.cells.clear();
        self.filled = false;
        Ok(flow)
    }

    pub(super) fn finish(mut self) -> Result<(), String> {
        self.flush().map(|_| ())
    }
}
