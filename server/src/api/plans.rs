//! Countries, their published commitments and progress: read by anyone, written with a token.

use app::plans::{store, Commitment, CommitmentDetail, CountrySummary};
use app::progress::{self, Source, Update, UpdateInput};
use app::state::AppState;
use axum::{
    extract::{rejection::JsonRejection, Path, Query, State},
    http::StatusCode,
    Json,
};
use chrono::Utc;

use super::bearer::Bearer;
use super::error::ApiError;
use super::pagination::{paginate, Page, PageQuery};

pub async fn list_countries(
    State(state): State<AppState>,
    Query(page): Query<PageQuery>,
) -> Result<Page<CountrySummary>, ApiError> {
    paginate(
        store::countries(&state.db).await?,
        &page,
        "/api/v1/countries",
    )
}

/// A country's commitments: those of its published plans, and its drafts too for a token
/// whose account may read them.
pub async fn country_commitments(
    State(state): State<AppState>,
    Path(iso3): Path<String>,
    Query(page): Query<PageQuery>,
    viewer: Bearer,
) -> Result<Page<Commitment>, ApiError> {
    let today = Utc::now().date_naive();
    let country = store::country_plans(&state.db, &iso3, viewer.0.as_ref(), today)
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "there is no country with the code {iso3:?}; see /api/v1/countries"
            ))
        })?;
    let path = format!("/api/v1/countries/{}/commitments", country.iso3);
    paginate(country.commitments, &page, &path)
}

pub async fn commitment(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    viewer: Bearer,
) -> Result<Json<CommitmentDetail>, ApiError> {
    let today = Utc::now().date_naive();
    store::commitment_detail(&state.db, id, viewer.0.as_ref(), today)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("there is no public commitment {id}")))
}

/// Records a progress update: 201 with the stored update.
pub async fn post_update(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    caller: Bearer,
    body: Result<Json<UpdateInput>, JsonRejection>,
) -> Result<(StatusCode, Json<Update>), ApiError> {
    let actor = caller.required()?;
    let Json(input) = body?;
    let today = Utc::now().date_naive();
    let stored = progress::store::record(&state.db, &actor, id, input, Source::Api, today).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}
