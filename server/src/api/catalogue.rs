//! The recommendation catalogue as open data.

use app::catalogue::{store, Recommendation};
use app::state::AppState;
use axum::{
    extract::{Path, Query, State},
    Json,
};

use super::error::{ApiError, ErrorBody};
use super::pagination::{paginate, Page, PageQuery};

/// All 100 recommendations of the catalogue, in the report's order.
#[utoipa::path(
    get,
    path = "/api/v1/recommendations",
    tag = "catalogue",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of recommendations; the total is in X-Total-Count and the other pages in Link", body = Vec<Recommendation>),
        (status = 400, description = "`page` or `per_page` is not a whole number in range", body = ErrorBody),
    )
)]
pub async fn list_recommendations(
    State(state): State<AppState>,
    Query(page): Query<PageQuery>,
) -> Result<Page<Recommendation>, ApiError> {
    paginate(
        store::recommendations(&state.db).await?,
        &page,
        "/api/v1/recommendations",
    )
}

/// One recommendation by its code, such as `SPR-2` (in any case).
#[utoipa::path(
    get,
    path = "/api/v1/recommendations/{code}",
    tag = "catalogue",
    params(("code" = String, Path, description = "The recommendation's code, `GROUP-N`", example = "MEV-5")),
    responses(
        (status = 200, description = "The recommendation", body = Recommendation),
        (status = 404, description = "No recommendation has this code", body = ErrorBody),
    )
)]
pub async fn get_recommendation(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Recommendation>, ApiError> {
    store::recommendation(&state.db, &code)
        .await?
        .map(Json)
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "no recommendation has the code {code:?}; codes look like POL-1 or MEV-16"
            ))
        })
}
