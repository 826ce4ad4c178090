//! `/admin/audit`: who changed what and when, newest first, for administrators.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::audit::{get_audit_log, AuditEntry};
use crate::components::status::{LoadError, Loading};

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let log = Resource::new(|| (), |()| get_audit_log());
    view! {
        <Title text="Audit log" />
        <div class="wrap">
            <h1>"Audit log"</h1>
            <p>"Every change to accounts, plans, commitments and progress: who made it, when, and the record before and after. Newest first; the latest 200."</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match log.await {
                        Ok(entries) => view! { <Entries entries /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Entries(entries: Vec<AuditEntry>) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|e| {
            view! {
                <tr>
                    <td><time datetime=e.occurred_at.to_rfc3339()>{e.occurred_at.format("%Y-%m-%d %H:%M:%S UTC").to_string()}</time></td>
                    <td>{e.actor.unwrap_or_else(|| "operator (command line)".to_owned())}</td>
                    <td>{e.action}</td>
                    <td>{format!("{} {}", e.entity_type, e.entity_id)}</td>
                    <td><code class="json">{e.before.unwrap_or_default()}</code></td>
                    <td><code class="json">{e.after.unwrap_or_default()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="commitments audit">
                <caption>"Changes, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Record"</th>
                        <th scope="col">"Before"</th>
                        <th scope="col">"After"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
