//! The audit trail: who changed what and when, with the record before and after as JSON.
//! Every domain function that writes adds its events in the same transaction as the change.

use chrono::{DateTime, Utc};
#[cfg(feature = "ssr")]
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use serde_json::Value;

#[cfg(feature = "ssr")]
use crate::{
    accounts::{entities::user, Actor},
    refusal::{Refusal, WriteError},
};

/// One entry of the audit log, as an administrator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    /// The account's email address; `None` for the operator at the command line.
    pub actor: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// JSON text of the record before and after the change.
    pub before: Option<String>,
    pub after: Option<String>,
}

#[cfg(feature = "ssr")]
mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub occurred_at: DateTimeUtc,
        pub actor_id: Option<i32>,
        pub action: String,
        pub entity_type: String,
        pub entity_id: String,
        pub before: Option<String>,
        pub after: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One change. `actor` is `None` for changes made on the command line by the operator.
#[cfg(feature = "ssr")]
pub struct Change<'a> {
    pub actor: Option<i32>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[cfg(feature = "ssr")]
pub async fn record(db: &impl ConnectionTrait, change: Change<'_>) -> Result<(), DbErr> {
    entity::ActiveModel {
        occurred_at: Set(Utc::now()),
        actor_id: Set(change.actor),
        action: Set(change.action.to_owned()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        before: Set(change.before.map(|v| v.to_string())),
        after: Set(change.after.map(|v| v.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(drop)
}

/// The newest change: its event's number, which grows with every change, and when it was
/// made. `None` before anything was written. Caches and conditional requests use it to tell
/// whether anything changed, with one read of the newest row.
#[cfg(feature = "ssr")]
pub async fn last_change(db: &impl ConnectionTrait) -> Result<Option<(i64, DateTime<Utc>)>, DbErr> {
    entity::Entity::find()
        .select_only()
        .columns([entity::Column::Id, entity::Column::OccurredAt])
        .order_by_desc(entity::Column::Id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await
}

/// The newest `limit` entries, optionally only those about one record (`entity_type`, and
/// `entity_id` if given). Administrators only.
#[cfg(feature = "ssr")]
pub async fn entries(
    db: &impl ConnectionTrait,
    actor: &Actor,
    about: Option<(&str, Option<&str>)>,
    limit: u64,
) -> Result<Vec<AuditEntry>, WriteError> {
    if !actor.is_admin() {
        return Err(Refusal::Forbidden("only an administrator reads the audit log".into()).into());
    }
    let mut query = entity::Entity::find();
    if let Some((entity_type, entity_id)) = about {
        query = query.filter(entity::Column::EntityType.eq(entity_type));
        if let Some(id) = entity_id {
            query = query.filter(entity::Column::EntityId.eq(id));
        }
    }
    let rows = query
        .order_by_desc(entity::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let emails: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            occurred_at: r.occurred_at,
            actor: r.actor_id.and_then(|id| emails.get(&id).cloned()),
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: r.before,
            after: r.after,
        })
        .collect())
}

/// The newest entries of the audit log, for administrators.
#[leptos::server]
pub async fn get_audit_log() -> Result<Vec<AuditEntry>, leptos::prelude::ServerFnError> {
    let actor = crate::state::actor().await?;
    entries(&crate::state::db()?, &actor, None, 200)
        .await
        .map_err(crate::state::write_failed)
}
