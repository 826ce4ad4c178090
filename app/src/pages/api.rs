//! `/api`: the API for people: every endpoint with its parameters and answers, drawn from
//! the OpenAPI document that machines read at `/api/openapi.json`.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api_reference::{get_api_reference, ApiReference, Endpoint};
use crate::components::status::{LoadError, Loading};

#[component]
pub fn ApiPage() -> impl IntoView {
    let reference = Resource::new(|| (), |_| get_api_reference());
    view! {
        <Title text="API" />
        <div class="wrap">
            <h1>"API"</h1>
            <p class="lede">
                "Programs read everything public here as JSON, and ministries' own systems report "
                "progress with an API token. The machine-readable description is the OpenAPI "
                "document " <a href="/api/openapi.json">"/api/openapi.json"</a>
                "; this page says the same for people."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match reference.await {
                        Ok(reference) => view! { <Reference reference /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Reference(reference: ApiReference) -> impl IntoView {
    let contents = reference
        .endpoints
        .iter()
        .map(|e| {
            let href = format!("#{}", anchor(e));
            view! { <li><a href=href><code>{format!("{} {}", e.method, e.path)}</code></a>" " {e.summary.clone()}</li> }
        })
        .collect_view();
    let endpoints = reference
        .endpoints
        .into_iter()
        .map(|endpoint| view! { <EndpointSection endpoint /> })
        .collect_view();
    view! {
        <p>{reference.description}</p>
        <h2>"Conventions"</h2>
        <ul>
            <li>"Answers and errors are JSON; an error is an object whose " <code>"error"</code> " says what went wrong."</li>
            <li>"Lists take " <code>"?page=N&per_page=M"</code> " (100 a page unless asked, at most 1,000), give the total in " <code>"X-Total-Count"</code> " and the other pages in a " <code>"Link"</code> " header."</li>
            <li>"Every successful GET carries an " <code>"ETag"</code> " and a " <code>"Last-Modified"</code> " date: send them back in " <code>"If-None-Match"</code> " or " <code>"If-Modified-Since"</code> " to get " <code>"304 Not Modified"</code> " when nothing changed."</li>
            <li>"Writing needs " <code>"Authorization: Bearer <token>"</code> "; an administrator creates tokens with " <code>"nap-tracker token create"</code> ". Reading needs none; with a token, the lists also show the drafts its account may read."</li>
            <li>"Whole files of the published commitments are on the " <a href="/open-data">"open data"</a> " page."</li>
        </ul>
        <h2>"Endpoints"</h2>
        <ul class="api-contents">{contents}</ul>
        {endpoints}
    }
}

/// The id of an endpoint's section, such as `get-api-v1-countries`.
fn anchor(endpoint: &Endpoint) -> String {
    let path: String = endpoint
        .path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "{}{}",
        endpoint.method.to_ascii_lowercase(),
        path.trim_end_matches('-')
    )
}

#[component]
fn EndpointSection(endpoint: Endpoint) -> impl IntoView {
    let id = anchor(&endpoint);
    let parameters = (!endpoint.parameters.is_empty()).then(|| {
        let rows = endpoint
            .parameters
            .iter()
            .map(|p| {
                let need = if p.required { "required" } else { "optional" };
                view! {
                    <tr>
                        <th scope="row"><code>{p.name.clone()}</code></th>
                        <td>{format!("{}, {need}", p.location)}</td>
                        <td>{p.description.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="api-table">
                <caption>"Parameters"</caption>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"In"</th><th scope="col">"Meaning"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let replies = endpoint
        .replies
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.status.clone()}</th>
                    <td>{r.description.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="api-endpoint" aria-labelledby=id.clone()>
            <h3 id=id.clone()><code>{format!("{} {}", endpoint.method, endpoint.path)}</code></h3>
            <p>{endpoint.summary}</p>
            {(!endpoint.description.is_empty()).then(|| view! { <p>{endpoint.description.clone()}</p> })}
            <p class="api-access">
                {if endpoint.needs_token { "Needs an API token." } else { "Open to anyone." }}
            </p>
            {parameters}
            <table class="api-table">
                <caption>"Answers"</caption>
                <thead><tr><th scope="col">"Status"</th><th scope="col">"Meaning"</th></tr></thead>
                <tbody>{replies}</tbody>
            </table>
        </section>
    }
}
