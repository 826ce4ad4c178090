//! `/countries/{iso3}`: a country's published plan, its commitments by recommendation group,
//! how many stand at each status, and which are overdue.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::commitment_list::{CommitmentTable, StatusBadge};
use crate::components::country_figures::{GroupProgress, OwnerBoard};
use crate::components::downloads::Downloads;
use crate::components::feed_link::FeedLink;
use crate::components::status::{LoadError, Loading};
use crate::components::timeline::Timeline;
use crate::feeds::country_feed_href;
use crate::pages::not_found::NotFound;
use crate::plans::{get_country, Commitment, CountryPlans, Status};

#[component]
pub fn CountryPage() -> impl IntoView {
    let params = use_params_map();
    let iso3 = move || params.read().get("iso3").unwrap_or_default();
    let country = Resource::new(iso3, get_country);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match country.await {
                    Ok(Some(country)) => view! { <CountryView country /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CountryView(country: CountryPlans) -> impl IntoView {
    let CountryPlans {
        iso3,
        name,
        plans,
        commitments,
        groups,
        by_group: group_progress,
        owners,
        today,
    } = country;
    let json_href = format!("/api/v1/countries/{iso3}/commitments");
    let feed_title = format!("{name} national action plan: changes");
    let feed_href = country_feed_href(&iso3);
    let plan_lines = plans
        .iter()
        .map(|p| {
            view! {
                <li>
                    <strong>{p.title.clone()}</strong> ", "
                    <time datetime=p.period_start.to_string()>{p.period_start.to_string()}</time>
                    " to "
                    <time datetime=p.period_end.to_string()>{p.period_end.to_string()}</time>
                </li>
            }
        })
        .collect_view();
    let overdue: Vec<Commitment> = commitments.iter().filter(|c| c.overdue).cloned().collect();
    let by_group = groups
        .into_iter()
        .filter_map(|(code, group_name)| {
            let prefix = format!("{code}-");
            let members: Vec<Commitment> = commitments
                .iter()
                .filter(|c| c.recommendations.iter().any(|r| r.starts_with(&prefix)))
                .cloned()
                .collect();
            (!members.is_empty()).then(|| {
                let count = members.len();
                view! {
                    <section class="group-commitments" aria-labelledby=format!("group-{code}")>
                        <h3 id=format!("group-{code}")>{format!("{group_name} ({count})")}</h3>
                        <CommitmentTable commitments=members caption=format!("Commitments answering {group_name}") />
                    </section>
                }
            })
        })
        .collect_view();
    let has_plan = !plans.is_empty();
    let total = commitments.len();
    view! {
        <Title text=name.clone() />
        <div class="wrap">
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    <li><a href="/countries">"Countries"</a></li>
                    <li><span aria-current="page">{name.clone()}</span></li>
                </ol>
            </nav>
            <h1>{name}</h1>
            {if has_plan {
                view! {
                    <ul class="plans">{plan_lines}</ul>
                    <StatusCounts commitments=commitments.clone() />
                    <GroupProgress groups=group_progress />
                    <OwnerBoard owners />
                    <section aria-labelledby="timeline">
                        <h2 id="timeline">"Timeline"</h2>
                        <Timeline commitments=commitments.clone() today />
                    </section>
                    {(!overdue.is_empty()).then(|| view! {
                        <section class="overdue-list" aria-labelledby="overdue">
                            <h2 id="overdue">{format!("Overdue ({})", overdue.len())}</h2>
                            <p>"Past their end date and neither complete nor withdrawn."</p>
                            <CommitmentTable commitments=overdue caption="Overdue commitments".to_owned() />
                        </section>
                    })}
                    <h2>{format!("Commitments by recommendation group ({total})")}</h2>
                    <p>"A commitment that answers recommendations of several groups is listed under each."</p>
                    {by_group}
                    <Downloads query=format!("country={iso3}") what="these commitments" />
                    <p class="open-data">"API: " <a href=json_href>"these commitments as JSON"</a></p>
                }
                    .into_any()
            } else {
                view! { <p>"This country has no published action plan yet."</p> }.into_any()
            }}
            <FeedLink href=feed_href title=feed_title />
        </div>
    }
}

/// How many commitments stand at each status.
#[component]
fn StatusCounts(commitments: Vec<Commitment>) -> impl IntoView {
    let items = Status::ALL
        .into_iter()
        .map(|status| {
            let n = commitments.iter().filter(|c| c.status == status).count();
            view! {
                <div>
                    <dt><StatusBadge status /></dt>
                    <dd>{n}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="by-status">
            <h2 id="by-status">"Status of the commitments"</h2>
            <dl class="status-counts">{items}</dl>
        </section>
    }
}
