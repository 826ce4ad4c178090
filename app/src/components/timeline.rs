//! A timeline of commitments drawn on the server as SVG: each timeframe as a bar, today as a
//! line, overdue commitments marked in words as well as in colour. The commitment tables on
//! the same page carry the figures and links.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::plans::Commitment;

const ROW: f64 = 18.0;
const LABEL: f64 = 70.0;
const PLOT: f64 = 520.0;
const WIDTH: f64 = LABEL + PLOT + 70.0;
const AXIS: f64 = 24.0;
/// Room above the rows for the "today" label, clear of the year labels below.
const TOP: f64 = 16.0;

#[component]
pub fn Timeline(commitments: Vec<Commitment>, today: NaiveDate) -> impl IntoView {
    let mut items = commitments;
    items.sort_by(|a, b| (a.end_date, &a.reference).cmp(&(b.end_date, &b.reference)));
    let (Some(first), Some(last)) = (
        items.iter().map(|c| c.start_date).min(),
        items.iter().map(|c| c.end_date).max(),
    ) else {
        return ().into_any();
    };
    let (first, last) = (first.min(today), last.max(today));
    let span = (last - first).num_days().max(1) as f64;
    let x = move |date: NaiveDate| LABEL + PLOT * (date - first).num_days() as f64 / span;
    let height = TOP + items.len() as f64 * ROW + AXIS;
    let overdue = items.iter().filter(|c| c.overdue).count();
    let noun = if items.len() == 1 {
        "commitment"
    } else {
        "commitments"
    };
    let description = format!(
        "{} {noun} with timeframes from {first} to {last}; today is {today}; {overdue} overdue, marked with the word overdue.",
        items.len()
    );
    let years = (first.year() + 1..=last.year())
        .filter_map(|year| NaiveDate::from_ymd_opt(year, 1, 1))
        .map(|jan| {
            let at = x(jan);
            view! {
                <line class="grid" x1=at x2=at y1=TOP y2=height - AXIS + 4.0 />
                <text class="axis" x=at y=height - 6.0 text-anchor="middle">{jan.year()}</text>
            }
        })
        .collect_view();
    let rows = items
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let y = TOP + i as f64 * ROW;
            let (start, end) = (x(c.start_date), x(c.end_date));
            let class = if c.overdue { "span overdue" } else { "span" };
            view! {
                <text class="label" x=LABEL - 6.0 y=y + 13.0 text-anchor="end">{c.reference.clone()}</text>
                <rect class=class x=start y=y + 4.0 width=(end - start).max(2.0) height=ROW - 8.0>
                    <title>{format!("{} {}: {} to {}", c.reference, c.title, c.start_date, c.end_date)}</title>
                </rect>
                {c.overdue.then(|| view! {
                    <text class="flag" x=end + 4.0 y=y + 13.0>"overdue"</text>
                })}
            }
        })
        .collect_view();
    let now = x(today);
    view! {
        <figure class="chart timeline">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="timeline-title timeline-desc">
                <title id="timeline-title">"Timeline of the commitments"</title>
                <desc id="timeline-desc">{description}</desc>
                {years}
                // Under the bars, so that the words beside them stay on top.
                <line class="today" x1=now x2=now y1=TOP - 2.0 y2=height - AXIS + 4.0 />
                {rows}
                <text class="today-label" x=now y=TOP - 5.0 text-anchor="middle">"today"</text>
            </svg>
            <figcaption>"Timeframes of the commitments, ending soonest first; the line marks today."</figcaption>
        </figure>
    }
    .into_any()
}
