//! `/`: what the tracker is, and the way into the catalogue.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::catalogue::{get_catalogue, Group};
use crate::components::status::{LoadError, Loading};

#[component]
pub fn HomePage() -> impl IntoView {
    let catalogue = Resource::new(|| (), |_| get_catalogue());

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
