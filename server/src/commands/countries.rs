//! `nap-tracker country add` and `nap-tracker owner add`: what must exist before roles can be
//! granted in a country. Coordinators add owners in the browser too.

use app::accounts::Actor;
use app::plans::{authoring, Region};
use sea_orm::DatabaseConnection;

pub async fn add_country(
    db: &DatabaseConnection,
    iso3: &str,
    name: &str,
    region: Option<Region>,
) -> Result<String, String> {
    authoring::create_country(db, &Actor::Operator, iso3, name, region, false)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "added {} ({})",
        name.trim(),
        iso3.trim().to_ascii_uppercase()
    ))
}

pub async fn set_region(
    db: &DatabaseConnection,
    iso3: &str,
    region: Region,
) -> Result<String, String> {
    authoring::set_country_region(db, &Actor::Operator, iso3, region)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "{} is now in the region {}",
        iso3.trim().to_ascii_uppercase(),
        region.label()
    ))
}

pub async fn add_owner(
    db: &DatabaseConnection,
    country: &str,
    code: &str,
    name: &str,
) -> Result<String, String> {
    authoring::create_owner(db, &Actor::Operator, country, code, name)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "added {} ({}) to {}",
        name.trim(),
        code.trim().to_ascii_uppercase(),
        country.trim().to_ascii_uppercase()
    ))
}
