//! `/commitments/{id}/shadow`: a person who speaks for an approved civil-society organisation
//! publishes its assessment of a published commitment, or changes it.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::civil_society::{get_shadow_form, SaveShadowAssessment, ShadowForm};
use crate::components::by_id::resource_by_id;
use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::pages::not_found::NotFound;
use crate::plans::Status;

#[component]
pub fn ShadowAssessPage() -> impl IntoView {
    let form = resource_by_id(get_shadow_form);
    view! {
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(Some(form)) => view! { <Form form /> }.into_any(),
                        Ok(None) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! {
                            <LoadError error />
                            <p>
                                <a href="/sign-in">"Sign in"</a> " to publish your organisation's assessment, or "
                                <a href="/organisations/register">"register your organisation"</a> "."
                            </p>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Form(form: ShadowForm) -> impl IntoView {
    let c = form.detail.commitment;
    let save = ServerAction::<SaveShadowAssessment>::new();
    let error = move || failure(save.value().get());
    let heading = view! {
        <Title text=format!("Assess as civil society: {}", c.reference) />
        <p class="eyebrow">{c.country_name.clone()} ", commitment " {c.reference.clone()}</p>
        <h1>"Your organisation's assessment: " {c.title.clone()}</h1>
        <p>"The ministry reports " <StatusBadge status=c.status /> " " {percent_text(c.percent_complete)} "."</p>
    };
    if let Some(refusal) = form.refusal {
        return view! {
            {heading}
            <p class="notice notice-error" role="alert">{refusal}</p>
            <p><a href="/organisations/register">"Register an organisation"</a></p>
        }
        .into_any();
    }
    let mine = form.mine;
    let chosen = mine.as_ref().map_or(c.status, |m| m.status);
    let statuses = Status::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == chosen>{s.label()}</option> })
        .collect_view();
    let justification = mine
        .as_ref()
        .map(|m| m.justification.clone())
        .unwrap_or_default();
    let evidence = mine
        .as_ref()
        .map(|m| m.evidence_urls.join("\n"))
        .unwrap_or_default();
    view! {
        {heading}
        <p>"Your assessment is published on the commitment's page beside the ministry's report and the Commission's review; saving again replaces it."</p>
        <ActionForm action=save attr:class="form" attr:aria-describedby="shadow-error">
            <FormAlert id="shadow-error" message=Signal::derive(error) />
            <input type="hidden" name="id" value=c.id />
            {mine.map(|m| view! { <input type="hidden" name="existing" value=m.id /> })}
            <label for="shadow-status">"Status, in your organisation's judgement"</label>
            <select id="shadow-status" name="form[status]">{statuses}</select>
            <label for="shadow-justification">"Justification"</label>
            <textarea id="shadow-justification" name="form[justification]" rows="6" required>{justification}</textarea>
            <label for="shadow-evidence">"Evidence: web addresses, one per line"</label>
            <textarea id="shadow-evidence" name="form[evidence]" rows="3">{evidence}</textarea>
            <button type="submit">"Publish the assessment"</button>
        </ActionForm>
    }
    .into_any()
}
