//! `/recommendations/{code}`: one recommendation in full, such as `/recommendations/MEV-5`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::catalogue::{get_recommendation, Neighbours, Recommendation};
use crate::components::commitment_list::CommitmentTable;
use crate::components::downloads::Downloads;
use crate::components::recommendation_list::Subitems;
use crate::components::status::{LoadError, Loading};
use crate::pages::not_found::NotFound;
use crate::plans::get_answering;

#[component]
pub fn RecommendationPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let recommendation = Resource::new(code, get_recommendation);

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match recommendation.await {
                    Ok(Some((recommendation, neighbours))) => {
                        view! { <RecommendationView recommendation neighbours /> }.into_any()
                    }
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <div class="wrap"><LoadError error /></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RecommendationView(recommendation: Recommendation, neighbours: Neighbours) -> impl IntoView {
    let Recommendation {
        code,
        group_code,
        group_name,
        number,
        text,
        subitems,
    } = recommendation;
    let code_for_commitments = code.clone();
    let group_href = format!("/groups/{group_code}");
    let json_href = format!("/api/v1/recommendations/{code}");
    view! {
        <Title text=format!("{code}: {group_name}, recommendation {number}") />
        <div class="wrap">
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    <li><a href="/recommendations">"Recommendations"</a></li>
                    <li><a href=group_href.clone()>{group_name.clone()}</a></li>
                    <li><span aria-current="page">{code.clone()}</span></li>
                </ol>
            </nav>
            <article class="recommendation">
                <p class="eyebrow">
                    <a href=group_href>{group_name}</a> ", recommendation " {number}
                </p>
                <h1 class="recommendation-code">{code}</h1>
                <p class="recommendation-text">{text}</p>
                <Subitems subitems />
            </article>
            <Answering code=code_for_commitments />
            <nav class="pager" aria-label="Other recommendations">
                {neighbours.previous.map(|code| {
                    let href = format!("/recommendations/{code}");
                    view! { <a class="pager-previous" href=href rel="prev">"← " {code}</a> }
                })}
                {neighbours.next.map(|code| {
                    let href = format!("/recommendations/{code}");
                    view! { <a class="pager-next" href=href rel="next">{code} " →"</a> }
                })}
            </nav>
            <aside class="cite">
                <h2>"Source and open data"</h2>
                <p>
                    "Report of the United Nations Expert Group Meeting “Promoting Social Integration”, "
                    "Helsinki, 8–10 July 2008, section III. "
                    <a href=json_href>"This recommendation as JSON"</a> "."
                </p>
            </aside>
        </div>
    }
}

/// Every country's published commitments that answer the recommendation.
#[component]
fn Answering(code: String) -> impl IntoView {
    let heading = format!("Commitments answering {code}");
    let for_downloads = code.clone();
    let commitments = Resource::new(move || code.clone(), get_answering);
    view! {
        <section class="answering" aria-labelledby="answering">
            <h2 id="answering">{heading.clone()}</h2>
            <Suspense fallback=Loading>
                {move || {
                    let caption = heading.clone();
                    let code = for_downloads.clone();
                    Suspend::new(async move {
                        match commitments.await {
                            Ok(list) if list.is_empty() => {
                                view! { <p>"No published plan answers this recommendation yet."</p> }.into_any()
                            }
                            Ok(list) => view! {
                                <CommitmentTable commitments=list show_country=true caption />
                                <Downloads query=format!("recommendation={code}") what="these commitments" />
                            }.into_any(),
                            Err(error) => view! { <LoadError error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
