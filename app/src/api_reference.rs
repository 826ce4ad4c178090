//! The API as the readable API page (`/api`) describes it: drawn by the server from the
//! OpenAPI document (`/api/openapi.json`) and provided to every page render, so the page and
//! the document never disagree.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiReference {
    pub title: String,
    pub description: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    /// The part of the API it belongs to, such as `catalogue`.
    pub tag: String,
    pub summary: String,
    pub description: String,
    /// Whether it answers only with an API token.
    pub needs_token: bool,
    pub parameters: Vec<Parameter>,
    pub replies: Vec<Reply>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    /// `path` or `query`.
    pub location: String,
    pub required: bool,
    pub description: String,
}

/// One answer an endpoint may give: its HTTP status and what it means.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub status: String,
    pub description: String,
}

/// The API reference the server provided.
#[server]
pub async fn get_api_reference() -> Result<ApiReference, ServerFnError> {
    use_context::<ApiReference>()
        .ok_or_else(|| ServerFnError::new("the server did not provide the API reference"))
}
