//! The API (`/api/v1/…`) and the health check.
//!
//! Responses are JSON; errors are JSON objects with an `error` message, never HTML. Reading
//! is open to anyone; writing needs an API token (`Authorization: Bearer …`).

mod bearer;
mod catalogue;
mod error;
mod imports;
pub mod openapi;
mod pagination;
mod plans;
mod review;

use app::state::AppState;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use tower_http::cors::CorsLayer;

pub use error::ApiError;

pub fn routes(state: &AppState) -> Router<AppState> {
    let import_limits = state.import_limits;
    // The file's own limit is checked with a clear message; this one stops a body far beyond
    // it before it is read to the end (the slack covers the multipart framing).
    let upload_limit = axum::extract::DefaultBodyLimit::max(import_limits.max_bytes + 64 * 1024);
    let v1 = Router::new()
        .route("/recommendations", get(catalogue::list_recommendations))
        .route(
            "/recommendations/{code}",
            get(catalogue::get_recommendation),
        )
        .route("/countries", get(plans::list_countries))
        .route(
            "/countries/{iso3}/commitments",
            get(plans::country_commitments),
        )
        .route("/commitments/{id}", get(plans::commitment))
        .route("/commitments/{id}/updates", post(plans::post_update))
        .route("/commitments/{id}/reviews", get(review::reviews))
        .route("/commitments/{id}/assessments", get(review::assessments))
        .route("/cycles", get(review::list_cycles))
        .route("/cycles/{id}", get(review::cycle))
        .route("/cycles/{id}/commitments", get(review::cycle_commitments))
        .route("/imports", post(imports::post_import).layer(upload_limit))
        .fallback(unknown_endpoint)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::conditional::conditional,
        ))
        // Any web page may read the open data. Writes need a token in a header, which a
        // browser never adds by itself, so allowing other origins opens no CSRF hole.
        .layer(CorsLayer::permissive());
    Router::new()
        .nest("/api/v1", v1)
        .route("/api/openapi.json", get(openapi::serve))
        .route("/healthz", get(healthz))
}

async fn unknown_endpoint() -> ApiError {
    ApiError::NotFound(
        "no such endpoint; see /api/v1/recommendations and /api/v1/countries".to_owned(),
    )
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
