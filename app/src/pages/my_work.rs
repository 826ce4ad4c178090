//! `/my`: what the signed-in person works on — for a focal point, their ministry's
//! commitments, most urgent first; for a coordinator, the country's plan and commitments.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::{SignOut, SignOutEverywhere};
use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::notices::SinceLastVisit;
use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::plans::{get_my_work, Commitment, MyWork};

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let work = Resource::new(|| (), |()| get_my_work());
    view! {
        <Title text="My work" />
        <div class="wrap">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match work.await {
                        Ok(Some(work)) => view! { <Work work /> }.into_any(),
                        Ok(None) => view! {
                            <h1>"My work"</h1>
                            <p><a href="/sign-in?next=/my">"Sign in"</a> " to see the commitments you report on."</p>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Work(work: MyWork) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
    let devices = match work.open_sessions {
        0 | 1 => "You are signed in on this browser only.".to_owned(),
        n => format!("You are signed in on {n} browsers or devices, this one included."),
    };
    let roles = work
        .caller
        .memberships
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    let plans = work
        .plans
        .into_iter()
        .map(|(plan, country)| {
            let add = format!("/plans/{}/commitments/new", plan.id);
            view! {
                <li>
                    {format!("{country}: {} ({})", plan.title, plan.status.as_str())} " "
                    <a href=add>"Add a commitment"</a>
                </li>
            }
        })
        .collect_view();
    let count = work.commitments.len();
    let countries = work
        .caller
        .memberships
        .iter()
        .filter(|m| m.role == crate::accounts::Role::Coordinator)
        .filter_map(|m| m.country.clone())
        .map(|iso3| {
            let href = format!("/countries/{iso3}/plan");
            view! { <p><a href=href>{format!("Action plans and ministries of {iso3}")}</a></p> }
        })
        .collect_view();
    let coordinates = work
        .caller
        .memberships
        .iter()
        .any(|m| m.role == crate::accounts::Role::Coordinator);
    let is_admin = work
        .caller
        .memberships
        .iter()
        .any(|m| m.role == crate::accounts::Role::Admin);
    let reviews = work.caller.memberships.iter().any(|m| {
        matches!(
            m.role,
            crate::accounts::Role::Reviewer | crate::accounts::Role::Admin
        )
    });
    view! {
        <h1>"My work"</h1>
        <p>"Signed in as " <strong>{work.caller.display_name}</strong> " (" {work.caller.email} "), " {roles} "."</p>
        <ActionForm action=sign_out>
            <button type="submit" class="link-button">"Sign out"</button>
        </ActionForm>
        <p>{devices} " Sessions end after 8 hours without use and 12 hours after signing in."</p>
        <ActionForm action=sign_out_everywhere>
            <button type="submit" class="link-button">"Sign out everywhere"</button>
            " (on every browser and device, for a computer left signed in or a lost phone)"
        </ActionForm>
        <FormAlert message=Signal::derive(move || failure(sign_out_everywhere.value().get())) />
        {is_admin.then(|| view! { <p><a href="/admin/audit">"Audit log"</a> " · " <a href="/admin/organisations">"Civil-society organisations"</a></p> })}
        {reviews.then(|| view! { <p><a href="/review">"Review queue: progress updates awaiting review"</a></p> })}
        {countries}
        <ul class="plans">{plans}</ul>
        {work.organisation.map(|(name, state)| {
            let standing = match state.as_str() {
                "approved" => "approved: open any published commitment to publish its assessment",
                "pending" => "awaiting an administrator's approval",
                _ => "not approved by the administrators",
            };
            view! { <p class="notice">{format!("You speak for {name}, {standing}.")}</p> }
        })}
        <SinceLastVisit notices=work.notices />
        <ReturnedUpdates returned=work.returned />
        <h2>{format!("My commitments ({count})")}</h2>
        <p>"Overdue first, then those due soon, then those not updated for longest."</p>
        <p><a href="/imports">"Report on many at once with a spreadsheet"</a></p>
        <Attention commitments=work.commitments may_change=coordinates />
    }
}

/// Updates a reviewer sent back, first on the page: each waits for a new update.
#[component]
fn ReturnedUpdates(returned: Vec<crate::review::Returned>) -> impl IntoView {
    if returned.is_empty() {
        return ().into_any();
    }
    let count = returned.len();
    let items = returned
        .into_iter()
        .map(|r| {
            let report = format!("/commitments/{}/report", r.commitment_id);
            let page = format!("/commitments/{}", r.commitment_id);
            view! {
                <li class="returned">
                    <p><a href=page>{r.reference.clone()} ": " {r.title}</a>
                    " · your report of " {r.reporting_date.to_string()} " was returned by "
                    {r.reviewer} " on " {r.reviewed_at.date_naive().to_string()} ":"</p>
                    <blockquote>{r.comment}</blockquote>
                    <p><a href=report>"Answer with a new update"<span class="visually-hidden">{format!(" on {}", r.reference)}</span></a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="returned" class="notice">
            <h2 id="returned">{format!("Returned by reviewers ({count})")}</h2>
            <p>"A reviewer of the Commission asks you to look again at these reports. Answer each with a new update: the earlier report and the comment stay in the commitment's history."</p>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}

#[component]
fn Attention(commitments: Vec<Commitment>, may_change: bool) -> impl IntoView {
    if commitments.is_empty() {
        return view! { <p>"No commitment is led by your ministry or agency yet."</p> }.into_any();
    }
    let rows = commitments
        .into_iter()
        .map(|c| {
            let report = format!("/commitments/{}/report", c.id);
            let edit = format!("/commitments/{}/edit", c.id);
            let reference = c.reference.clone();
            let page = format!("/commitments/{}", c.id);
            let last = c.last_reported.map_or_else(|| "never".to_owned(), |d| d.to_string());
            let why = if c.overdue { "Overdue" } else if c.due_soon { "Due soon" } else { "" };
            view! {
                <tr class=if c.overdue { "overdue" } else { "" }>
                    <td>{c.country.clone()} " " {c.reference.clone()}</td>
                    <td><a href=page>{c.title.clone()}</a></td>
                    <td>{c.end_date.to_string()} " " <strong class="flag-overdue">{why}</strong></td>
                    <td><StatusBadge status=c.status /> " " {percent_text(c.percent_complete)}</td>
                    <td>{last}</td>
                    <td>
                        <a href=report>"Report progress"<span class="visually-hidden">{format!(" on {}", c.reference)}</span></a>
                        {may_change.then(|| view! {
                            " · " <a href=edit>"Change"<span class="visually-hidden">{format!(" {reference}")}</span></a>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="commitments">
                <caption>"Commitments you report on"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Ref."</th>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Ends"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Last reported"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
