//! The recommendation catalogue as open data.

use app::catalogue::{store, Recommendation};
use app::state::AppState;
use axum::{
    extract::{Path, Query, State},
    Json,
};

use super::error::ApiError;
use super::pagination::{paginate, Page, PageQuery};

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
