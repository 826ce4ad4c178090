//! `/imports`: reporting on many commitments at once with a spreadsheet — the template to
//! download, the upload, and the history of imports with their undo.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::components::upload_form::UploadForm;
use crate::imports::{get_import_desk, Batch, ImportDesk, Language, OwnerChoice, UndoImport};

#[component]
pub fn ImportsPage() -> impl IntoView {
    // Made here so that an undo reloads the history, which then shows the new state.
    let undo = ServerAction::<UndoImport>::new();
    let desk = Resource::new(move || undo.version().get(), |_| get_import_desk());
    let query = use_query_map();
    let upload_error = move || query.read().get("error");
    view! {
        <Title text="Import progress from a spreadsheet" />
        <div class="wrap">
            <h1>"Import progress from a spreadsheet"</h1>
            <p>
                "Report on many commitments at once: download your template, fill in the yellow columns in Excel or LibreOffice, and upload it. "
                "You see every row before anything is saved, and an import can be undone."
            </p>
            {move || upload_error().map(|message| view! {
                <p class="notice notice-error" role="alert">{message}</p>
            })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match desk.await {
                        Ok(Some(desk)) => view! { <Desk desk undo /> }.into_any(),
                        Ok(None) => view! {
                            <p><a href="/sign-in?next=/imports">"Sign in"</a> " to import your ministry's progress."</p>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn owner_options(owners: &[OwnerChoice]) -> impl IntoView {
    owners
        .iter()
        .map(|o| {
            let value = format!("{}/{}", o.iso3, o.code);
            view! { <option value=value>{format!("{} ({}), {}", o.name, o.code, o.iso3)}</option> }
        })
        .collect_view()
}

#[component]
fn Desk(desk: ImportDesk, undo: ServerAction<UndoImport>) -> impl IntoView {
    if desk.owners.is_empty() {
        return view! {
            <p>"You do not report for any ministry or agency. A country's coordinator or an administrator can make you a focal point."</p>
        }
        .into_any();
    }
    view! {
        <section aria-labelledby="template-heading">
            <h2 id="template-heading">"1. Download your template"</h2>
            <p>"It lists your commitments and their targets, one row each, with their IDs."</p>
            <form method="get" action="/import-files/template" class="form">
                <label for="template-owner">"Ministry or agency"</label>
                <select id="template-owner" name="owner">{owner_options(&desk.owners)}</select>
                <label for="template-lang">"Language of its headers and instructions"</label>
                <select id="template-lang" name="lang">
                    {Language::ALL.into_iter().map(|l| view! { <option value=l.code()>{l.name()}</option> }).collect_view()}
                </select>
                <button type="submit">"Download the template (xlsx)"</button>
            </form>
        </section>
        <section aria-labelledby="upload-heading">
            <h2 id="upload-heading">"2. Upload the filled file"</h2>
            <p>
                "Your own progress workbook works too: xlsx, xlsm, xlsb, xls, ods or csv, with headers in English, French or Spanish. "
                "Nothing is saved until you confirm the preview."
            </p>
            <UploadForm>
                <label for="upload-owner">"Ministry or agency"</label>
                <select id="upload-owner" name="owner">{owner_options(&desk.owners)}</select>
                <label for="upload-file">"Spreadsheet"</label>
                <input id="upload-file" type="file" name="file" required accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.txt" />
            </UploadForm>
        </section>
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"Import history"</h2>
            <History batches=desk.batches undo />
        </section>
    }
    .into_any()
}

#[component]
fn History(batches: Vec<Batch>, undo: ServerAction<UndoImport>) -> impl IntoView {
    if batches.is_empty() {
        return view! { <p>"No file has been uploaded yet."</p> }.into_any();
    }
    let error = move || failure(undo.value().get());
    let rows = batches
        .into_iter()
        .map(|b| {
            let owner = b.owner.as_ref().map(|o| format!("{} ({})", o.code, o.iso3)).unwrap_or_default();
            let action = match b.state.as_str() {
                "previewed" => view! { <a href=format!("/imports/{}", b.id)>"Open the preview"</a> }.into_any(),
                "committed" => view! {
                    <a href=format!("/imports/{}", b.id)>"Details"</a>
                    <ActionForm action=undo attr:class="inline-form">
                        <input type="hidden" name="batch_id" value=b.id />
                        <button type="submit" class="button-quiet">{format!("Undo import {}", b.id)}</button>
                    </ActionForm>
                }.into_any(),
                _ => view! { <a href=format!("/imports/{}", b.id)>"Details"</a> }.into_any(),
            };
            view! {
                <tr>
                    <td>{b.uploaded_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                    <td>{owner}</td>
                    <td>{b.file_name}</td>
                    <td>{b.uploader}</td>
                    <td class="num">{b.counts.rows_read}</td>
                    <td class="num">{b.counts.accepted}</td>
                    <td class="num">{b.counts.unchanged}</td>
                    <td class="num">{b.counts.rejected}</td>
                    <td>{b.state}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormAlert message=Signal::derive(error) />
        <div class="table-scroll">
            <table>
                <caption>"Files uploaded for your ministries, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Uploaded"</th>
                        <th scope="col">"For"</th>
                        <th scope="col">"File"</th>
                        <th scope="col">"By"</th>
                        <th scope="col">"Rows read"</th>
                        <th scope="col">"New"</th>
                        <th scope="col">"Unchanged"</th>
                        <th scope="col">"With errors"</th>
                        <th scope="col">"State"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
