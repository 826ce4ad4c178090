//! How long browsers keep the built files under `/pkg/` (stylesheet, JavaScript,
//! WebAssembly). A release build names each after a hash of its content
//! (`nap-tracker.<hash>.css`), so a name never points at other content: such files are kept
//! for a year without asking again. Files without a hash (a build without hashing) are checked
//! on every use, so a new build is never hidden behind an old copy.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// A year: the longest lifetime browsers honour.
const FOREVER: &str = "public, max-age=31536000, immutable";

pub async fn lifetime(request: Request, next: Next) -> Response {
    let hashed = request.uri().path().strip_prefix("/pkg/").map(is_hashed);
    let mut response = next.run(request).await;
    if let Some(hashed) = hashed {
        if response.status().is_success() {
            let value = if hashed { FOREVER } else { "no-cache" };
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        }
    }
    response
}

/// Whether a file name carries a content hash as cargo-leptos writes it: `name.<hash>.ext`,
/// the hash 22 characters of URL-safe base64 (an MD5 digest).
fn is_hashed(file: &str) -> bool {
    let parts: Vec<&str> = file.split('.').collect();
    matches!(parts.as_slice(), [name, hash, ext]
        if !name.is_empty()
            && !ext.is_empty()
            && hash.len() == 22
            && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, routing::get, Router};
    use tower::ServiceExt;

    #[test]
    fn only_names_with_a_content_hash_count_as_hashed() {
        assert!(is_hashed("nap-tracker.0hFKzbDMSVJYxYGxTw-n_A.css"));
        assert!(is_hashed("nap-tracker.0hFKzbDMSVJYxYGxTw-n_A.wasm"));
        assert!(!is_hashed("nap-tracker.css"));
        assert!(!is_hashed("nap-tracker.short.js"));
        assert!(!is_hashed("nap-tracker.0hFKzbDMSVJYxYGxTw-n_A.css.map"));
        assert!(!is_hashed("a.0hFKzbDMSVJYxYGxTw/n_A.js"));
    }

    async fn cache_control(app: &Router, path: &str) -> Option<String> {
        let request = Request::builder()
            .uri(path)
            .body(Body::empty())
            .expect("request");
        let response = app.clone().oneshot(request).await.expect("response");
        response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    #[tokio::test]
    async fn hashed_files_are_kept_a_year_others_are_checked_and_pages_untouched() {
        let app = Router::new()
            .route("/pkg/{file}", get(|| async { "file" }))
            .route("/countries", get(|| async { "page" }))
            .layer(axum::middleware::from_fn(lifetime));
        assert_eq!(
            cache_control(&app, "/pkg/nap-tracker.0hFKzbDMSVJYxYGxTw-n_A.js")
                .await
                .as_deref(),
            Some(FOREVER)
        );
        assert_eq!(
            cache_control(&app, "/pkg/nap-tracker.js").await.as_deref(),
            Some("no-cache")
        );
        assert_eq!(cache_control(&app, "/countries").await, None);
        // A file that is not there is not cached for a year under its name.
        assert_eq!(
            cache_control(&app, "/pkg/missing.0hFKzbDMSVJYxYGxTw-n_A.js/x").await,
            None
        );
    }
}
