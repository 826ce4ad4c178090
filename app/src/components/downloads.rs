//! Links to download commitments and their progress updates as open data, in every format
//! offered.

use leptos::prelude::*;

use crate::open_data::{Dataset, FORMATS};

/// "Download these commitments: CSV · XLSX · JSON", and the same for their progress updates,
/// for the scope `query` names (`country=KEN`, `recommendation=SPR-2`, or empty for
/// everything).
#[component]
pub fn Downloads(query: String, what: &'static str) -> impl IntoView {
    view! {
        <p class="open-data">
            <Links dataset=Dataset::Commitments query=query.clone() what=what.to_owned() />
            <br />
            <Links dataset=Dataset::Updates query=query what="their progress updates".to_owned() />
            " (" <a href="/open-data">"what the columns mean"</a> ")"
        </p>
    }
}

#[component]
fn Links(dataset: Dataset, query: String, what: String) -> impl IntoView {
    let stem = dataset.stem();
    let links = FORMATS
        .into_iter()
        .enumerate()
        .map(|(i, format)| {
            let href = if query.is_empty() {
                format!("/data/{stem}.{format}")
            } else {
                format!("/data/{stem}.{format}?{query}")
            };
            let label = format!("{what} as {}", format.to_uppercase());
            view! {
                {(i > 0).then_some(" · ")}
                <a href=href download="" aria-label=label>{format.to_uppercase()}</a>
            }
        })
        .collect_view();
    view! { {format!("Download {what}: ")} {links} }
}
