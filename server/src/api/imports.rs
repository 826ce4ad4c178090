//! `POST /api/v1/imports?owner=CODE[&country=ISO3][&dry_run=true][&sheet=NAME]`: a ministry's
//! system sends a progress spreadsheet (multipart field `file`) and gets the same report as
//! the preview page. Nothing is written unless every row passes.

use app::accounts::{Actor, Role};
use app::imports::store::{self, Destination, ImportError, Upload};
use app::imports::{ImportOptions, Preview, Problem};
use app::refusal::{FieldError, Refusal};
use app::state::AppState;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::bearer::Bearer;
use super::error::{ApiError, ErrorBody};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The code of the ministry or agency the file reports for, such as MOH.
    owner: String,
    /// Needed only when the caller reports for owners with this code in several countries.
    country: Option<String>,
    /// Only check the file: nothing is written.
    #[serde(default)]
    dry_run: bool,
    /// The sheet to read, when the file has several with a progress header.
    sheet: Option<String>,
}

/// What an import found and did.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    dry_run: bool,
    /// The batch the updates were recorded in; `null` for a dry run or a file with errors.
    batch: Option<i32>,
    rows_read: usize,
    accepted: usize,
    unchanged: usize,
    rejected: usize,
    /// Required columns no header was recognised for.
    missing_columns: Vec<&'static str>,
    errors: Vec<Problem>,
}

/// 201 when imported, 200 for a clean dry run, 422 with every error when the file cannot be
/// imported (nothing is written then).
#[utoipa::path(
    post,
    path = "/api/v1/imports",
    tag = "progress",
    params(ImportQuery),
    responses(
        (status = 201, description = "Every row was checked and the updates recorded in one batch", body = ImportReport),
        (status = 200, description = "A dry run found no error", body = ImportReport),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 403, description = "The token's account may not report for this owner", body = ErrorBody),
        (status = 413, description = "The file is larger than the server accepts", body = ErrorBody),
        (status = 422, description = "The file has errors, each named by sheet, row and column; nothing was written", body = ImportReport),
    ),
    security(("token" = []))
)]
pub async fn post_import(
    State(state): State<AppState>,
    Query(query): Query<ImportQuery>,
    caller: Bearer,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<ImportReport>), ApiError> {
    let actor = caller.required()?;
    let multipart = multipart.map_err(|rejection| {
        ApiError::BadBody(
            rejection.status(),
            format!(
                "send the spreadsheet as multipart/form-data in a field named 'file' ({})",
                rejection.body_text()
            ),
        )
    })?;
    let upload = read_file(multipart).await?;
    let country = match query.country {
        Some(country) => country,
        None => home_country(&actor, &query.owner)?,
    };
    let to = Destination {
        iso3: &country,
        owner_code: &query.owner,
    };
    let options = ImportOptions {
        sheet: query.sheet,
        ..ImportOptions::default()
    };
    let (limits, today) = (state.import_limits, Utc::now().date_naive());
    let outcome = if query.dry_run {
        store::preview(&state.db, &actor, to, &upload, &options, limits, today)
            .await
            .map(|p| (p, None))
    } else {
        store::commit(&state.db, &actor, to, &upload, &options, limits, today).await
    };
    let (preview, batch) = match outcome {
        Ok(done) => done,
        Err(ImportError::Unreadable(e)) => {
            return Err(ApiError::Refused(Refusal::Invalid(vec![FieldError::new(
                "file",
                e.to_string(),
            )])))
        }
        Err(ImportError::Refused(refusal)) => return Err(ApiError::Refused(refusal)),
        Err(ImportError::Database(e)) => return Err(ApiError::Database(e)),
    };
    let status = match (preview.is_clean(), batch) {
        (false, _) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, Some(_)) => StatusCode::CREATED,
        (true, None) => StatusCode::OK,
    };
    Ok((status, Json(report(preview, batch, query.dry_run))))
}

fn report(preview: Preview, batch: Option<i32>, dry_run: bool) -> ImportReport {
    ImportReport {
        dry_run,
        batch,
        rows_read: preview.counts.rows_read,
        accepted: preview.counts.accepted,
        unchanged: preview.counts.unchanged,
        rejected: preview.counts.rejected,
        missing_columns: preview.missing.iter().map(|f| f.header()).collect(),
        errors: preview.errors,
    }
}

/// The `file` field of the form.
async fn read_file(mut multipart: Multipart) -> Result<Upload, ApiError> {
    let too_big = |e: axum::extract::multipart::MultipartError| {
        ApiError::BadBody(
            e.status(),
            format!("the upload could not be read: {}", e.body_text()),
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(too_big)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name =
            crate::attachment::safe_file_name(field.file_name().unwrap_or("upload.xlsx"));
        let bytes = field.bytes().await.map_err(too_big)?;
        return Ok(Upload { file_name, bytes });
    }
    Err(ApiError::BadBody(
        StatusCode::UNPROCESSABLE_ENTITY,
        "send the spreadsheet as multipart/form-data in a field named 'file'".into(),
    ))
}

/// The country of the caller's owner with this code, when there is exactly one.
fn home_country(actor: &Actor, owner: &str) -> Result<String, ApiError> {
    let Actor::Person(caller) = actor else {
        return Err(missing_country());
    };
    let code = owner.trim().to_ascii_uppercase();
    let mut countries: Vec<&String> = caller
        .memberships
        .iter()
        .filter(|m| {
            (m.role == Role::FocalPoint && m.owner.as_deref() == Some(code.as_str()))
                || m.role == Role::Coordinator
        })
        .filter_map(|m| m.country.as_ref())
        .collect();
    countries.sort();
    countries.dedup();
    match countries[..] {
        [one] => Ok(one.clone()),
        _ => Err(missing_country()),
    }
}

fn missing_country() -> ApiError {
    ApiError::Refused(Refusal::Invalid(vec![FieldError::new(
        "country",
        "add country=ISO3 to the address: the owner code alone does not say which country",
    )]))
}
