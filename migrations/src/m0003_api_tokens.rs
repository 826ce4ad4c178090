//! API tokens: how a ministry's own system reports progress without a browser session.
//!
//! Only the SHA-256 hash of a token is stored; the token itself is shown once, when created.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_schema::{fk, lookup, new_table, Users};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_api_tokens"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                new_table(ApiTokens::Table)
                    .col(pk_auto(ApiTokens::Id))
                    .col(integer(ApiTokens::UserId))
                    .col(char_len_uniq(ApiTokens::TokenHash, 64))
                    .col(string(ApiTokens::Label))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .foreign_key(&mut fk(
                        ApiTokens::Table,
                        ApiTokens::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(lookup(
                "ix_api_tokens_user",
                ApiTokens::Table,
                ApiTokens::UserId,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiTokens::Table).if_exists().take())
            .await
    }
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    Label,
    CreatedAt,
    LastUsedAt,
}
