//! Civil society: organisations that register (an administrator approves them), the people
//! who speak for them, and their shadow assessments of commitments, shown beside the
//! ministry's report and the reviewer's assessment.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_schema::{fk, lookup, new_table, one_of, Commitments, Users, STATUSES};

pub struct Migration;

const ORGANISATION_STATES: [&str; 3] = ["pending", "approved", "rejected"];

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0009_civil_society"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        manager
            .create_table(
                new_table(Organisations::Table)
                    .col(pk_auto(Organisations::Id))
                    .col(string(Organisations::Name).unique_key())
                    .col(string(Organisations::Website))
                    .col(text(Organisations::Description))
                    .col(
                        string(Organisations::State)
                            .default("pending")
                            .check(one_of(Organisations::State, &ORGANISATION_STATES)),
                    )
                    .col(integer(Organisations::RegisteredById))
                    .col(integer_null(Organisations::DecidedById))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone_null(Organisations::DecidedAt))
                    .foreign_key(&mut fk(
                        Organisations::Table,
                        Organisations::RegisteredById,
                        Users::Table,
                        Users::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Organisations::Table,
                        Organisations::DecidedById,
                        Users::Table,
                        Users::Id,
                        Restrict,
                    ))
                    .take(),
            )
            .await?;
        // One organisation per person: they speak for it.
        manager
            .create_table(
                new_table(OrganisationMembers::Table)
                    .col(integer(OrganisationMembers::UserId).primary_key())
                    .col(integer(OrganisationMembers::OrganisationId))
                    .foreign_key(&mut fk(
                        OrganisationMembers::Table,
                        OrganisationMembers::UserId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        OrganisationMembers::Table,
                        OrganisationMembers::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                new_table(ShadowAssessments::Table)
                    .col(pk_auto(ShadowAssessments::Id))
                    .col(integer(ShadowAssessments::CommitmentId))
                    .col(integer(ShadowAssessments::OrganisationId))
                    .col(integer(ShadowAssessments::AuthorId))
                    .col(
                        string(ShadowAssessments::Status)
                            .check(one_of(ShadowAssessments::Status, &STATUSES)),
                    )
                    .col(text(ShadowAssessments::Justification))
                    // Web addresses, one per line, checked like a progress update's evidence.
                    .col(text(ShadowAssessments::Evidence))
                    .col(timestamp_with_time_zone(ShadowAssessments::CreatedAt))
                    .col(timestamp_with_time_zone_null(ShadowAssessments::RevisedAt))
                    .foreign_key(&mut fk(
                        ShadowAssessments::Table,
                        ShadowAssessments::CommitmentId,
                        Commitments::Table,
                        Commitments::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ShadowAssessments::Table,
                        ShadowAssessments::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ShadowAssessments::Table,
                        ShadowAssessments::AuthorId,
                        Users::Table,
                        Users::Id,
                        Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(lookup(
                "ix_shadow_assessments_commitment",
                ShadowAssessments::Table,
                ShadowAssessments::CommitmentId,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ShadowAssessments::Table.into_iden(),
            OrganisationMembers::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    Website,
    Description,
    State,
    RegisteredById,
    DecidedById,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum OrganisationMembers {
    Table,
    UserId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum ShadowAssessments {
    Table,
    Id,
    CommitmentId,
    OrganisationId,
    AuthorId,
    Status,
    Justification,
    Evidence,
    CreatedAt,
    RevisedAt,
}
