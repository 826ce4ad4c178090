//! The whole HTTP application: pages, server functions, open-data API and static files.

use app::accounts::sessions::{Accounts, DatabaseSessions, IDLE_LIMIT};
use app::{shell, state::AppState, App};
use axum::Router;
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::provide_context;
use std::sync::OnceLock;

use crate::config::RateLimits;
use crate::page_cache::PageCache;
use crate::rate_limit::{self, Limiters};

use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::{compression::CompressionLayer, trace::TraceLayer};
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};

/// The pages' routes. Generating them suppresses resource loading process-wide for a moment
/// (leptos issue 4773): a page rendered meanwhile would wait forever. Generated once, before
/// any router exists, they can never overlap a render, even when tests build many routers.
static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();

/// The application. `secure_cookies` sets the session cookie's `Secure` flag (see
/// `config::secure_cookies`); `rate_limits` limit sign-ins and API-token use per client.
pub fn router(state: AppState, secure_cookies: bool, rate_limits: RateLimits) -> Router {
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let options = state.leptos_options.clone();
    let reference = crate::api::openapi::reference();
    let sessions = SessionManagerLayer::new(DatabaseSessions {
        db: state.db.clone(),
    })
    .with_name("nap_session")
    .with_secure(secure_cookies)
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_expiry(Expiry::OnInactivity(Duration::seconds(
        IDLE_LIMIT.num_seconds(),
    )));
    let auth = AuthManagerLayerBuilder::new(
        Accounts {
            db: state.db.clone(),
        },
        sessions,
    )
    .build();
    Router::new()
        .merge(crate::api::routes(&state))
        .merge(crate::uploads::routes(state.import_limits))
        .merge(crate::open_data::routes(&state))
        .merge(crate::feeds::routes(&state))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(reference.clone());
                crate::security_headers::provide_page_policy();
            },
            move || shell(options.clone()),
        )
        // The "not found" page is a page too: its scripts need the policy with their nonce.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            crate::security_headers::provide_page_policy, shell
        ))
        .layer(auth)
        // Before the session is loaded: a forged request gets no further than its headers.
        .layer(axum::middleware::from_fn(crate::csrf::check))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), PageCache::default()),
            crate::page_cache::serve,
        ))
        .layer(axum::middleware::from_fn(crate::body_limit::limit))
        // Before sessions and the database are touched: a refused request costs next to nothing.
        .layer(axum::middleware::from_fn_with_state(
            Limiters::new(rate_limits),
            rate_limit::limit,
        ))
        // Outside the page cache, so that kept answers and its own answers get them too.
        .layer(axum::middleware::from_fn(crate::security_headers::add))
        .layer(axum::middleware::from_fn(crate::static_cache::lifetime))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
