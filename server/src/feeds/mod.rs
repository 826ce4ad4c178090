//! Atom feeds anyone can follow without an account: `/countries/{ISO3}/feed.atom` and
//! `/commitments/{ID}/feed.atom` carry what is reported and assessed on published
//! commitments, newest first (see `app::feeds` for what goes in). Like the downloads they
//! carry an ETag and Last-Modified and answer 304 to a reader that already holds them, and
//! the page cache keeps them for anonymous readers.

pub mod atom;

use app::feeds::{commitment_feed, country_feed, Feed};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sea_orm::DbErr;

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/countries/{iso3}/feed.atom", get(country))
        .route("/commitments/{id}/feed.atom", get(commitment))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::conditional::conditional,
        ))
}

async fn country(State(state): State<AppState>, Path(iso3): Path<String>) -> Response {
    let today = chrono::Utc::now().date_naive();
    let found = country_feed(&state.db, &iso3, today).await;
    answer(found, || format!("There is no country {}.", iso3.trim()))
}

async fn commitment(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let missing = || format!("There is no public commitment {id}.");
    // Any id that is not a number names no commitment.
    let Ok(number) = id.parse::<i32>() else {
        return answer(Ok(None), missing);
    };
    let today = chrono::Utc::now().date_naive();
    answer(commitment_feed(&state.db, number, today).await, missing)
}

/// The feed written out, 404 with `missing()` when there is none, 500 when it failed.
fn answer(found: Result<Option<Feed>, DbErr>, missing: impl FnOnce() -> String) -> Response {
    let written = match found {
        Ok(Some(feed)) => atom::write(&feed).map_err(|e| e.to_string()),
        Ok(None) => return (StatusCode::NOT_FOUND, missing()).into_response(),
        Err(error) => Err(error.to_string()),
    };
    match written {
        Ok(bytes) => ([(header::CONTENT_TYPE, atom::MEDIA_TYPE)], bytes).into_response(),
        Err(error) => {
            tracing::error!(%error, "a feed could not be prepared");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The feed could not be prepared. Please try again later.",
            )
                .into_response()
        }
    }
}
