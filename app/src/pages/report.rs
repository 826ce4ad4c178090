//! `/commitments/{id}/report`: a focal point records progress on one commitment. An update is
//! never edited afterwards: a correction is a new update.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::by_id::resource_by_id;
use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::pages::not_found::NotFound;
use crate::plans::{get_commitment_for_report, CommitmentDetail, ReportProgress, Status};

#[component]
pub fn ReportPage() -> impl IntoView {
    let detail = resource_by_id(get_commitment_for_report);
    view! {
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(Some((detail, true))) => view! { <ReportForm detail /> }.into_any(),
                        Ok(Some((detail, false))) => {
                            let c = detail.commitment;
                            view! {
                                <h1>{c.title}</h1>
                                <p class="notice notice-error" role="alert">
                                    "You may not report progress on this commitment: it is led by "
                                    {c.lead_owner.name} "."
                                </p>
                            }
                                .into_any()
                        }
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
fn ReportForm(detail: CommitmentDetail) -> impl IntoView {
    let c = detail.commitment;
    let report = ServerAction::<ReportProgress>::new();
    let error = move || failure(report.value().get());
    let today = chrono::Utc::now().date_naive().to_string();
    let statuses = Status::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == c.status>{s.label()}</option> })
        .collect_view();
    let targets = c
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = format!("value-{}", t.id);
            let label = format!("{} ({})", t.indicator, t.unit);
            view! {
                <input type="hidden" name=format!("form[targets][{i}]") value=t.id />
                <label for=id.clone()>{label}</label>
                <input id=id type="text" inputmode="decimal" name=format!("form[values][{i}]") />
            }
        })
        .collect_view();
    view! {
        <Title text=format!("Report progress: {}", c.reference) />
        <p class="eyebrow">{c.country_name.clone()} ", commitment " {c.reference.clone()}</p>
        <h1>"Report progress: " {c.title.clone()}</h1>
        <p>"Your update is added to the commitment's history; earlier updates stay as they were."</p>
        <ActionForm action=report attr:class="form" attr:aria-describedby="report-error">
            <FormAlert id="report-error" message=Signal::derive(error) />
            <input type="hidden" name="id" value=c.id />
            <input type="hidden" name="form[version]" value=c.version />
            <label for="status">"Status"</label>
            <select id="status" name="form[status]">{statuses}</select>
            <label for="percent">"Per cent complete (0 to 100)"</label>
            <input id="percent" type="number" min="0" max="100" name="form[percent_complete]" />
            <label for="reporting-date">"Reporting date"</label>
            <input id="reporting-date" type="date" name="form[reporting_date]" value=today />
            {targets}
            <label for="narrative">"What happened"</label>
            <textarea id="narrative" name="form[narrative]" rows="6"></textarea>
            <label for="evidence">"Evidence: web addresses, one per line"</label>
            <textarea id="evidence" name="form[evidence]" rows="3"></textarea>
            <button type="submit">"Save the update"</button>
        </ActionForm>
    }
}
