//! Server functions of the coordinator's plan page: the country's plans and ministries,
//! starting, changing and publishing a plan, and adding a ministry or agency.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{OwnerRef, Plan};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryEditor {
    pub iso3: String,
    pub name: String,
    pub plans: Vec<Plan>,
    pub owners: Vec<OwnerRef>,
}

/// `None` when the country does not exist or the person does not coordinate it.
#[server]
pub async fn get_country_editor(iso3: String) -> Result<Option<CountryEditor>, ServerFnError> {
    let actor = crate::state::actor().await?;
    let found = super::store::country_for_editing(&crate::state::db()?, &actor, &iso3)
        .await
        .map_err(|error| {
            tracing::error!(%error, "reading a country for editing failed");
            ServerFnError::new("The country's plans could not be read. Please try again later.")
        })?;
    Ok(found.map(|(name, plans, owners)| CountryEditor {
        iso3: super::normalise_iso3(&iso3),
        name,
        plans,
        owners,
    }))
}

/// Starts a draft plan (no `plan_id`) or changes one; `published` is the checkbox's value.
#[server]
pub async fn save_plan(
    iso3: String,
    plan_id: Option<i32>,
    title: String,
    period_start: String,
    period_end: String,
    published: Option<String>,
) -> Result<(), ServerFnError> {
    use super::authoring::{self, PlanInput};
    use super::PlanStatus;
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let input = PlanInput {
        title,
        period_start,
        period_end,
    };
    match plan_id {
        None => authoring::create_plan(&db, &actor, &iso3, input)
            .await
            .map(drop),
        Some(id) => {
            let status = if published.is_some() {
                PlanStatus::Published
            } else {
                PlanStatus::Draft
            };
            authoring::update_plan(&db, &actor, id, input, status).await
        }
    }
    .map_err(crate::state::write_failed)
}

#[server]
pub async fn add_owner(iso3: String, code: String, name: String) -> Result<(), ServerFnError> {
    let actor = crate::state::actor().await?;
    super::authoring::create_owner(&crate::state::db()?, &actor, &iso3, &code, &name)
        .await
        .map(drop)
        .map_err(crate::state::write_failed)
}
