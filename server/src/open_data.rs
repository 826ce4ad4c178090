//! Downloads of everything public: `/data/commitments.csv` and `/data/updates.csv` (or
//! `.xlsx`, `.json`), for the whole tracker, or with `?country=KEN` or
//! `?recommendation=SPR-2` for one country or one recommendation. The columns are documented
//! on the "Open data" page.

use app::open_data::store::{commitments, updates, Scope};
use app::open_data::{
    commitment_table, csv, cycle_table, json, update_table, xlsx, Dataset, FORMATS,
};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/data/{file}", get(download))
        .route("/data/cycles/{file}", get(cycle_download))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::conditional::conditional,
        ))
}

#[derive(Deserialize)]
pub struct ScopeQuery {
    country: Option<String>,
    recommendation: Option<String>,
}

async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ScopeQuery>,
) -> Response {
    let chosen = Dataset::ALL.into_iter().find_map(|dataset| {
        file.strip_prefix(dataset.stem())
            .and_then(|rest| rest.strip_prefix('.'))
            .filter(|format| FORMATS.contains(format))
            .map(|format| (dataset, format.to_owned()))
    });
    let Some((dataset, format)) = chosen else {
        return (
            StatusCode::NOT_FOUND,
            "No such file: the downloads are commitments.csv, commitments.xlsx, commitments.json, updates.csv, updates.xlsx and updates.json.",
        )
            .into_response();
    };
    let format = format.as_str();
    let blank = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let scope = match (blank(query.country), blank(query.recommendation)) {
        (None, None) => Scope::All,
        (Some(iso3), None) => Scope::Country(iso3),
        (None, Some(code)) => Scope::Recommendation(code),
        (Some(_), Some(_)) => {
            return (
                StatusCode::BAD_REQUEST,
                "Choose either a country or a recommendation, not both.",
            )
                .into_response()
        }
    };
    let today = chrono::Utc::now().date_naive();
    let found = match dataset {
        Dataset::Commitments => commitments(&state.db, &scope, today)
            .await
            .map(|found| found.map(|c| commitment_table(&c))),
        Dataset::Updates => updates(&state.db, &scope, today)
            .await
            .map(|found| found.map(|h| update_table(&h))),
    };
    let table = match found {
        Ok(Some(table)) => table,
        Ok(None) => {
            let what = match &scope {
                Scope::Country(_) => "country",
                _ => "recommendation",
            };
            return (
                StatusCode::NOT_FOUND,
                format!("There is no {what} {}.", scope.name()),
            )
                .into_response();
        }
        Err(error) => return failed(&error),
    };
    let written = match format {
        "csv" => csv(&table).map_err(|e| e.to_string()),
        "xlsx" => xlsx(&table).map_err(|e| e.to_string()),
        _ => json(&table).map_err(|e| e.to_string()),
    };
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(error) => return failed(&error),
    };
    let media_type = match format {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };
    let file_name = format!("nap-{}-{}.{format}", dataset.stem(), scope.name());
    attachment_response(media_type, &file_name, bytes)
}

/// A download: its type, the name to save it under, and no sniffing of its content.
fn attachment_response(media_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                crate::attachment::attachment(file_name),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct CountryQuery {
    country: Option<String>,
}

/// `/data/cycles/{id}.csv` or `.json`: a closed review cycle's snapshot, whole or for
/// `?country=`. The CSV holds a row per commitment; the JSON each commitment's whole record.
async fn cycle_download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<CountryQuery>,
) -> Response {
    let Some((id, format)) = file
        .split_once('.')
        .and_then(|(id, format)| Some((id.parse::<i32>().ok()?, format)))
        .filter(|(_, format)| ["csv", "json"].contains(format))
    else {
        return (
            StatusCode::NOT_FOUND,
            "No such file: a review cycle's snapshot is /data/cycles/{id}.csv or /data/cycles/{id}.json.",
        )
            .into_response();
    };
    let cycle = match app::cycles::read::cycle(&state.db, id).await {
        Ok(Some(cycle)) if cycle.is_closed() => cycle,
        Ok(Some(cycle)) => {
            return (
                StatusCode::NOT_FOUND,
                format!(
                    "The review cycle \"{}\" is still open: its snapshot is taken when it closes.",
                    cycle.name
                ),
            )
                .into_response()
        }
        Ok(None) => {
            return (
                StatusCode::NOT_FOUND,
                format!("There is no review cycle {id}."),
            )
                .into_response()
        }
        Err(error) => return failed(&error),
    };
    let country = query.country.filter(|c| !c.trim().is_empty());
    let records = match app::cycles::read::records(&state.db, id, country.as_deref()).await {
        Ok(records) => records,
        Err(error) => return failed(&error),
    };
    let written = if format == "csv" {
        csv(&cycle_table(&records)).map_err(|e| e.to_string())
    } else {
        serde_json::to_vec_pretty(&serde_json::json!({ "cycle": cycle, "commitments": records }))
            .map_err(|e| e.to_string())
    };
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(error) => return failed(&error),
    };
    let media_type = if format == "csv" {
        "text/csv; charset=utf-8"
    } else {
        "application/json"
    };
    let scope = country.map_or_else(|| "all".to_owned(), |c| c.trim().to_ascii_uppercase());
    attachment_response(
        media_type,
        &format!("nap-cycle-{id}-{scope}.{format}"),
        bytes,
    )
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "open data download failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "The download could not be prepared. Please try again later.",
    )
        .into_response()
}
