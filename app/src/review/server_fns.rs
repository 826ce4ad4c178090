//! Server functions of the review pages. Each asks the domain function, which checks that the
//! person reviews the country concerned.

use leptos::prelude::*;

use super::{Assessment, AssessmentInput, Compared, Queue, QueueFilter};
use crate::plans::CommitmentDetail;

#[cfg(feature = "ssr")]
fn unreadable(error: sea_orm::DbErr) -> ServerFnError {
    tracing::error!(%error, "reading for review failed");
    ServerFnError::new("The review data could not be read. Please try again later.")
}

/// The queue for the signed-in reviewer; `None` when nobody is signed in.
#[server]
pub async fn get_review_queue(filter: QueueFilter) -> Result<Option<Queue>, ServerFnError> {
    let Some(caller) = crate::state::signed_in().await? else {
        return Ok(None);
    };
    let actor = crate::accounts::Actor::Person(caller);
    let db = crate::state::db()?;
    let filter = QueueFilter {
        country: filter.country.filter(|c| !c.trim().is_empty()),
        group: filter.group.filter(|g| !g.trim().is_empty()),
        owner: filter.owner.filter(|o| !o.trim().is_empty()),
        waiting_days: filter.waiting_days,
        commitment: filter.commitment,
    };
    super::queue::queue(&db, &actor, &filter, chrono::Utc::now())
        .await
        .map(Some)
        .map_err(crate::state::write_failed)
}

/// Approves (`decision` = `approve`) or returns (`return`) update `update_id`.
#[server]
pub async fn decide_update(
    update_id: i32,
    decision: String,
    #[server(default)] comment: String,
) -> Result<(), ServerFnError> {
    let actor = crate::state::actor().await?;
    let Some(decision) = super::Decision::parse(&decision) else {
        return Err(ServerFnError::new(format!(
            "'{decision}' is not a decision: approve or return"
        )));
    };
    super::decide::decide(
        &crate::state::db()?,
        &actor,
        update_id,
        decision,
        &comment,
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::state::write_failed)
}

/// A commitment with its assessments, and whether the signed-in person may assess it; `None`
/// when it does not exist or they may not read it.
#[server]
pub async fn get_assessment_form(
    id: i32,
) -> Result<Option<(CommitmentDetail, bool)>, ServerFnError> {
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let today = chrono::Utc::now().date_naive();
    let Some(detail) = crate::plans::store::commitment_detail(&db, id, Some(&actor), today)
        .await
        .map_err(unreadable)?
    else {
        return Ok(None);
    };
    let may = crate::plans::store::country_of_commitment(&db, id)
        .await
        .map_err(unreadable)?
        .is_some_and(|country| actor.reviews(country));
    Ok(Some((detail, may)))
}

/// Records the signed-in reviewer's assessment of commitment `id`, then shows the commitment.
#[server]
pub async fn assess_commitment(
    id: i32,
    form: AssessmentInput,
) -> Result<Assessment, ServerFnError> {
    let actor = crate::state::actor().await?;
    let saved = super::assess::assess(&crate::state::db()?, &actor, id, &form, chrono::Utc::now())
        .await
        .map_err(crate::state::write_failed)?;
    leptos_axum::redirect(&format!("/commitments/{id}"));
    Ok(saved)
}

/// Every country's published commitments answering recommendation `code`, three voices each.
#[server]
pub async fn get_comparison(code: String) -> Result<Vec<Compared>, ServerFnError> {
    super::compare::comparison(&crate::state::db()?, &code, chrono::Utc::now().date_naive())
        .await
        .map_err(unreadable)
}
