//! `/recommendations`: all groups and a search box.
//!
//! The search is a plain GET form (`?q=…`), so it works without JavaScript; once the page is
//! hydrated, every keystroke filters the list at once and keeps the address shareable.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    params::ParamsMap,
    NavigateOptions,
};

use crate::catalogue::{get_catalogue, Group, Search};
use crate::components::recommendation_list::RecommendationList;
use crate::components::status::{LoadError, Loading};

const PATH: &str = "/recommendations";

#[component]
pub fn CataloguePage() -> impl IntoView {
    let query = use_query_map();
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let catalogue = Resource::new(|| (), |_| get_catalogue());

    let navigate = use_navigate();
    let on_input = move |ev| {
        let mut params = ParamsMap::new();
        let value = event_target_value(&ev);
        if !value.trim().is_empty() {
            params.insert("q", value);
        }
        navigate(
            &format!("{PATH}{}", params.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };

    view! {
        <Title text="Recommendations" />
        <div class="wrap">
            <h1>"The 100 recommendations"</h1>
            <p class="lede">
                "Section III of the report of the Expert Group Meeting on Promoting Social "
                "Integration (Helsinki, 2008), word for word, in its 11 groups. Each "
                "recommendation has a code, such as " <code>"POL-1"</code> " or "
                <code>"MEV-16"</code> ", and a page of its own."
            </p>
            <form
                class="search"
                method="get"
                action=PATH
                role="search"
                // Hydrated, the list already follows each keystroke: no reload needed.
                on:submit=|ev| ev.prevent_default()
            >
                <label for="q">"Search the recommendations"</label>
                <div class="search-row">
                    <input
                        id="q"
                        name="q"
                        type="search"
                        value=move || text.get_untracked()
                        placeholder="for example: disaggregated data, migrants, SEC-7"
                        autocomplete="off"
                        aria-describedby="result-count"
                        on:input=on_input
                    />
                    <button type="submit">"Search"</button>
                </div>
            </form>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match catalogue.await {
                        Ok(groups) => view! { <Results groups text /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Results(groups: Vec<Group>, text: Memo<String>) -> impl IntoView {
    let total: usize = groups.iter().map(|g| g.recommendations.len()).sum();
    let found = Memo::new(move |_| Search::new(&text.get()).filter(&groups));
    let shown = move || found.with(|gs| gs.iter().map(|g| g.recommendations.len()).sum::<usize>());

    view! {
        <p id="result-count" class="result-count" role="status" aria-live="polite">
            {move || {
                let shown = shown();
                if Search::new(&text.get()).is_empty() {
                    format!("{total} recommendations in {} groups.", found.with(Vec::len))
                } else if shown == 0 {
                    format!("No recommendation matches “{}”.", text.get().trim())
                } else {
                    format!("{shown} of {total} recommendations match “{}”.", text.get().trim())
                }
            }}
        </p>
        <div class="results">
            {move || {
                found
                    .get()
                    .into_iter()
                    .map(|g| {
                        let href = format!("/groups/{}", g.code);
                        let heading_id = format!("group-{}", g.code);
                        let labelled_by = heading_id.clone();
                        view! {
                            <section class="group" aria-labelledby=labelled_by>
                                <h2 id=heading_id>
                                    <a href=href>{g.name}</a>
                                    " "
                                    <span class="heading-code">"(" {g.code} ")"</span>
                                </h2>
                                <RecommendationList recommendations=g.recommendations />
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
