//! A list of recommendations, each linking to its own page.

use leptos::prelude::*;

use crate::catalogue::Recommendation;

#[component]
pub fn RecommendationList(recommendations: Vec<Recommendation>) -> impl IntoView {
    view! {
        <ol class="recommendation-list">
            {recommendations
                .into_iter()
                .map(|r| {
                    let href = format!("/recommendations/{}", r.code);
                    view! {
                        <li class="recommendation-item">
                            <a class="code" href=href>{r.code.clone()}</a>
                            <p class="text">{r.text}</p>
                            <Subitems subitems=r.subitems />
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The `- ` items listed under some recommendations; nothing when there are none.
#[component]
pub fn Subitems(subitems: Vec<String>) -> impl IntoView {
    (!subitems.is_empty()).then(|| {
        view! {
            <ul class="subitems">
                {subitems.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ul>
        }
    })
}
