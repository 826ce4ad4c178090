//! Header and footer around every page.

use leptos::prelude::*;
use leptos_router::components::A;

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
                    </ul>
                </nav>
            </div>
        </header>
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
                    "Open data: " <a href="/api/v1/recommendations">"all recommendations as JSON"</a>
                </p>
            </div>
        </footer>
    }
}
