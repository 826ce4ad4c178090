//! Conditional GETs for the open data: every successful answer to a GET carries an ETag, a
//! hash of its body, and the time of the newest change to the tracker as Last-Modified. A
//! request whose If-None-Match names that tag, or (without If-None-Match) whose
//! If-Modified-Since is not older than that time, gets 304 Not Modified with no body. Clients
//! that poll the API or the downloads fetch only what changed.

use app::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// Adds the ETag and Last-Modified, and answers 304 when the client already holds this body.
pub async fn conditional(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return next.run(request).await;
    }
    let asked = request.headers().clone();
    // Read before the answer is made, so a change made meanwhile is never hidden behind an
    // older date. Without it (an unreadable database), the answer carries no date.
    let changed = match app::audit::last_change(&state.db).await {
        Ok(newest) => newest.map(|(_, at)| at),
        Err(error) => {
            tracing::warn!(%error, "could not read the time of the last change");
            None
        }
    };
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Open-data answers are built whole in memory already; reading them back costs a copy.
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "could not read a response to tag it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let tag = format!("\"{:x}\"", Sha256::digest(&bytes));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    if let Some(at) = changed {
        if let Ok(date) = HeaderValue::from_str(&http_date(at)) {
            parts.headers.insert(header::LAST_MODIFIED, date);
        }
    }
    // Caches may keep the answer but must ask again before using it.
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if is_fresh(&asked, &parts.headers) {
        return not_modified(parts.headers);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether a request already holds the answer whose headers are `answer`: its If-None-Match
/// names the answer's ETag or, without If-None-Match (which decides alone when sent, RFC
/// 9110, 13.2.2), its If-Modified-Since is not older than the answer's Last-Modified.
pub fn is_fresh(request: &HeaderMap, answer: &HeaderMap) -> bool {
    let tag = answer.get(header::ETAG).and_then(|t| t.to_str().ok());
    match request.get(header::IF_NONE_MATCH) {
        Some(held) => tag.is_some_and(|tag| matches(held, tag)),
        None => modified_since(request)
            .zip(date(answer, header::LAST_MODIFIED))
            .is_some_and(|(since, changed)| changed.timestamp() <= since.timestamp()),
    }
}

/// 304 Not Modified, with the answer's headers and no body.
pub fn not_modified(mut headers: HeaderMap) -> Response {
    headers.remove(header::CONTENT_LENGTH);
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    *response.headers_mut() = headers;
    response
}

/// An HTTP date, such as `Tue, 01 Dec 2026 20:55:59 GMT`.
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The If-Modified-Since date; a date that cannot be read is ignored, as RFC 9110 asks.
fn modified_since(headers: &HeaderMap) -> Option<DateTime<Utc>> {
    date(headers, header::IF_MODIFIED_SINCE)
}

/// The HTTP date in header `name`, if it can be read.
fn date(headers: &HeaderMap, name: header::HeaderName) -> Option<DateTime<Utc>> {
    let text = headers.get(name)?.to_str().ok()?;
    DateTime::parse_from_rfc2822(text)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// Whether an If-None-Match header names `tag`: one tag, a comma-separated list, weak tags
/// (`W/"…"`, compared weakly as RFC 9110 says for this header) or `*`.
fn matches(held: &HeaderValue, tag: &str) -> bool {
    let Ok(held) = held.to_str() else {
        return false;
    };
    held.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_are_written_and_read_back() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T20:55:59.750Z")
            .expect("date")
            .with_timezone(&Utc);
        let written = http_date(at);
        assert_eq!(written, "Tue, 01 Dec 2026 20:55:59 GMT");
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&written).expect("header"),
        );
        assert_eq!(
            modified_since(&headers).map(|d| d.timestamp()),
            Some(at.timestamp())
        );
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("yesterday"),
        );
        assert_eq!(modified_since(&headers), None);
    }

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let tag = "\"abc\"";
        for held in ["\"abc\"", "\"x\", \"abc\"", "W/\"abc\"", "*"] {
            assert!(matches(&HeaderValue::from_static(held), tag), "{held}");
        }
        for held in ["\"abd\"", "abc", ""] {
            assert!(!matches(&HeaderValue::from_static(held), tag), "{held}");
        }
    }
}
