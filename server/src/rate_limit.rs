//! Rate limits per client address on what guessing needs: posting the sign-in form and using
//! an API token. Everything else (public pages, open data) is cached and cheap, and is left
//! alone. Answers over the limit are 429 with `Retry-After`.
//!
//! The client is the peer address of the connection. Behind a reverse proxy that is the proxy
//! for everyone, so the limits then apply to all clients together; trusting `X-Forwarded-For`
//! instead would let any client pick a fresh address per request. The account lock-out
//! (`app::accounts::lockout`) protects each account whatever the address. The counts live in
//! each server's memory: with several servers a client gets each server's allowance.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use app::accounts::SignIn;
use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderValue, Method, Response, StatusCode},
    middleware::Next,
};
use leptos::server_fn::ServerFn;
use tower::{Layer, ServiceExt};
use tower_governor::{
    governor::GovernorConfigBuilder, key_extractor::KeyExtractor, GovernorError, GovernorLayer,
};

use crate::config::{Rate, RateLimits};

/// The peer address of the connection.
#[derive(Clone, Copy, Debug)]
struct PeerAddress;

impl KeyExtractor for PeerAddress {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        // Requests handed to the router in process (tests) have no connection: they share one
        // allowance rather than failing.
        Ok(request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip()))
    }
}

type Limiter = GovernorLayer<PeerAddress, governor::middleware::NoOpMiddleware, Body>;

/// One limiter for sign-ins, one for API tokens; each keeps its own counts per address.
#[derive(Clone)]
pub struct Limiters {
    sign_in: Limiter,
    api: Limiter,
}

impl Limiters {
    pub fn new(limits: RateLimits) -> Self {
        Limiters {
            sign_in: limiter(limits.sign_in, sign_in_refused),
            api: limiter(limits.api, api_refused),
        }
    }
}

fn limiter(rate: Rate, refused: fn(u64) -> Response<Body>) -> Limiter {
    let config = GovernorConfigBuilder::default()
        .key_extractor(PeerAddress)
        // One more request allowed every 60 s / per_minute; both are above 0 by their type.
        .period(std::time::Duration::from_secs(60) / rate.per_minute.get())
        .burst_size(rate.burst.get())
        .finish()
        .expect("a rate limit's period and burst are above 0");
    GovernorLayer::new(config).error_handler(move |error| match error {
        GovernorError::TooManyRequests { wait_time, headers } => {
            let mut response = refused(wait_time);
            // The governor's headers carry Retry-After (and X-RateLimit-After) in seconds.
            response.headers_mut().extend(headers.unwrap_or_default());
            response
        }
        other => other.into(),
    })
}

fn sign_in_refused(wait: u64) -> Response<Body> {
    refusal(
        "text/plain; charset=utf-8",
        format!("Too many sign-in attempts from your address. Please try again in {wait} seconds."),
    )
}

fn api_refused(wait: u64) -> Response<Body> {
    // The API answers errors as JSON objects, like all its other errors.
    let message = format!(
        "too many requests with an API token from your address; try again in {wait} seconds"
    );
    refusal(
        "application/json",
        serde_json::json!({ "error": message }).to_string(),
    )
}

fn refusal(content_type: &'static str, body: String) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The middleware: sign-in posts and requests to `/api/v1` with an `Authorization` header go
/// through their limiter, everything else straight on.
pub async fn limit(
    State(limiters): State<Limiters>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let limiter = if request.method() == Method::POST && request.uri().path() == SignIn::PATH {
        &limiters.sign_in
    } else if request.uri().path().starts_with("/api/v1/")
        && request.headers().contains_key(header::AUTHORIZATION)
    {
        &limiters.api
    } else {
        return next.run(request).await;
    };
    match limiter.layer(next).oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}
