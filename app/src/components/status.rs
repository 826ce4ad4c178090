//! What a page shows while data loads or when it could not be read.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Loading…"</p> }
}

/// A server error's message, in words a reader can act on.
pub fn error_text(error: ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message,
        other => other.to_string(),
    }
}

/// The message of a form's last submission, if it failed.
pub fn failure(result: Option<Result<(), ServerFnError>>) -> Option<String> {
    result.and_then(Result::err).map(error_text)
}

/// Where a form says why it was refused; screen readers announce it when it changes.
#[component]
pub fn FormAlert(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div id=id role="alert" aria-live="assertive">
            {move || message.get().map(|message| view! { <p class="notice notice-error">{message}</p> })}
        </div>
    }
}

/// A server error, in words a reader can act on.
#[component]
pub fn LoadError(error: ServerFnError) -> impl IntoView {
    let message = error_text(error);
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
        </div>
    }
}
