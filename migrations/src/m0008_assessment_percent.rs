//! A reviewer's assessment gives a share done (0 to 100, or none: unknown), on the same scale
//! as the ministry's own report, so that the two can be read side by side. Assessments are
//! read per commitment, newest first.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_schema::{percent, Assessments};

pub struct Migration;

const INDEX: &str = "ix_assessments_commitment_time";

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0008_assessment_percent"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Assessments::Table)
                    .add_column(
                        integer_null(Assessments::PercentComplete)
                            .check(percent(Assessments::PercentComplete)),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Assessments::Table)
                    .col(Assessments::CommitmentId)
                    .col(Assessments::CreatedAt)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(Assessments::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Assessments::Table)
                    .drop_column(Assessments::PercentComplete)
                    .take(),
            )
            .await
    }
}
