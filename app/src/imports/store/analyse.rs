//! Reading and checking an uploaded file against the plan, before anything is written.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::super::check::{check, Importer, Pending};
use super::super::columns::Remembered;
use super::super::entities::import_mapping;
use super::super::reading::{self, Read};
use super::super::rows::{column_name, Keep};
use super::super::{
    ColumnChoice, Counts, Field, ImportOptions, Outcome, Preview, PreviewRow, Problem, PREVIEW_ROWS,
};
use super::facts::{add_recorded, plan_facts, titles};
use super::{ImportError, Upload};
use crate::plans::entities::owner;
use crate::spreadsheets::{Limits, ReadError};

/// Reads and checks the file: the preview, the updates it makes (with [`Keep::Texts`]; none
/// otherwise), and its format's name.
pub(super) async fn analyse(
    db: &DatabaseConnection,
    owner: &owner::Model,
    upload: &Upload,
    options: &ImportOptions,
    limits: Limits,
    today: NaiveDate,
    keep: Keep,
) -> Result<(Preview, Vec<Pending>, String), ImportError> {
    let remembered = remembered(db, owner.id).await?;
    let name = upload.file_name.clone();
    let bytes = upload.bytes.clone();
    let chosen = options.clone();
    // Reading is CPU work of up to seconds: it must not hold up the server's other requests.
    // Meanwhile the plan is read from the database.
    let reading = tokio::task::spawn_blocking(move || {
        reading::read(&name, &bytes, &limits, &chosen, &remembered, keep)
    });
    let (read, plan) = tokio::join!(reading, plan_facts(db, owner.country_id));
    let mut read = read.map_err(|_| ReadError {
        file: upload.file_name.clone(),
        problem: "the file could not be read; save it again and upload the new copy".into(),
    })??;
    let mut plan = plan?;
    add_recorded(db, owner.country_id, &mut plan, &read.rows, today).await?;
    let importer = Importer {
        owner_id: owner.id,
        owner_code: &owner.code,
        today,
    };
    let pending = if read.layout.missing().is_empty() {
        check(&mut read.rows, &plan, &importer, keep)
    } else {
        Vec::new()
    };
    drop(plan);
    let shown: Vec<i32> = read
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .filter_map(|r| r.commitment)
        .collect();
    let titles = titles(db, shown).await?;
    let preview = describe(&upload.file_name, &read, &titles);
    Ok((
        preview,
        pending,
        format!("{:?}", read.format).to_lowercase(),
    ))
}

/// The preview of checked rows.
fn describe(file_name: &str, read: &Read, titles: &HashMap<i32, String>) -> Preview {
    let (sheet, header, layout) = (&read.sheet, &read.header, &read.layout);
    let mut counts = Counts::default();
    let mut errors = Vec::new();
    let mut preview_rows = Vec::new();
    for row in &read.rows {
        counts.rows_read += 1;
        let outcome = if !row.problems.is_empty() {
            counts.rejected += 1;
            Outcome::Rejected
        } else if row.unchanged {
            counts.unchanged += 1;
            Outcome::Unchanged
        } else {
            counts.accepted += 1;
            Outcome::Create
        };
        for (field, message) in row.problems.iter() {
            errors.push(Problem {
                sheet: sheet.clone(),
                row: row.number,
                column: field
                    .and_then(|f| layout.columns.get(&f))
                    .map(|c| column_name(header, *c)),
                message: message.clone(),
            });
        }
        if preview_rows.len() == PREVIEW_ROWS {
            continue;
        }
        preview_rows.push(PreviewRow {
            row: row.number,
            commitment_id: row.commitment,
            target_id: row.target,
            title: row
                .commitment
                .and_then(|id| titles.get(&id))
                .cloned()
                .unwrap_or_default(),
            status: row.status,
            percent_complete: row.percent,
            outcome,
            problems: row.problems.iter().map(|(_, m)| m.clone()).collect(),
        });
    }
    Preview {
        file_name: file_name.to_owned(),
        sheet: sheet.clone(),
        header_row: header.number,
        columns: layout
            .columns
            .iter()
            .map(|(field, column)| ColumnChoice {
                field: *field,
                column: column_name(header, *column),
            })
            .collect(),
        headers: (0..header.cells.len())
            .filter(|c| !header.cell(*c).is_empty())
            .map(|c| (c, column_name(header, c)))
            .collect(),
        missing: layout.missing(),
        rows: preview_rows,
        counts,
        errors,
        left_out: read.left_out,
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
