//! Header and footer around every page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::plans::get_demo_flag;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href="/">
                    <span class="brand-name">"NAP Tracker"</span>
                    <span class="brand-tag">"Promoting social integration: national action plans"</span>
                </a>
                <nav aria-label="Main">
                    <ul>
                        <li><A href="/">"Home"</A></li>
                        <li><A href="/recommendations">"Recommendations"</A></li>
                        <li><A href="/countries">"Countries"</A></li>
                        <li><A href="/coverage">"Coverage"</A></li>
                        <li><A href="/cycles">"Review cycles"</A></li>
                        <li><A href="/search">"Search"</A></li>
                        <li><A href="/my">"My work"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// Says so on every page while demonstration data is loaded, so no one takes it for real.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let demo = Resource::new(|| (), |()| get_demo_flag());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                demo.await.unwrap_or(false).then(|| view! {
                    <p class="demo-banner" role="note">
                        <strong>"Demonstration data."</strong>
                        " The countries, plans and progress shown here are invented, to show how the tracker works."
                    </p>
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Recommendations from the report of the United Nations Expert Group Meeting "
                    "“Promoting Social Integration”, Helsinki, 8–10 July 2008, section III."
                </p>
                <p>
                    <a href="/open-data">"Open data"</a>
                    ": every published commitment as CSV, XLSX or JSON, "
                    <a href="/api/v1/recommendations">"all recommendations as JSON"</a>
                    ", and the " <a href="/api">"API"</a> " for programs"
                </p>
            </div>
        </footer>
    }
}
