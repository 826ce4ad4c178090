//! Requests to the whole HTTP application, in process, without a network.

use app::state::AppState;
use axum::{
    body::Body,
    http::{header, HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use server::config::RateLimits;
use server::router::router;
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for files that are not text.
    pub bytes: Vec<u8>,
}

pub fn app_for(db: &sea_orm::DatabaseConnection) -> Router {
    app_with_limits(db, app::spreadsheets::Limits::default())
}

/// The application with its own limits on uploaded spreadsheets.
pub fn app_with_limits(
    db: &sea_orm::DatabaseConnection,
    import_limits: app::spreadsheets::Limits,
) -> Router {
    app_configured(db, import_limits, RateLimits::default())
}

/// The application with its own rate limits on sign-ins and API tokens.
pub fn app_with_rate_limits(db: &sea_orm::DatabaseConnection, rate_limits: RateLimits) -> Router {
    app_configured(db, app::spreadsheets::Limits::default(), rate_limits)
}

fn app_configured(
    db: &sea_orm::DatabaseConnection,
    import_limits: app::spreadsheets::Limits,
    rate_limits: RateLimits,
) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("nap-tracker").build();
    router(
        AppState {
            leptos_options,
            db: db.clone(),
            import_limits,
        },
        false,
        rate_limits,
    )
}

/// POSTs `bytes` as the multipart field `file` named `file_name`, with a bearer token.
pub async fn post_file(
    app: &Router,
    uri: &str,
    token: Option<&str>,
    file_name: &str,
    bytes: &[u8],
) -> Reply {
    let boundary = "nap-tracker-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(uri).header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    send(app, request.body(Body::from(body)).expect("request")).await
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        content_type,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

/// POSTs `body` as JSON, with `token` as a bearer token if given.
pub async fn post_json(app: &Router, uri: &str, token: Option<&str>, body: &Value) -> Reply {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    send(
        app,
        request.body(Body::from(body.to_string())).expect("request"),
    )
    .await
}

pub fn json(reply: &Reply) -> Value {
    assert!(
        reply.content_type.starts_with("application/json"),
        "content type {}: {}",
        reply.content_type,
        reply.body
    );
    serde_json::from_str(&reply.body).expect("valid JSON")
}

/// The address a page's form posts to (server function URLs carry a hash of their own).
pub fn form_action(page: &str, prefix: &str) -> String {
    let start = page
        .find(&format!("action=\"{prefix}"))
        .expect("a form posting to the server function")
        + 8;
    let end = page[start..].find('"').expect("end of the attribute") + start;
    page[start..end].to_owned()
}

/// The site the test client's requests are sent to, as a browser names it in `Host`.
pub const HOST: &str = "localhost:3000";
/// The `Origin` a browser sends with forms posted from the site's own pages.
pub const ORIGIN: &str = "http://localhost:3000";

/// POSTs a form as a browser does from one of the site's pages (with its `Origin`).
pub async fn post_form(app: &Router, uri: &str, cookie: Option<&str>, form: &str) -> Reply {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(
        app,
        request.body(Body::from(form.to_owned())).expect("request"),
    )
    .await
}

pub async fn get_with(app: &Router, uri: &str, cookie: &str) -> Reply {
    let request = Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request");
    send(app, request).await
}

/// GETs `uri` with an API token, as another system does.
pub async fn get_with_token(app: &Router, uri: &str, token: &str) -> Reply {
    let request = Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    send(app, request).await
}

/// Posts the sign-in form and returns the whole answer, message included.
pub async fn sign_in_attempt(app: &Router, email: &str, password: &str) -> Reply {
    let action = form_action(&get(app, "/sign-in").await.body, "/api/sign_in");
    let form = format!(
        "email={}&password={}&next=",
        email.replace('@', "%40"),
        password.replace(' ', "+")
    );
    post_form(app, &action, None, &form).await
}

/// Signs in and returns the session cookie (`name=value`).
pub async fn sign_in(app: &Router, email: &str, password: &str) -> Option<String> {
    let reply = sign_in_attempt(app, email, password).await;
    reply
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| reply.status.is_success() || reply.status.is_redirection())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}
