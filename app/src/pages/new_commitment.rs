//! `/plans/{id}/commitments/new`: a coordinator adds a commitment to the country's plan,
//! mapped to one or more recommendations picked from the catalogue.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::commitment_form::CommitmentForm;
use crate::components::status::{LoadError, Loading};
use crate::plans::get_plan_editor;

#[component]
pub fn NewCommitmentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let editor = Resource::new(id, |id| get_plan_editor(id, None));
    view! {
        <Title text="Add a commitment" />
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match editor.await {
                        Ok(Some(editor)) => view! {
                            <p class="eyebrow">{editor.country_name.clone()}</p>
                            <h1>"Add a commitment to " {editor.plan.title.clone()}</h1>
                            <CommitmentForm editor />
                        }
                            .into_any(),
                        Ok(None) => view! {
                            <h1>"Add a commitment"</h1>
                            <p class="notice notice-error" role="alert">
                                "Only the coordinator of this plan's country adds commitments to it."
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
