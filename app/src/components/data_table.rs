//! A table of data as the pages draw them: a caption, one header cell per column, and a body
//! that scrolls sideways on a narrow screen instead of widening the page.

use leptos::prelude::*;

#[component]
pub fn DataTable(
    /// Says what the table holds, for screen readers and for everyone.
    #[prop(optional, into)]
    caption: Option<String>,
    /// The columns' headings, in order.
    columns: Vec<String>,
    #[prop(optional)] class: &'static str,
    /// The body's rows.
    children: Children,
) -> impl IntoView {
    let heads = columns
        .into_iter()
        .map(|name| view! { <th scope="col">{name}</th> })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class=class>
                {caption.map(|text| view! { <caption>{text}</caption> })}
                <thead><tr>{heads}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// Column headings from fixed names.
pub fn headings(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}
