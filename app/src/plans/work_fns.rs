//! Server functions of the signed-in pages: what someone works on, reporting progress and
//! adding commitments. Each asks the domain function, which checks the person's right.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Commitment, CommitmentDetail, Plan};
use crate::accounts::Caller;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyWork {
    pub caller: Caller,
    pub commitments: Vec<Commitment>,
    /// Plans the person builds, with their country's name.
    pub plans: Vec<(Plan, String)>,
    /// Browsers or devices the person is signed in on, this one included.
    pub open_sessions: u64,
    /// Updates on these commitments a reviewer returned, still to be answered.
    pub returned: Vec<crate::review::Returned>,
    /// The civil-society organisation the person speaks for, and its state (`pending`,
    /// `approved`, `rejected`).
    pub organisation: Option<(String, String)>,
    /// What changed for the person since their last visit.
    pub notices: crate::notices::Notices,
}

/// `None` when nobody is signed in.
#[server]
pub async fn get_my_work() -> Result<Option<MyWork>, ServerFnError> {
    let Some(caller) = crate::state::signed_in().await? else {
        return Ok(None);
    };
    let actor = crate::accounts::Actor::Person(caller.clone());
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    let unreadable = |error: sea_orm::DbErr| {
        tracing::error!(%error, "reading someone's work failed");
        ServerFnError::new("Your commitments could not be read. Please try again later.")
    };
    let (commitments, plans) = super::store::work_of(&db, &actor, now.date_naive())
        .await
        .map_err(unreadable)?;
    let open_sessions = crate::accounts::sessions::open_sessions(&db, caller.user_id, now)
        .await
        .map_err(unreadable)?;
    let returned = crate::review::returned::unanswered(&db, &commitments)
        .await
        .map_err(unreadable)?;
    let organisation = crate::civil_society::organisations::of_person(&db, caller.user_id)
        .await
        .map_err(unreadable)?
        .map(|org| (org.name, org.state));
    let notices = crate::notices::store::notices(&db, &actor, caller.user_id, &commitments, now)
        .await
        .map_err(unreadable)?;
    Ok(Some(MyWork {
        notices,
        organisation,
        caller,
        commitments,
        plans,
        open_sessions,
        returned,
    }))
}

/// A commitment as the signed-in person sees it, and whether they may report progress on it.
#[server]
pub async fn get_commitment_for_report(
    id: i32,
) -> Result<Option<(CommitmentDetail, bool)>, ServerFnError> {
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let detail =
        super::store::commitment_detail(&db, id, Some(&actor), chrono::Utc::now().date_naive())
            .await
            .map_err(|error| {
                tracing::error!(%error, "reading a commitment failed");
                ServerFnError::new("The commitment could not be read. Please try again later.")
            })?;
    let may = match &detail {
        Some(d) => super::store::may_report(&db, &actor, d.commitment.id)
            .await
            .map_err(|error| {
                tracing::error!(%error, "checking a right failed");
                ServerFnError::new("The commitment could not be read. Please try again later.")
            })?,
        None => false,
    };
    Ok(detail.map(|d| (d, may)))
}

/// The progress form as sent: every value as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressForm {
    pub status: String,
    #[serde(default)]
    pub percent_complete: String,
    #[serde(default)]
    pub reporting_date: String,
    #[serde(default)]
    pub narrative: String,
    /// One web address per line.
    #[serde(default)]
    pub evidence: String,
    /// Target ids and the values typed for them, in the same order.
    #[serde(default)]
    pub targets: Vec<i32>,
    #[serde(default)]
    pub values: Vec<String>,
    pub version: i32,
}

/// Records progress, then goes to the commitment's public page.
#[server]
pub async fn report_progress(id: i32, form: ProgressForm) -> Result<(), ServerFnError> {
    use crate::progress::{IndicatorValue, Source, UpdateInput};
    let actor = crate::state::actor().await?;
    let mut errors = Vec::new();
    let percent_complete = match form.percent_complete.trim().trim_end_matches('%').trim() {
        "" => None,
        text => match text.replace(',', ".").parse::<f64>() {
            Ok(p) => Some(p),
            Err(_) => {
                errors.push(format!(
                    "percent_complete: '{text}' is not a number from 0 to 100"
                ));
                None
            }
        },
    };
    let mut indicator_values = Vec::new();
    for (target_id, text) in form.targets.iter().zip(&form.values) {
        match text.trim() {
            "" => {}
            text => match text.replace(',', ".").parse::<f64>() {
                Ok(value) => indicator_values.push(IndicatorValue {
                    target_id: *target_id,
                    value,
                }),
                Err(_) => errors.push(format!("indicator value '{text}' is not a number")),
            },
        }
    }
    if !errors.is_empty() {
        return Err(ServerFnError::new(format!(
            "nothing was saved: {}",
            errors.join("; ")
        )));
    }
    let input = UpdateInput {
        reporting_date: Some(form.reporting_date),
        status: form.status,
        percent_complete,
        narrative: Some(form.narrative),
        evidence_urls: form.evidence.lines().map(str::to_owned).collect(),
        indicator_values,
        version: Some(form.version),
    };
    crate::progress::store::record(
        &crate::state::db()?,
        &actor,
        id,
        input,
        Source::Form,
        chrono::Utc::now().date_naive(),
    )
    .await
    .map_err(crate::state::write_failed)?;
    leptos_axum::redirect(&format!("/commitments/{id}"));
    Ok(())
}
