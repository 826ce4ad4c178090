//! A feed offered twice: announced in the page's head, where browsers and feed readers look
//! for it, and as a visible link beside the page's downloads.

use leptos::prelude::*;
use leptos_meta::Link;

/// The Atom feed at `href`, called `title` in the head.
#[component]
pub fn FeedLink(href: String, title: String) -> impl IntoView {
    view! {
        <Link rel="alternate" type_="application/atom+xml" title href=href.clone() />
        <p class="open-data">
            <a href=href type="application/atom+xml">"Follow changes (Atom feed)"</a>
        </p>
    }
    .into_any()
}
