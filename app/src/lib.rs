//! NAP Tracker's user interface: pages, components and server functions.
//!
//! Built twice: with `ssr` it is the library the server renders pages with; with `hydrate`
//! it is the WebAssembly bundle that takes those pages over in the browser.

// Leptos views are deeply nested types; hydrating the catalogue page needs more than the
// default 128 levels of type recursion.
#![recursion_limit = "256"]

pub mod accounts;
pub mod api_reference;
pub mod audit;
pub mod catalogue;
pub mod civil_society;
mod components;
pub mod cycles;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod feeds;
pub mod imports;
pub mod notices;
pub mod open_data;
pub mod overview;
mod pages;
pub mod plans;
pub mod progress;
pub mod refusal;
pub mod review;
mod routes;
#[cfg(feature = "ssr")]
pub mod spreadsheets;
#[cfg(feature = "ssr")]
pub mod state;

pub use routes::{shell, App};

/// Entry point of the WebAssembly bundle: attaches the app to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
