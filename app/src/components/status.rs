//! What a page shows while data loads or when it could not be read.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Loading…"</p> }
}

/// A server error, in words a reader can act on.
#[component]
pub fn LoadError(error: ServerFnError) -> impl IntoView {
    let message = match error {
        ServerFnError::ServerError(message) => message,
        other => other.to_string(),
    };
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
        </div>
    }
}
