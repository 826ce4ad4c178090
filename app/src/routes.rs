//! The HTML shell and the route table. Page URLs are cited by others: keep them stable.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::{DemoBanner, SiteFooter, SiteHeader};
use crate::pages::{
    api::ApiPage, assess::AssessPage, audit_log::AuditLogPage, catalogue::CataloguePage,
    commitment::CommitmentPage, compare::ComparePage, countries::CountriesPage,
    country::CountryPage, coverage::CoveragePage, cycle::CyclePage,
    cycle_compare::CycleComparePage, cycle_country::CycleCountryPage, cycles::CyclesPage,
    edit_commitment::EditCommitmentPage, group::GroupPage, home::HomePage,
    import_preview::ImportPreviewPage, imports::ImportsPage, my_work::MyWorkPage,
    new_commitment::NewCommitmentPage, not_found::NotFound, open_data::OpenDataPage,
    organisations::OrganisationsPage, plan_editor::PlanEditorPage,
    recommendation::RecommendationPage, register_organisation::RegisterOrganisationPage,
    report::ReportPage, review_queue::ReviewQueuePage, search::SearchPage,
    shadow_assess::ShadowAssessPage, sign_in::SignInPage,
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
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The title as the page states it. On the server leptos_meta 0.8 writes the title into the
/// HTML as it is, and titles hold what people typed (a commitment's title, a country's name):
/// escaped there, `</title><script>` stays text. In the browser the title is set as text.
fn page_title(title: String) -> String {
    #[cfg(feature = "ssr")]
    return html_escape::encode_text(&title).into_owned();
    #[cfg(not(feature = "ssr"))]
    title
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();

    view! {
        <Title formatter=|title: String| {
            page_title(if title.is_empty() { "NAP Tracker".to_owned() } else { format!("{title} · NAP Tracker") })
        } />
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader />
            <DemoBanner />
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
                    <Route path=path!("/coverage") view=CoveragePage ssr=SsrMode::Async />
                    <Route path=path!("/open-data") view=OpenDataPage ssr=SsrMode::Async />
                    <Route path=path!("/api") view=ApiPage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/countries") view=CountriesPage ssr=SsrMode::Async />
                    <Route path=path!("/countries/:iso3") view=CountryPage ssr=SsrMode::Async />
                    <Route path=path!("/countries/:iso3/plan") view=PlanEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/commitments/:id") view=CommitmentPage ssr=SsrMode::Async />
                    <Route path=path!("/commitments/:id/report") view=ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/commitments/:id/assess") view=AssessPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recommendations/:code/compare")
                        view=ComparePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/review") view=ReviewQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/cycles") view=CyclesPage ssr=SsrMode::Async />
                    <Route path=path!("/cycles/:id") view=CyclePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/cycles/:id/countries/:iso3")
                        view=CycleCountryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/cycles/:id/compare") view=CycleComparePage ssr=SsrMode::Async />
                    <Route path=path!("/commitments/:id/shadow") view=ShadowAssessPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/organisations/register")
                        view=RegisterOrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/organisations") view=OrganisationsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/commitments/:id/edit")
                        view=EditCommitmentPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/my") view=MyWorkPage ssr=SsrMode::Async />
                    <Route path=path!("/imports") view=ImportsPage ssr=SsrMode::Async />
                    <Route path=path!("/imports/:id") view=ImportPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/plans/:id/commitments/new")
                        view=NewCommitmentPage
                        ssr=SsrMode::Async
                    />
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
