//! API tokens on requests: `Authorization: Bearer napt_…`.

use app::accounts::{tokens, Actor};
use app::state::AppState;
use axum::{extract::FromRequestParts, http::header, http::request::Parts};

use super::error::ApiError;

/// The person an API token stands for, when the request carries one. A token that is sent
/// but not valid is refused (401) rather than ignored, so a typo never passes for anonymity.
pub struct Bearer(pub Option<Actor>);

impl Bearer {
    /// The actor, or 401 when the request carried no token.
    pub fn required(self) -> Result<Actor, ApiError> {
        self.0.ok_or_else(|| {
            ApiError::Unauthenticated(
                "send an API token: Authorization: Bearer <token> (an administrator creates one with `nap-tracker token create`)".into(),
            )
        })
    }
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Bearer(None));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .ok_or_else(|| {
                ApiError::Unauthenticated("the Authorization header must be: Bearer <token>".into())
            })?;
        let caller = tokens::caller(&state.db, token).await?.ok_or_else(|| {
            ApiError::Unauthenticated(
                "the API token is not valid, or its account is disabled".into(),
            )
        })?;
        Ok(Bearer(Some(Actor::Person(caller))))
    }
}
