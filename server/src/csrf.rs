//! Cross-site request forgery: a page on another site must not make a signed-in browser change
//! anything here. `SameSite=Lax` on the session cookie stops most of it in current browsers,
//! not in older ones; this checks where every state-changing request with a cookie comes from.
//!
//! Browsers send `Origin` with every POST, from forms with or without JavaScript, and
//! `Referer` with this site's origin (its `Referrer-Policy` keeps it for same-origin requests).
//! A request that changes state and carries a cookie must name this site in `Origin`, or in
//! `Referer` when `Origin` is absent; one that names neither is refused too, as Django and
//! Rails do over HTTPS: a browser that hides both (a privacy extension) is rarer than a forged
//! request whose `Referer` was suppressed by the attacking page (`rel=noreferrer`).
//!
//! Requests without a cookie need no check: a forged request rides on the browser's cookie,
//! and the API authenticates by a token in a header, which a browser never adds by itself.
//! The site is the request's `Host`: a reverse proxy must pass it on unchanged.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderMap, Method, Response, StatusCode, Uri},
    middleware::Next,
    response::IntoResponse,
};

/// Refuses a cross-site request that would change state with the browser's cookie.
pub async fn check(request: Request, next: Next) -> Response<Body> {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe
        || !request.headers().contains_key(header::COOKIE)
        || same_site(request.headers(), request.uri())
    {
        return next.run(request).await;
    }
    (
        StatusCode::FORBIDDEN,
        "Refused: this request to change something came from another site, or did not say \
         where it came from. If you sent it from this site, reload the page and try again.",
    )
        .into_response()
}

/// Whether `Origin` (or, without it, `Referer`) names the host the request was sent to: its
/// `Host` header, or over HTTP/2 the authority of its URI.
fn same_site(headers: &HeaderMap, uri: &Uri) -> bool {
    let Some(host) = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
    else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    source
        .and_then(authority)
        .is_some_and(|from| from.eq_ignore_ascii_case(host))
}

/// The `host[:port]` of an absolute http(s) URL or origin.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    rest.split(['/', '?', '#']).next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn from_site(pairs: &[(header::HeaderName, &'static str)]) -> bool {
        let headers: HeaderMap = pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect();
        same_site(&headers, &Uri::from_static("/api/sign_in"))
    }

    #[test]
    fn origin_or_referer_must_name_the_host() {
        let host = (header::HOST, "tracker.example:3000");
        assert!(from_site(&[
            host.clone(),
            (header::ORIGIN, "http://tracker.example:3000")
        ]));
        assert!(from_site(&[
            host.clone(),
            (
                header::REFERER,
                "https://Tracker.example:3000/sign-in?next=/my"
            )
        ]));
        assert!(!from_site(&[
            host.clone(),
            (header::ORIGIN, "http://tracker.example:3000.evil.example")
        ]));
        assert!(!from_site(&[
            host.clone(),
            (header::ORIGIN, "null"),
            (header::REFERER, "http://tracker.example:3000/")
        ]));
        assert!(!from_site(&[host]));
        assert!(same_site(
            &HeaderMap::from_iter([(
                header::ORIGIN,
                HeaderValue::from_static("https://tracker.example")
            )]),
            &Uri::from_static("https://tracker.example/api/sign_in")
        ));
    }
}
