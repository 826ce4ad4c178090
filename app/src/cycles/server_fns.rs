//! Server functions of the review-cycle pages. Reading is open to anyone; opening and closing
//! are checked by the domain functions (administrators only).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{CountrySnapshot, Cycle, CycleComparison, CycleView};

/// The cycles, newest first, and whether the person looking may open and close them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleList {
    pub cycles: Vec<Cycle>,
    pub may_manage: bool,
}

#[cfg(feature = "ssr")]
fn unreadable(error: sea_orm::DbErr) -> ServerFnError {
    tracing::error!(%error, "reading review cycles failed");
    ServerFnError::new("The review cycles could not be read. Please try again later.")
}

#[server]
pub async fn get_cycles() -> Result<CycleList, ServerFnError> {
    let may_manage = crate::state::signed_in()
        .await?
        .map(crate::accounts::Actor::Person)
        .is_some_and(|actor| actor.is_admin());
    let cycles = super::read::cycles(&crate::state::db()?)
        .await
        .map_err(unreadable)?;
    Ok(CycleList { cycles, may_manage })
}

#[server]
pub async fn open_cycle(name: String) -> Result<Cycle, ServerFnError> {
    let actor = crate::state::actor().await?;
    super::manage::open(&crate::state::db()?, &actor, &name, chrono::Utc::now())
        .await
        .map_err(crate::state::write_failed)
}

/// Closes cycle `id` and shows its snapshot.
#[server]
pub async fn close_cycle(id: i32) -> Result<Cycle, ServerFnError> {
    let actor = crate::state::actor().await?;
    let closed = super::manage::close(&crate::state::db()?, &actor, id, chrono::Utc::now())
        .await
        .map_err(crate::state::write_failed)?;
    leptos_axum::redirect(&format!("/cycles/{id}"));
    Ok(closed)
}

/// Cycle `id` with its countries; `None` when there is no such cycle.
#[server]
pub async fn get_cycle(id: i32) -> Result<Option<CycleView>, ServerFnError> {
    super::read::view(&crate::state::db()?, id)
        .await
        .map_err(unreadable)
}

/// One country's commitments as cycle `id` froze them.
#[server]
pub async fn get_cycle_country(
    id: i32,
    iso3: String,
) -> Result<Option<CountrySnapshot>, ServerFnError> {
    super::read::country(&crate::state::db()?, id, &iso3)
        .await
        .map_err(unreadable)
}

/// Cycles `id` and `other` compared; `None` unless both exist and are closed.
#[server]
pub async fn get_cycle_comparison(
    id: i32,
    other: i32,
) -> Result<Option<CycleComparison>, ServerFnError> {
    super::compare::compare(&crate::state::db()?, id, other)
        .await
        .map_err(unreadable)
}
