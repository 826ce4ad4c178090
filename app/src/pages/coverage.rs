//! `/coverage`: the coverage matrix. Recommendations (rows, by group) against countries
//! (columns): how many commitments of each country's published plans answer each
//! recommendation, from their least to their most advanced status. Recommendations no plan
//! answers stand out as gaps.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::filter::Filter;
use crate::components::status::{LoadError, Loading};
use crate::overview::{get_coverage, CountryColumn, Coverage, CoverageCell, CoverageRow};
use crate::plans::{Region, Status};

#[component]
pub fn CoveragePage() -> impl IntoView {
    let query = use_query_map();
    let group = move || query.read().get("group").filter(|g| !g.is_empty());
    let region = move || query.read().get("region").filter(|r| !r.is_empty());
    let coverage = Resource::new(
        move || (group(), region()),
        |(group, region)| get_coverage(group, region),
    );
    view! {
        <Title text="Coverage of the recommendations" />
        <div class="wrap">
            <h1>"Coverage of the recommendations"</h1>
            <p class="lede">
                "Which of the 100 recommendations each country's published action plan answers. "
                "A cell counts the commitments that answer the recommendation and shows their "
                "least and most advanced status; an empty cell means none. Rows marked "
                <strong>"gap"</strong> " are answered by no plan at all."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match coverage.await {
                        Ok(coverage) => view! {
                            <Filters
                                groups=coverage.choices.clone()
                                group=group().unwrap_or_default()
                                regions=coverage.regions.clone()
                                region=region().unwrap_or_default()
                            />
                            <Matrix coverage regional=region().is_some() />
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
            <StatusKey />
        </div>
    }
}

/// A plain form, so that choosing a group or a region works without JavaScript too.
#[component]
fn Filters(
    groups: Vec<(String, String)>,
    group: String,
    regions: Vec<Region>,
    region: String,
) -> impl IntoView {
    let groups = groups
        .into_iter()
        .map(|(code, name)| {
            let selected = code.eq_ignore_ascii_case(&group);
            let label = format!("{name} ({code})");
            view! { <option value=code selected=selected>{label}</option> }
        })
        .collect_view();
    let regions = regions
        .into_iter()
        .map(|r| {
            let selected = r.as_str().eq_ignore_ascii_case(&region);
            view! { <option value=r.as_str() selected=selected>{r.label()}</option> }
        })
        .collect_view();
    view! {
        <form class="search" method="get" action="/coverage">
            <div class="search-filters">
                <Filter form="coverage" name="group" label="Recommendation group" any="All 11 groups">{groups}</Filter>
                <Filter form="coverage" name="region" label="Region" any="All regions">{regions}</Filter>
                <div class="search-row">
                    <button type="submit">"Show"</button>
                </div>
            </div>
        </form>
    }
}

#[component]
fn Matrix(coverage: Coverage, regional: bool) -> impl IntoView {
    if coverage.countries.is_empty() {
        let none = if regional {
            "No country of this region has published an action plan yet."
        } else {
            "No country has published an action plan yet."
        };
        return view! { <p>{none}</p> }.into_any();
    }
    let plans = if regional {
        "published plan of this region"
    } else {
        "published plan"
    };
    let rows: usize = coverage.groups.iter().map(|g| g.rows.len()).sum();
    let gaps = coverage.gaps();
    let width = coverage.countries.len() + 1;
    let head = coverage
        .countries
        .iter()
        .map(|c| {
            let href = format!("/countries/{}", c.iso3);
            view! {
                <th scope="col"><a href=href><abbr title=c.name.clone()>{c.iso3.clone()}</abbr></a></th>
            }
        })
        .collect_view();
    let countries = coverage.countries;
    let body = coverage
        .groups
        .into_iter()
        .map(|group| {
            let lines = group
                .rows
                .into_iter()
                .map(|row| view! { <Line row countries=countries.clone() /> })
                .collect_view();
            view! {
                <tbody>
                    <tr class="group-row">
                        <th scope="colgroup" colspan=width>{format!("{} ({})", group.name, group.code)}</th>
                    </tr>
                    {lines}
                </tbody>
            }
        })
        .collect_view();
    view! {
        <p class="summary">
            {format!("{gaps} of these {rows} recommendations are answered by no {plans}.")}
        </p>
        <div class="table-scroll">
            <table class="coverage">
                <caption>"Commitments answering each recommendation, by country"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Recommendation"</th>
                        {head}
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Line(row: CoverageRow, countries: Vec<CountryColumn>) -> impl IntoView {
    let gap = row.is_gap();
    let href = format!("/recommendations/{}", row.code);
    let cells = row
        .cells
        .iter()
        .zip(&countries)
        .map(|(cell, country)| view! { <Cell cell=*cell code=row.code.clone() country=country.name.clone() /> })
        .collect_view();
    view! {
        <tr class:gap=gap>
            <th scope="row">
                <a href=href title=row.text>{row.code.clone()}</a>
                {gap.then(|| view! { " " <span class="gap-flag">"gap"</span> })}
            </th>
            {cells}
        </tr>
    }
}

#[component]
fn Cell(cell: CoverageCell, code: String, country: String) -> impl IntoView {
    let (Some(worst), Some(best)) = (cell.worst, cell.best) else {
        return view! { <td class="none"><span class="visually-hidden">"none"</span></td> }
            .into_any();
    };
    let range = if worst == best {
        worst.label().to_owned()
    } else {
        format!("{} to {}", worst.label(), best.label())
    };
    let noun = if cell.count == 1 {
        "commitment"
    } else {
        "commitments"
    };
    let label = format!("{} {noun} of {country} answer {code}: {range}", cell.count);
    let href = format!("/recommendations/{code}#answering");
    view! {
        <td class="covered">
            // The label says it all to screen readers; the headers' own titles name the
            // country and the recommendation to a pointer, so the cell repeats neither.
            <a href=href aria-label=label>
                <span class="count">{cell.count}</span>
                <span class=format!("range status-{}", worst.as_str()) aria-hidden="true">{letter(worst)}</span>
                {(worst != best).then(|| view! {
                    <span class=format!("range status-{}", best.as_str()) aria-hidden="true">{letter(best)}</span>
                })}
            </a>
        </td>
    }
    .into_any()
}

/// The one-letter mark of a status in the matrix, explained by [`StatusKey`].
fn letter(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "N",
        Status::Limited => "L",
        Status::Substantial => "S",
        Status::Complete => "C",
        Status::Withdrawn => "W",
    }
}

#[component]
fn StatusKey() -> impl IntoView {
    let items = Status::ALL
        .into_iter()
        .map(|s| {
            view! {
                <div>
                    <dt><span class=format!("range status-{}", s.as_str())>{letter(s)}</span></dt>
                    <dd>{s.label()}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="key">
            <h2 id="key">"Key"</h2>
            <p>"The number is how many commitments answer the recommendation; the letters are their least and most advanced status."</p>
            <dl class="status-key">{items}</dl>
        </section>
    }
}
