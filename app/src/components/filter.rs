//! A labelled list that narrows what a page shows, in a plain GET form: the choice becomes
//! part of the address, so filtered pages can be shared and work without JavaScript.

use leptos::prelude::*;

/// A `<select>` named `name`, whose first choice, `any`, narrows nothing. Its id is
/// `{form}-{name}`, unique on a page with one form called `form`.
#[component]
pub fn Filter(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    any: &'static str,
    children: Children,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    view! {
        <div>
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {children()}
            </select>
        </div>
    }
}
