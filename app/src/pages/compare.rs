//! `/recommendations/{code}/compare`: every country's commitments that answer one
//! recommendation, each with the ministry's own status, the latest status a reviewer approved,
//! and the reviewer's assessment, so that countries' uptake can be compared.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::status::{LoadError, Loading};
use crate::review::{get_comparison, Compared};

#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default().to_uppercase();
    let rows = Resource::new(code, get_comparison);
    view! {
        <Title text=move || format!("{}: countries compared", code()) />
        <div class="wrap">
            <p class="eyebrow"><a href=move || format!("/recommendations/{}", code())>{move || format!("Recommendation {}", code())}</a></p>
            <h1>{move || format!("{}: countries compared", code())}</h1>
            <p class="lede">
                "Every published commitment that answers this recommendation, by country: what "
                "the ministry reports, the latest report a reviewer of the Commission approved, "
                "and the reviewer's own assessment. A dash means there is none yet."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) => view! { <Table rows /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Table(rows: Vec<Compared>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"No published commitment answers this recommendation yet."</p> }
            .into_any();
    }
    let body = rows
        .into_iter()
        .map(|r| {
            let page = format!("/commitments/{}", r.commitment_id);
            let country = format!("/countries/{}", r.country);
            view! {
                <tr>
                    <th scope="row"><a href=country>{r.country_name}</a></th>
                    <td><a href=page>{r.reference} ": " {r.title}</a></td>
                    <td><StatusBadge status=r.self_reported /> " " {percent_text(r.self_reported_percent)}</td>
                    <td>{match r.reviewed {
                        Some((status, percent)) => view! { <StatusBadge status /> " " {percent_text(percent)} }.into_any(),
                        None => "–".into_any(),
                    }}</td>
                    <td>{match r.assessment {
                        Some(a) => view! { <StatusBadge status=a.status /> " " {percent_text(a.percent_complete)} }.into_any(),
                        None => "–".into_any(),
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="commitments">
                <caption>"Commitments answering the recommendation, three voices each"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Country"</th>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Ministry's report"</th>
                        <th scope="col">"Reviewed report"</th>
                        <th scope="col">"Reviewer's assessment"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
