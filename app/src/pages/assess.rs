//! `/commitments/{id}/assess`: a reviewer records their own assessment of a commitment, on
//! the same scale as the ministry's report, with the reasons; earlier assessments stay.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::by_id::resource_by_id;
use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::pages::not_found::NotFound;
use crate::plans::{CommitmentDetail, Status};
use crate::review::{get_assessment_form, AssessCommitment};

#[component]
pub fn AssessPage() -> impl IntoView {
    let detail = resource_by_id(get_assessment_form);
    view! {
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(Some((detail, true))) => view! { <AssessForm detail /> }.into_any(),
                        Ok(Some((detail, false))) => view! {
                            <h1>{detail.commitment.title}</h1>
                            <p class="notice notice-error" role="alert">
                                "Only a reviewer of " {detail.commitment.country_name} " may assess its commitments."
                            </p>
                        }
                            .into_any(),
                        Ok(None) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! {
                            <LoadError error />
                            <p><a href="/sign-in">"Sign in"</a></p>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AssessForm(detail: CommitmentDetail) -> impl IntoView {
    let c = detail.commitment;
    let assess = ServerAction::<AssessCommitment>::new();
    let error = move || failure(assess.value().get().map(|r| r.map(drop)));
    let current = detail.assessments.first().cloned();
    let chosen = current.as_ref().map_or(c.status, |a| a.status);
    let statuses = Status::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == chosen>{s.label()}</option> })
        .collect_view();
    view! {
        <Title text=format!("Assess: {}", c.reference) />
        <p class="eyebrow">{c.country_name.clone()} ", commitment " {c.reference.clone()}</p>
        <h1>"Assess: " {c.title.clone()}</h1>
        <p>
            "The ministry reports " <StatusBadge status=c.status /> " " {percent_text(c.percent_complete)}
            ". Your assessment is shown beside it on the public page, with your reasons; "
            "a new assessment replaces yours there and the earlier ones stay in its history."
        </p>
        {current.map(|a| view! {
            <p>"Your last assessment: " <StatusBadge status=a.status /> " " {percent_text(a.percent_complete)}
            " (" {a.created_at.date_naive().to_string()} ")."</p>
        })}
        <ActionForm action=assess attr:class="form" attr:aria-describedby="assess-error">
            <FormAlert id="assess-error" message=Signal::derive(error) />
            <input type="hidden" name="id" value=c.id />
            <label for="assess-status">"Status, in your judgement"</label>
            <select id="assess-status" name="form[status]">{statuses}</select>
            <label for="assess-percent">"Per cent complete (0 to 100; leave empty if unknown)"</label>
            <input id="assess-percent" type="number" min="0" max="100" name="form[percent_complete]" />
            <label for="assess-justification">"Justification"</label>
            <textarea id="assess-justification" name="form[justification]" rows="6" required></textarea>
            <button type="submit">"Save the assessment"</button>
        </ActionForm>
    }
}
