//! Why a change was not made, in words for the person who asked. Domain functions return a
//! [`Refusal`] before writing anything; pages show it next to the form, the API turns it into
//! 403, 404, 409 or 422.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One wrong value: which field, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The caller may not make this change.
    Forbidden(String),
    /// What the change is about does not exist (or the caller may not know it does).
    NotFound(String),
    /// Some values are wrong; nothing was saved.
    Invalid(Vec<FieldError>),
    /// Someone else saved a change first; the caller's version is stale.
    Conflict {
        message: String,
        current_version: i32,
    },
}

impl Refusal {
    /// The message for one field, if that field was refused.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        match self {
            Refusal::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            _ => None,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Forbidden(message) | Refusal::NotFound(message) => f.write_str(message),
            Refusal::Conflict { message, .. } => f.write_str(message),
            Refusal::Invalid(errors) => {
                let parts: Vec<String> = errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect();
                write!(f, "nothing was saved: {}", parts.join("; "))
            }
        }
    }
}

/// A refused change, or a database failure, from a domain function that writes.
#[cfg(feature = "ssr")]
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Refused(Refusal),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}

#[cfg(feature = "ssr")]
impl From<Refusal> for WriteError {
    fn from(refusal: Refusal) -> Self {
        WriteError::Refused(refusal)
    }
}

/// Collects field errors while checking a form, so every problem is reported at once.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Keeps the value if the check passed, records the message otherwise.
    pub fn take<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.fail(field, message);
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), Refusal> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Refusal::Invalid(self.0))
        }
    }
}
