//! Reading an uploaded file into parsed rows: the sheet and its header are chosen from the
//! first rows of every sheet, then the chosen sheet is read row by row below its header, with
//! only the mapped columns, so a large file is never held as cells.

use std::ops::ControlFlow;

use super::columns::{find_layout, Layout, Remembered, HEADER_SEARCH_ROWS};
use super::rows::{parse_row, Keep, ParsedRow};
use super::ImportOptions;
use crate::spreadsheets::{Book, Format, Limits, ReadError, Row, Sheet};

/// What was read of a file.
pub(super) struct Read {
    pub format: Format,
    pub sheet: String,
    pub header: Row,
    pub layout: Layout,
    /// The rows below the header with something reported, in the file's order.
    pub rows: Vec<ParsedRow>,
    /// Rows below the header with nothing reported, such as a template's unused rows.
    pub left_out: usize,
}

/// Reads `bytes`, uploaded as `file_name`, as `options` say, keeping what `keep` says of
/// each row's texts.
pub(super) fn read(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
    options: &ImportOptions,
    remembered: &Remembered,
    keep: Keep,
) -> Result<Read, ReadError> {
    let mut book = Book::open(file_name, bytes, limits)?;
    let heads = book.heads(HEADER_SEARCH_ROWS)?;
    let layout = choose_sheet(&heads, options, remembered).map_err(|problem| ReadError {
        file: file_name.to_owned(),
        problem,
    })?;
    let head = &heads[layout.sheet];
    let header = head.rows[layout.header_index].clone();
    // Room for the rows the sheet declares below its header, up to the row limit: grown by
    // doubling, a hundred thousand rows would for a moment take room for three times as many.
    let declared = book.declared_rows(layout.sheet).unwrap_or(0);
    let mut rows = Vec::with_capacity(
        declared
            .saturating_sub(header.number as usize)
            .min(limits.max_rows),
    );
    let mut left_out = 0;
    let columns: Vec<usize> = layout.columns.values().copied().collect();
    book.each_row(layout.sheet, header.number, Some(&columns), |row| {
        match parse_row(row, &layout, keep) {
            Some(parsed) => rows.push(parsed),
            None => left_out += 1,
        }
        ControlFlow::Continue(())
    })?;
    Ok(Read {
        format: book.format(),
        sheet: head.name.clone(),
        header,
        layout,
        rows,
        left_out,
    })
}

/// The sheet to import and its layout: the one named in `options`, else the one whose header
/// names the most fields; columns mapped by hand take precedence. `heads` holds the first
/// rows of every sheet.
fn choose_sheet(
    heads: &[Sheet],
    options: &ImportOptions,
    remembered: &Remembered,
) -> Result<Layout, String> {
    let names = || {
        heads
            .iter()
            .map(|s| format!("'{}'", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = &options.sheet {
        if !heads.iter().any(|s| s.name == *wanted) {
            return Err(format!(
                "there is no sheet '{wanted}'; the file has {}",
                names()
            ));
        }
    }
    let layouts: Vec<Layout> = heads
        .iter()
        .enumerate()
        .filter(|(_, sheet)| options.sheet.as_ref().is_none_or(|w| sheet.name == *w))
        .filter(|(_, sheet)| !sheet.rows.is_empty())
        .map(|(i, sheet)| {
            find_layout(i, sheet, remembered).unwrap_or(Layout {
                sheet: i,
                header_index: 0,
                columns: Default::default(),
            })
        })
        .collect();
    let complete: Vec<&Layout> = layouts.iter().filter(|l| l.missing().is_empty()).collect();
    let best = complete.iter().map(|l| l.columns.len()).max();
    let tied: Vec<&&Layout> = complete
        .iter()
        .filter(|l| Some(l.columns.len()) == best)
        .collect();
    let mut layout = match tied[..] {
        [one] => (*one).clone(),
        [] => layouts
            .iter()
            .max_by_key(|l| l.columns.len())
            .cloned()
            .ok_or_else(|| "the file has no rows with data".to_owned())?,
        _ => {
            let sheets: Vec<String> = tied
                .iter()
                .map(|l| format!("'{}'", heads[l.sheet].name))
                .collect();
            return Err(format!(
                "sheets {} all hold progress columns; choose the sheet to import",
                sheets.join(" and ")
            ));
        }
    };
    for (field, column) in &options.mapping {
        layout.columns.insert(*field, *column);
    }
    Ok(layout)
}
