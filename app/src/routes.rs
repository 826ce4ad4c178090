//! The HTML shell and the route table. Page URLs are cited by others: keep them stable.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::pages::{
    catalogue::CataloguePage, group::GroupPage, home::HomePage, not_found::NotFound,
    recommendation::RecommendationPage,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta
                    name="description"
                    content="Public tracker of how countries implement the recommendations of the UN Expert Group Meeting on Promoting Social Integration (Helsinki, 2008)."
                />
                // No favicon request: the tracker has no icon of its own yet.
                <link rel="icon" href="data:," />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();

    view! {
        <Stylesheet id="leptos" href="/pkg/nap-tracker.css" />
        <Title formatter=|title: String| {
            if title.is_empty() { "NAP Tracker".to_owned() } else { format!("{title} · NAP Tracker") }
        } />
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                // Async rendering sends each page complete, so it reads the same without
                // JavaScript and can answer 404 for unknown codes.
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/recommendations") view=CataloguePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recommendations/:code")
                        view=RecommendationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/groups/:code") view=GroupPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// Sets `data-hydrated` on `<body>` once the WebAssembly bundle has taken over the page.
/// Effects never run on the server, so the attribute proves hydration (browser tests wait
/// for it) and lets the stylesheet tell apart the live and the plain version of a page.
fn mark_hydrated() {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            // Only a marker: if the browser refuses the attribute, nothing else depends on it.
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
