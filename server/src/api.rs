//! The open-data API (`/api/v1/…`) and the health check.
//!
//! Responses are JSON; errors are JSON objects with an `error` message, never HTML.

use app::catalogue::{store, Recommendation};
use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde::Serialize;
use tower_http::cors::CorsLayer;

pub fn routes() -> Router<AppState> {
    let open_data = Router::new()
        .route("/recommendations", get(list_recommendations))
        .route("/recommendations/{code}", get(get_recommendation))
        .fallback(unknown_endpoint)
        // Open data: any web page may read it.
        .layer(CorsLayer::permissive());
    Router::new()
        .nest("/api/v1", open_data)
        .route("/healthz", get(healthz))
}

async fn list_recommendations(
    State(state): State<AppState>,
) -> Result<Json<Vec<Recommendation>>, ApiError> {
    Ok(Json(store::recommendations(&state.db).await?))
}

async fn get_recommendation(
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

async fn unknown_endpoint() -> ApiError {
    ApiError::NotFound("no such endpoint; see /api/v1/recommendations".to_owned())
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Debug)]
pub enum ApiError {
    NotFound(String),
    Database(sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Database(error)
    }
}

#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            Self::NotFound(message) => (StatusCode::NOT_FOUND, message),
            Self::Database(error) => {
                tracing::error!(%error, "open-data query failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the database could not be read".to_owned(),
                )
            }
        };
        (status, Json(ErrorBody { error: message })).into_response()
    }
}
