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
                            {(!r.subitems.is_empty())
                                .then(|| {
                                    view! {
                                        <ul class="subitems">
                                            {r.subitems.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                                        </ul>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
