//! Review cycles of the Commission: an administrator opens one (such as "CSocD 65, February
//! 2027") and closes it. Closing freezes every public commitment as it stood, with its updates
//! and assessments, in `cycle_entries`: one row per commitment, its whole record as JSON and
//! the few facts the cycle's pages count and compare as columns.
//!
//! Entries do not reference commitments: a snapshot outlives a commitment deleted later.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_schema::{fk, new_table, one_of, Users, STATUSES};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0010_review_cycles"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        manager
            .create_table(
                new_table(ReviewCycles::Table)
                    .col(pk_auto(ReviewCycles::Id))
                    .col(string(ReviewCycles::Name).unique_key())
                    .col(integer(ReviewCycles::OpenedById))
                    .col(timestamp_with_time_zone(ReviewCycles::OpenedAt))
                    .col(integer_null(ReviewCycles::ClosedById))
                    .col(timestamp_with_time_zone_null(ReviewCycles::ClosedAt))
                    .foreign_key(&mut fk(
                        ReviewCycles::Table,
                        ReviewCycles::OpenedById,
                        Users::Table,
                        Users::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        ReviewCycles::Table,
                        ReviewCycles::ClosedById,
                        Users::Table,
                        Users::Id,
                        Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                new_table(CycleEntries::Table)
                    .col(integer(CycleEntries::CycleId))
                    .col(integer(CycleEntries::CommitmentId))
                    .col(string(CycleEntries::CountryIso3))
                    .col(string(CycleEntries::CountryName))
                    .col(string(CycleEntries::Reference))
                    .col(text(CycleEntries::Title))
                    .col(
                        string(CycleEntries::Status).check(one_of(CycleEntries::Status, &STATUSES)),
                    )
                    .col(integer_null(CycleEntries::PercentComplete))
                    .col(boolean(CycleEntries::Overdue))
                    // The status of the newest update a reviewer approved, if any.
                    .col(string_null(CycleEntries::ReviewedStatus))
                    // The reviewers' current assessment, if any.
                    .col(string_null(CycleEntries::AssessedStatus))
                    .col(text(CycleEntries::Record))
                    .primary_key(
                        Index::create()
                            .col(CycleEntries::CycleId)
                            .col(CycleEntries::CommitmentId),
                    )
                    .foreign_key(&mut fk(
                        CycleEntries::Table,
                        CycleEntries::CycleId,
                        ReviewCycles::Table,
                        ReviewCycles::Id,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cycle_entries_country")
                    .table(CycleEntries::Table)
                    .col(CycleEntries::CycleId)
                    .col(CycleEntries::CountryIso3)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CycleEntries::Table.into_iden(),
            ReviewCycles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ReviewCycles {
    Table,
    Id,
    Name,
    OpenedById,
    OpenedAt,
    ClosedById,
    ClosedAt,
}

#[derive(DeriveIden)]
enum CycleEntries {
    Table,
    CycleId,
    CommitmentId,
    CountryIso3,
    CountryName,
    Reference,
    Title,
    Status,
    PercentComplete,
    Overdue,
    ReviewedStatus,
    AssessedStatus,
    Record,
}
