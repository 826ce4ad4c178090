//! `nap-tracker template` and `nap-tracker import`: the progress spreadsheet round trip from
//! the command line, for a server operator loading a ministry's file.

use std::path::PathBuf;

use app::accounts::Actor;
use app::imports::store::{self, Destination, ImportError, Upload};
use app::imports::{ImportOptions, Language, Preview};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde_json::json;

use super::Printed;

pub async fn template(
    db: &DatabaseConnection,
    country: &str,
    owner: &str,
    out: &PathBuf,
    lang: &str,
) -> Result<String, String> {
    let language = Language::parse(lang)
        .ok_or_else(|| format!("--lang {lang}: the template is written in en, fr or es"))?;
    let to = Destination {
        iso3: country,
        owner_code: owner,
    };
    let bytes = app::imports::template::for_owner(db, &Actor::Operator, to, language)
        .await
        .map_err(|e| e.to_string())?;
    std::fs::write(out, bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(format!("wrote the progress template to {}", out.display()))
}

pub struct ImportArgs {
    pub file: PathBuf,
    pub country: String,
    pub owner: String,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub json: bool,
}

/// Imports (or with `dry_run` only checks) a file. Exit code 2 when the file has errors:
/// nothing is written then.
pub async fn import(db: &DatabaseConnection, args: ImportArgs) -> Result<Printed, String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let upload = Upload {
        file_name,
        bytes: bytes.into(),
    };
    let to = Destination {
        iso3: &args.country,
        owner_code: &args.owner,
    };
    let options = ImportOptions {
        sheet: args.sheet,
        ..Default::default()
    };
    let limits = crate::config::import_limits()?;
    let today = Utc::now().date_naive();
    let outcome = if args.dry_run {
        store::preview(db, &Actor::Operator, to, &upload, &options, limits, today)
            .await
            .map(|p| (p, None))
    } else {
        store::commit(db, &Actor::Operator, to, &upload, &options, limits, today).await
    };
    let (preview, batch) = match outcome {
        Ok(done) => done,
        Err(ImportError::Database(e)) => return Err(format!("database error: {e}")),
        Err(other) => return Err(other.to_string()),
    };
    let code = if preview.is_clean() { 0 } else { 2 };
    let text = if args.json {
        report_json(&preview, batch, args.dry_run)
    } else {
        report_text(&preview, batch, args.dry_run)
    };
    Ok(Printed { text, code })
}

/// The same shape as the API's answer.
fn report_json(preview: &Preview, batch: Option<i32>, dry_run: bool) -> String {
    json!({
        "dry_run": dry_run,
        "batch": batch,
        "rows_read": preview.counts.rows_read,
        "accepted": preview.counts.accepted,
        "unchanged": preview.counts.unchanged,
        "rejected": preview.counts.rejected,
        "missing_columns": preview.missing.iter().map(|f| f.header()).collect::<Vec<_>>(),
        "errors": preview.errors.iter().map(|e| json!({
            "sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message,
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

fn report_text(preview: &Preview, batch: Option<i32>, dry_run: bool) -> String {
    let c = preview.counts;
    let mut lines = vec![format!(
        "{}, sheet '{}' (header on row {}): {} rows read, {} to import, {} unchanged, {} with errors",
        preview.file_name, preview.sheet, preview.header_row, c.rows_read, c.accepted, c.unchanged, c.rejected
    )];
    for field in &preview.missing {
        lines.push(format!(
            "no column was recognised as '{}'; rename its header to '{}'",
            field.header(),
            field.header()
        ));
    }
    lines.extend(preview.errors.iter().map(ToString::to_string));
    lines.push(match (batch, dry_run, preview.is_clean()) {
        (Some(id), _, _) => format!("imported as batch {id}"),
        (None, true, true) => "dry run: nothing was written".to_owned(),
        _ => "nothing was written: fix the rows above and import the file again".to_owned(),
    });
    lines.join("\n")
}
