//! Accounts and role memberships in the database.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::{role_membership, user};
use super::passwords::{self, PasswordError};
use super::{Actor, Caller, Membership, Role, UserSummary};
use crate::audit::{self, Change};
use crate::plans::entities::{country, owner};

/// A role to grant, with its scope as people type it: ISO3 country code and owner code.
#[derive(Clone, Debug)]
pub struct Grant {
    pub role: Role,
    pub country: Option<String>,
    pub owner: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("'{0}' is not an email address")]
    InvalidEmail(String),
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error("{email} has no account yet: a password is needed to create it")]
    PasswordNeeded { email: String },
    #[error("{0}")]
    Scope(String),
    #[error("there is no country with the code {0}")]
    UnknownCountry(String),
    #[error("country {country} has no owner with the code {owner}")]
    UnknownOwner { country: String, owner: String },
    #[error("{email} already holds the role {membership}")]
    AlreadyHeld { email: String, membership: String },
    #[error("there is no account for {0}")]
    UnknownUser(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

/// Email addresses are compared in lower case, without surrounding spaces.
pub fn normalise_email(email: &str) -> Result<String, AccountError> {
    let email = email.trim().to_lowercase();
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(email)
    } else {
        Err(AccountError::InvalidEmail(email))
    }
}

/// The account with this email address, active or not.
pub async fn find_user(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<UserSummary>, AccountError> {
    let email = normalise_email(email)?;
    let Some(found) = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut memberships = memberships_of(db, &[found.id]).await?;
    Ok(Some(summary(
        found.clone(),
        memberships.remove(&found.id).unwrap_or_default(),
    )))
}

/// Gives `email` a role, creating the account first when there is none; a new account needs
/// `password`. Admins grant any role, coordinators focal points of their country.
pub async fn grant(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &str,
    display_name: Option<&str>,
    password: Option<&str>,
    grant: Grant,
) -> Result<UserSummary, AccountError> {
    let email = normalise_email(email)?;
    check_grant(db, &grant).await?;
    let (country_id, owner_id) = resolve_scope(db, &grant).await?;
    if !actor.may_grant(grant.role, country_id) {
        return Err(AccountError::Forbidden(format!(
            "you may not grant the role {}: admins grant roles, coordinators focal points of their country",
            grant.role
        )));
    }
    if let Some(password) = password {
        passwords::check(password, &email)?;
    }
    // Hashing is slow by design: do it before holding a transaction open.
    let password_hash = password.map(passwords::hash).transpose()?;

    let txn = db.begin().await?;
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?;
    let account = match existing {
        Some(account) => account,
        None => {
            let password_hash = password_hash.ok_or_else(|| AccountError::PasswordNeeded {
                email: email.clone(),
            })?;
            create_account(&txn, actor.user_id(), &email, display_name, password_hash).await?
        }
    };

    let held = role_membership::Entity::find()
        .filter(role_membership::Column::UserId.eq(account.id))
        .all(&txn)
        .await?;
    if held.iter().any(|m| {
        m.role == grant.role.as_str() && m.country_id == country_id && m.owner_id == owner_id
    }) {
        let membership = Membership {
            role: grant.role,
            country_id,
            owner_id,
            country: grant.country.map(|c| c.to_uppercase()),
            owner: grant.owner.map(|o| o.to_uppercase()),
        };
        return Err(AccountError::AlreadyHeld {
            email,
            membership: membership.to_string(),
        });
    }
    let membership = role_membership::ActiveModel {
        user_id: Set(account.id),
        role: Set(grant.role.as_str().to_owned()),
        country_id: Set(country_id),
        owner_id: Set(owner_id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "role.grant",
            entity_type: "role_membership",
            entity_id: membership.id.to_string(),
            before: None,
            after: Some(json!({
                "user": account.email,
                "role": membership.role,
                "country_id": membership.country_id,
                "owner_id": membership.owner_id,
            })),
        },
    )
    .await?;
    txn.commit().await?;

    find_user(db, &email)
        .await?
        .ok_or(AccountError::UnknownUser(email))
}

/// A new active account, audited as made by `actor_id` (`None`: the person themselves or the
/// operator). The display name defaults to the email address.
pub(crate) async fn create_account(
    txn: &impl ConnectionTrait,
    actor_id: Option<i32>,
    email: &str,
    display_name: Option<&str>,
    password_hash: String,
) -> Result<user::Model, DbErr> {
    let display_name = display_name
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map_or_else(|| email.to_owned(), str::to_owned);
    let created = user::ActiveModel {
        email: Set(email.to_owned()),
        display_name: Set(display_name),
        password_hash: Set(password_hash),
        is_active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        Change {
            actor: actor_id,
            action: "user.create",
            entity_type: "user",
            entity_id: created.id.to_string(),
            before: None,
            after: Some(json!({
                "email": created.email,
                "display_name": created.display_name,
            })),
        },
    )
    .await?;
    Ok(created)
}

/// Every account, by email address, with its roles.
pub async fn list_users(db: &impl ConnectionTrait) -> Result<Vec<UserSummary>, AccountError> {
    let users = user::Entity::find()
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?;
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let mut memberships = memberships_of(db, &ids).await?;
    Ok(users
        .into_iter()
        .map(|u| {
            let held = memberships.remove(&u.id).unwrap_or_default();
            summary(u, held)
        })
        .collect())
}

/// The active account with this id as a caller of domain functions, or `None`.
pub async fn caller(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Caller>, DbErr> {
    let Some(found) = user::Entity::find_by_id(user_id)
        .filter(user::Column::IsActive.eq(true))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut memberships = memberships_of(db, &[found.id]).await?;
    let held = memberships.remove(&found.id).unwrap_or_default();
    Ok(Some(summary(found, held).into()))
}

fn summary(u: user::Model, memberships: Vec<Membership>) -> UserSummary {
    UserSummary {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        is_active: u.is_active,
        memberships,
    }
}

/// Checks that a grant's scope fits its role and names a country and owner that exist,
/// before anyone is asked for a password.
pub async fn check_grant(db: &impl ConnectionTrait, grant: &Grant) -> Result<(), AccountError> {
    grant
        .role
        .check_scope(grant.country.as_deref(), grant.owner.as_deref())
        .map_err(AccountError::Scope)?;
    resolve_scope(db, grant).await.map(drop)
}

/// Finds the ids of the country and owner a grant names, refusing names that do not exist.
async fn resolve_scope(
    db: &impl ConnectionTrait,
    grant: &Grant,
) -> Result<(Option<i32>, Option<i32>), AccountError> {
    let Some(iso3) = grant.country.as_deref().map(|c| c.trim().to_uppercase()) else {
        return Ok((None, None));
    };
    let found = country::Entity::find()
        .filter(country::Column::Iso3.eq(iso3.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| AccountError::UnknownCountry(iso3.clone()))?;
    let Some(code) = grant.owner.as_deref().map(|o| o.trim().to_uppercase()) else {
        return Ok((Some(found.id), None));
    };
    let owner = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(found.id))
        .filter(owner::Column::Code.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or(AccountError::UnknownOwner {
            country: iso3,
            owner: code,
        })?;
    Ok((Some(found.id), Some(owner.id)))
}

/// The memberships of each of `user_ids`, with country and owner codes filled in.
async fn memberships_of(
    db: &impl ConnectionTrait,
    user_ids: &[i32],
) -> Result<HashMap<i32, Vec<Membership>>, DbErr> {
    let rows = role_membership::Entity::find()
        .filter(role_membership::Column::UserId.is_in(user_ids.iter().copied()))
        .order_by_asc(role_membership::Column::Id)
        .all(db)
        .await?;
    let countries: BTreeMap<i32, String> = country::Entity::find()
        .filter(country::Column::Id.is_in(rows.iter().filter_map(|m| m.country_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.iso3))
        .collect();
    let owners: BTreeMap<i32, String> = owner::Entity::find()
        .filter(owner::Column::Id.is_in(rows.iter().filter_map(|m| m.owner_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect();

    let mut by_user: HashMap<i32, Vec<Membership>> = HashMap::new();
    for row in rows {
        // The database refuses any other value (CHECK constraint), so this skips nothing real.
        let Ok(role) = row.role.parse::<Role>() else {
            continue;
        };
        by_user.entry(row.user_id).or_default().push(Membership {
            role,
            country_id: row.country_id,
            owner_id: row.owner_id,
            country: row.country_id.and_then(|id| countries.get(&id).cloned()),
            owner: row.owner_id.and_then(|id| owners.get(&id).cloned()),
        });
    }
    Ok(by_user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_trimmed_lowered_and_checked() {
        assert_eq!(
            normalise_email("  Focal.Point@Health.GOV.example ").ok(),
            Some("focal.point@health.gov.example".to_owned())
        );
        for wrong in [
            "",
            "no-at-sign",
            "@example.org",
            "a@b",
            "a@.org",
            "a b@example.org",
            "a@b@c.org",
        ] {
            assert!(normalise_email(wrong).is_err(), "{wrong:?}");
        }
    }
}

/// The account that work done at the server's command line is recorded under, created the
/// first time it is needed. It cannot sign in: it has no password and is inactive.
pub async fn operator_account(db: &impl ConnectionTrait) -> Result<i32, DbErr> {
    const EMAIL: &str = "operator@nap-tracker.invalid";
    if let Some(existing) = user::Entity::find()
        .filter(user::Column::Email.eq(EMAIL))
        .one(db)
        .await?
    {
        return Ok(existing.id);
    }
    let created = user::ActiveModel {
        email: Set(EMAIL.to_owned()),
        display_name: Set("Server operator (command line)".to_owned()),
        // Not a valid hash: no password ever matches it.
        password_hash: Set("!".to_owned()),
        is_active: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}
