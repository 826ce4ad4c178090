//! Server functions of the public overview pages; each is a thin door onto `store` and the
//! roll-ups.

use leptos::prelude::*;

use super::{Coverage, Numbers};

/// The tracker in numbers, for the home page.
#[server]
pub async fn get_numbers() -> Result<Numbers, ServerFnError> {
    let db = crate::state::db()?;
    let facts = super::store::published(&db).await.map_err(internal)?;
    Ok(super::numbers(&facts, chrono::Utc::now().date_naive()))
}

/// The coverage matrix, rows limited to one group when `group` names one, columns to the
/// countries of one region when `region` names one.
#[server]
pub async fn get_coverage(
    group: Option<String>,
    region: Option<String>,
) -> Result<Coverage, ServerFnError> {
    let region = match region.filter(|r| !r.trim().is_empty()) {
        Some(region) => Some(
            region
                .parse::<crate::plans::Region>()
                .map_err(|e| ServerFnError::new(e.to_string()))?,
        ),
        None => None,
    };
    let db = crate::state::db()?;
    let mut countries = super::store::countries(&db).await.map_err(internal)?;
    let answered = super::store::answered(&db).await.map_err(internal)?;
    let mut regions: Vec<crate::plans::Region> =
        countries.iter().filter_map(|c| c.region).collect();
    regions.sort();
    regions.dedup();
    if region.is_some() {
        countries.retain(|c| c.region == region);
    }
    let mut groups = crate::catalogue::store::groups(&db)
        .await
        .map_err(internal)?;
    let choices = groups
        .iter()
        .map(|g| (g.code.clone(), g.name.clone()))
        .collect();
    if let Some(wanted) = group.filter(|g| !g.trim().is_empty()) {
        let wanted = wanted.trim().to_ascii_uppercase();
        groups.retain(|g| g.code == wanted);
    }
    Ok(Coverage {
        choices,
        regions,
        ..super::coverage(countries, &groups, &answered)
    })
}

/// Logs the database error in full and tells the browser only that something failed.
#[cfg(feature = "ssr")]
fn internal(error: sea_orm::DbErr) -> ServerFnError {
    tracing::error!(%error, "overview query failed");
    ServerFnError::new("The figures could not be read. Please try again later.")
}
