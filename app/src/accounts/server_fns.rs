//! Signing in and out, and who is signed in.

use leptos::prelude::*;

use super::Caller;

#[server]
pub async fn current_user() -> Result<Option<Caller>, ServerFnError> {
    crate::state::signed_in().await
}

/// Checks the password, starts a session and goes on to `next` (a path on this site) or to
/// the person's own page. An address with too many recent failures is refused without
/// checking the password (see `lockout`).
#[server]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use super::lockout;
    use super::sessions::{AuthSession, Credentials};
    use super::store::normalise_email;
    let unavailable = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "signing in failed");
        ServerFnError::new("Signing in is not possible right now. Please try again later.")
    };
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    // Something that is not an email address matches no account and cannot be locked.
    let address = normalise_email(&email).ok();
    if let Some(address) = &address {
        if let Some(locked) = lockout::lock(&db, address, now)
            .await
            .map_err(|e| unavailable(&e))?
        {
            return Err(ServerFnError::new(locked.to_string()));
        }
    }
    let mut auth: AuthSession = leptos_axum::extract().await?;
    let found = auth
        .authenticate(Credentials { email, password })
        .await
        .map_err(|e| unavailable(&e))?;
    let Some(user) = found else {
        if let Some(address) = &address {
            lockout::record_failure(&db, address, now)
                .await
                .map_err(|e| unavailable(&e))?;
            // The failure that locks the address says so at once.
            if let Some(locked) = lockout::lock(&db, address, now)
                .await
                .map_err(|e| unavailable(&e))?
            {
                return Err(ServerFnError::new(locked.to_string()));
            }
        }
        return Err(ServerFnError::new(
            "The email address or the password is not right.",
        ));
    };
    if let Some(address) = &address {
        lockout::clear(&db, address)
            .await
            .map_err(|e| unavailable(&e))?;
    }
    auth.login(&user).await.map_err(|e| unavailable(&e))?;
    super::sessions::mark_signed_in(&auth.session, now)
        .await
        .map_err(|e| unavailable(&e))?;
    super::visits::record_sign_in(&db, user.id, now)
        .await
        .map_err(|e| unavailable(&e))?;
    // Only paths on this site: a link must not send people elsewhere after signing in.
    let target = next
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/my".to_owned());
    leptos_axum::redirect(&target);
    Ok(())
}

#[server]
pub async fn sign_out() -> Result<(), ServerFnError> {
    let mut auth: super::sessions::AuthSession = leptos_axum::extract().await?;
    auth.logout().await.map_err(|error| {
        tracing::error!(%error, "ending a session failed");
        ServerFnError::new("Signing out failed. Please try again.")
    })?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Ends every session of the signed-in account, this one included: for a computer left signed
/// in elsewhere, or a lost phone.
#[server]
pub async fn sign_out_everywhere() -> Result<(), ServerFnError> {
    use super::sessions::{end_sessions, AuthSession};
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "ending every session of an account failed");
        ServerFnError::new("Signing out everywhere failed. Please try again.")
    };
    let mut auth: AuthSession = leptos_axum::extract().await?;
    let Some(user) = auth.user.clone() else {
        return Err(ServerFnError::new(
            "Please sign in first: only a signed-in person can end their sessions.",
        ));
    };
    let ended = end_sessions(&crate::state::db()?, user.id)
        .await
        .map_err(|e| failed(&e))?;
    tracing::info!(user = user.id, ended, "signed out everywhere");
    auth.logout().await.map_err(|e| failed(&e))?;
    leptos_axum::redirect("/");
    Ok(())
}
