//! Shown for any address the tracker does not know, with status 404.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    view! {
        <Title text="Page not found" />
        <div class="wrap">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have been mistyped."</p>
            <p>
                "Every recommendation has a page at " <code>"/recommendations/CODE"</code>
                ", for example " <a href="/recommendations/MEV-5">"/recommendations/MEV-5"</a> ". "
                <a href="/recommendations">"Search all recommendations"</a> "."
            </p>
        </div>
    }
}

/// Tells the server to answer 404; in the browser there is no response to change.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
}
