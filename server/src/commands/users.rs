//! `nap-tracker user add`, `list`, `unlock` and `sign-out`.

use app::accounts::store::{self, Grant};
use app::accounts::{lockout, passwords, sessions, Actor, Role};
use sea_orm::DatabaseConnection;

/// The environment variable a password can be given in, for scripts.
pub const PASSWORD_VARIABLE: &str = "NAP_PASSWORD";

pub struct AddUser {
    pub email: String,
    pub role: Role,
    pub country: Option<String>,
    pub owner: Option<String>,
    pub name: Option<String>,
}

/// Grants a role, creating the account first if needed (asking for its password then).
pub async fn add(db: &DatabaseConnection, request: AddUser) -> Result<String, String> {
    let grant = Grant {
        role: request.role,
        country: request.country,
        owner: request.owner,
    };
    store::check_grant(db, &grant)
        .await
        .map_err(|e| e.to_string())?;
    let existing = store::find_user(db, &request.email)
        .await
        .map_err(|e| e.to_string())?;
    let password = match existing {
        Some(_) => None,
        None => Some(new_password(&request.email)?),
    };
    let user = store::grant(
        db,
        &Actor::Operator,
        &request.email,
        request.name.as_deref(),
        password.as_deref(),
        grant,
    )
    .await
    .map_err(|e| e.to_string())?;
    let roles: Vec<String> = user.memberships.iter().map(ToString::to_string).collect();
    Ok(format!(
        "{} {} now holds: {}",
        if password.is_some() {
            "created"
        } else {
            "updated"
        },
        user.email,
        roles.join("; ")
    ))
}

/// Lifts the lock an address got from repeated failed sign-ins, as the lock's message tells
/// people to ask an administrator for.
pub async fn unlock(db: &DatabaseConnection, email: &str) -> Result<String, String> {
    let address = store::normalise_email(email).map_err(|e| e.to_string())?;
    let forgotten = lockout::clear(db, &address)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "{address} may sign in again ({forgotten} recent failed sign-ins forgotten)"
    ))
}

/// Ends every session of an account, wherever it is signed in.
pub async fn sign_out(db: &DatabaseConnection, email: &str) -> Result<String, String> {
    let address = store::normalise_email(email).map_err(|e| e.to_string())?;
    let user = store::find_user(db, &address)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("No account has the address {address}."))?;
    let ended = sessions::end_sessions(db, user.id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "{address} is signed out everywhere ({ended} sessions ended)"
    ))
}

/// One line per account: email, name, state and roles.
pub async fn list(db: &DatabaseConnection) -> Result<String, String> {
    let users = store::list_users(db).await.map_err(|e| e.to_string())?;
    if users.is_empty() {
        return Ok("no accounts yet: add one with `nap-tracker user add`".to_owned());
    }
    let width = users
        .iter()
        .map(|u| u.email.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!("{:width$}  {:8}  {}\n", "EMAIL", "STATE", "NAME · ROLES");
    for user in users {
        let roles: Vec<String> = user.memberships.iter().map(ToString::to_string).collect();
        out.push_str(&format!(
            "{:width$}  {:8}  {} · {}\n",
            user.email,
            if user.is_active { "active" } else { "disabled" },
            user.display_name,
            if roles.is_empty() {
                "no role".to_owned()
            } else {
                roles.join("; ")
            },
        ));
    }
    Ok(out.trim_end().to_owned())
}

/// The new account's password: from NAP_PASSWORD, or typed twice at a prompt.
fn new_password(email: &str) -> Result<String, String> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE) {
        return Ok(password);
    }
    let typed = rpassword::prompt_password(format!(
        "Password for {email} (at least {} characters, not a common password nor the email address): ",
        passwords::MIN_LENGTH
    ))
    .map_err(|e| {
        format!("cannot read a password ({e}): set {PASSWORD_VARIABLE} or run in a terminal")
    })?;
    // Said before the password is typed again, not after.
    passwords::check(&typed, email).map_err(|e| e.to_string())?;
    let again = rpassword::prompt_password("Repeat the password: ")
        .map_err(|e| format!("cannot read the password again: {e}"))?;
    if typed != again {
        return Err("the two passwords differ; nothing was changed".to_owned());
    }
    Ok(typed)
}
