//! `/`: what the tracker is, the state of it in numbers, and the ways in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::catalogue::{get_catalogue, Group};
use crate::components::commitment_list::share_text;
use crate::components::status::{LoadError, Loading};
use crate::overview::{get_numbers, Numbers};
use crate::plans::Status;

#[component]
pub fn HomePage() -> impl IntoView {
    let catalogue = Resource::new(|| (), |_| get_catalogue());
    let numbers = Resource::new(|| (), |_| get_numbers());

    view! {
        <Title text="" />
        <div class="wrap">
            <section class="intro">
                <h1>"Tracking national action on social integration"</h1>
                <p class="lede">
                    "In 2008 a United Nations Expert Group Meeting in Helsinki agreed 100 "
                    "recommendations for promoting social integration. Countries turn them into "
                    "national action plans: commitments, each owned by a ministry or agency, with "
                    "a timeframe and targets."
                </p>
                <p>
                    "This tracker shows, in public, what each country has committed to and how "
                    "far it has come. Ministries report their progress here, reviewers of the UN "
                    "Commission for Social Development check it, and anyone can read it, "
                    "without an account."
                </p>
                <p>
                    <a class="button" href="/recommendations">"Browse the 100 recommendations"</a>
                </p>
            </section>
            <section aria-labelledby="numbers-heading">
                <h2 id="numbers-heading">"The tracker in numbers"</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match numbers.await {
                            Ok(numbers) => view! { <TrackerNumbers numbers /> }.into_any(),
                            Err(error) => view! { <LoadError error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="ways-heading">
                <h2 id="ways-heading">"Ways in"</h2>
                <ul class="ways-in">
                    <li>
                        <strong>"Civil society and journalists: "</strong>
                        <a href="/coverage">"which recommendations each plan answers"</a> ", "
                        <a href="/countries">"each country's commitments and ministries"</a> ", and "
                        <a href="/search?overdue=1">"what is overdue"</a> "."
                    </li>
                    <li>
                        <strong>"Researchers and other governments: "</strong>
                        <a href="/open-data">"every commitment and update as CSV, XLSX or JSON"</a>
                        " and " <a href="/api">"the API"</a> "."
                    </li>
                    <li>
                        <strong>"Ministries and national coordinators: "</strong>
                        <a href="/sign-in">"sign in"</a> " to report progress, one commitment at a "
                        "time or a whole spreadsheet, under " <a href="/my">"My work"</a> "."
                    </li>
                    <li>
                        <strong>"Reviewers of the Commission for Social Development: "</strong>
                        <a href="/sign-in">"sign in"</a> " to read every country's plans and imports."
                    </li>
                </ul>
            </section>
            <section aria-labelledby="groups-heading">
                <h2 id="groups-heading">"The recommendations, by group"</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match catalogue.await {
                            Ok(groups) => view! { <GroupIndex groups /> }.into_any(),
                            Err(error) => view! { <LoadError error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}

#[component]
fn GroupIndex(groups: Vec<Group>) -> impl IntoView {
    view! {
        <ul class="group-index">
            {groups
                .into_iter()
                .map(|g| {
                    let href = format!("/groups/{}", g.code);
                    let count = g.recommendations.len();
                    let level = if g.level == "international" { "International level" } else { "National level" };
                    view! {
                        <li>
                            <a href=href>
                                <span class="group-code">{g.code}</span>
                                <span class="group-name">{g.name}</span>
                            </a>
                            <span class="group-meta">
                                {level} " · " {count} {if count == 1 { " recommendation" } else { " recommendations" }}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Published plans summed up; the mean % is over commitments with a % reported, withdrawn
/// ones left out, and the others are counted as unknown rather than as 0.
#[component]
fn TrackerNumbers(numbers: Numbers) -> impl IntoView {
    let complete = numbers.count(Status::Complete);
    let progress = numbers.progress;
    let mean = share_text(progress.mean);
    view! {
        <dl class="tracker-numbers">
            <div>
                <dt><a href="/countries">"Countries with a published plan"</a></dt>
                <dd>{numbers.countries_with_plans}</dd>
            </div>
            <div>
                <dt><a href="/countries">"Commitments"</a></dt>
                <dd>{numbers.commitments}</dd>
            </div>
            <div>
                <dt><a href="/search?status=complete">"Complete"</a></dt>
                <dd>{complete}</dd>
            </div>
            <div>
                <dt><a href="/search?overdue=1">"Overdue"</a></dt>
                <dd>{numbers.overdue}</dd>
            </div>
            <div>
                <dt>"Mean % complete"</dt>
                <dd>{mean}</dd>
            </div>
        </dl>
        <p class="note">
            {format!(
                "Commitments with a % reported, which the mean is taken over: {}. Without one yet, not counted as 0: {}. Withdrawn commitments are left out.",
                progress.reported, progress.unknown
            )}
        </p>
    }
}
