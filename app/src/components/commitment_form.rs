//! The commitment form, for a new commitment or a change to one. A change carries the version
//! it was based on: if someone saved in between, the server refuses and the typed text stays
//! in the form.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::status::{failure, FormAlert};

use crate::plans::{PlanEditor, SaveCommitment, Target, DISAGGREGATIONS};

#[component]
pub fn CommitmentForm(editor: PlanEditor) -> impl IntoView {
    let save = ServerAction::<SaveCommitment>::new();
    let error = move || failure(save.value().get());
    let PlanEditor {
        plan,
        owners,
        recommendations,
        commitment,
        ..
    } = editor;
    let c = commitment.clone();
    let text =
        move |f: fn(&crate::plans::Commitment) -> String| c.as_ref().map(f).unwrap_or_default();
    let lead = text(|c| c.lead_owner.code.clone());
    let chosen: Vec<String> = commitment
        .as_ref()
        .map(|c| c.recommendations.clone())
        .unwrap_or_default();
    let supporters: Vec<String> = commitment
        .as_ref()
        .map(|c| c.supporting_owners.iter().map(|o| o.code.clone()).collect())
        .unwrap_or_default();
    let lead_options = owners
        .iter()
        .map(|o| view! { <option value=o.code.clone() selected=o.code == lead>{format!("{} ({})", o.name, o.code)}</option> })
        .collect_view();
    let supporting = owners
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let id = format!("support-{}", o.code);
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name=format!("form[supporting_owners][{i}]") value=o.code.clone() checked=supporters.contains(&o.code) />
                    <label for=id>{format!("{} ({})", o.name, o.code)}</label>
                </div>
            }
        })
        .collect_view();
    // Existing targets keep their ids; one empty row adds a new target.
    let mut targets: Vec<Option<Target>> = commitment
        .as_ref()
        .map(|c| c.targets.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    targets.push(None);
    let target_rows = targets
        .into_iter()
        .enumerate()
        .map(|(i, t)| view! { <TargetRow i target=t /> })
        .collect_view();
    let (commitment_id, version) = match &commitment {
        Some(c) => (Some(c.id), Some(c.version)),
        None => (None, None),
    };
    view! {
        <ActionForm action=save attr:class="form" attr:aria-describedby="commitment-error">
            <FormAlert id="commitment-error" message=Signal::derive(error) />
            <input type="hidden" name="plan_id" value=plan.id />
            {commitment_id.map(|id| view! { <input type="hidden" name="commitment_id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <label for="reference">"Reference in the plan, such as C-12"</label>
            <input id="reference" name="form[reference]" required value=text(|c| c.reference.clone()) />
            <label for="title">"Title"</label>
            <input id="title" name="form[title]" required value=text(|c| c.title.clone()) />
            <label for="description">"Description"</label>
            <textarea id="description" name="form[description]" rows="4">{text(|c| c.description.clone())}</textarea>
            <RecommendationPicker recommendations chosen />
            <label for="lead">"Lead ministry or agency"</label>
            <select id="lead" name="form[lead_owner]">{lead_options}</select>
            <fieldset>
                <legend>"Supporting ministries and agencies"</legend>
                {supporting}
            </fieldset>
            <label for="start">"Start date"</label>
            <input id="start" type="date" name="form[start_date]" required value=text(|c| c.start_date.to_string()) />
            <label for="end">"End date"</label>
            <input id="end" type="date" name="form[end_date]" required value=text(|c| c.end_date.to_string()) />
            {target_rows}
            <button type="submit">{if commitment_id.is_some() { "Save the changes" } else { "Add the commitment" }}</button>
        </ActionForm>
    }
}

/// One target: indicator, unit, baseline and target. An empty row adds nothing.
#[component]
fn TargetRow(i: usize, target: Option<Target>) -> impl IntoView {
    let field = move |name: &str| format!("form[targets][{i}][{name}]");
    let id = move |name: &str| format!("target-{i}-{name}");
    let legend = if target.is_some() {
        format!("Target {}", i + 1)
    } else {
        "New target (optional)".to_owned()
    };
    let t = target.clone();
    let value = move |f: fn(&Target) -> String| t.as_ref().map(f).unwrap_or_default();
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let ticked: Vec<String> = target
        .as_ref()
        .map(|t| t.disaggregation.clone())
        .unwrap_or_default();
    let dimensions = DISAGGREGATIONS
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let box_id = id(&format!("by-{d}"));
            view! {
                <div class="check">
                    <input type="checkbox" id=box_id.clone() name=format!("form[targets][{i}][disaggregation][{k}]") value=*d checked=ticked.iter().any(|t| t == d) />
                    <label for=box_id>{*d}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {target.as_ref().map(|t| view! { <input type="hidden" name=field("id") value=t.id /> })}
            <label for=id("indicator")>"Indicator"</label>
            <input id=id("indicator") name=field("indicator") value=value(|t| t.indicator.clone()) />
            <label for=id("unit")>"Unit"</label>
            <input id=id("unit") name=field("unit") value=value(|t| t.unit.clone()) />
            <label for=id("baseline")>"Baseline value"</label>
            <input id=id("baseline") inputmode="decimal" name=field("baseline_value") value=target.as_ref().map(|t| number(t.baseline_value)) />
            <label for=id("baseline-date")>"Baseline date"</label>
            <input id=id("baseline-date") type="date" name=field("baseline_date") value=target.as_ref().map(|t| date(t.baseline_date)) />
            <label for=id("target")>"Target value"</label>
            <input id=id("target") inputmode="decimal" name=field("target_value") value=target.as_ref().map(|t| number(t.target_value)) />
            <label for=id("date")>"Target date"</label>
            <input id=id("date") type="date" name=field("target_date") value=target.as_ref().map(|t| date(t.target_date)) />
            <fieldset class="dimensions">
                <legend>"Broken down by (optional)"</legend>
                {dimensions}
            </fieldset>
        </fieldset>
    }
}

/// Checkboxes for all recommendations, narrowed by a search box once the page is live.
#[component]
fn RecommendationPicker(
    recommendations: Vec<(String, String)>,
    chosen: Vec<String>,
) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let items = recommendations
        .into_iter()
        .enumerate()
        .map(|(i, (code, text))| {
            let id = format!("rec-{code}");
            let haystack = format!("{code} {text}").to_lowercase();
            let hidden = move || {
                let q = query.get().trim().to_lowercase();
                !q.is_empty() && !haystack.contains(&q)
            };
            let checked = chosen.contains(&code);
            view! {
                <div class="check" class:hidden=hidden>
                    <input type="checkbox" id=id.clone() name=format!("form[recommendations][{i}]") value=code.clone() checked=checked />
                    <label for=id><strong>{code}</strong> " " {text}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="picker">
            <legend>"Recommendations it answers (one or more)"</legend>
            <label for="rec-search">"Find a recommendation"</label>
            <input
                id="rec-search"
                type="search"
                placeholder="a code such as SPR-2, or a word"
                on:input=move |ev| set_query.set(event_target_value(&ev))
            />
            <div class="picker-list">{items}</div>
        </fieldset>
    }
}
