//! Server functions of the civil-society pages; the domain functions check every right.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Organisation, Registration, ShadowAssessment, ShadowInput};
use crate::plans::CommitmentDetail;

/// What the shadow-assessment page needs: the published commitment, the organisation the
/// person speaks for, why they may not assess (if so), and their organisation's current
/// assessment of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShadowForm {
    pub detail: CommitmentDetail,
    pub refusal: Option<String>,
    pub mine: Option<ShadowAssessment>,
}

#[server]
pub async fn register_organisation(form: Registration) -> Result<Organisation, ServerFnError> {
    super::organisations::register(&crate::state::db()?, &form, chrono::Utc::now())
        .await
        .map_err(crate::state::write_failed)
}

/// Every registration, for an administrator; `None` when nobody is signed in.
#[server]
pub async fn get_organisations() -> Result<Option<Vec<Organisation>>, ServerFnError> {
    let Some(caller) = crate::state::signed_in().await? else {
        return Ok(None);
    };
    let actor = crate::accounts::Actor::Person(caller);
    super::organisations::list(&crate::state::db()?, &actor)
        .await
        .map(Some)
        .map_err(crate::state::write_failed)
}

/// Approves (`decision` = `approve`) or rejects (`reject`) organisation `id`.
#[server]
pub async fn decide_organisation(id: i32, decision: String) -> Result<(), ServerFnError> {
    let actor = crate::state::actor().await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        other => {
            return Err(ServerFnError::new(format!(
                "'{other}' is not a decision: approve or reject"
            )))
        }
    };
    super::organisations::decide(
        &crate::state::db()?,
        &actor,
        id,
        approve,
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::state::write_failed)
}

#[server]
pub async fn get_shadow_form(id: i32) -> Result<Option<ShadowForm>, ServerFnError> {
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let today = chrono::Utc::now().date_naive();
    let unreadable = |error: sea_orm::DbErr| {
        tracing::error!(%error, "reading a commitment to assess failed");
        ServerFnError::new("The commitment could not be read. Please try again later.")
    };
    // Civil society assesses what the public reads: the published commitment only.
    let Some(detail) = crate::plans::store::commitment_detail(&db, id, None, today)
        .await
        .map_err(unreadable)?
    else {
        return Ok(None);
    };
    let (refusal, mine) = match super::shadow::speaking_for(&db, &actor).await {
        Ok(org) => (
            None,
            detail
                .civil_society
                .iter()
                .find(|s| s.organisation == org.name)
                .cloned(),
        ),
        Err(crate::refusal::WriteError::Refused(refusal)) => (Some(refusal.to_string()), None),
        Err(crate::refusal::WriteError::Database(error)) => return Err(unreadable(error)),
    };
    Ok(Some(ShadowForm {
        detail,
        refusal,
        mine,
    }))
}

/// Publishes the signed-in person's organisation's assessment of commitment `id`, then shows
/// the commitment.
#[server]
pub async fn save_shadow_assessment(
    id: i32,
    existing: Option<i32>,
    form: ShadowInput,
) -> Result<(), ServerFnError> {
    let actor = crate::state::actor().await?;
    super::shadow::save(
        &crate::state::db()?,
        &actor,
        id,
        existing,
        &form,
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::state::write_failed)?;
    leptos_axum::redirect(&format!("/commitments/{id}"));
    Ok(())
}
