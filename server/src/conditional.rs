//! Conditional GETs for the open data: every successful answer to a GET carries an ETag, a
//! hash of its body, and a request whose If-None-Match names that tag gets 304 Not Modified
//! with no body. Clients that poll the API or the downloads fetch only what changed.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Adds the ETag, and answers 304 when the client already holds this body.
pub async fn etag(request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return next.run(request).await;
    }
    let held = request.headers().get(header::IF_NONE_MATCH).cloned();
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
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.insert(header::ETAG, value.clone());
    // Caches may keep the answer but must ask again before using it.
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if held.is_some_and(|held| matches(&held, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
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
