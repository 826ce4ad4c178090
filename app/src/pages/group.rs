//! `/groups/{code}`: one group of recommendations, such as `/groups/MEV`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::catalogue::{get_group, normalise_code, Group};
use crate::components::recommendation_list::RecommendationList;
use crate::components::status::{LoadError, Loading};
use crate::pages::not_found::NotFound;

#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let group = Resource::new(code, get_group);

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(Some(group)) => view! { <GroupView group /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupView(group: Group) -> impl IntoView {
    let level = if group.level == "international" {
        "Recommendations at the international level"
    } else {
        "Recommendations at the national level"
    };
    let count = group.recommendations.len();
    view! {
        <Title text=group.name.clone() />
        <div class="wrap">
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    <li><a href="/recommendations">"Recommendations"</a></li>
                    <li><span aria-current="page">{normalise_code(&group.code)}</span></li>
                </ol>
            </nav>
            <p class="eyebrow">{level}</p>
            <h1>{group.name} " " <span class="heading-code">"(" {group.code} ")"</span></h1>
            <p class="result-count">{count} " recommendations in this group."</p>
            <RecommendationList recommendations=group.recommendations />
        </div>
    }
}
