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
use super::error::{ApiError, ErrorBody};
use super::pagination::{paginate, Page, PageQuery};

/// Every country, with the number of commitments in its published plans.
#[utoipa::path(
    get,
    path = "/api/v1/countries",
    tag = "plans",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of countries, by name", body = Vec<CountrySummary>),
        (status = 400, description = "`page` or `per_page` is not a whole number in range", body = ErrorBody),
    )
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/countries/{iso3}/commitments",
    tag = "plans",
    params(
        ("iso3" = String, Path, description = "ISO 3166-1 alpha-3 code, in any case", example = "KEN"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "A page of the country's commitments", body = Vec<Commitment>),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No country has this code", body = ErrorBody),
    ),
    security((), ("token" = []))
)]
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

/// One commitment with its targets and its whole progress history, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/commitments/{id}",
    tag = "plans",
    params(("id" = i32, Path, description = "The commitment's number")),
    responses(
        (status = 200, description = "The commitment and its updates", body = CommitmentDetail),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No public commitment has this number", body = ErrorBody),
    ),
    security((), ("token" = []))
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/commitments/{id}/updates",
    tag = "progress",
    params(("id" = i32, Path, description = "The commitment's number")),
    request_body(content = UpdateInput, description = "Only `status` is required; send `version` to be told when someone else changed the commitment first"),
    responses(
        (status = 201, description = "The stored update", body = Update),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 403, description = "The token's account may not report on this commitment", body = ErrorBody),
        (status = 404, description = "No commitment has this number", body = ErrorBody),
        (status = 409, description = "`version` is outdated; `current_version` says the version now", body = ErrorBody),
        (status = 422, description = "Invalid values, each named in `fields`", body = ErrorBody),
    ),
    security(("token" = []))
)]
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
