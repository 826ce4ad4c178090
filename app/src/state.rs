//! What the server hands every page and server function.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

/// Shared by all requests; cheap to clone (the connection is a pool handle).
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// How large an uploaded spreadsheet may be.
    pub import_limits: crate::spreadsheets::Limits,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The database connection, from the context the server provides to every server function.
pub fn db() -> Result<DatabaseConnection, ServerFnError> {
    use_context::<AppState>()
        .map(|state| state.db)
        .ok_or_else(|| ServerFnError::new("the server did not provide its application state"))
}

/// The limits on uploaded spreadsheets the server was started with.
pub fn import_limits() -> Result<crate::spreadsheets::Limits, ServerFnError> {
    use_context::<AppState>()
        .map(|state| state.import_limits)
        .ok_or_else(|| ServerFnError::new("the server did not provide its application state"))
}

/// The signed-in person, as domain functions receive them; an error asking to sign in when
/// nobody is.
pub async fn actor() -> Result<crate::accounts::Actor, ServerFnError> {
    signed_in()
        .await?
        .map(crate::accounts::Actor::Person)
        .ok_or_else(|| ServerFnError::new("Please sign in first: your session may have ended."))
}

/// The signed-in person, if any.
pub async fn signed_in() -> Result<Option<crate::accounts::Caller>, ServerFnError> {
    let auth: crate::accounts::sessions::AuthSession = leptos_axum::extract().await?;
    let Some(user) = auth.user else {
        return Ok(None);
    };
    crate::accounts::store::caller(&db()?, user.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "reading the signed-in account failed");
            ServerFnError::new("Your account could not be read. Please try again later.")
        })
}

/// A refused change or a failed write, in words for the person who asked.
pub fn write_failed(error: crate::refusal::WriteError) -> ServerFnError {
    match error {
        crate::refusal::WriteError::Refused(refusal) => ServerFnError::new(refusal.to_string()),
        crate::refusal::WriteError::Database(error) => {
            tracing::error!(%error, "a write failed");
            ServerFnError::new(
                "Nothing was saved: the database could not be written. Please try again.",
            )
        }
    }
}
