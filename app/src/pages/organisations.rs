//! `/admin/organisations`: administrators approve or reject civil-society organisations'
//! registrations, those awaiting a decision first.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::civil_society::{get_organisations, DecideOrganisation, Organisation};
use crate::components::status::{failure, FormAlert, LoadError, Loading};

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let decide = ServerAction::<DecideOrganisation>::new();
    let list = Resource::new(move || decide.version().get(), |_| get_organisations());
    view! {
        <Title text="Civil-society organisations" />
        <div class="wrap">
            <h1>"Civil-society organisations"</h1>
            <p class="lede">"Approve an organisation to let the people who speak for it publish assessments; reject one that is not what it claims."</p>
            <FormAlert message=Signal::derive(move || failure(decide.value().get())) />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(Some(list)) => view! { <Table list decide /> }.into_any(),
                        Ok(None) => view! {
                            <p><a href="/sign-in?next=/admin/organisations">"Sign in"</a> " as an administrator."</p>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Table(list: Vec<Organisation>, decide: ServerAction<DecideOrganisation>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"No organisation has registered yet."</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|o| {
            let id = o.id;
            let name = o.name.clone();
            let form = move |decision: &'static str, label: &'static str| {
                let name = name.clone();
                view! {
                    <ActionForm action=decide attr:class="inline-form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="decision" value=decision />
                        <button type="submit">{label}<span class="visually-hidden">{format!(" {name}")}</span></button>
                    </ActionForm>
                }
            };
            let actions = match o.state.as_str() {
                "pending" => view! { {form("approve", "Approve")} {form("reject", "Reject")} }.into_any(),
                "approved" => form("reject", "Withdraw approval").into_any(),
                _ => form("approve", "Approve").into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{o.name}</th>
                    <td>{o.website}</td>
                    <td>{o.description}</td>
                    <td>{o.registered_by}</td>
                    <td>{o.created_at.date_naive().to_string()}</td>
                    <td>{o.state}</td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <caption>"Registrations"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"Website"</th>
                        <th scope="col">"What it does"</th>
                        <th scope="col">"Registered by"</th>
                        <th scope="col">"On"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Decision"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
