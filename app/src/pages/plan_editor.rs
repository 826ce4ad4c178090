//! `/countries/{iso3}/plan`: the coordinator starts, changes and publishes the country's
//! action plans and lists its ministries and agencies. Only published plans are public.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::plans::{get_country_editor, AddOwner, CountryEditor, Plan, PlanStatus, SavePlan};

#[component]
pub fn PlanEditorPage() -> impl IntoView {
    let params = use_params_map();
    let iso3 = move || params.read().get("iso3").unwrap_or_default();
    let save_plan = ServerAction::<SavePlan>::new();
    let add_owner = ServerAction::<AddOwner>::new();
    // Read again after every save, so the page shows what is stored.
    let editor = Resource::new(
        move || (iso3(), save_plan.version().get(), add_owner.version().get()),
        |(iso3, _, _)| get_country_editor(iso3),
    );
    view! {
        <Title text="Action plan" />
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match editor.await {
                        Ok(Some(editor)) => view! { <Editor editor save_plan add_owner /> }.into_any(),
                        Ok(None) => view! {
                            <h1>"Action plan"</h1>
                            <p class="notice notice-error" role="alert">"Only the country's coordinator builds its plan."</p>
                        }
                            .into_any(),
                        Err(error) => view! { <LoadError error /> <p><a href="/sign-in">"Sign in"</a></p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Editor(
    editor: CountryEditor,
    save_plan: ServerAction<SavePlan>,
    add_owner: ServerAction<AddOwner>,
) -> impl IntoView {
    let CountryEditor {
        iso3,
        name,
        plans,
        owners,
    } = editor;
    let plan_error = move || failure(save_plan.value().get());
    let owner_error = move || failure(add_owner.value().get());
    let plan_forms = plans
        .into_iter()
        .map(|plan| view! { <PlanForm iso3=iso3.clone() plan=Some(plan) action=save_plan /> })
        .collect_view();
    let owner_items = owners
        .into_iter()
        .map(|o| view! { <li><strong>{o.code}</strong> " " {o.name}</li> })
        .collect_view();
    view! {
        <h1>{format!("{name}: action plans and ministries")}</h1>
        <FormAlert message=Signal::derive(plan_error) />
        {plan_forms}
        <h2>"Start a new plan"</h2>
        <p>"A new plan is a draft until you publish it."</p>
        <PlanForm iso3=iso3.clone() plan=None action=save_plan />
        <h2>"Ministries and agencies"</h2>
        <ul>{owner_items}</ul>
        <ActionForm action=add_owner attr:class="form">
            <FormAlert message=Signal::derive(owner_error) />
            <input type="hidden" name="iso3" value=iso3 />
            <label for="owner-code">"Short code, such as MOH"</label>
            <input id="owner-code" name="code" required />
            <label for="owner-name">"Name"</label>
            <input id="owner-name" name="name" required />
            <button type="submit">"Add the ministry or agency"</button>
        </ActionForm>
    }
}

#[component]
fn PlanForm(iso3: String, plan: Option<Plan>, action: ServerAction<SavePlan>) -> impl IntoView {
    let key = plan
        .as_ref()
        .map_or_else(|| "new".to_owned(), |p| p.id.to_string());
    let id = move |name: &str| format!("plan-{key}-{name}");
    let heading = plan.as_ref().map(|p| p.title.clone());
    let published = plan
        .as_ref()
        .is_some_and(|p| p.status == PlanStatus::Published);
    view! {
        {heading.map(|h| view! { <h2>{h}</h2> })}
        <ActionForm action attr:class="form">
            <input type="hidden" name="iso3" value=iso3 />
            {plan.as_ref().map(|p| view! { <input type="hidden" name="plan_id" value=p.id /> })}
            <label for=id("title")>"Title"</label>
            <input id=id("title") name="title" required value=plan.as_ref().map(|p| p.title.clone()) />
            <label for=id("start")>"Period start"</label>
            <input id=id("start") type="date" name="period_start" required value=plan.as_ref().map(|p| p.period_start.to_string()) />
            <label for=id("end")>"Period end"</label>
            <input id=id("end") type="date" name="period_end" required value=plan.as_ref().map(|p| p.period_end.to_string()) />
            {plan.as_ref().map(|_| view! {
                <div class="check">
                    <input type="checkbox" id=id("published") name="published" value="yes" checked=published />
                    <label for=id("published")>"Published: everyone can read this plan"</label>
                </div>
            })}
            <button type="submit">{if plan.is_some() { "Save the plan" } else { "Start the plan" }}</button>
        </ActionForm>
    }
}
