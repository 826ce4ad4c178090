//! The import routes that are not pages: downloading one's template, uploading a filled file
//! from the import page (a plain multipart form, so it works without JavaScript), and opening
//! a batch's file as it was uploaded. All act for the signed-in person; the domain functions
//! check what they may do.

use app::accounts::sessions::AuthSession;
use app::accounts::{store, Actor};
use app::imports::store::{original, stage, Destination, ImportError, Upload};
use app::imports::{Language, UPLOAD_PROGRESS_HEADER};
use app::refusal::Refusal;
use app::state::AppState;
use axum::extract::multipart::Multipart;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::Utc;
use serde::Deserialize;

use crate::attachment::{attachment, safe_file_name};

pub fn routes(limits: app::spreadsheets::Limits) -> Router<AppState> {
    let upload_limit = axum::extract::DefaultBodyLimit::max(limits.max_bytes + 64 * 1024);
    Router::new()
        .route("/import-files/template", get(template))
        .route("/import-files/upload", post(upload).layer(upload_limit))
        .route("/import-files/{id}/original", get(original_file))
}

#[derive(Deserialize)]
pub struct TemplateQuery {
    /// `ISO3/CODE`, such as `KEN/MOH`.
    owner: String,
    /// `en`, `fr` or `es`; English when absent.
    lang: Option<String>,
}

/// The signed-in person, or the way to the sign-in page.
async fn signed_in(auth: &AuthSession, state: &AppState) -> Result<Actor, Response> {
    signed_in_then(auth, state, "/imports").await
}

/// The signed-in person, or the way to the sign-in page and back to `next`.
async fn signed_in_then(
    auth: &AuthSession,
    state: &AppState,
    next: &str,
) -> Result<Actor, Response> {
    let to_sign_in = || Redirect::to(&format!("/sign-in?next={next}")).into_response();
    let Some(user) = &auth.user else {
        return Err(to_sign_in());
    };
    match store::caller(&state.db, user.id).await {
        Ok(Some(caller)) => Ok(Actor::Person(caller)),
        Ok(None) => Err(to_sign_in()),
        Err(error) => {
            tracing::error!(%error, "reading the signed-in account failed");
            Err(back_with(
                "Your account could not be read. Please try again.",
            ))
        }
    }
}

/// Back to the import page, saying what went wrong.
fn back_with(message: &str) -> Response {
    let encoded: String = url::form_urlencoded::byte_serialize(message.as_bytes()).collect();
    Redirect::to(&format!("/imports?error={encoded}")).into_response()
}

fn destination(owner: &str) -> Option<Destination<'_>> {
    let (iso3, owner_code) = owner.split_once('/')?;
    Some(Destination { iso3, owner_code })
}

async fn template(
    State(state): State<AppState>,
    auth: AuthSession,
    Query(query): Query<TemplateQuery>,
) -> Response {
    let actor = match signed_in(&auth, &state).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let Some(to) = destination(&query.owner) else {
        return back_with("Choose the ministry or agency whose template you want.");
    };
    let language = match query.lang.as_deref().map(Language::parse) {
        None => Language::default(),
        Some(Some(language)) => language,
        Some(None) => return back_with("Choose the template's language: en, fr or es."),
    };
    let file_name = format!(
        "progress-{}-{}.xlsx",
        query.owner.replace('/', "-"),
        language.code()
    );
    match app::imports::template::for_owner(&state.db, &actor, to, language).await {
        Ok(bytes) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
                ),
                (header::CONTENT_DISPOSITION, attachment(&file_name)),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => back_with(&message(error)),
    }
}

/// The upload form's route. The page's script asks (with [`UPLOAD_PROGRESS_HEADER`]) for
/// where to go as text; a plain form gets a redirect there.
async fn upload(
    State(state): State<AppState>,
    auth: AuthSession,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let response = receive(state, auth, multipart).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    match location {
        Some(to) if headers.contains_key(UPLOAD_PROGRESS_HEADER) => {
            ([(header::CACHE_CONTROL, "no-store")], to).into_response()
        }
        _ => response,
    }
}

async fn receive(
    state: AppState,
    auth: AuthSession,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let actor = match signed_in(&auth, &state).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let Ok(mut multipart) = multipart else {
        return back_with("The upload could not be read: send the form again.");
    };
    let mut owner = None;
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("owner") => owner = field.text().await.ok(),
                Some("file") => {
                    let name = field.file_name().unwrap_or_default().to_owned();
                    match field.bytes().await {
                        Ok(bytes) => file = Some((name, bytes)),
                        Err(error) => return too_large_or_broken(&error, &state),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(error) => return too_large_or_broken(&error, &state),
        }
    }
    let (Some(owner), Some((file_name, bytes))) = (owner, file) else {
        return back_with("Choose a file to upload.");
    };
    if file_name.is_empty() || bytes.is_empty() {
        return back_with("Choose a file to upload: the one sent was empty.");
    }
    let Some(to) = destination(&owner) else {
        return back_with("Choose the ministry or agency the file reports for.");
    };
    let upload = Upload {
        file_name: safe_file_name(&file_name),
        bytes,
    };
    let today = Utc::now().date_naive();
    let (iso3, owner_code) = (to.iso3.to_owned(), to.owner_code.to_owned());
    // Reading a large file takes seconds: in a task of its own, it is kept even when the person
    // leaves the page meanwhile, and appears in their import history.
    let staged = tokio::spawn(async move {
        let to = Destination {
            iso3: &iso3,
            owner_code: &owner_code,
        };
        stage(&state.db, &actor, to, &upload, state.import_limits, today).await
    })
    .await;
    match staged {
        Ok(Ok(id)) => Redirect::to(&format!("/imports/{id}")).into_response(),
        Ok(Err(error)) => back_with(&message(error)),
        Err(error) => {
            tracing::error!(%error, "staging an upload failed");
            back_with("The file could not be read. Please try again.")
        }
    }
}

/// The file of batch `id` as uploaded, always as a download: it is the ministry's document,
/// never a page of this site.
async fn original_file(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<i32>,
) -> Response {
    let actor = match signed_in_then(&auth, &state, &format!("/imports/{id}")).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    match original(&state.db, &actor, id).await {
        Ok((upload, format)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, media_type(&format).to_owned()),
                (header::CONTENT_DISPOSITION, attachment(&upload.file_name)),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            ],
            upload.bytes,
        )
            .into_response(),
        Err(ImportError::Refused(Refusal::NotFound(message))) => {
            (StatusCode::NOT_FOUND, message).into_response()
        }
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, message(error)).into_response(),
    }
}

/// The media type of a kept file, by the format it was read as.
fn media_type(format: &str) -> &'static str {
    match format {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsb" => "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
        "xls" => "application/vnd.ms-excel",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn too_large_or_broken(
    error: &axum::extract::multipart::MultipartError,
    state: &AppState,
) -> Response {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        back_with(&format!(
            "The file is larger than {} MB, the most one import takes. Split it, or leave out other sheets.",
            state.import_limits.max_bytes / (1024 * 1024)
        ))
    } else {
        back_with("The upload was interrupted or damaged: send the file again.")
    }
}

fn message(error: ImportError) -> String {
    match error {
        ImportError::Database(error) => {
            tracing::error!(%error, "an import failed");
            "Nothing was saved: the database could not be written. Please try again.".to_owned()
        }
        other => other.to_string(),
    }
}
