//! `/recommendations`: all groups and a search box.
//!
//! The search is a plain GET form (`?q=…`), so it works without JavaScript; once the page is
//! hydrated, every keystroke filters the list at once and keeps the address shareable.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsValue;
use leptos_meta::Title;
use leptos_router::{hooks::use_query_map, params::ParamsMap};

use crate::catalogue::{get_catalogue, Group, Search};
use crate::components::recommendation_list::RecommendationList;
use crate::components::status::{LoadError, Loading};

const PATH: &str = "/recommendations";

#[component]
pub fn CataloguePage() -> impl IntoView {
    let query = use_query_map();
    let initial = query.read_untracked().get("q").unwrap_or_default();
    let (text, set_text) = signal(initial.clone());
    let catalogue = Resource::new(|| (), |_| get_catalogue());
    let input = NodeRef::<leptos::html::Input>::new();

    // The address can change without typing (a link to this page, back and forward):
    // the search box and the list follow it.
    Effect::watch(
        move || query.read().get("q").unwrap_or_default(),
        move |from_address, _, _| {
            if *from_address != text.get_untracked() {
                if let Some(input) = input.get_untracked() {
                    input.set_value(from_address);
                }
                set_text.set(from_address.clone());
            }
        },
        false,
    );

    let on_input = move |ev| {
        let value = event_target_value(&ev);
        show_in_address(&value);
        set_text.set(value);
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
                        value=initial
                        node_ref=input
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
fn Results(groups: Vec<Group>, text: ReadSignal<String>) -> impl IntoView {
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

/// Records the search in the address bar, so the filtered list can be bookmarked or shared.
/// It replaces the current history entry rather than adding one per keystroke, and does not
/// go through the router, whose asynchronous navigations could finish out of order when
/// someone types fast.
fn show_in_address(text: &str) {
    let mut params = ParamsMap::new();
    if !text.trim().is_empty() {
        params.insert("q", text.to_owned());
    }
    let url = format!("{PATH}{}", params.to_query_string());
    if let Ok(history) = window().history() {
        // Failing to update the address loses nothing: the list on screen is already right.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
