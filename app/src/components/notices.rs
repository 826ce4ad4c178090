//! "Since your last visit": the notices at the top of a signed-in person's page.

use leptos::prelude::*;

use crate::notices::{Decided, Due, Notices, DUE_WITHIN_DAYS};

#[component]
pub fn SinceLastVisit(notices: Notices) -> impl IntoView {
    let Notices {
        since,
        decisions,
        due,
        arrived,
    } = notices;
    let heading = match since {
        Some(at) => format!(
            "Since your last visit ({} UTC)",
            at.format("%Y-%m-%d %H:%M")
        ),
        None => "Welcome: this is your first visit".to_owned(),
    };
    let quiet = decisions.is_empty() && due.is_empty() && arrived.is_none();
    let decided = (!decisions.is_empty()).then(|| {
        let items = decisions.into_iter().map(decision).collect_view();
        view! { <h3>"Reviewers' decisions on your reports"</h3> <ul>{items}</ul> }
    });
    let arrived = arrived.map(|n| {
        let text = match (n, since.is_some()) {
            (0, true) => "No update has arrived for review since then.".to_owned(),
            (0, false) => "No update awaits review.".to_owned(),
            (1, true) => "1 update arrived for review since then.".to_owned(),
            (n, true) => format!("{n} updates arrived for review since then."),
            (n, false) => format!("{n} updates await review."),
        };
        view! { <p>{text} " " <a href="/review">"Open the review queue"</a></p> }
    });
    view! {
        <section aria-labelledby="since-last-visit" class="notice">
            <h2 id="since-last-visit">{heading}</h2>
            {quiet.then_some(view! { <p>"Nothing new for you."</p> })}
            {arrived}
            {decided}
            <DueSoon due />
        </section>
    }
}

fn decision(d: Decided) -> impl IntoView {
    let what = if d.state == "returned" {
        "returned"
    } else {
        "approved"
    };
    view! {
        <li>
            <a href=format!("/commitments/{}", d.commitment_id)>{d.reference} ": " {d.title}</a>
            {format!(" · {} {what} your report on {}", d.reviewer, d.at.date_naive())}
            {d.comment.map(|c| view! { <blockquote>{c}</blockquote> })}
        </li>
    }
}

#[component]
fn DueSoon(due: Vec<Due>) -> impl IntoView {
    if due.is_empty() {
        return ().into_any();
    }
    let items = due
        .into_iter()
        .map(|d| {
            let when = match d.days_left {
                0 => "ends today".to_owned(),
                1 => "ends tomorrow".to_owned(),
                n => format!("ends in {n} days, on {}", d.end_date),
            };
            view! {
                <li><a href=format!("/commitments/{}", d.commitment_id)>{d.reference} ": " {d.title}</a> " · " {when}</li>
            }
        })
        .collect_view();
    view! {
        <h3>{format!("Ending within {DUE_WITHIN_DAYS} days")}</h3>
        <ul>{items}</ul>
    }
    .into_any()
}
