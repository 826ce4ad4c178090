//! `/countries`: every country, with how many commitments its published plans hold.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{LoadError, Loading};
use crate::plans::{get_countries, CountrySummary};

#[component]
pub fn CountriesPage() -> impl IntoView {
    let countries = Resource::new(|| (), |()| get_countries());
    view! {
        <Title text="Countries" />
        <div class="wrap">
            <h1>"Countries"</h1>
            <p class="lead">
                "Each country maps the recommendations to national commitments in its action plan. "
                "Only published plans are shown."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match countries.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p>"No country has been added yet."</p> }.into_any()
                        }
                        Ok(list) => view! { <CountryTable list /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="open-data">
                "Open data: " <a href="/api/v1/countries">"this list as JSON"</a>
            </p>
        </div>
    }
}

#[component]
fn CountryTable(list: Vec<CountrySummary>) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|c| {
            let href = format!("/countries/{}", c.iso3);
            view! {
                <tr>
                    <td><a href=href>{c.name}</a></td>
                    <td>{c.iso3}</td>
                    <td>{c.region.map_or("not set", |r| r.label())}</td>
                    <td class="number">{c.commitments}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="countries">
            <caption>"Countries and their published commitments"</caption>
            <thead>
                <tr>
                    <th scope="col">"Country"</th>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Region"</th>
                    <th scope="col" class="number">"Commitments"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
