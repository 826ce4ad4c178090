//! `/cycles/{id}/countries/{iso3}`: one country's commitments as a closed review cycle kept
//! them: the ministry's report, the latest reviewed report, the reviewer's assessment and
//! civil society's, with disagreements flagged as on the live pages.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::data_table::{headings, DataTable};
use crate::components::status::{LoadError, Loading};
use crate::components::voices::Disagreement;
use crate::cycles::{get_cycle_country, CountrySnapshot};
use crate::pages::cycle::cycle_dates;
use crate::pages::not_found::NotFound;
use crate::plans::CommitmentDetail;

#[component]
pub fn CycleCountryPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").and_then(|id| id.parse::<i32>().ok()),
            p.get("iso3").unwrap_or_default(),
        )
    };
    let found = Resource::new(key, |(id, iso3)| async move {
        match id {
            Some(id) => get_cycle_country(id, iso3).await,
            None => Ok(None),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(Some(snapshot)) => view! { <Snapshot snapshot /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const COLUMNS: [&str; 5] = [
    "Commitment",
    "Ministry's report",
    "Latest reviewed report",
    "Reviewer's assessment",
    "Civil society",
];

#[component]
fn Snapshot(snapshot: CountrySnapshot) -> impl IntoView {
    let CountrySnapshot {
        cycle,
        iso3,
        name,
        commitments,
    } = snapshot;
    let id = cycle.id;
    let rows = commitments
        .into_iter()
        .map(|d| view! { <Row detail=d /> })
        .collect_view();
    view! {
        <Title text=format!("{name} in {}", cycle.name) />
        <div class="wrap">
            <p class="eyebrow"><a href=format!("/cycles/{id}")>{cycle.name.clone()}</a></p>
            <h1>{format!("{name} in {}", cycle.name)}</h1>
            <p class="lede">
                {cycle_dates(&cycle)} " Every published commitment as it stood when the cycle "
                "closed; the " <a href=format!("/countries/{iso3}")>"country's page"</a>
                " shows how it stands today."
            </p>
            <p>
                "Download: " <a href=format!("/data/cycles/{id}.csv?country={iso3}") download="">"CSV"</a>
                " · " <a href=format!("/data/cycles/{id}.json?country={iso3}") download="">"JSON"</a>
            </p>
            <DataTable
                class="commitments"
                caption="Commitments and who said what about them when the cycle closed"
                columns=headings(&COLUMNS)
            >
                {rows}
            </DataTable>
        </div>
    }
}

#[component]
fn Row(detail: CommitmentDetail) -> impl IntoView {
    let c = detail.commitment;
    let ministry = c.status;
    let reviewed = detail
        .updates
        .iter()
        .find(|u| u.review_state == "approved")
        .map(|u| {
            view! {
                <StatusBadge status=u.status /> " " {percent_text(u.percent_complete)}
                " (report of " {u.reporting_date.to_string()} ")"
            }
        });
    let assessed = detail.assessments.into_iter().next().map(|a| {
        view! {
            <Disagreement ministry other=a.status />
            <StatusBadge status=a.status /> " " {percent_text(a.percent_complete)}
        }
    });
    let civil = detail
        .civil_society
        .into_iter()
        .map(|s| {
            view! {
                <li>
                    {s.organisation} ": " <Disagreement ministry other=s.status />
                    <StatusBadge status=s.status />
                </li>
            }
        })
        .collect_view();
    let overdue = c
        .overdue
        .then(|| view! { " " <strong class="flag-overdue">"Overdue"</strong> });
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/commitments/{}", c.id)>{c.reference} ": " {c.title}</a>
                <br />{c.lead_owner.name}
            </th>
            <td><StatusBadge status=ministry /> " " {percent_text(c.percent_complete)} {overdue}</td>
            <td>{reviewed.map_or_else(|| "–".into_any(), IntoAny::into_any)}</td>
            <td>{assessed.map_or_else(|| "–".into_any(), IntoAny::into_any)}</td>
            <td><ul class="inline-list">{civil}</ul></td>
        </tr>
    }
}
