//! Security headers on every response: no MIME sniffing, no framing, a short referrer, and a
//! Content-Security-Policy that lets a page run only its own scripts.
//!
//! Pages get their policy while Leptos renders them ([`provide_page_policy`]): the policy names
//! the nonce Leptos puts on the page's inline hydration scripts, and only the render knows it.
//! Every other answer (API, downloads, uploaded files, static files, errors) gets a policy that
//! allows nothing ([`add`]), so that even a file a browser were tricked into showing as a
//! document could run no script.
//!
//! Kept pages and their nonce: the page cache (`page_cache`) keeps an anonymous page's headers
//! with its body, so a kept page is served with the policy naming the very nonce in its
//! scripts, and anonymous readers of one page share that nonce until the data changes. That is
//! the choice made here, over a fresh nonce per response (it would mean decompressing, editing
//! and compressing every kept page again, which is what the cache exists to avoid) and over not
//! keeping pages. A nonce guards against markup injected into a page; a kept page is one fixed
//! document, drawn before anyone could see its nonce, and any change to the data or another
//! address (query included) draws a new page with a new nonce, so knowing an old nonce lets
//! no injected markup through. Signed-in readers' pages are never kept: theirs are fresh.

use axum::extract::Request;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::use_nonce;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The policy of a page whose inline scripts carry `nonce`.
///
/// - `script-src`: the site's own files (the hydration bundle in /pkg), inline scripts only
///   with the nonce, and `'wasm-unsafe-eval'`, without which Chromium refuses to instantiate
///   the WebAssembly that hydrates the page.
/// - `style-src 'self'`: the one stylesheet; the pages use no inline styles.
/// - `img-src data:`: the empty favicon (`<link rel="icon" href="data:,">`).
/// - `frame-ancestors 'none'`: no other site may frame a page to trick clicks (X-Frame-Options
///   says the same to browsers that predate it).
fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of everything that is not a page: nothing may load or run, and shown as a
/// document it would be sandboxed in an origin of its own.
const NOTHING_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/// Sets the page's Content-Security-Policy with the nonce of this render. Called as Leptos
/// context for every page render; outside one (Leptos also calls the context for static files)
/// there is no nonce and nothing to do.
pub fn provide_page_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    // A nonce is URL-safe base64, always a valid header value.
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// Adds the headers to every response; a page keeps the policy its render gave it.
pub async fn add(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(NOTHING_POLICY));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_names_the_nonce_and_forbids_framing() {
        let policy = page_policy("abc_-123");
        assert!(policy.contains("script-src 'self' 'nonce-abc_-123' 'wasm-unsafe-eval';"));
        assert!(policy.ends_with("frame-ancestors 'none'"));
        assert!(HeaderValue::from_str(&policy).is_ok());
    }
}
