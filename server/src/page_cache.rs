//! Public pages and open data as anonymous readers get them, kept in memory until the data
//! changes.
//!
//! Most visitors never sign in, and every one of them gets the same page or the same API
//! answer for the same address: rendering a country's 300 commitments again for each would
//! cost milliseconds of CPU per request. A page is kept with the number of the newest change in the audit trail
//! (one indexed read per request) and the day it was drawn on (overdue depends on the date);
//! when either moves on, the page is drawn again. Several servers sharing a database stay
//! correct, since each compares against the database, not against its own writes.
//!
//! Only GETs without a session cookie or an API token are kept (both may see drafts), one
//! copy per content encoding, so an answer is compressed once rather than on every request.
//! A kept answer still honours If-None-Match and If-Modified-Since.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::state::AppState;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};

/// The most bytes of pages kept; when a new page would pass it, the oldest pages go.
const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The addresses that answer the same to every anonymous reader: the public pages, the
/// API's reads, the downloads and the feeds. Forms, personal pages and the site's own files (`/pkg`,
/// which carry their own cache lifetimes) are left out.
fn is_public(path: &str) -> bool {
    let exact = [
        "/",
        "/coverage",
        "/recommendations",
        "/countries",
        "/search",
        "/open-data",
        "/api",
        "/api/openapi.json",
        "/cycles",
    ];
    if exact.contains(&path) || path.starts_with("/api/v1/") || path.starts_with("/data/") {
        return true;
    }
    let one_level = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    // A country's or a commitment's Atom feed: `/countries/KEN/feed.atom`.
    let feed = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix("/feed.atom"))
            .is_some_and(|named| !named.is_empty() && !named.contains('/'))
    };
    one_level("/recommendations/")
        || one_level("/cycles/")
        || one_level("/groups/")
        || one_level("/countries/")
        || one_level("/commitments/")
        || feed("/countries/")
        || feed("/commitments/")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The encoding the response will be compressed with for this request.
    fn of(headers: &HeaderMap) -> Self {
        let accepted = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let offers = |name: &str| {
            accepted.split(',').any(|part| {
                let mut pieces = part.split(';').map(str::trim);
                pieces.next() == Some(name) && pieces.all(|q| q != "q=0" && q != "q=0.0")
            })
        };
        if offers("br") {
            Encoding::Brotli
        } else if offers("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// The Accept-Encoding the inner layers see, so that they compress as the key says.
    fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Identity => None,
        }
    }
}

/// The state the data was in when a page was drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edition {
    last_change: i64,
    day: NaiveDate,
}

struct Page {
    edition: Edition,
    /// When it was kept, to let the oldest go first.
    sequence: u64,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<(String, Encoding), Page>,
    sequence: u64,
}

impl Pages {
    fn keep(&mut self, key: (String, Encoding), edition: Edition, headers: HeaderMap, body: Bytes) {
        let size = key.0.len() + body.len();
        if size > MAX_BYTES / 4 {
            return;
        }
        // Pages of an older edition will never be served again.
        self.by_key.retain(|_, page| page.edition == edition);
        while self.bytes_held() + size > MAX_BYTES {
            let Some(oldest) = self
                .by_key
                .iter()
                .min_by_key(|(_, page)| page.sequence)
                .map(|(key, _)| key.clone())
            else {
                break;
            };
            self.by_key.remove(&oldest);
        }
        self.sequence += 1;
        self.by_key.insert(
            key,
            Page {
                edition,
                sequence: self.sequence,
                headers,
                body,
            },
        );
    }

    fn bytes_held(&self) -> usize {
        self.by_key
            .iter()
            .map(|((uri, _), page)| uri.len() + page.body.len())
            .sum()
    }
}

/// The pages kept by one server process.
#[derive(Clone, Default)]
pub struct PageCache(Arc<Mutex<Pages>>);

impl PageCache {
    fn get(&self, key: &(String, Encoding), edition: Edition) -> Option<(HeaderMap, Bytes)> {
        let pages = self.0.lock().ok()?;
        pages
            .by_key
            .get(key)
            .filter(|page| page.edition == edition)
            .map(|page| (page.headers.clone(), page.body.clone()))
    }

    fn keep(&self, key: (String, Encoding), edition: Edition, headers: HeaderMap, body: Bytes) {
        if let Ok(mut pages) = self.0.lock() {
            pages.keep(key, edition, headers, body);
        }
    }
}

/// Whether the request comes from someone who may read more than the public: a sign-in
/// session's cookie or an API token.
fn signed_in(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .any(|pair| pair.trim_start().starts_with("nap_session="))
}

/// Serves a kept answer when the data has not changed since it was made; keeps the answer
/// otherwise.
pub async fn serve(
    State((state, cache)): State<(AppState, PageCache)>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET
        || !is_public(request.uri().path())
        || signed_in(request.headers())
    {
        return next.run(request).await;
    }
    let edition = match app::audit::last_change(&state.db).await {
        Ok(newest) => Edition {
            last_change: newest.map_or(0, |(id, _)| id),
            day: Utc::now().date_naive(),
        },
        // The page itself will say what failed.
        Err(_) => return next.run(request).await,
    };
    let encoding = Encoding::of(request.headers());
    let uri = request.uri().to_string();
    let key = (uri, encoding);
    if let Some((headers, body)) = cache.get(&key, edition) {
        if crate::conditional::is_fresh(request.headers(), &headers) {
            return crate::conditional::not_modified(headers);
        }
        let mut response = Body::from(body).into_response();
        *response.headers_mut() = headers;
        return response;
    }
    match encoding.header() {
        Some(value) => request.headers_mut().insert(header::ACCEPT_ENCODING, value),
        None => request.headers_mut().remove(header::ACCEPT_ENCODING),
    };
    // The answer is kept whole; the client's conditions are applied to it afterwards.
    let asked = request.headers().clone();
    for condition in [header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE] {
        request.headers_mut().remove(condition);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Read whole whatever its size (downloads are built whole in memory already): a limit
    // here would turn a large download into an error. Only what fits is kept.
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "a page could not be read to keep it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    cache.keep(key, edition, parts.headers.clone(), body.clone());
    if crate::conditional::is_fresh(&asked, &parts.headers) {
        return crate::conditional::not_modified(parts.headers);
    }
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_answers_only() {
        for path in [
            "/",
            "/coverage",
            "/countries/KEN",
            "/commitments/12",
            "/recommendations/SPR-2",
            "/groups/MEV",
            "/api",
            "/api/openapi.json",
            "/api/v1/countries",
            "/data/commitments.csv",
            "/countries/KEN/feed.atom",
            "/commitments/12/feed.atom",
            "/cycles",
            "/cycles/3",
        ] {
            assert!(is_public(path), "{path}");
        }
        for path in [
            "/commitments/12/report",
            "/commitments/12/edit",
            "/countries/KEN/plan",
            "/my",
            "/imports",
            "/sign-in",
            "/api/get_coverage",
            "/pkg/nap-tracker.css",
            "/countries/",
            "/countries//feed.atom",
            "/commitments/12/report/feed.atom",
            "/cycles/3/countries/KEN",
        ] {
            assert!(!is_public(path), "{path}");
        }
    }

    #[test]
    fn encodings_as_the_compression_layer_chooses() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            Encoding::of(&headers)
        };
        assert_eq!(with("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(with("gzip;q=1.0, br;q=0"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::of(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn session_cookie_is_recognised() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; nap_session=abc"),
        );
        assert!(signed_in(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark"));
        assert!(!signed_in(&headers));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer napt_x"),
        );
        assert!(signed_in(&headers));
    }

    #[test]
    fn older_editions_and_the_oldest_pages_make_room() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let first = Edition {
            last_change: 1,
            day,
        };
        let second = Edition {
            last_change: 2,
            day,
        };
        let mut pages = Pages::default();
        let key = |uri: &str| (uri.to_owned(), Encoding::Identity);
        pages.keep(key("/a"), first, HeaderMap::new(), Bytes::from_static(b"a"));
        pages.keep(
            key("/b"),
            second,
            HeaderMap::new(),
            Bytes::from_static(b"b"),
        );
        assert!(
            !pages.by_key.contains_key(&key("/a")),
            "older edition dropped"
        );
        // Four pages of a quarter each fill the cache: the small older one must go.
        let big = Bytes::from(vec![b'x'; MAX_BYTES / 4 - 2]);
        for uri in ["/c", "/d", "/e", "/f"] {
            pages.keep(key(uri), second, HeaderMap::new(), big.clone());
        }
        assert!(pages.bytes_held() <= MAX_BYTES);
        assert!(pages.by_key.contains_key(&key("/f")), "the newest is kept");
        assert!(
            !pages.by_key.contains_key(&key("/b")),
            "the oldest made room"
        );
    }
}
