//! The Commission's review, read by anyone: reviewers' decisions on a commitment's updates,
//! the assessments of reviewers and civil society, and the review cycles with the snapshots
//! they keep.

use app::civil_society::ShadowAssessment;
use app::cycles::{self, Cycle, CycleView};
use app::plans::{store, CommitmentDetail};
use app::progress::Review;
use app::review::Assessment;
use app::state::AppState;
use axum::{
    extract::{Path, Query, State},
    Json,
};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::bearer::Bearer;
use super::error::{ApiError, ErrorBody};
use super::pagination::{paginate, Page, PageQuery};

/// Where one progress update stands in review.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReviewRecord {
    pub update_id: i32,
    /// The day the update reports on.
    pub reporting_date: NaiveDate,
    /// `submitted` (self-reported, awaiting review), `approved` or `returned`.
    pub review_state: String,
    /// Who approved or returned it, when, and why; null while it awaits review.
    pub review: Option<Review>,
}

/// Every judgement of a commitment besides the ministry's own, newest first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Assessments {
    /// Reviewers' assessments: the first is the reviewers' current word.
    pub reviewers: Vec<Assessment>,
    /// Approved civil-society organisations' assessments.
    pub civil_society: Vec<ShadowAssessment>,
}

async fn detail(state: &AppState, id: i32, viewer: &Bearer) -> Result<CommitmentDetail, ApiError> {
    let today = Utc::now().date_naive();
    store::commitment_detail(&state.db, id, viewer.0.as_ref(), today)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("there is no public commitment {id}")))
}

/// The review state of each of a commitment's progress updates, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/commitments/{id}/reviews",
    tag = "review",
    params(("id" = i32, Path, description = "The commitment's number")),
    responses(
        (status = 200, description = "Each update's review, newest update first", body = Vec<ReviewRecord>),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No public commitment has this number", body = ErrorBody),
    ),
    security((), ("token" = []))
)]
pub async fn reviews(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    viewer: Bearer,
) -> Result<Json<Vec<ReviewRecord>>, ApiError> {
    let found = detail(&state, id, &viewer).await?;
    Ok(Json(
        found
            .updates
            .into_iter()
            .map(|u| ReviewRecord {
                update_id: u.id,
                reporting_date: u.reporting_date,
                review_state: u.review_state,
                review: u.review,
            })
            .collect(),
    ))
}

/// The assessments of a commitment by the Commission's reviewers and by civil society.
#[utoipa::path(
    get,
    path = "/api/v1/commitments/{id}/assessments",
    tag = "review",
    params(("id" = i32, Path, description = "The commitment's number")),
    responses(
        (status = 200, description = "Reviewers' and civil society's assessments, newest first", body = Assessments),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No public commitment has this number", body = ErrorBody),
    ),
    security((), ("token" = []))
)]
pub async fn assessments(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    viewer: Bearer,
) -> Result<Json<Assessments>, ApiError> {
    let found = detail(&state, id, &viewer).await?;
    Ok(Json(Assessments {
        reviewers: found.assessments,
        civil_society: found.civil_society,
    }))
}

/// Every review cycle, the newest first.
#[utoipa::path(
    get,
    path = "/api/v1/cycles",
    tag = "review",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of review cycles", body = Vec<Cycle>),
        (status = 400, description = "`page` or `per_page` is not a whole number in range", body = ErrorBody),
    )
)]
pub async fn list_cycles(
    State(state): State<AppState>,
    Query(page): Query<PageQuery>,
) -> Result<Page<Cycle>, ApiError> {
    paginate(
        cycles::read::cycles(&state.db).await?,
        &page,
        "/api/v1/cycles",
    )
}

/// A review cycle, with how each country's commitments stood when it closed.
#[utoipa::path(
    get,
    path = "/api/v1/cycles/{id}",
    tag = "review",
    params(("id" = i32, Path, description = "The cycle's number")),
    responses(
        (status = 200, description = "The cycle and a tally per country (empty while open)", body = CycleView),
        (status = 404, description = "No review cycle has this number", body = ErrorBody),
    )
)]
pub async fn cycle(
    State(state): State<AppState>,
    Path(id): Path<i32>,
) -> Result<Json<CycleView>, ApiError> {
    cycles::read::view(&state.db, id)
        .await?
        .map(Json)
        .ok_or_else(|| no_cycle(id))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountryFilter {
    /// One country only: its ISO 3166-1 alpha-3 code.
    country: Option<String>,
}

/// The commitments a closed cycle kept, each its whole record as it stood when the cycle
/// closed: updates, reviewers' and civil society's assessments.
#[utoipa::path(
    get,
    path = "/api/v1/cycles/{id}/commitments",
    tag = "review",
    params(("id" = i32, Path, description = "The cycle's number"), CountryFilter, PageQuery),
    responses(
        (status = 200, description = "A page of the kept commitments, by country and reference", body = Vec<CommitmentDetail>),
        (status = 400, description = "`page` or `per_page` is not a whole number in range", body = ErrorBody),
        (status = 404, description = "No review cycle has this number, or it is still open", body = ErrorBody),
    )
)]
pub async fn cycle_commitments(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    Query(country): Query<CountryFilter>,
    Query(page): Query<PageQuery>,
) -> Result<Page<CommitmentDetail>, ApiError> {
    let found = cycles::read::cycle(&state.db, id)
        .await?
        .ok_or_else(|| no_cycle(id))?;
    if !found.is_closed() {
        return Err(ApiError::NotFound(format!(
            "the review cycle {:?} is still open: its snapshot is taken when it closes",
            found.name
        )));
    }
    let only = country.country.filter(|c| !c.trim().is_empty());
    let records = cycles::read::records(&state.db, id, only.as_deref()).await?;
    let mut path = format!("/api/v1/cycles/{id}/commitments");
    if let Some(iso3) = only {
        // Only letters and digits go into the Link header, whatever was typed.
        let code: String = iso3.chars().filter(char::is_ascii_alphanumeric).collect();
        path.push_str(&format!("?country={}", code.to_ascii_uppercase()));
    }
    paginate(records, &page, &path)
}

fn no_cycle(id: i32) -> ApiError {
    ApiError::NotFound(format!("there is no review cycle {id}; see /api/v1/cycles"))
}
