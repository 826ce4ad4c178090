//! `/cycles`: the Commission's review cycles, newest first. Administrators open a cycle here
//! and close it, which freezes every public commitment as it stands.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::data_table::{headings, DataTable};
use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::cycles::{get_cycles, CloseCycle, Cycle, CycleList, OpenCycle};

#[component]
pub fn CyclesPage() -> impl IntoView {
    let open = ServerAction::<OpenCycle>::new();
    let close = ServerAction::<CloseCycle>::new();
    let list = Resource::new(
        move || (open.version().get(), close.version().get()),
        |_| get_cycles(),
    );
    view! {
        <Title text="Review cycles" />
        <div class="wrap">
            <h1>"Review cycles"</h1>
            <p class="lede">
                "Each session of the Commission for Social Development reviews the national "
                "action plans in a cycle. When a cycle closes, every published commitment, with "
                "its progress updates and assessments, is kept exactly as it stood: the cycle's "
                "page, downloads and API answers never change afterwards, so they can be cited "
                "and compared with later cycles."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <Cycles list open close /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Cycles(
    list: CycleList,
    open: ServerAction<OpenCycle>,
    close: ServerAction<CloseCycle>,
) -> impl IntoView {
    let current = list.cycles.iter().find(|c| !c.is_closed()).cloned();
    let manage = list.may_manage.then(|| match current {
        Some(cycle) => view! { <CloseForm cycle close /> }.into_any(),
        None => view! { <OpenForm open /> }.into_any(),
    });
    view! {
        {manage}
        <CycleTable cycles=list.cycles />
    }
}

#[component]
fn OpenForm(open: ServerAction<OpenCycle>) -> impl IntoView {
    let error = move || failure(open.value().get().map(|r| r.map(drop)));
    view! {
        <section aria-labelledby="open-cycle">
            <h2 id="open-cycle">"Open a review cycle"</h2>
            <ActionForm action=open attr:class="form" attr:aria-describedby="open-error">
                <FormAlert id="open-error" message=Signal::derive(error) />
                <label for="cycle-name">"Name of the cycle"</label>
                <input id="cycle-name" name="name" type="text" required maxlength="120"
                    placeholder="CSocD 65, February 2027" />
                <button type="submit">"Open the cycle"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn CloseForm(cycle: Cycle, close: ServerAction<CloseCycle>) -> impl IntoView {
    let error = move || failure(close.value().get().map(|r| r.map(drop)));
    let pending = close.pending();
    view! {
        <section aria-labelledby="close-cycle">
            <h2 id="close-cycle">{format!("\u{201c}{}\u{201d} is open", cycle.name)}</h2>
            <p>
                "Closing it keeps every published commitment, update and assessment as it "
                "stands now, for good. Close it when the Commission's review is complete."
            </p>
            <ActionForm action=close attr:class="form" attr:aria-describedby="close-error">
                <FormAlert id="close-error" message=Signal::derive(error) />
                <input type="hidden" name="id" value=cycle.id />
                <button type="submit" disabled=pending>"Close the cycle and keep its snapshot"</button>
                <span role="status">{move || pending.get().then_some(" Taking the snapshot…")}</span>
            </ActionForm>
        </section>
    }
}

#[component]
fn CycleTable(cycles: Vec<Cycle>) -> impl IntoView {
    if cycles.is_empty() {
        return view! { <p>"No review cycle has been opened yet."</p> }.into_any();
    }
    let rows = cycles
        .into_iter()
        .map(|c| {
            let closed = match (c.closed_at, c.closed_by) {
                (Some(at), by) => format!("{} by {}", at.date_naive(), by.unwrap_or_default()),
                (None, _) => "Open".to_owned(),
            };
            view! {
                <tr>
                    <th scope="row"><a href=format!("/cycles/{}", c.id)>{c.name}</a></th>
                    <td>{format!("{} by {}", c.opened_at.date_naive(), c.opened_by)}</td>
                    <td>{closed}</td>
                    <td class="num">{c.commitments}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = headings(&["Cycle", "Opened", "Closed", "Commitments kept"]);
    view! {
        <DataTable caption="Review cycles, newest first" columns>{rows}</DataTable>
    }
    .into_any()
}
