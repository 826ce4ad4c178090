//! The progress template: an xlsx pre-filled with one owner's commitments, one row per
//! commitment and target, with the IDs in protected columns and the columns to fill guarded
//! by a status dropdown and validation of % and dates.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatBorder, Workbook,
    Worksheet, XlsxError,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::store::{owner_for, Destination, ImportError};
use super::Field;
use crate::accounts::Actor;
use crate::plans::entities::{action_plan, commitment, country, target};
use crate::plans::Status;

/// One line of the template.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateRow {
    pub commitment_id: i32,
    pub target_id: Option<i32>,
    pub reference: String,
    pub title: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub indicator: String,
    pub target_value: Option<f64>,
}

/// The sheet people fill in, and the row its header is on (1-based).
pub const PROGRESS_SHEET: &str = "Progress";
pub const HEADER_ROW: u32 = 3;
/// The reference columns written before the columns to fill.
const REFERENCE: [&str; 6] = [
    "Reference",
    "Commitment",
    "Start",
    "End",
    "Target indicator",
    "Target value",
];
/// The columns to fill, in order.
const TO_FILL: [Field; 6] = [
    Field::ReportingDate,
    Field::Status,
    Field::Percent,
    Field::Value,
    Field::Narrative,
    Field::Evidence,
];

/// The template for `to`'s owner: its commitments in the country's plans, by reference.
pub async fn for_owner(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
) -> Result<Vec<u8>, ImportError> {
    let owner = owner_for(db, actor, &to).await?;
    let country = country::Entity::find_by_id(owner.country_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            crate::refusal::Refusal::NotFound(format!("there is no country {}", to.iso3))
        })?;
    let plans: Vec<i32> = action_plan::Entity::find()
        .filter(action_plan::Column::CountryId.eq(country.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let commitments = commitment::Entity::find()
        .filter(commitment::Column::PlanId.is_in(plans))
        .filter(commitment::Column::LeadOwnerId.eq(owner.id))
        .order_by_asc(commitment::Column::Reference)
        .all(db)
        .await?;
    // All targets in one query per 500 commitments, rather than one query per commitment.
    let ids: Vec<i32> = commitments.iter().map(|c| c.id).collect();
    let mut targets_of: HashMap<i32, Vec<target::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for t in target::Entity::find()
            .filter(target::Column::CommitmentId.is_in(chunk.iter().copied()))
            .order_by_asc(target::Column::Id)
            .all(db)
            .await?
        {
            targets_of.entry(t.commitment_id).or_default().push(t);
        }
    }
    let mut rows = Vec::new();
    for c in commitments {
        let targets = targets_of.remove(&c.id).unwrap_or_default();
        let base = TemplateRow {
            commitment_id: c.id,
            target_id: None,
            reference: c.reference.clone(),
            title: c.title.clone(),
            start_date: c.start_date,
            end_date: c.end_date,
            indicator: String::new(),
            target_value: None,
        };
        if targets.is_empty() {
            rows.push(base.clone());
        }
        for t in targets {
            rows.push(TemplateRow {
                target_id: Some(t.id),
                indicator: if t.unit.is_empty() {
                    t.indicator
                } else {
                    format!("{} ({})", t.indicator, t.unit)
                },
                target_value: t.target_value,
                ..base.clone()
            });
        }
    }
    let title = format!(
        "Progress report: {} ({}), {}",
        owner.name, owner.code, country.name
    );
    workbook(&title, &rows).map_err(|e| {
        tracing::error!(%e, "writing a template failed");
        ImportError::Refused(crate::refusal::Refusal::Invalid(vec![
            crate::refusal::FieldError::new(
                "template",
                "the template could not be written; please try again",
            ),
        ]))
    })
}

/// The template workbook: instructions, then the progress sheet.
pub fn workbook(title: &str, rows: &[TemplateRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let progress = book.add_worksheet();
    progress.set_name(PROGRESS_SHEET)?;
    write_progress(progress, title, rows)?;
    let help = book.add_worksheet();
    help.set_name("Instructions")?;
    write_instructions(help)?;
    book.save_to_buffer()
}

fn write_progress(
    sheet: &mut Worksheet,
    title: &str,
    rows: &[TemplateRow],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DCE6F0")
        .set_border(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let fill = Format::new().set_unlocked().set_background_color("#FFFDE7");
    let fill_date = fill.clone().set_num_format("yyyy-mm-dd");
    sheet.write_string_with_format(0, 0, title, &bold)?;
    sheet.write_string(
        1,
        0,
        "Fill in the yellow columns, one row per commitment and target; see the Instructions sheet.",
    )?;
    let h = HEADER_ROW - 1;
    let mut column = 0u16;
    for text in [Field::Commitment.header(), Field::Target.header()]
        .into_iter()
        .chain(REFERENCE)
    {
        sheet.write_string_with_format(h, column, text, &header)?;
        column += 1;
    }
    let first_fill = column;
    for field in TO_FILL {
        let text = match field {
            Field::Percent => "% complete (0 to 100)",
            Field::ReportingDate => "Reporting date (YYYY-MM-DD)",
            other => other.header(),
        };
        sheet.write_string_with_format(h, column, text, &header)?;
        column += 1;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = h + 1 + i as u32;
        sheet.write_number(r, 0, row.commitment_id)?;
        if let Some(t) = row.target_id {
            sheet.write_number(r, 1, t)?;
        }
        sheet.write_string(r, 2, &row.reference)?;
        sheet.write_string(r, 3, &row.title)?;
        sheet.write_date_with_format(r, 4, row.start_date, &date)?;
        sheet.write_date_with_format(r, 5, row.end_date, &date)?;
        sheet.write_string(r, 6, &row.indicator)?;
        if let Some(v) = row.target_value {
            sheet.write_number(r, 7, v)?;
        }
        for c in first_fill..column {
            let format = if c == first_fill { &fill_date } else { &fill };
            sheet.write_blank(r, c, format)?;
        }
    }
    let last = h + rows.len().max(1) as u32;
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    let status = DataValidation::new()
        .allow_list_strings(&statuses)?
        .set_error_title("Status")?
        .set_error_message("Choose a status from the list.")?;
    let percent = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_error_title("% complete")?
        .set_error_message("Write a whole number from 0 to 100.")?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or_default(),
        ))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("Reporting date")?
        .set_error_message("Write a date such as 2026-06-30.")?;
    sheet.add_data_validation(h + 1, first_fill, last, first_fill, &dates)?;
    sheet.add_data_validation(h + 1, first_fill + 1, last, first_fill + 1, &status)?;
    sheet.add_data_validation(h + 1, first_fill + 2, last, first_fill + 2, &percent)?;
    for (c, width) in [
        8.0, 8.0, 10.0, 40.0, 11.0, 11.0, 30.0, 10.0, 14.0, 22.0, 12.0, 14.0, 50.0, 40.0,
    ]
    .into_iter()
    .enumerate()
    {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(HEADER_ROW, 2)?;
    // Protection keeps the IDs as they are; the columns to fill are unlocked.
    sheet.protect();
    Ok(())
}

fn write_instructions(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let lines = [
        "How to report progress with this file",
        "",
        "1. Each row is one commitment, or one target of a commitment. Do not change the grey columns: the IDs tell the tracker what you report on.",
        "2. Fill in the yellow columns for the commitments you report on; leave the other rows empty (they are skipped).",
        "3. Reporting date: the day your report describes, such as 2026-06-30. Empty means the day you upload.",
        "4. Status: choose from the list (not started, limited, substantial, complete, withdrawn).",
        "5. % complete: a whole number from 0 to 100. A complete commitment is 100.",
        "6. Indicator value: the latest value of the target's indicator, in its unit.",
        "7. Narrative: what was done and what remains. Evidence link: a web address (https://...) of a report or document; several may be separated by spaces.",
        "8. Rows of the same commitment must agree on date, status, % and narrative; each target row carries its own indicator value.",
        "9. Upload the file on your 'My commitments' page. You will see a preview of every row first, and nothing is saved until you confirm.",
        "   Uploading the same file again creates nothing new; an import can be undone from the import history.",
    ];
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            sheet.write_string_with_format(0, 0, *line, &bold)?;
        } else {
            sheet.write_string(i as u32, 0, *line)?;
        }
    }
    sheet.set_column_width(0, 120.0)?;
    Ok(())
}
