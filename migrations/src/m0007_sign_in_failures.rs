//! Failed sign-ins, so that an account is locked for a while after repeated failures. They live
//! in the database, not in a server's memory, so that several servers sharing the database
//! count the same failures and a restart does not reset the count.
//!
//! Keyed by the email address as typed (normalised), not by account: an address without an
//! account is locked exactly like one with an account, so the lock-out reveals nothing about
//! which addresses have accounts.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_schema::new_table;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_sign_in_failures"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                new_table(SignInFailures::Table)
                    .col(big_pk_auto(SignInFailures::Id))
                    .col(string(SignInFailures::Email))
                    .col(timestamp_with_time_zone(SignInFailures::FailedAt))
                    .take(),
            )
            .await?;
        // Each sign-in reads one address's recent failures; old ones are removed by age.
        manager
            .create_index(
                Index::create()
                    .name("ix_sign_in_failures_email_time")
                    .table(SignInFailures::Table)
                    .col(SignInFailures::Email)
                    .col(SignInFailures::FailedAt)
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sign_in_failures_time")
                    .table(SignInFailures::Table)
                    .col(SignInFailures::FailedAt)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(SignInFailures::Table)
                    .if_exists()
                    .take(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Id,
    Email,
    FailedAt,
}
