//! API tokens: long random secrets that let a ministry's own system act as one user.
//!
//! The database keeps only each token's SHA-256 hash, so a copy of the database gives no one
//! a usable token; the token is shown once, when it is created.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::entities::api_token;
use super::store::{self, AccountError};
use super::{Actor, Caller};
use crate::audit::{self, Change};

/// Marks the string as a NAP Tracker token, so a leaked one is easy to recognise.
const PREFIX: &str = "napt_";

/// Creates a token for the account `email` and returns it; only its hash is stored.
/// People create their own tokens; admins and the operator create anyone's.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &str,
    label: &str,
) -> Result<String, AccountError> {
    let account = store::find_user(db, email)
        .await?
        .ok_or_else(|| AccountError::UnknownUser(email.trim().to_lowercase()))?;
    if !(actor.is_admin() || actor.user_id() == Some(account.id)) {
        return Err(AccountError::Forbidden(
            "you may create API tokens only for yourself".into(),
        ));
    }
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    let token = format!("{PREFIX}{}", hex::encode(secret));

    let txn = db.begin().await?;
    let created = api_token::ActiveModel {
        user_id: Set(account.id),
        token_hash: Set(digest(&token)),
        label: Set(label.trim().to_owned()),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: "token.create",
            entity_type: "api_token",
            entity_id: created.id.to_string(),
            before: None,
            after: Some(json!({ "user": account.email, "label": created.label })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The caller a token stands for, or `None` for an unknown token or an inactive account.
/// Records when the token was last used.
pub async fn caller(db: &impl ConnectionTrait, token: &str) -> Result<Option<Caller>, DbErr> {
    let token = token.trim();
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(found) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(digest(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let user_id = found.user_id;
    let mut used = found.into_active_model();
    used.last_used_at = Set(Some(Utc::now()));
    used.update(db).await?;
    store::caller(db, user_id).await
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_digest_is_the_sha256_of_the_token() {
        // SHA-256 of "abc", from FIPS 180-2.
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
