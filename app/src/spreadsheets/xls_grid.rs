//! Excel 97-2003 (xls) sheets, checked before the reader sees them. The reader sets aside
//! room for every cell a sheet's DIMENSIONS record declares, and then builds a grid spanning
//! the first to the last cell present: a file of a few hundred bytes can ask for terabytes,
//! and a failed allocation ends the process rather than panicking. So the records are walked
//! here first, and a sheet whose declared or actual grid is beyond any progress sheet is
//! refused.

use std::io::{Cursor, Read};

/// The most cells one sheet's grid may span: 65,536 rows (all an xls sheet has) by 30 columns.
const MAX_GRID: u64 = 2_000_000;

const BOF: u16 = 0x0809;
const DIMENSIONS: u16 = 0x0200;
const MUL_RK: u16 = 0x00BD;
/// Records holding one cell, row and column first: Number, Label, RString, BoolErr, Rk,
/// LabelSst and Formula.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Checks every sheet of the xls file `bytes`; the error says what is wrong, for the person
/// who uploaded it.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    let stream = workbook_stream(bytes)?;
    let mut sheet = 0usize;
    let mut bounds = Bounds::default();
    let mut at = 0usize;
    while let Some(header) = stream.get(at..at + 4) {
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let Some(body) = stream.get(at + 4..at + 4 + len) else {
            // The reader reports a truncated stream itself.
            return Ok(());
        };
        match typ {
            BOF => {
                sheet += 1;
                bounds = Bounds::default();
            }
            DIMENSIONS => {
                if declared_cells(body) > MAX_GRID {
                    return Err(too_large(sheet, "declares"));
                }
            }
            MUL_RK if len >= 6 => {
                let row = u16_at(body, 0);
                bounds.add(row, u16_at(body, 2));
                bounds.add(row, u16_at(body, len - 2));
            }
            t if CELLS.contains(&t) && len >= 4 => bounds.add(u16_at(body, 0), u16_at(body, 2)),
            _ => {}
        }
        if bounds.cells() > MAX_GRID {
            return Err(too_large(sheet, "spans"));
        }
        at += 4 + len;
    }
    Ok(())
}

fn too_large(sheet: usize, how: &str) -> String {
    // The first BOF opens the workbook's globals, so sheets count from the second.
    format!(
        "sheet {} {how} a grid of more than {MAX_GRID} cells, far beyond any progress sheet; open the file in a spreadsheet program, delete what lies outside the table, save it as xlsx and upload that",
        sheet.saturating_sub(1)
    )
}

fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let damaged = |e: std::io::Error| {
        format!("the file could not be read as an Excel 97-2003 workbook (xls) ({e}); save it again and upload the new copy")
    };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    let mut stream = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"))
        .map_err(damaged)?;
    // A stream cannot hold more than the file does.
    let mut data = Vec::new();
    stream
        .by_ref()
        .take(bytes.len() as u64)
        .read_to_end(&mut data)
        .map_err(damaged)?;
    Ok(data)
}

fn u16_at(body: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([body[at], body[at + 1]])
}

fn u32_at(body: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([body[at], body[at + 1], body[at + 2], body[at + 3]])
}

/// The cells the reader sets aside for a DIMENSIONS record, computed as it does (with its
/// wrapping arithmetic: a last row before the first asks for four billion rows).
fn declared_cells(body: &[u8]) -> u64 {
    let (first_row, last_row, mut first_col, last_col) = match body.len() {
        10 => (
            u32::from(u16_at(body, 0)),
            u32::from(u16_at(body, 2)),
            u32::from(u16_at(body, 4)),
            u32::from(u16_at(body, 6)),
        ),
        14 | 16 => (
            u32_at(body, 0),
            u32_at(body, 4),
            u32::from(u16_at(body, 8)),
            u32::from(u16_at(body, 10)),
        ),
        _ => return 0,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return 1;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

/// The smallest grid holding every cell seen so far in one sheet.
#[derive(Default)]
struct Bounds {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Bounds {
    fn add(&mut self, row: u16, col: u16) {
        let widen = |span: Option<(u16, u16)>, v: u16| match span {
            None => Some((v, v)),
            Some((low, high)) => Some((low.min(v), high.max(v))),
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend(first_row.to_le_bytes());
        body.extend(last_row.to_le_bytes());
        body.extend(first_col.to_le_bytes());
        body.extend(last_col.to_le_bytes());
        body.extend([0, 0]);
        body
    }

    #[test]
    fn declared_grids_are_counted_as_the_reader_counts_them() {
        assert_eq!(declared_cells(&dimensions(0, 10, 0, 14)), 140);
        assert_eq!(declared_cells(&dimensions(0, 65_536, 0, 256)), 16_777_216);
        // A last row before the first wraps around to about four billion rows.
        assert!(declared_cells(&dimensions(5, 2, 0, 3)) > MAX_GRID);
        assert_eq!(declared_cells(&dimensions(0, 0, 0, 0)), 1);
    }

    #[test]
    fn the_grid_spans_the_cells_present() {
        let mut bounds = Bounds::default();
        bounds.add(3, 2);
        assert_eq!(bounds.cells(), 1);
        bounds.add(65_535, 255);
        assert_eq!(bounds.cells(), 65_533 * 254);
    }
}
