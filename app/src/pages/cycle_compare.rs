//! `/cycles/{id}/compare?with={other}`: two closed review cycles side by side: which
//! commitments moved along the scale, which slipped back, which are new and which are no
//! longer public.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::data_table::{headings, DataTable};
use crate::components::status::{LoadError, Loading};
use crate::cycles::{get_cycle_comparison, CycleComparison, Frozen, Moved};
use crate::pages::not_found::NotFound;

#[component]
pub fn CycleComparePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let id = params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok());
        let other = query
            .read()
            .get("with")
            .and_then(|id| id.parse::<i32>().ok());
        id.zip(other)
    };
    let found = Resource::new(key, |pair| async move {
        match pair {
            Some((id, other)) => get_cycle_comparison(id, other).await,
            None => Ok(None),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(Some(comparison)) => view! { <Comparison comparison /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const CHANGE_COLUMNS: [&str; 3] = ["Commitment", "Before", "After"];
const LIST_COLUMNS: [&str; 2] = ["Commitment", "Status"];

#[component]
fn Comparison(comparison: CycleComparison) -> impl IntoView {
    let CycleComparison {
        earlier,
        later,
        moved,
        slipped,
        new,
        gone,
        unchanged,
    } = comparison;
    let title = format!("{} compared with {}", later.name, earlier.name);
    view! {
        <Title text=title.clone() />
        <div class="wrap">
            <p class="eyebrow"><a href="/cycles">"Review cycles"</a></p>
            <h1>{title}</h1>
            <p class="lede">
                "How the commitments kept by "
                <a href=format!("/cycles/{}", earlier.id)>{earlier.name.clone()}</a>
                " stood in " <a href=format!("/cycles/{}", later.id)>{later.name.clone()}</a>
                ". A move is a step forward on the scale, or a larger share done at the same status; "
                "a slip is a step back, a withdrawal, a smaller share, or falling overdue."
            </p>
            <ul class="counts">
                <li>{format!("{} moved", moved.len())}</li>
                <li>{format!("{} slipped", slipped.len())}</li>
                <li>{format!("{} new", new.len())}</li>
                <li>{format!("{} no longer public", gone.len())}</li>
                <li>{format!("{unchanged} unchanged")}</li>
            </ul>
            <Part id="moved" heading="Moved forward" columns=&CHANGE_COLUMNS rows=changes(&moved) />
            <Part id="slipped" heading="Slipped" columns=&CHANGE_COLUMNS rows=changes(&slipped) />
            <Part id="new" heading="New since the earlier cycle" columns=&LIST_COLUMNS rows=listed(&new) />
            <Part id="gone" heading="No longer public" columns=&LIST_COLUMNS rows=listed(&gone) />
        </div>
    }
}

fn standing(f: &Frozen) -> impl IntoView {
    let overdue = f.overdue.then_some(" (overdue)");
    view! { <StatusBadge status=f.status /> " " {percent_text(f.percent_complete)} {overdue} }
}

fn commitment_cell(f: &Frozen) -> impl IntoView {
    view! {
        <th scope="row">
            {f.country_name.clone()} ": "
            <a href=format!("/commitments/{}", f.commitment_id)>{f.reference.clone()} " " {f.title.clone()}</a>
        </th>
    }
}

/// One part of the comparison: a table of the commitments it holds, or "None."
#[component]
fn Part(
    id: &'static str,
    heading: &'static str,
    columns: &'static [&'static str],
    rows: Vec<AnyView>,
) -> impl IntoView {
    let table = if rows.is_empty() {
        view! { <p>"None."</p> }.into_any()
    } else {
        view! { <DataTable columns=headings(columns)>{rows}</DataTable> }.into_any()
    };
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {table}
        </section>
    }
}

fn changes(rows: &[Moved]) -> Vec<AnyView> {
    rows.iter()
        .map(|m| {
            view! { <tr>{commitment_cell(&m.after)}<td>{standing(&m.before)}</td><td>{standing(&m.after)}</td></tr> }
                .into_any()
        })
        .collect()
}

fn listed(rows: &[Frozen]) -> Vec<AnyView> {
    rows.iter()
        .map(|f| view! { <tr>{commitment_cell(f)}<td>{standing(f)}</td></tr> }.into_any())
        .collect()
}
