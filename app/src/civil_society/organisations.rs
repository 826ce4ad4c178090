//! Registering an organisation (with the account of the person who speaks for it), and an
//! administrator's decision on it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::{member, organisation};
use super::{Organisation, Registration};
use crate::accounts::{entities::user, passwords, store, Actor};
use crate::audit::{self, Change};
use crate::refusal::{FieldError, Refusal, WriteError};

/// The longest organisation name and description accepted.
const NAME_LIMIT: usize = 200;
const DESCRIPTION_LIMIT: usize = 2000;

/// What is wrong with a registration, field by field.
fn check(form: &Registration) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = form.organisation.trim();
    if name.is_empty() || name.chars().count() > NAME_LIMIT {
        errors.push(FieldError::new(
            "organisation",
            format!("give the organisation's name (at most {NAME_LIMIT} characters)"),
        ));
    }
    let website = form.website.trim();
    if !website.is_empty() && !crate::progress::check_evidence(&[website.to_owned()]).is_empty() {
        errors.push(FieldError::new(
            "website",
            "give the organisation's web address, starting with https:// or http://",
        ));
    }
    if form.description.trim().chars().count() > DESCRIPTION_LIMIT {
        errors.push(FieldError::new(
            "description",
            format!("the description is longer than {DESCRIPTION_LIMIT} characters"),
        ));
    }
    match store::normalise_email(&form.email) {
        Ok(email) => {
            if let Err(error) = passwords::check(&form.password, &email) {
                errors.push(FieldError::new("password", error.to_string()));
            }
        }
        Err(error) => errors.push(FieldError::new("email", error.to_string())),
    }
    errors
}

/// Registers an organisation, pending an administrator's approval, and creates the account of
/// the person registering it, who becomes its first member.
pub async fn register(
    db: &DatabaseConnection,
    form: &Registration,
    now: DateTime<Utc>,
) -> Result<Organisation, WriteError> {
    let errors = check(form);
    if !errors.is_empty() {
        return Err(Refusal::Invalid(errors).into());
    }
    let email = store::normalise_email(&form.email)
        .map_err(|e| Refusal::Invalid(vec![FieldError::new("email", e.to_string())]))?;
    let password = form.password.clone();
    // Hashing is slow by design: before the transaction, off the async workers.
    let hash = tokio::task::spawn_blocking(move || passwords::hash(&password))
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?
        .map_err(|e| Refusal::Invalid(vec![FieldError::new("password", e.to_string())]))?;
    let txn = db.begin().await?;
    let taken =
        |field: &str, message: String| Refusal::Invalid(vec![FieldError::new(field, message)]);
    if user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(taken(
            "email",
            format!("{email} already has an account: sign in, or register with another address"),
        )
        .into());
    }
    let name = form.organisation.trim();
    if organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(taken(
            "organisation",
            format!("an organisation named '{name}' is already registered: ask it to add you"),
        )
        .into());
    }
    let account = store::create_account(&txn, None, &email, Some(form.name.as_str()), hash).await?;
    let saved = organisation::ActiveModel {
        name: Set(name.to_owned()),
        website: Set(form.website.trim().to_owned()),
        description: Set(form.description.trim().to_owned()),
        state: Set("pending".to_owned()),
        registered_by_id: Set(account.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    member::ActiveModel {
        user_id: Set(account.id),
        organisation_id: Set(saved.id),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: Some(account.id),
            action: "organisation.register",
            entity_type: "organisation",
            entity_id: saved.id.to_string(),
            before: None,
            after: Some(json!({ "name": saved.name, "website": saved.website })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(saved, email))
}

fn view(row: organisation::Model, registered_by: String) -> Organisation {
    Organisation {
        id: row.id,
        name: row.name,
        website: row.website,
        description: row.description,
        state: row.state,
        registered_by,
        created_at: row.created_at,
    }
}

/// Approves (`approve` true) or rejects organisation `id`. Administrators only.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    approve: bool,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    if !actor.is_admin() {
        return Err(
            Refusal::Forbidden("only an administrator approves organisations".into()).into(),
        );
    }
    let txn = db.begin().await?;
    let found = organisation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| Refusal::NotFound(format!("there is no organisation {id}")))?;
    let state = if approve { "approved" } else { "rejected" };
    let before = found.state.clone();
    let mut changed: organisation::ActiveModel = found.into();
    changed.state = Set(state.to_owned());
    changed.decided_by_id = Set(actor.user_id());
    changed.decided_at = Set(Some(now));
    changed.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.user_id(),
            action: if approve {
                "organisation.approve"
            } else {
                "organisation.reject"
            },
            entity_type: "organisation",
            entity_id: id.to_string(),
            before: Some(json!({ "state": before })),
            after: Some(json!({ "state": state })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every organisation, those awaiting a decision first. Administrators only.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<Organisation>, WriteError> {
    if !actor.is_admin() {
        return Err(Refusal::Forbidden(
            "only an administrator sees the organisations' registrations".into(),
        )
        .into());
    }
    let rows = organisation::Entity::find()
        .order_by_asc(organisation::Column::CreatedAt)
        .all(db)
        .await?;
    let emails: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|o| o.registered_by_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let mut organisations: Vec<Organisation> = rows
        .into_iter()
        .map(|row| {
            let email = emails
                .get(&row.registered_by_id)
                .cloned()
                .unwrap_or_default();
            view(row, email)
        })
        .collect();
    organisations.sort_by_key(|o| o.state != "pending");
    Ok(organisations)
}

/// The organisation person `user_id` speaks for, if any, whatever its state.
pub async fn of_person(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<organisation::Model>, DbErr> {
    let Some(membership) = member::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    organisation::Entity::find_by_id(membership.organisation_id)
        .one(db)
        .await
}
