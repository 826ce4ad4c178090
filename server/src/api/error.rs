//! Errors of the API as JSON objects: `{"error": "…"}`, with `fields` for invalid values and
//! `current_version` for conflicts. Never HTML, never a database message.

use app::accounts::store::AccountError;
use app::refusal::{FieldError, Refusal, WriteError};
use axum::{
    extract::rejection::JsonRejection,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;

#[derive(Debug)]
pub enum ApiError {
    NotFound(String),
    /// No valid API token: 401 with a `WWW-Authenticate` challenge.
    Unauthenticated(String),
    Refused(Refusal),
    /// A body that is not the JSON the endpoint reads.
    BadBody(StatusCode, String),
    /// A query parameter that cannot be read: 400.
    BadQuery(String),
    Database(sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Database(error)
    }
}

impl From<WriteError> for ApiError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Refused(refusal) => Self::Refused(refusal),
            WriteError::Database(error) => Self::Database(error),
        }
    }
}

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Database(error) => Self::Database(error),
            other => Self::Refused(Refusal::Forbidden(other.to_string())),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = match rejection {
            JsonRejection::JsonDataError(_) => StatusCode::UNPROCESSABLE_ENTITY,
            JsonRejection::MissingJsonContentType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::BAD_REQUEST,
        };
        Self::BadBody(
            status,
            format!(
                "the request body is not the expected JSON: {}",
                rejection.body_text()
            ),
        )
    }
}

/// What every error answer holds.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in words for a person.
    error: String,
    /// Each invalid value, with the field it was sent in (422 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<FieldError>>,
    /// The commitment's version now, to reload before trying again (409 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    current_version: Option<i32>,
}

impl ErrorBody {
    fn plain(error: String) -> Self {
        ErrorBody {
            error,
            fields: None,
            current_version: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            Self::NotFound(message) => (StatusCode::NOT_FOUND, ErrorBody::plain(message)),
            Self::Unauthenticated(message) => {
                let mut response =
                    (StatusCode::UNAUTHORIZED, Json(ErrorBody::plain(message))).into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer"),
                );
                return response;
            }
            Self::BadBody(status, message) => (status, ErrorBody::plain(message)),
            Self::BadQuery(message) => (StatusCode::BAD_REQUEST, ErrorBody::plain(message)),
            Self::Refused(refusal) => {
                let message = refusal.to_string();
                match refusal {
                    Refusal::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorBody::plain(message)),
                    Refusal::NotFound(_) => (StatusCode::NOT_FOUND, ErrorBody::plain(message)),
                    Refusal::Invalid(fields) => (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        ErrorBody {
                            error: message,
                            fields: Some(fields),
                            current_version: None,
                        },
                    ),
                    Refusal::Conflict {
                        current_version, ..
                    } => (
                        StatusCode::CONFLICT,
                        ErrorBody {
                            error: message,
                            fields: None,
                            current_version: Some(current_version),
                        },
                    ),
                }
            }
            Self::Database(error) => {
                tracing::error!(%error, "API query failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::plain(
                        "the database could not be read or written; nothing was changed".to_owned(),
                    ),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
