//! `/commitments/{id}`: one commitment with its targets, current status and the full history
//! of progress reported on it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::by_id::resource_by_id;
use crate::components::commitment_list::{number_text, percent_text, StatusBadge};
use crate::components::feed_link::FeedLink;
use crate::components::status::{LoadError, Loading};
use crate::components::voices::{review_text, Voices};
use crate::feeds::commitment_feed_href;
use crate::pages::not_found::NotFound;
use crate::plans::{get_commitment, Commitment, CommitmentDetail, Target};
use crate::progress::Update;

#[component]
pub fn CommitmentPage() -> impl IntoView {
    let detail = resource_by_id(get_commitment);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(Some(detail)) => view! { <CommitmentView detail /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CommitmentView(detail: CommitmentDetail) -> impl IntoView {
    let CommitmentDetail {
        commitment: c,
        updates,
        assessments,
        civil_society,
        ..
    } = detail;
    let country_href = format!("/countries/{}", c.country);
    let json_href = format!("/api/v1/commitments/{}", c.id);
    let feed_title = format!("Commitment {}: changes", c.reference);
    let feed_href = commitment_feed_href(c.id);
    let history_count = updates.len();
    view! {
        <Title text=format!("{}: {}", c.reference, c.title) />
        <div class="wrap">
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    <li><a href="/countries">"Countries"</a></li>
                    <li><a href=country_href.clone()>{c.country_name.clone()}</a></li>
                    <li><span aria-current="page">{c.reference.clone()}</span></li>
                </ol>
            </nav>
            <article class="commitment">
                <p class="eyebrow"><a href=country_href>{c.country_name.clone()}</a> ", commitment " {c.reference.clone()}</p>
                <h1>{c.title.clone()}</h1>
                <Facts commitment=c.clone() />
                {(!c.description.is_empty()).then(|| view! { <p class="description">{c.description.clone()}</p> })}
                <Targets targets=c.targets.clone() />
                <Voices commitment=c.clone() updates=updates.clone() assessments civil_society />
                <section aria-labelledby="history">
                    <h2 id="history">{format!("Progress reported ({history_count})")}</h2>
                    <History updates targets=c.targets />
                </section>
            </article>
            <p class="open-data">"Open data: " <a href=json_href>"this commitment as JSON"</a></p>
            <FeedLink href=feed_href title=feed_title />
        </div>
    }
}

/// Status, timeframe, owners and recommendations at a glance. Its own view type, so the
/// page's type stays within the compiler's depth limit.
#[component]
fn Facts(commitment: Commitment) -> impl IntoView {
    let c = commitment;
    let recommendations = c
        .recommendations
        .iter()
        .map(|code| {
            let href = format!("/recommendations/{code}");
            view! { <li><a href=href>{code.clone()}</a></li> }
        })
        .collect_view();
    let supporting = c
        .supporting_owners
        .iter()
        .map(|o| format!("{} ({})", o.name, o.code))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <dl class="facts">
                    <div><dt>"Status"</dt><dd><StatusBadge status=c.status />
                        {c.overdue.then(|| view! { " " <strong class="flag-overdue">"Overdue"</strong> })}</dd></div>
                    <div><dt>"Complete"</dt><dd>{percent_text(c.percent_complete)}</dd></div>
                    <div><dt>"Timeframe"</dt><dd>
                        <time datetime=c.start_date.to_string()>{c.start_date.to_string()}</time> " to "
                        <time datetime=c.end_date.to_string()>{c.end_date.to_string()}</time></dd></div>
                    <div><dt>"Lead"</dt><dd>{format!("{} ({})", c.lead_owner.name, c.lead_owner.code)}</dd></div>
                    {(!supporting.is_empty()).then(|| view! { <div><dt>"Supporting"</dt><dd>{supporting}</dd></div> })}
                    <div><dt>"Answers"</dt><dd><ul class="inline-list">{recommendations}</ul></dd></div>
                </dl>
    }
    .into_any()
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), number_text)
}

#[component]
fn Targets(targets: Vec<Target>) -> impl IntoView {
    if targets.is_empty() {
        return view! { <p>"No measurable target is set for this commitment."</p> }.into_any();
    }
    let rows = targets
        .into_iter()
        .map(|t| {
            let baseline = format!(
                "{}{}",
                number(t.baseline_value),
                t.baseline_date
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            );
            let target = format!(
                "{}{}",
                number(t.target_value),
                t.target_date
                    .map(|d| format!(" by {d}"))
                    .unwrap_or_default()
            );
            let by = if t.disaggregation.is_empty() {
                "—".to_owned()
            } else {
                t.disaggregation.join(", ")
            };
            view! {
                <tr>
                    <th scope="row">{t.indicator}</th>
                    <td>{t.unit}</td>
                    <td>{baseline}</td>
                    <td>{target}</td>
                    <td>{number(t.latest_value)}</td>
                    <td>{by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="targets">
                <caption>"Targets"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        <th scope="col">"Unit"</th>
                        <th scope="col">"Baseline"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Latest value"</th>
                        <th scope="col">"Broken down by"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn History(updates: Vec<Update>, targets: Vec<Target>) -> impl IntoView {
    if updates.is_empty() {
        return view! { <p>"No progress has been reported yet."</p> }.into_any();
    }
    let items = updates
        .into_iter()
        .map(|u| {
            let review = review_text(&u);
            let values = u
                .indicator_values
                .iter()
                .map(|v| {
                    let name = targets
                        .iter()
                        .find(|t| t.id == v.target_id)
                        .map_or_else(|| format!("target {}", v.target_id), |t| t.indicator.clone());
                    view! { <li>{name} ": " {number_text(v.value)}</li> }
                })
                .collect_view();
            let links = u
                .evidence_urls
                .into_iter()
                .map(|url| {
                    let text = url.clone();
                    view! { <li><a href=url rel="nofollow noopener">{text}</a></li> }
                })
                .collect_view();
            let comment = u.review.and_then(|r| r.comment).map(|comment| view! {
                <p class="review-comment"><strong>"Reviewer's comment: "</strong>{comment}</p>
            });
            view! {
                <li class="update">
                    <p class="update-head">
                        <time datetime=u.reporting_date.to_string()>{u.reporting_date.to_string()}</time>
                        " · " <StatusBadge status=u.status /> " · " {percent_text(u.percent_complete)}
                        " · " {u.author} " · " <span class="review-state">{review}</span>
                        {u.import_batch.map(|batch| view! {
                            " · " <a href=format!("/imports/{batch}")>{format!("imported from a spreadsheet (import {batch})")}</a>
                        })}
                    </p>
                    {(!u.narrative.is_empty()).then(|| view! { <p>{u.narrative}</p> })}
                    {comment}
                    <ul class="values">{values}</ul>
                    <ul class="evidence">{links}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history">{items}</ol> }.into_any()
}
