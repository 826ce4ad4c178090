//! `/open-data`: what can be downloaded, and what every column means.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::downloads::Downloads;
use crate::open_data::Dataset;

/// The columns of one kind of file, with what each holds.
#[component]
fn ColumnTable(
    columns: &'static [(&'static str, &'static str)],
    caption: &'static str,
) -> impl IntoView {
    let columns = columns
        .iter()
        .map(|(name, meaning)| {
            view! {
                <tr>
                    <th scope="row"><code>{*name}</code></th>
                    <td>{*meaning}</td>
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
                        <th scope="col">"Column"</th>
                        <th scope="col">"Meaning"</th>
                    </tr>
                </thead>
                <tbody>{columns}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn OpenDataPage() -> impl IntoView {
    view! {
        <Title text="Open data" />
        <div class="wrap">
            <h1>"Open data"</h1>
            <p class="lede">
                "Everything public here can be downloaded and reused: the commitments of every "
                "published national action plan and every progress update on them, as CSV, XLSX "
                "or JSON."
            </p>
            <Downloads query=String::new() what="all published commitments" />
            <p>
                "Each country page and each recommendation page offers the same files for its "
                "own commitments. The address takes " <code>"?country=KEN"</code> " or "
                <code>"?recommendation=SPR-2"</code> ", for example "
                <a href="/data/commitments.csv?country=KEN">"/data/commitments.csv?country=KEN"</a> "."
            </p>
            <h2>"Columns"</h2>
            <p>
                "Each kind of file has the columns below, in this order; the first row of CSV and XLSX "
                "files names them, and JSON objects use them as keys. A text value that starts "
                "with =, +, - or @ is written with a leading apostrophe in CSV and XLSX, so that "
                "spreadsheet programs show it instead of running it as a formula."
            </p>
            <ColumnTable columns=Dataset::Commitments.columns() caption="Columns of the commitment files" />
            <ColumnTable columns=Dataset::Updates.columns() caption="Columns of the progress update files" />
            <h2 id="cycles">"Review cycles"</h2>
            <p>
                "Each closed " <a href="/cycles">"review cycle"</a> " keeps every published "
                "commitment as it stood when the cycle closed. Its page offers the snapshot as "
                "CSV, at " <code>"/data/cycles/{id}.csv"</code> ", with the commitment columns "
                "above followed by the ones below, and as JSON, at "
                <code>"/data/cycles/{id}.json"</code> ", with each commitment's whole record: "
                "its updates, the reviewers' assessments and civil society's. Both take "
                <code>"?country=KEN"</code> " for one country."
            </p>
            <ColumnTable columns=&crate::open_data::REVIEW_COLUMNS caption="Columns a review cycle's CSV file adds" />
            <p>
                "The recommendations themselves are at "
                <a href="/api/v1/recommendations">"/api/v1/recommendations"</a> " (JSON)."
            </p>
        </div>
    }
}
