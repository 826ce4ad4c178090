//! `/commitments/{id}/edit`: the coordinator changes a commitment. If someone else saved it
//! since the page was opened, the save is refused and the text typed stays in the form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::commitment_form::CommitmentForm;
use crate::components::status::{LoadError, Loading};
use crate::plans::get_plan_editor;

#[component]
pub fn EditCommitmentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let editor = Resource::new(id, |id| get_plan_editor(None, id));
    view! {
        <Title text="Change a commitment" />
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match editor.await {
                        Ok(Some(editor)) => {
                            let title = editor.commitment.as_ref().map(|c| format!("Change {}: {}", c.reference, c.title)).unwrap_or_default();
                            view! {
                                <p class="eyebrow">{editor.country_name.clone()}</p>
                                <h1>{title}</h1>
                                <CommitmentForm editor />
                            }
                                .into_any()
                        }
                        Ok(None) => view! {
                            <h1>"Change a commitment"</h1>
                            <p class="notice notice-error" role="alert">
                                "Only the coordinator of the commitment's country changes it."
                            </p>
                        }
                            .into_any(),
                        Err(error) => view! { <LoadError error /> <p><a href="/sign-in">"Sign in"</a></p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
