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
use super::template_words::{words, Words};
use super::Language;
use crate::accounts::Actor;
use crate::plans::entities::{action_plan, commitment, country, target};

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

/// The row the header is on (1-based).
pub const HEADER_ROW: u32 = 3;
/// The first of the columns to fill (I), after the IDs and the reference columns.
const FIRST_FILL: u16 = 8;

/// The template for `to`'s owner in `language`: its commitments in the country's plans, by
/// reference.
pub async fn for_owner(
    db: &DatabaseConnection,
    actor: &Actor,
    to: Destination<'_>,
    language: Language,
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
    let text = words(language);
    let title = format!(
        "{}: {} ({}), {}",
        text.title, owner.name, owner.code, country.name
    );
    workbook(text, &title, &rows).map_err(|e| {
        tracing::error!(%e, "writing a template failed");
        ImportError::Refused(crate::refusal::Refusal::Invalid(vec![
            crate::refusal::FieldError::new(
                "template",
                "the template could not be written; please try again",
            ),
        ]))
    })
}

/// The template workbook: the progress sheet, then the instructions.
fn workbook(text: &Words, title: &str, rows: &[TemplateRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let progress = book.add_worksheet();
    progress.set_name(text.progress_sheet)?;
    write_progress(progress, text, title, rows)?;
    let help = book.add_worksheet();
    help.set_name(text.instructions_sheet)?;
    write_instructions(help, text)?;
    book.save_to_buffer()
}

fn write_progress(
    sheet: &mut Worksheet,
    text: &Words,
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
    sheet.write_string(1, 0, text.hint)?;
    let h = HEADER_ROW - 1;
    for (column, name) in (0u16..).zip(text.headers) {
        sheet.write_string_with_format(h, column, name, &header)?;
    }
    let (first_fill, column) = (FIRST_FILL, text.headers.len() as u16);
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
    let status = DataValidation::new()
        .allow_list_strings(&text.statuses)?
        .set_error_title(text.headers[9])?
        .set_error_message(text.choose_status)?;
    let percent = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_error_title(text.headers[10])?
        .set_error_message(text.whole_percent)?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or_default(),
        ))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(text.headers[8])?
        .set_error_message(text.date_example)?;
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

fn write_instructions(sheet: &mut Worksheet, text: &Words) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, line) in (0u32..).zip(text.instructions) {
        if i == 0 {
            sheet.write_string_with_format(i, 0, line, &bold)?;
        } else {
            sheet.write_string(i, 0, line)?;
        }
    }
    sheet.set_column_width(0, 120.0)?;
    Ok(())
}
