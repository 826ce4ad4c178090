//! The OpenAPI document of the API, `/api/openapi.json`, derived from the handlers'
//! annotations and the types they answer with, so it cannot drift from what the code does.
//! The readable API page (`/api`) is drawn from the same document.

use std::sync::OnceLock;

use app::api_reference::{ApiReference, Endpoint, Parameter, Reply};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Required};
use utoipa::{Modify, OpenApi};

use super::{catalogue, imports, plans, review};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "NAP Tracker API",
        description = "National action plans answering the recommendations of the UN Expert Group Meeting \"Promoting Social Integration\" (Helsinki, 2008), their commitments and progress. Reading is open to anyone; writing needs an API token. Every successful GET carries an ETag and a Last-Modified date and answers 304 to a request that already holds the answer.",
        license(name = "Open data")
    ),
    paths(
        catalogue::list_recommendations,
        catalogue::get_recommendation,
        plans::list_countries,
        plans::country_commitments,
        plans::commitment,
        plans::post_update,
        imports::post_import,
        review::reviews,
        review::assessments,
        review::list_cycles,
        review::cycle,
        review::cycle_commitments,
    ),
    modifiers(&Additions),
    tags(
        (name = "catalogue", description = "The 100 recommendations of the report, in 11 groups"),
        (name = "plans", description = "Countries, their published action plans and commitments"),
        (name = "progress", description = "Reporting progress, one update or a whole spreadsheet"),
        (name = "review", description = "The Commission's review: decisions on updates, assessments, and review cycles with the snapshots they keep"),
    )
)]
struct ApiDoc;

/// What the annotations cannot say: the token scheme, and the multipart form of an import.
struct Additions;

impl Modify for Additions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("napt_…")
                    .description(Some(
                        "An API token, created by an administrator with `nap-tracker token create`",
                    ))
                    .build(),
            ),
        );
        let file = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("The spreadsheet: xlsx, xlsm, xlsb, xls, ods or csv"));
        let form = ObjectBuilder::new()
            .property("file", file)
            .required("file")
            .build();
        if let Some(post) = openapi
            .paths
            .paths
            .get_mut("/api/v1/imports")
            .and_then(|item| item.post.as_mut())
        {
            post.request_body = Some(
                RequestBodyBuilder::new()
                    .content(
                        "multipart/form-data",
                        ContentBuilder::new().schema(Some(form)).build(),
                    )
                    .required(Some(Required::True))
                    .build(),
            );
        }
    }
}

/// The document as JSON, made once.
pub fn document() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        // Serialising a document of plain maps and strings cannot fail.
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
    })
}

/// `GET /api/openapi.json`.
pub async fn serve() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document()).into_response()
}

/// The endpoints of the document, in the words the readable API page shows.
pub fn reference() -> ApiReference {
    let doc: Value = serde_json::from_str(document()).unwrap_or(Value::Null);
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut endpoints = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                let parameters = operation
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|p| Parameter {
                        name: text(p, "name"),
                        location: text(p, "in"),
                        required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                        description: text(p, "description"),
                    })
                    .collect();
                let replies = operation
                    .get("responses")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(status, answer)| Reply {
                        status: status.clone(),
                        description: text(answer, "description"),
                    })
                    .collect();
                // An operation that lists a requirement and no empty one needs a token.
                let needs_token = operation
                    .get("security")
                    .and_then(Value::as_array)
                    .is_some_and(|options| {
                        options
                            .iter()
                            .all(|o| o.as_object().is_some_and(|o| !o.is_empty()))
                    });
                endpoints.push(Endpoint {
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    tag: operation
                        .get("tags")
                        .and_then(|t| t.get(0))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    summary: text(operation, "summary"),
                    description: text(operation, "description"),
                    needs_token,
                    parameters,
                    replies,
                });
            }
        }
    }
    ApiReference {
        title: text(&doc["info"], "title"),
        description: text(&doc["info"], "description"),
        endpoints,
    }
}
