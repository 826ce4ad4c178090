//! Server functions the catalogue pages call; each is a thin door onto `store`.

use leptos::prelude::*;

use super::{Group, Neighbours, Recommendation};

#[server]
pub async fn get_catalogue() -> Result<Vec<Group>, ServerFnError> {
    let db = crate::state::db()?;
    super::store::groups(&db).await.map_err(internal)
}

#[server]
pub async fn get_group(code: String) -> Result<Option<Group>, ServerFnError> {
    let db = crate::state::db()?;
    super::store::group(&db, &code).await.map_err(internal)
}

/// One recommendation and the codes of its neighbours, or `None` for an unknown code.
#[server]
pub async fn get_recommendation(
    code: String,
) -> Result<Option<(Recommendation, Neighbours)>, ServerFnError> {
    let db = crate::state::db()?;
    let Some(recommendation) = super::store::recommendation(&db, &code)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    let neighbours = super::store::neighbours(&db, &recommendation.code)
        .await
        .map_err(internal)?;
    Ok(Some((recommendation, neighbours)))
}

/// Logs the database error in full and tells the browser only that something failed.
#[cfg(feature = "ssr")]
fn internal(error: sea_orm::DbErr) -> ServerFnError {
    tracing::error!(%error, "catalogue query failed");
    ServerFnError::new("The catalogue could not be read. Please try again later.")
}
