//! Reading and checking an uploaded file against the plan, before anything is written.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::super::check::{check, CommitmentFacts, Group, Importer};
use super::super::columns::{find_layout, Layout, Remembered};
use super::super::entities::import_mapping;
use super::super::rows::{column_name, parse, ParsedRow};
use super::super::{
    ColumnChoice, Counts, Field, ImportOptions, Outcome, Preview, PreviewRow, Problem,
};
use super::facts::{add_recorded, plan_facts};
use super::{ImportError, Upload};
use crate::plans::entities::owner;
use crate::spreadsheets::{self, Limits, ReadError, Sheet, Workbook};

/// Reads and checks the file: the preview, the updates it makes, and its format's name.
pub(super) async fn analyse(
    db: &DatabaseConnection,
    owner: &owner::Model,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
) -> Result<(Preview, Vec<Group>, String), ImportError> {
    let name = upload.file_name.clone();
    let bytes = upload.bytes.clone();
    // Reading is CPU work of up to seconds: it must not hold up the server's other requests.
    // Meanwhile the plan is read from the database.
    let reading = tokio::task::spawn_blocking(move || spreadsheets::read(&name, &bytes, &limits));
    let (read, known) = tokio::join!(reading, plan_facts(db, owner.country_id));
    let workbook = read.map_err(|_| ReadError {
        file: upload.file_name.clone(),
        problem: "the file could not be read; save it again and upload the new copy".into(),
    })??;
    let mut facts = known?;
    let remembered = remembered(db, owner.id).await?;
    let (sheet_index, mut layout) =
        choose_sheet(&upload.file_name, &workbook, options, &remembered)?;
    let format = format!("{:?}", workbook.format).to_lowercase();
    let sheet = &workbook.sheets[sheet_index];
    let (mut rows, left_out) = parse(sheet, &layout);
    // From here on only the header row is needed: the cells go before the plan is checked,
    // which holds the most memory.
    let sheet = Sheet {
        name: sheet.name.clone(),
        rows: vec![sheet.rows[layout.header_index].clone()],
    };
    layout.header_index = 0;
    drop(workbook);
    add_recorded(db, owner.country_id, &mut facts, &rows, today).await?;
    let importer = Importer {
        owner_id: owner.id,
        owner_code: &owner.code,
        today,
    };
    let groups = if layout.missing().is_empty() {
        check(&mut rows, &facts, &importer)
    } else {
        Vec::new()
    };
    let mut preview = describe(&upload.file_name, &sheet, &layout, &rows, &groups, &facts);
    preview.left_out = left_out;
    Ok((preview, groups, format))
}

/// The sheet to import and its layout: the one named in `options`, else the one whose header
/// names the most fields; columns mapped by hand take precedence.
fn choose_sheet(
    file_name: &str,
    workbook: &Workbook,
    options: &ImportOptions,
    remembered: &Remembered,
) -> Result<(usize, Layout), ImportError> {
    let fail = |problem: String| {
        ImportError::Unreadable(ReadError {
            file: file_name.to_owned(),
            problem,
        })
    };
    let names = || {
        workbook
            .sheets
            .iter()
            .map(|s| format!("'{}'", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let layouts: Vec<Layout> = workbook
        .sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            options
                .sheet
                .as_ref()
                .is_none_or(|wanted| workbook.sheets[*i].name == *wanted)
        })
        .filter(|(_, sheet)| !sheet.rows.is_empty())
        .map(|(i, sheet)| {
            find_layout(i, sheet, remembered).unwrap_or(Layout {
                sheet: i,
                header_index: 0,
                columns: Default::default(),
            })
        })
        .collect();
    if let Some(wanted) = &options.sheet {
        if !workbook.sheets.iter().any(|s| s.name == *wanted) {
            return Err(fail(format!(
                "there is no sheet '{wanted}'; the file has {}",
                names()
            )));
        }
    }
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
            .ok_or_else(|| fail("the file has no rows with data".into()))?,
        _ => {
            let sheets: Vec<String> = tied
                .iter()
                .map(|l| format!("'{}'", workbook.sheets[l.sheet].name))
                .collect();
            return Err(fail(format!(
                "sheets {} all hold progress columns; choose the sheet to import",
                sheets.join(" and ")
            )));
        }
    };
    for (field, column) in &options.mapping {
        layout.columns.insert(*field, *column);
    }
    Ok((layout.sheet, layout))
}

/// The preview of checked rows.
fn describe(
    file_name: &str,
    sheet: &Sheet,
    layout: &Layout,
    rows: &[ParsedRow],
    groups: &[Group],
    facts: &HashMap<i32, CommitmentFacts>,
) -> Preview {
    let unchanged: HashSet<i32> = groups
        .iter()
        .filter(|g| g.unchanged && g.update.is_some())
        .map(|g| g.current.id)
        .collect();
    let mut counts = Counts::default();
    let mut errors = Vec::new();
    let mut preview_rows = Vec::with_capacity(rows.len());
    for row in rows {
        counts.rows_read += 1;
        let outcome = if !row.problems.is_empty() {
            counts.rejected += 1;
            Outcome::Rejected
        } else if row.commitment.is_some_and(|id| unchanged.contains(&id)) {
            counts.unchanged += 1;
            Outcome::Unchanged
        } else {
            counts.accepted += 1;
            Outcome::Create
        };
        for (field, message) in &row.problems {
            errors.push(Problem {
                sheet: sheet.name.clone(),
                row: row.number,
                column: field
                    .and_then(|f| layout.columns.get(&f))
                    .map(|c| column_name(sheet, layout, *c)),
                message: message.clone(),
            });
        }
        preview_rows.push(PreviewRow {
            row: row.number,
            commitment_id: row.commitment,
            target_id: row.target,
            title: row
                .commitment
                .and_then(|id| facts.get(&id))
                .map(|f| f.title.clone())
                .unwrap_or_default(),
            status: row.status,
            percent_complete: row.percent,
            outcome,
            problems: row.problems.iter().map(|(_, m)| m.clone()).collect(),
        });
    }
    let header = &sheet.rows[layout.header_index];
    Preview {
        file_name: file_name.to_owned(),
        sheet: sheet.name.clone(),
        header_row: header.number,
        columns: layout
            .columns
            .iter()
            .map(|(field, column)| ColumnChoice {
                field: *field,
                column: column_name(sheet, layout, *column),
            })
            .collect(),
        headers: (0..header.cells.len())
            .filter(|c| !header.cell(*c).is_empty())
            .map(|c| (c, column_name(sheet, layout, c)))
            .collect(),
        missing: layout.missing(),
        rows: preview_rows,
        counts,
        errors,
        left_out: 0,
    }
}

/// The owner's remembered header mappings.
async fn remembered(db: &DatabaseConnection, owner_id: i32) -> Result<Remembered, DbErr> {
    Ok(import_mapping::Entity::find()
        .filter(import_mapping::Column::OwnerId.eq(owner_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Field::parse(&m.field).map(|f| (m.header, f)))
        .collect())
}
