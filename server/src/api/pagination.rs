//! Pages of list endpoints: `?page=N&per_page=M` (from 1; 100 a page unless asked, at most
//! 1,000), the total in `X-Total-Count`, and the other pages in a `Link` header (first,
//! prev, next, last) so a client can walk them without building addresses.

use axum::http::header::{HeaderName, HeaderValue, LINK};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::error::ApiError;

pub const PER_PAGE: usize = 100;
pub const MAX_PER_PAGE: usize = 1000;

/// The page asked for, as typed: read by [`paginate`], which names what is wrong.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Which page, from 1.
    #[param(value_type = Option<u32>, minimum = 1)]
    page: Option<String>,
    /// How many items a page holds: 100 unless asked, at most 1,000.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    per_page: Option<String>,
}

/// One page of a list, answered as a JSON array with the paging headers.
pub struct Page<T> {
    items: Vec<T>,
    page: usize,
    per_page: usize,
    total: usize,
    path: String,
}

fn number(name: &str, value: Option<&str>, default: usize, max: usize) -> Result<usize, ApiError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(default);
    };
    match value.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::BadQuery(format!(
            "{name} must be a whole number from 1 to {max}, not {value:?}"
        ))),
    }
}

/// The page of `all` that `query` asks for; `path` is the endpoint's address for the links.
pub fn paginate<T>(all: Vec<T>, query: &PageQuery, path: &str) -> Result<Page<T>, ApiError> {
    let per_page = number(
        "per_page",
        query.per_page.as_deref(),
        PER_PAGE,
        MAX_PER_PAGE,
    )?;
    let page = number("page", query.page.as_deref(), 1, usize::MAX)?;
    let total = all.len();
    let items = all
        .into_iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .collect();
    Ok(Page {
        items,
        page,
        per_page,
        total,
        path: path.to_owned(),
    })
}

impl<T> Page<T> {
    fn last(&self) -> usize {
        self.total.div_ceil(self.per_page).max(1)
    }

    /// The `Link` header value: RFC 8288 relations to the other pages.
    fn links(&self) -> String {
        // The path may carry a filter of its own, such as `?country=KEN`.
        let join = if self.path.contains('?') { '&' } else { '?' };
        let at = |n: usize| format!("<{}{join}page={n}&per_page={}>", self.path, self.per_page);
        let mut links = vec![format!("{}; rel=\"first\"", at(1))];
        if self.page > 1 {
            links.push(format!(
                "{}; rel=\"prev\"",
                at((self.page - 1).min(self.last()))
            ));
        }
        if self.page < self.last() {
            links.push(format!("{}; rel=\"next\"", at(self.page + 1)));
        }
        links.push(format!("{}; rel=\"last\"", at(self.last())));
        links.join(", ")
    }
}

impl<T: Serialize> IntoResponse for Page<T> {
    fn into_response(self) -> Response {
        let mut response = Json(&self.items).into_response();
        let headers = response.headers_mut();
        if let Ok(links) = HeaderValue::from_str(&self.links()) {
            headers.insert(LINK, links);
        }
        headers.insert(
            HeaderName::from_static("x-total-count"),
            HeaderValue::from(self.total),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(page: &str, per_page: &str) -> PageQuery {
        PageQuery {
            page: Some(page.into()),
            per_page: Some(per_page.into()),
        }
    }

    #[test]
    fn pages_links_and_refusals() {
        let page = paginate((1..=25).collect(), &query("2", "10"), "/api/v1/x").expect("page");
        assert_eq!(page.items, (11..=20).collect::<Vec<_>>());
        assert_eq!(
            page.links(),
            "</api/v1/x?page=1&per_page=10>; rel=\"first\", </api/v1/x?page=1&per_page=10>; rel=\"prev\", \
             </api/v1/x?page=3&per_page=10>; rel=\"next\", </api/v1/x?page=3&per_page=10>; rel=\"last\""
        );
        let beyond =
            paginate((1..=25).collect::<Vec<i32>>(), &query("9", "10"), "/x").expect("page");
        assert!(beyond.items.is_empty());
        let all =
            paginate((1..=5).collect::<Vec<i32>>(), &PageQuery::default(), "/x").expect("page");
        assert_eq!(
            (all.items.len(), all.per_page, all.last()),
            (5, PER_PAGE, 1)
        );
        for (page, per_page) in [("0", "10"), ("x", "10"), ("1", "0"), ("1", "1001")] {
            assert!(
                paginate(vec![1], &query(page, per_page), "/x").is_err(),
                "{page} {per_page}"
            );
        }
    }
}
