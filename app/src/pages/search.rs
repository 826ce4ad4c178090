//! `/search`: every published commitment, searched by words in its title, description, owner
//! or country, and narrowed by status, recommendation group and being overdue. The form is a
//! plain GET form: results have an address to share, with or without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::catalogue::get_catalogue;
use crate::components::commitment_list::CommitmentTable;
use crate::components::filter::Filter;
use crate::components::status::{LoadError, Loading};
use crate::plans::{search_commitments, CommitmentQuery, Found, Status, SEARCH_LIMIT};

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let read = params.read();
        let get = |name: &str| read.get(name).unwrap_or_default();
        CommitmentQuery {
            q: get("q"),
            status: get("status"),
            group: get("group"),
            overdue: !get("overdue").is_empty(),
        }
    };
    let found = Resource::new(query, |q| async move {
        if q.is_empty() {
            Ok(None)
        } else {
            search_commitments(q).await.map(Some)
        }
    });
    let groups = Resource::new(|| (), |_| get_catalogue());
    view! {
        <Title text="Search the commitments" />
        <div class="wrap">
            <h1>"Search the commitments"</h1>
            <p class="lede">
                "Every commitment of the published action plans: search by words in its title or "
                "description, or by the ministry, agency or country behind it, and narrow by "
                "status, recommendation group or whether it is overdue."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let groups = groups.await.unwrap_or_default();
                    view! { <SearchForm query=query() groups /> }
                })}
            </Suspense>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(Some(found)) => view! { <Results found /> }.into_any(),
                        Ok(None) => view! { <p>"Type some words or choose a filter, then search."</p> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SearchForm(query: CommitmentQuery, groups: Vec<crate::catalogue::Group>) -> impl IntoView {
    let statuses = Status::ALL
        .into_iter()
        .map(|s| {
            let selected = query.status == s.as_str();
            view! { <option value=s.as_str() selected=selected>{s.label()}</option> }
        })
        .collect_view();
    let groups = groups
        .into_iter()
        .map(|g| {
            let selected = query.group.eq_ignore_ascii_case(&g.code);
            view! { <option value=g.code.clone() selected=selected>{format!("{} ({})", g.name, g.code)}</option> }
        })
        .collect_view();
    view! {
        <form class="search search-commitments" method="get" action="/search" role="search">
            <label for="search-q">"Words"</label>
            <div class="search-row">
                <input
                    id="search-q"
                    name="q"
                    type="search"
                    value=query.q
                    placeholder="for example: health insurance, Ministry of Education, Kenya"
                />
                <button type="submit">"Search"</button>
            </div>
            <div class="search-filters">
                <Filter form="search" name="status" label="Status" any="Any status">{statuses}</Filter>
                <Filter form="search" name="group" label="Recommendation group" any="Any group">{groups}</Filter>
                <div class="check">
                    <input id="search-overdue" name="overdue" type="checkbox" value="1" checked=query.overdue />
                    <label for="search-overdue">"Overdue only"</label>
                </div>
            </div>
        </form>
    }
}

#[component]
fn Results(found: Found) -> impl IntoView {
    let Found { commitments, total } = found;
    let shown = commitments.len();
    let summary = match total {
        0 => "No published commitment matches.".to_owned(),
        1 => "1 commitment matches.".to_owned(),
        n if n > SEARCH_LIMIT => format!("{n} commitments match; the first {shown} are listed. Narrow the search to see the others."),
        n => format!("{n} commitments match."),
    };
    view! {
        <p class="result-count" role="status">{summary}</p>
        {(shown > 0).then(|| view! {
            <CommitmentTable commitments show_country=true caption="Matching commitments".to_owned() />
        })}
    }
}
