//! A size limit on every request body. Forms, server functions and the JSON API take a few
//! kilobytes; without a limit, a single request could make the server read gigabytes into
//! memory (leptos reads a server function's body whole, outside axum's own body limits), or
//! hash a megabyte-long "password". The two routes that take spreadsheets set their own
//! limit from the import limits.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::Limited;

/// The most any form or API request may send, files apart.
pub const FORM_LIMIT: usize = 1024 * 1024;

/// The upload routes, limited by `DefaultBodyLimit` from the import limits instead.
const UPLOAD_PATHS: [&str; 2] = ["/import-files/upload", "/api/v1/imports"];

/// Refuses a body that declares more than `FORM_LIMIT` before reading it, and stops reading
/// one that turns out longer (the handler then fails to read its body and changes nothing).
pub async fn limit(request: Request, next: Next) -> Response {
    if UPLOAD_PATHS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok())
        .and_then(|length| length.parse::<u64>().ok());
    if declared.is_some_and(|length| length > FORM_LIMIT as u64) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "The request is larger than {} KB, the most a form or an API request may \
                 send. Nothing was saved. Spreadsheets go through the import page or \
                 POST /api/v1/imports.",
                FORM_LIMIT / 1024
            ),
        )
            .into_response();
    }
    let (parts, body) = request.into_parts();
    let limited = Body::new(Limited::new(body, FORM_LIMIT));
    next.run(Request::from_parts(parts, limited)).await
}
