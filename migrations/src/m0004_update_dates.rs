//! Progress updates found by reporting date: an import recognises a file already imported by
//! the updates recorded on the dates it reports on, among all of a country's commitments.

use sea_orm_migration::prelude::*;

use crate::m0001_schema::ProgressUpdates;

pub struct Migration;

const INDEX: &str = "ix_progress_updates_date_commitment";

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_update_dates"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(ProgressUpdates::Table)
                    .col(ProgressUpdates::ReportingDate)
                    .col(ProgressUpdates::CommitmentId)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(ProgressUpdates::Table)
                    .to_owned(),
            )
            .await
    }
}
