//! Server functions the public plan pages call; each is a thin door onto `store`.

use leptos::prelude::*;

use super::{Commitment, CommitmentDetail, CommitmentQuery, CountryPlans, CountrySummary, Found};

#[server]
pub async fn get_countries() -> Result<Vec<CountrySummary>, ServerFnError> {
    let db = crate::state::db()?;
    super::store::countries(&db).await.map_err(internal)
}

#[server]
pub async fn get_country(iso3: String) -> Result<Option<CountryPlans>, ServerFnError> {
    let db = crate::state::db()?;
    super::store::country_plans(&db, &iso3, None, today())
        .await
        .map_err(internal)
}

#[server]
pub async fn get_commitment(id: i32) -> Result<Option<CommitmentDetail>, ServerFnError> {
    let db = crate::state::db()?;
    super::store::commitment_detail(&db, id, None, today())
        .await
        .map_err(internal)
}

/// Every country's published commitments that answer one recommendation.
#[server]
pub async fn get_answering(code: String) -> Result<Vec<Commitment>, ServerFnError> {
    let db = crate::state::db()?;
    super::store::answering(&db, &code, today())
        .await
        .map_err(internal)
}

/// Published commitments matching `query`: the first ones and how many there are.
#[server]
pub async fn search_commitments(query: CommitmentQuery) -> Result<Found, ServerFnError> {
    let db = crate::state::db()?;
    super::store::search(&db, &query, today())
        .await
        .map_err(internal)
}

/// Whether demonstration data is loaded, for the banner on every page.
#[server]
pub async fn get_demo_flag() -> Result<bool, ServerFnError> {
    let db = crate::state::db()?;
    super::store::has_demo_data(&db).await.map_err(internal)
}

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Logs the database error in full and tells the browser only that something failed.
#[cfg(feature = "ssr")]
fn internal(error: sea_orm::DbErr) -> ServerFnError {
    tracing::error!(%error, "plan query failed");
    ServerFnError::new("The plans could not be read. Please try again later.")
}
