//! What the server hands every page and server function.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

/// Shared by all requests; cheap to clone (the connection is a pool handle).
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
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
