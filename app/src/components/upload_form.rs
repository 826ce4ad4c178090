//! The upload form of the import page. Without JavaScript it is a plain multipart form. Once
//! the page is interactive it sends the file itself, to show how much of it has gone and then
//! that it is being read and checked, and opens the preview when the server has it. The
//! server keeps reading a file whose sender has left, so the upload then appears in the
//! import history.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(
        dead_code,
        reason = "only the browser's upload handler moves past Idle"
    )
)]
enum Stage {
    Idle,
    Sending { sent: f64, total: f64 },
    Checking,
    Failed,
}

#[component]
pub fn UploadForm(children: Children) -> impl IntoView {
    let stage = RwSignal::new(Stage::Idle);
    let on_submit = move |ev: SubmitEvent| {
        if send(&ev, stage) {
            ev.prevent_default();
        }
    };
    let busy = move || matches!(stage.get(), Stage::Sending { .. } | Stage::Checking);
    view! {
        <form method="post" action="/import-files/upload" enctype="multipart/form-data" class="form" on:submit=on_submit>
            {children()}
            <button type="submit" disabled=busy>"Upload and preview"</button>
            <div class="upload-status" role="status" aria-live="polite">
                {move || match stage.get() {
                    Stage::Idle => ().into_any(),
                    Stage::Sending { sent, total } => view! {
                        <label for="upload-progress">{sending_text(sent, total)}</label>
                        // Without a size yet, the bar shows work under way without a share.
                        <progress id="upload-progress" max=(total > 0.0).then_some(total) value=(total > 0.0).then_some(sent)></progress>
                    }.into_any(),
                    Stage::Checking => view! {
                        <label for="upload-progress">
                            "Sent. Reading and checking every row… You may leave this page: the upload is kept and appears in the import history below once it is read."
                        </label>
                        <progress id="upload-progress"></progress>
                    }.into_any(),
                    Stage::Failed => view! {
                        <p class="notice notice-error">"The upload was interrupted before the server had the whole file. Send it again."</p>
                    }.into_any(),
                }}
            </div>
        </form>
    }
}

fn sending_text(sent: f64, total: f64) -> String {
    let share = if total > 0.0 {
        sent / total * 100.0
    } else {
        0.0
    };
    format!(
        "Sending the file: {share:.0} % ({:.1} of {:.1} MB)",
        sent / 1_000_000.0,
        total / 1_000_000.0
    )
}

/// Sends the form's file with progress; false when the browser cannot, and the form is then
/// sent as a plain form.
#[cfg(feature = "hydrate")]
fn send(ev: &SubmitEvent, stage: RwSignal<Stage>) -> bool {
    use web_sys::wasm_bindgen::closure::Closure;
    use web_sys::wasm_bindgen::JsCast;
    use web_sys::{FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};

    use crate::imports::UPLOAD_PROGRESS_HEADER;

    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return false;
    };
    let (Ok(data), Ok(request)) = (FormData::new_with_form(&form), XmlHttpRequest::new()) else {
        return false;
    };
    if request.open("POST", &form.action()).is_err()
        || request
            .set_request_header(UPLOAD_PROGRESS_HEADER, "1")
            .is_err()
    {
        return false;
    }
    let Ok(upload) = request.upload() else {
        return false;
    };
    // Each handler lives as long as the page: one upload per page, then it navigates away.
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() {
            stage.set(Stage::Sending {
                sent: e.loaded(),
                total: e.total(),
            });
        }
    });
    upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    progress.forget();
    // The whole file has gone: the server reads it now.
    let sent = Closure::<dyn FnMut()>::new(move || stage.set(Stage::Checking));
    upload.set_onload(Some(sent.as_ref().unchecked_ref()));
    sent.forget();
    let answered = request.clone();
    let done = Closure::<dyn FnMut()>::new(move || {
        let next = answered.response_text().ok().flatten().unwrap_or_default();
        match (answered.status(), web_sys::window()) {
            (Ok(200), Some(window)) if next.starts_with('/') => {
                let _ = window.location().set_href(&next);
            }
            _ => stage.set(Stage::Failed),
        }
    });
    request.set_onload(Some(done.as_ref().unchecked_ref()));
    done.forget();
    let failed = Closure::<dyn FnMut()>::new(move || stage.set(Stage::Failed));
    request.set_onerror(Some(failed.as_ref().unchecked_ref()));
    failed.forget();
    if request.send_with_opt_form_data(Some(&data)).is_err() {
        return false;
    }
    stage.set(Stage::Sending {
        sent: 0.0,
        total: 0.0,
    });
    true
}

/// Rendered on the server, the form is only ever sent by the browser.
#[cfg(not(feature = "hydrate"))]
fn send(_: &SubmitEvent, _: RwSignal<Stage>) -> bool {
    false
}
