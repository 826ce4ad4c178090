//! People and access: accounts, their roles, sign-in sessions and the audit trail.

use sea_orm_migration::{prelude::*, schema::*};

use super::plans::{Countries, Owners};
use super::{fk, lookup, new_table, one_of, ROLES};

/// Accounts come before the plans, updates and imports that name their authors.
pub(super) fn users() -> Vec<TableCreateStatement> {
    vec![new_table(Users::Table)
        .col(pk_auto(Users::Id))
        .col(string_uniq(Users::Email))
        .col(string(Users::DisplayName))
        .col(string(Users::PasswordHash))
        .col(boolean(Users::IsActive).default(true))
        .col(timestamp_with_time_zone(Users::CreatedAt))
        .take()]
}

/// Roles, sessions and audit events, which refer to accounts, countries and owners.
pub(super) fn access() -> Vec<TableCreateStatement> {
    use ForeignKeyAction::{Cascade, SetNull};
    vec![
        new_table(RoleMemberships::Table)
            .col(pk_auto(RoleMemberships::Id))
            .col(integer(RoleMemberships::UserId))
            .col(string(RoleMemberships::Role).check(one_of(RoleMemberships::Role, &ROLES)))
            // No country means every country (a global reviewer or an administrator).
            .col(integer_null(RoleMemberships::CountryId))
            .col(integer_null(RoleMemberships::OwnerId))
            .foreign_key(&mut fk(
                RoleMemberships::Table,
                RoleMemberships::UserId,
                Users::Table,
                Users::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                RoleMemberships::Table,
                RoleMemberships::CountryId,
                Countries::Table,
                Countries::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                RoleMemberships::Table,
                RoleMemberships::OwnerId,
                Owners::Table,
                Owners::Id,
                Cascade,
            ))
            .take(),
        new_table(Sessions::Table)
            .col(string(Sessions::Id).primary_key())
            .col(integer_null(Sessions::UserId))
            .col(blob(Sessions::Data))
            .col(timestamp_with_time_zone(Sessions::ExpiresAt))
            .foreign_key(&mut fk(
                Sessions::Table,
                Sessions::UserId,
                Users::Table,
                Users::Id,
                Cascade,
            ))
            .take(),
        // Who changed what and when, with the row before and after as JSON text.
        new_table(AuditEvents::Table)
            .col(big_pk_auto(AuditEvents::Id))
            .col(timestamp_with_time_zone(AuditEvents::OccurredAt))
            .col(integer_null(AuditEvents::ActorId))
            .col(string(AuditEvents::Action))
            .col(string(AuditEvents::EntityType))
            .col(string(AuditEvents::EntityId))
            .col(text_null(AuditEvents::Before))
            .col(text_null(AuditEvents::After))
            .foreign_key(&mut fk(
                AuditEvents::Table,
                AuditEvents::ActorId,
                Users::Table,
                Users::Id,
                SetNull,
            ))
            .take(),
    ]
}

pub(super) fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        lookup(
            "ix_role_memberships_user",
            RoleMemberships::Table,
            RoleMemberships::UserId,
        ),
        lookup(
            "ix_sessions_expires_at",
            Sessions::Table,
            Sessions::ExpiresAt,
        ),
        lookup(
            "ix_audit_events_entity",
            AuditEvents::Table,
            AuditEvents::EntityType,
        ),
    ]
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    IsActive,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum RoleMemberships {
    Table,
    Id,
    UserId,
    Role,
    CountryId,
    OwnerId,
}

#[derive(DeriveIden)]
pub enum Sessions {
    Table,
    Id,
    UserId,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
pub enum AuditEvents {
    Table,
    Id,
    OccurredAt,
    ActorId,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
}
