//! `/cycles/{id}`: one review cycle. Once closed it shows, per country, how the commitments
//! stood when it closed, with downloads of the whole snapshot and a comparison with another
//! cycle. The address is permanent: the page never changes after closing.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::by_id::resource_by_id;
use crate::components::data_table::{headings, DataTable};
use crate::components::status::{LoadError, Loading};
use crate::cycles::{get_cycle, CountryTally, Cycle, CycleView};
use crate::pages::not_found::NotFound;
use crate::plans::Status;

#[component]
pub fn CyclePage() -> impl IntoView {
    let view = resource_by_id(get_cycle);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(Some(found)) => view! { <CycleBody found /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// When and by whom a cycle was opened and closed.
pub fn cycle_dates(cycle: &Cycle) -> String {
    let opened = format!(
        "Opened on {} by {}",
        cycle.opened_at.date_naive(),
        cycle.opened_by
    );
    match (cycle.closed_at, &cycle.closed_by) {
        (Some(at), by) => format!(
            "{opened}; closed on {} at {} UTC by {}.",
            at.date_naive(),
            at.format("%H:%M"),
            by.clone().unwrap_or_default()
        ),
        (None, _) => format!("{opened}; open."),
    }
}

#[component]
fn CycleBody(found: CycleView) -> impl IntoView {
    let CycleView {
        cycle,
        countries,
        others,
    } = found;
    let id = cycle.id;
    let body = if cycle.is_closed() {
        view! {
            <p>
                {format!("The snapshot holds {} commitments, as they stood when the cycle closed. ", cycle.commitments)}
                "Download it whole: "
                <a href=format!("/data/cycles/{id}.csv") download="">"CSV"</a> " · "
                <a href=format!("/data/cycles/{id}.json") download="">"JSON"</a>
                " · " <a href=format!("/api/v1/cycles/{id}")>"API"</a> "."
            </p>
            <CompareForm id others />
            <Tallies id countries />
        }
        .into_any()
    } else {
        view! {
            <p class="notice">
                "This cycle is open. Its snapshot is taken when an administrator closes it; "
                "until then the country and commitment pages show the live state. Reviewers work "
                "through the " <a href="/review">"review queue"</a> "."
            </p>
        }
        .into_any()
    };
    view! {
        <Title text=cycle.name.clone() />
        <div class="wrap">
            <p class="eyebrow"><a href="/cycles">"Review cycles"</a></p>
            <h1>{cycle.name.clone()}</h1>
            <p class="lede">{cycle_dates(&cycle)}</p>
            {body}
        </div>
    }
}

/// A plain GET form, so it works without JavaScript and its result has an address.
#[component]
fn CompareForm(id: i32, others: Vec<Cycle>) -> impl IntoView {
    if others.is_empty() {
        return ().into_any();
    }
    let options = others
        .into_iter()
        .map(|c| view! { <option value=c.id>{c.name}</option> })
        .collect_view();
    view! {
        <form method="get" action=format!("/cycles/{id}/compare") class="search-filters">
            <label for="compare-with">"Compare with the cycle"</label>
            <select id="compare-with" name="with">{options}</select>
            <button type="submit">"Compare"</button>
        </form>
    }
    .into_any()
}

#[component]
fn Tallies(id: i32, countries: Vec<CountryTally>) -> impl IntoView {
    if countries.is_empty() {
        return view! { <p>"No plan was published when the cycle closed."</p> }.into_any();
    }
    let mut columns = headings(&["Country", "Commitments"]);
    columns.extend(Status::ALL.iter().map(|s| s.label().to_owned()));
    columns.extend(headings(&[
        "Overdue",
        "With a reviewed report",
        "Assessed by a reviewer",
    ]));
    let rows = countries
        .into_iter()
        .map(|t| {
            let cells = t
                .by_status
                .iter()
                .map(|n| view! { <td class="num">{*n}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row"><a href=format!("/cycles/{id}/countries/{}", t.iso3)>{t.name}</a></th>
                    <td class="num">{t.commitments}</td>
                    {cells}
                    <td class="num">{t.overdue}</td>
                    <td class="num">{t.reviewed}</td>
                    <td class="num">{t.assessed}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable caption="How each country's commitments stood when the cycle closed" columns>
            {rows}
        </DataTable>
    }
    .into_any()
}
