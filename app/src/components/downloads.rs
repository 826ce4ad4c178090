//! Links to download commitments as open data, in every format offered.

use leptos::prelude::*;

use crate::open_data::FORMATS;

/// "Download these commitments: CSV · XLSX · JSON", for the scope `query` names
/// (`country=KEN`, `recommendation=SPR-2`, or empty for everything).
#[component]
pub fn Downloads(query: String, what: &'static str) -> impl IntoView {
    let links = FORMATS
        .into_iter()
        .enumerate()
        .map(|(i, format)| {
            let href = if query.is_empty() {
                format!("/data/commitments.{format}")
            } else {
                format!("/data/commitments.{format}?{query}")
            };
            let label = format!("{what} as {}", format.to_uppercase());
            view! {
                {(i > 0).then_some(" · ")}
                <a href=href download="" aria-label=label>{format.to_uppercase()}</a>
            }
        })
        .collect_view();
    view! {
        <p class="open-data">
            {format!("Download {what}: ")} {links} " ("
            <a href="/open-data">"what the columns mean"</a> ")"
        </p>
    }
}
