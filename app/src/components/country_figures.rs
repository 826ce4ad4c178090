//! A country's figures: progress by recommendation group (chart and table) and the
//! accountability board of the ministries and agencies that lead its commitments.

use leptos::prelude::*;

use crate::components::bar_chart::{Bar, PercentBars};
use crate::components::commitment_list::share_text;
use crate::overview::{GroupRow, OwnerRow, ON_TIME_DAYS};

#[component]
pub fn GroupProgress(groups: Vec<GroupRow>) -> impl IntoView {
    let answered: Vec<GroupRow> = groups.into_iter().filter(|g| g.commitments > 0).collect();
    let bars = answered
        .iter()
        .map(|g| Bar {
            label: g.name.clone(),
            percent: g.progress.mean,
        })
        .collect();
    let lines = answered
        .into_iter()
        .map(|g| {
            let href = format!("#group-{}", g.code);
            view! {
                <tr>
                    <th scope="row"><a href=href>{g.name}</a></th>
                    <td class="number">{g.commitments}</td>
                    <td class="number">{share_text(g.progress.mean)}</td>
                    <td class="number">{g.progress.reported}</td>
                    <td class="number">{g.progress.unknown}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="by-group">
            <h2 id="by-group">"Progress by recommendation group"</h2>
            <p>
                "The mean % complete of the commitments answering each group. Withdrawn "
                "commitments are left out; those with no % reported are counted apart, not as 0."
            </p>
            <PercentBars id="group-progress".to_owned() title="Mean % complete by recommendation group".to_owned() bars />
            <FigureTable
                caption="Progress by recommendation group, in figures"
                columns=&["Group", "Commitments", "Mean % complete", "With a % reported", "None reported"]
                numbers=1..5
            >
                {lines}
            </FigureTable>
        </section>
    }
}

#[component]
pub fn OwnerBoard(owners: Vec<OwnerRow>) -> impl IntoView {
    let months = ON_TIME_DAYS / 30;
    let lines = owners
        .into_iter()
        .map(|o| {
            let on_time = match o.on_time_share() {
                Some(share) => format!("{} of {} ({:.0} %)", o.on_time, o.open, share * 100.0),
                None => "nothing open".to_owned(),
            };
            let last = o
                .last_report
                .map_or_else(|| "never".to_owned(), |d| d.to_string());
            let late = o.overdue > 0;
            view! {
                <tr class:overdue=late>
                    <th scope="row">{format!("{} ({})", o.owner.name, o.owner.code)}</th>
                    <td class="number">{o.commitments}</td>
                    <td class="number">{on_time}</td>
                    <td class="number">
                        {if late {
                            view! { <a href="#overdue">{o.overdue}</a> }.into_any()
                        } else {
                            view! { "0" }.into_any()
                        }}
                    </td>
                    <td>{last}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="board">
            <h2 id="board">"Ministries and agencies"</h2>
            <p>
                {format!(
                    "Each lead owner's commitments; \"reported on time\" counts the open ones (neither complete nor withdrawn) reported on in the last {months} months or started within them."
                )}
            </p>
            <FigureTable
                caption="Accountability board"
                columns=&["Lead owner", "Commitments", "Reported on time", "Overdue", "Last report"]
                numbers=1..4
            >
                {lines}
            </FigureTable>
        </section>
    }
}

/// A table of figures under its caption: `columns` name the header cells, and those at the
/// positions in `numbers` are aligned as numbers.
#[component]
fn FigureTable(
    caption: &'static str,
    columns: &'static [&'static str],
    numbers: std::ops::Range<usize>,
    children: Children,
) -> impl IntoView {
    let head = columns
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let class = numbers.contains(&i).then_some("number");
            view! { <th scope="col" class=class>{*name}</th> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="commitments">
                <caption>{caption}</caption>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
