//! `/imports/{id}`: an uploaded file before it is imported — every row with what will happen
//! to it, every problem named by sheet, row and column — and, once it is clean, the button that
//! imports it all at once.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::imports::{
    get_import, Choices, CommitImport, DiscardImport, Field, ImportView, Outcome, Preview,
};

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // Made here so that a finished import reloads the preview, which then shows the result.
    let commit = ServerAction::<CommitImport>::new();
    let discard = ServerAction::<DiscardImport>::new();
    let source = move || {
        let id = params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok());
        let q = query.read();
        let choices = Choices {
            sheet: q.get("sheet"),
            commitment_column: q.get("commitment_column"),
            status_column: q.get("status_column"),
        };
        (id, choices, commit.version().get())
    };
    let import = Resource::new(source, |(id, choices, _)| async move {
        match id {
            Some(id) => {
                get_import(
                    id,
                    choices.sheet,
                    choices.commitment_column,
                    choices.status_column,
                )
                .await
            }
            None => Ok(None),
        }
    });
    view! {
        <Title text="Import preview" />
        <div class="wrap">
            <p><a href="/imports">"← All imports"</a></p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let choices = source().1;
                    match import.await {
                        Ok(Some(view)) => view! { <Import view choices commit discard /> }.into_any(),
                        Ok(None) => view! {
                            <h1>"Import not found"</h1>
                            <p>"There is no such import of yours. " <a href="/imports">"See your imports"</a></p>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Import(
    view: ImportView,
    choices: Choices,
    commit: ServerAction<CommitImport>,
    discard: ServerAction<DiscardImport>,
) -> impl IntoView {
    let ImportView {
        batch,
        preview,
        may_decide,
        errors_total,
    } = view;
    let owner = batch
        .owner
        .as_ref()
        .map(|o| format!("{} ({}), {}", o.name, o.code, o.iso3))
        .unwrap_or_default();
    // Once decided, the counts are those recorded then: the file is not read again.
    let c = preview.as_ref().map_or(batch.counts, |p| p.counts);
    let state_note = match batch.state.as_str() {
        "committed" => Some(view! {
            <p class="notice notice-success" role="status">
                {format!("Imported: {} rows made new progress updates, {} were already recorded. The commitments' pages show them.", c.accepted, c.unchanged)}
            </p>
        }.into_any()),
        "undone" => Some(view! { <p class="notice">"This import was undone: its updates were reversed by new entries."</p> }.into_any()),
        "discarded" => Some(view! { <p class="notice">"This upload was discarded; nothing from it was imported."</p> }.into_any()),
        _ => None,
    };
    view! {
        <h1>{format!("Import of {}", batch.file_name)}</h1>
        <p>
            {format!("For {owner}. Uploaded by {} on {}. ", batch.uploader, batch.uploaded_at.format("%Y-%m-%d %H:%M UTC"))}
            <a href=format!("/import-files/{}/original", batch.id) download>"Download the file as uploaded"</a>
            {format!(" (SHA-256 {})", batch.sha256)}
        </p>
        {state_note}
        <dl class="counts">
            <div><dt>"Rows read"</dt><dd>{c.rows_read}</dd></div>
            <div><dt>"Will create an update"</dt><dd>{c.accepted}</dd></div>
            <div><dt>"Unchanged (already recorded)"</dt><dd>{c.unchanged}</dd></div>
            <div><dt>"With errors"</dt><dd>{c.rejected}</dd></div>
        </dl>
        {preview.map(|preview| view! {
            {(preview.left_out > 0).then(|| view! {
                <p>{format!("{} rows with nothing filled in were left out.", preview.left_out)}</p>
            })}
            <Columns preview=preview.clone() choices=choices.clone() />
            <Problems preview=preview.clone() total=errors_total />
            {may_decide.then(|| view! {
                <Decide batch_id=batch.id clean=preview.is_clean() accepted=c.accepted choices commit discard />
            })}
            <Rows preview total=c.rows_read />
        })}
    }
}

/// Which column each field was read from, and a way to name the required ones by hand.
#[component]
fn Columns(preview: Preview, choices: Choices) -> impl IntoView {
    let found = preview
        .columns
        .iter()
        .map(|c| view! { <li>{format!("{}: column {}", c.field.header(), c.column)}</li> })
        .collect_view();
    let mapping = (!preview.missing.is_empty()).then(|| {
        let selects = preview
            .missing
            .iter()
            .map(|field| {
                let (name, id) = match field {
                    Field::Commitment => ("commitment_column", "map-commitment"),
                    _ => ("status_column", "map-status"),
                };
                let options = preview
                    .headers
                    .iter()
                    .map(|(index, label)| view! { <option value=index.to_string()>{label.clone()}</option> })
                    .collect_view();
                view! {
                    <label for=id>{format!("Which column holds the {}?", field.header())}</label>
                    <select id=id name=name>{options}</select>
                }
            })
            .collect_view();
        view! {
            <form method="get" class="form" aria-describedby="mapping-help">
                <p id="mapping-help" class="notice notice-error" role="alert">
                    "Some required columns were not recognised by their header. Choose them below; your choice is remembered for your next upload."
                </p>
                {choices.sheet.map(|sheet| view! { <input type="hidden" name="sheet" value=sheet /> })}
                {selects}
                <button type="submit">"Use these columns"</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="columns-heading">
            <h2 id="columns-heading">{format!("Sheet '{}', header on row {}", preview.sheet, preview.header_row)}</h2>
            <ul>{found}</ul>
            {mapping}
        </section>
    }
}

#[component]
fn Problems(preview: Preview, total: usize) -> impl IntoView {
    if preview.errors.is_empty() {
        return ().into_any();
    }
    let items = preview
        .errors
        .iter()
        .map(|e| view! { <li>{e.to_string()}</li> })
        .collect_view();
    view! {
        <section aria-labelledby="problems-heading" class="problems">
            <h2 id="problems-heading">{format!("{total} problems to fix")}</h2>
            <p>"Nothing has been saved. Correct these in your file, then upload it again."</p>
            <ol>{items}</ol>
            {(total > preview.errors.len()).then(|| view! {
                <p>{format!("The first {} are listed; fix them and upload again to see the rest.", preview.errors.len())}</p>
            })}
        </section>
    }
    .into_any()
}

/// Import or discard a clean, pending upload.
#[component]
fn Decide(
    batch_id: i32,
    clean: bool,
    accepted: usize,
    choices: Choices,
    commit: ServerAction<CommitImport>,
    discard: ServerAction<DiscardImport>,
) -> impl IntoView {
    let error = move || failure(commit.value().get()).or_else(|| failure(discard.value().get()));
    let hidden = move || {
        view! {
            <input type="hidden" name="batch_id" value=batch_id />
            {choices.sheet.clone().map(|v| view! { <input type="hidden" name="sheet" value=v /> })}
            {choices.commitment_column.clone().map(|v| view! { <input type="hidden" name="commitment_column" value=v /> })}
            {choices.status_column.clone().map(|v| view! { <input type="hidden" name="status_column" value=v /> })}
        }
    };
    view! {
        <section aria-labelledby="decide-heading">
            <h2 id="decide-heading">"Import"</h2>
            <FormAlert message=Signal::derive(error) />
            {clean.then(|| view! {
                <ActionForm action=commit attr:class="inline-form">
                    {hidden()}
                    <button type="submit">{format!("Import {accepted} rows")}</button>
                </ActionForm>
            })}
            <ActionForm action=discard attr:class="inline-form">
                <input type="hidden" name="batch_id" value=batch_id />
                <button type="submit" class="button-quiet">"Discard this upload"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Rows(preview: Preview, total: usize) -> impl IntoView {
    let shown = preview.rows.len();
    let rows = preview
        .rows
        .into_iter()
        .map(|r| {
            let (label, class) = match r.outcome {
                Outcome::Create => ("will create an update", "outcome-create"),
                Outcome::Unchanged => ("unchanged", "outcome-unchanged"),
                Outcome::Rejected => ("error", "outcome-error"),
            };
            view! {
                <tr class=class>
                    <td class="num">{r.row}</td>
                    <td>{r.commitment_id.map(|id| id.to_string()).unwrap_or_default()} " " {r.title}</td>
                    <td class="num">{r.target_id.map(|id| id.to_string()).unwrap_or_default()}</td>
                    <td>{r.status.map(|s| s.label()).unwrap_or_default()}</td>
                    <td class="num">{r.percent_complete.map(|p| format!("{p} %")).unwrap_or_default()}</td>
                    <td>{label}</td>
                    <td>{r.problems.join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = if total > shown {
        format!("The first {shown} of {total} rows")
    } else {
        format!("All {total} rows with something filled in")
    };
    view! {
        <div class="table-scroll">
            <table class="preview">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Row"</th>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"% complete"</th>
                        <th scope="col">"Outcome"</th>
                        <th scope="col">"Problems"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
