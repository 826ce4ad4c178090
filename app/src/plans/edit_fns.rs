//! Server functions of the plan editor: what a coordinator needs to add or change a
//! commitment, and saving it. The domain function checks that the person coordinates the
//! plan's country, and refuses a change based on an outdated version.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Commitment, OwnerRef, Plan};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanEditor {
    pub plan: Plan,
    pub country_name: String,
    pub owners: Vec<OwnerRef>,
    /// Every recommendation as (code, text), to pick from.
    pub recommendations: Vec<(String, String)>,
    /// The commitment being changed; `None` for a new one.
    pub commitment: Option<Commitment>,
}

/// The editor for a new commitment of `plan_id`, or for commitment `commitment_id`; `None`
/// when either does not exist or the person may not edit it.
#[server]
pub async fn get_plan_editor(
    plan_id: Option<i32>,
    commitment_id: Option<i32>,
) -> Result<Option<PlanEditor>, ServerFnError> {
    let actor = crate::state::actor().await?;
    let db = crate::state::db()?;
    let failed = |error: sea_orm::DbErr| {
        tracing::error!(%error, "reading a plan for editing failed");
        ServerFnError::new("The plan could not be read. Please try again later.")
    };
    let today = chrono::Utc::now().date_naive();
    let commitment = match commitment_id {
        Some(id) => match super::store::commitment_detail(&db, id, Some(&actor), today)
            .await
            .map_err(failed)?
        {
            Some(detail) => Some(detail.commitment),
            None => return Ok(None),
        },
        None => None,
    };
    let Some(plan_id) = commitment.as_ref().map(|c| c.plan_id).or(plan_id) else {
        return Ok(None);
    };
    let Some((plan, country_name, owners)) = super::store::plan_for_editing(&db, &actor, plan_id)
        .await
        .map_err(failed)?
    else {
        return Ok(None);
    };
    let recommendations = crate::catalogue::store::recommendations(&db)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|r| (r.code, r.text))
        .collect();
    Ok(Some(PlanEditor {
        plan,
        country_name,
        owners,
        recommendations,
        commitment,
    }))
}

/// One target row of the form; rows without an indicator and without an id are left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub baseline_value: String,
    #[serde(default)]
    pub baseline_date: String,
    #[serde(default)]
    pub target_value: String,
    #[serde(default)]
    pub target_date: String,
    /// The ticked dimensions: sex, age, location, group.
    #[serde(default)]
    pub disaggregation: Vec<String>,
}

/// The commitment form as sent, every value as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommitmentForm {
    pub reference: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub recommendations: Vec<String>,
    #[serde(default)]
    pub lead_owner: String,
    #[serde(default)]
    pub supporting_owners: Vec<String>,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub targets: Vec<TargetForm>,
}

/// Adds a commitment to `plan_id`, or changes commitment `commitment_id` from `version`; then
/// shows its page.
#[server]
pub async fn save_commitment(
    plan_id: i32,
    commitment_id: Option<i32>,
    version: Option<i32>,
    form: CommitmentForm,
) -> Result<(), ServerFnError> {
    use super::authoring::{self, CommitmentInput, TargetInput};
    let actor = crate::state::actor().await?;
    let mut problems = Vec::new();
    let mut targets = Vec::new();
    for (n, t) in form.targets.into_iter().enumerate() {
        let id = t.id.trim().parse::<i32>().ok();
        if id.is_none() && t.indicator.trim().is_empty() {
            continue;
        }
        let mut number = |field: &str, text: &str| match text.trim() {
            "" => None,
            text => text
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| {
                    problems.push(format!(
                        "target {}, {field}: '{text}' is not a number",
                        n + 1
                    ))
                })
                .ok(),
        };
        let baseline_value = number("baseline value", &t.baseline_value);
        let target_value = number("target value", &t.target_value);
        targets.push(TargetInput {
            id,
            indicator: t.indicator,
            unit: t.unit,
            baseline_value,
            baseline_date: Some(t.baseline_date),
            target_value,
            target_date: Some(t.target_date),
            disaggregation: t.disaggregation,
        });
    }
    if !problems.is_empty() {
        return Err(ServerFnError::new(format!(
            "nothing was saved: {}",
            problems.join("; ")
        )));
    }
    let input = CommitmentInput {
        reference: form.reference,
        title: form.title,
        description: form.description,
        recommendations: form.recommendations,
        lead_owner: form.lead_owner,
        supporting_owners: form.supporting_owners,
        start_date: form.start_date,
        end_date: form.end_date,
        targets,
    };
    let db = crate::state::db()?;
    let id = match commitment_id {
        None => authoring::create_commitment(&db, &actor, plan_id, input).await,
        Some(id) => authoring::update_commitment(&db, &actor, id, version.unwrap_or(0), input)
            .await
            .map(|_| id),
    }
    .map_err(crate::state::write_failed)?;
    leptos_axum::redirect(&format!("/commitments/{id}"));
    Ok(())
}
