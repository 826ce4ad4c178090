//! Commitments as tables and their status as a badge, shared by the country and
//! recommendation pages.

use leptos::prelude::*;

use crate::plans::{Commitment, Status};

/// A status in words, with a colour that is never the only cue.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("status status-{}", status.as_str())>{status.label()}</span> }
}

/// "45 %", or "not reported" when nobody has said: unknown is not zero.
pub fn percent_text(percent: Option<i32>) -> String {
    share_text(percent.map(f64::from))
}

/// A mean or other share as a whole percentage, "not reported" when there is none.
pub fn share_text(share: Option<f64>) -> String {
    share.map_or_else(|| "not reported".to_owned(), |p| format!("{p:.0} %"))
}

/// A measured value as people write it: at most two decimals, no trailing zeros.
pub fn number_text(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A table of commitments; `show_country` adds the country column (for cross-country lists).
#[component]
pub fn CommitmentTable(
    commitments: Vec<Commitment>,
    #[prop(optional)] show_country: bool,
    caption: String,
) -> impl IntoView {
    let rows = commitments
        .into_iter()
        .map(|c| {
            let href = format!("/commitments/{}", c.id);
            let country_href = format!("/countries/{}", c.country);
            let row_class = if c.overdue { "overdue" } else { "" };
            view! {
                <tr class=row_class>
                    {show_country.then(|| view! { <td><a href=country_href>{c.country_name.clone()}</a></td> })}
                    <td>{c.reference.clone()}</td>
                    <td><a href=href>{c.title.clone()}</a></td>
                    <td><abbr title=c.lead_owner.name.clone()>{c.lead_owner.code.clone()}</abbr></td>
                    <td>
                        <time datetime=c.end_date.to_string()>{c.end_date.to_string()}</time>
                        {c.overdue.then(|| view! { " " <strong class="flag-overdue">"Overdue"</strong> })}
                    </td>
                    <td><StatusBadge status=c.status /></td>
                    <td class="number">{percent_text(c.percent_complete)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="commitments">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {show_country.then(|| view! { <th scope="col">"Country"</th> })}
                        <th scope="col">"Ref."</th>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Lead"</th>
                        <th scope="col">"Ends"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="number">"Complete"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
