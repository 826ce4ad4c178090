//! Evidence links found by their progress update: every commitment page and API answer reads
//! the links of its updates, and without this index each read scanned every link.

use sea_orm_migration::prelude::*;

use crate::m0001_schema::{lookup, EvidenceLinks};

pub struct Migration;

const INDEX: &str = "ix_evidence_links_update";

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0006_evidence_index"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(lookup(
                INDEX,
                EvidenceLinks::Table,
                EvidenceLinks::ProgressUpdateId,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(EvidenceLinks::Table)
                    .to_owned(),
            )
            .await
    }
}
