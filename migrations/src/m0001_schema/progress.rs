//! Progress and review: import batches, append-only progress updates with their indicator
//! values and evidence, and reviewers' assessments.

use sea_orm_migration::{prelude::*, schema::*};

use super::people::Users;
use super::plans::{Commitments, Owners, Targets};
use super::{
    fk, lookup, new_table, one_of, percent, unique, BATCH_STATES, IMPORT_FIELDS, REVIEW_STATES,
    STATUSES, UPDATE_SOURCES,
};

pub(super) fn tables() -> Vec<TableCreateStatement> {
    use ForeignKeyAction::{Cascade, Restrict};
    vec![
        new_table(ImportBatches::Table)
            .col(pk_auto(ImportBatches::Id))
            .col(integer(ImportBatches::OwnerId))
            .col(integer(ImportBatches::UploaderId))
            .col(string(ImportBatches::FileName))
            .col(string(ImportBatches::Format))
            .col(char_len(ImportBatches::Sha256, 64))
            .col(timestamp_with_time_zone(ImportBatches::UploadedAt))
            .col(string_null(ImportBatches::Sheet))
            .col(integer(ImportBatches::RowsRead).default(0))
            .col(integer(ImportBatches::RowsAccepted).default(0))
            .col(integer(ImportBatches::RowsUnchanged).default(0))
            .col(integer(ImportBatches::RowsRejected).default(0))
            .col(timestamp_with_time_zone_null(ImportBatches::CommittedAt))
            .col(timestamp_with_time_zone_null(ImportBatches::UndoneAt))
            .col(integer_null(ImportBatches::UndoneById))
            .col(
                string(ImportBatches::State)
                    .default("previewed")
                    .check(one_of(ImportBatches::State, &BATCH_STATES)),
            )
            .foreign_key(&mut fk(
                ImportBatches::Table,
                ImportBatches::OwnerId,
                Owners::Table,
                Owners::Id,
                Restrict,
            ))
            .foreign_key(&mut fk(
                ImportBatches::Table,
                ImportBatches::UploaderId,
                Users::Table,
                Users::Id,
                Restrict,
            ))
            .foreign_key(&mut fk(
                ImportBatches::Table,
                ImportBatches::UndoneById,
                Users::Table,
                Users::Id,
                Restrict,
            ))
            .take(),
        // The file as uploaded, so that a reviewer can open exactly what a batch was made from.
        new_table(ImportFiles::Table)
            .col(integer(ImportFiles::BatchId).primary_key())
            .col(blob(ImportFiles::Content))
            .foreign_key(&mut fk(
                ImportFiles::Table,
                ImportFiles::BatchId,
                ImportBatches::Table,
                ImportBatches::Id,
                Cascade,
            ))
            .take(),
        // Column headers a person mapped by hand, remembered for the owner's next upload.
        new_table(ImportMappings::Table)
            .col(pk_auto(ImportMappings::Id))
            .col(integer(ImportMappings::OwnerId))
            .col(string(ImportMappings::Header))
            .col(string(ImportMappings::Field).check(one_of(ImportMappings::Field, &IMPORT_FIELDS)))
            .foreign_key(&mut fk(
                ImportMappings::Table,
                ImportMappings::OwnerId,
                Owners::Table,
                Owners::Id,
                Cascade,
            ))
            .take(),
        // Append-only: a correction is a new update, never an edit of an old one.
        new_table(ProgressUpdates::Table)
            .col(pk_auto(ProgressUpdates::Id))
            .col(integer(ProgressUpdates::CommitmentId))
            .col(date(ProgressUpdates::ReportingDate))
            .col(string(ProgressUpdates::Status).check(one_of(ProgressUpdates::Status, &STATUSES)))
            .col(
                integer_null(ProgressUpdates::PercentComplete)
                    .check(percent(ProgressUpdates::PercentComplete)),
            )
            .col(text(ProgressUpdates::Narrative))
            .col(integer(ProgressUpdates::AuthorId))
            .col(
                string(ProgressUpdates::Source)
                    .check(one_of(ProgressUpdates::Source, &UPDATE_SOURCES)),
            )
            .col(integer_null(ProgressUpdates::ImportBatchId))
            .col(
                string(ProgressUpdates::ReviewState)
                    .default("submitted")
                    .check(one_of(ProgressUpdates::ReviewState, &REVIEW_STATES)),
            )
            .col(integer_null(ProgressUpdates::ReviewerId))
            .col(text_null(ProgressUpdates::ReviewComment))
            .col(timestamp_with_time_zone_null(ProgressUpdates::ReviewedAt))
            .col(timestamp_with_time_zone(ProgressUpdates::CreatedAt))
            .foreign_key(&mut fk(
                ProgressUpdates::Table,
                ProgressUpdates::CommitmentId,
                Commitments::Table,
                Commitments::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                ProgressUpdates::Table,
                ProgressUpdates::AuthorId,
                Users::Table,
                Users::Id,
                Restrict,
            ))
            .foreign_key(&mut fk(
                ProgressUpdates::Table,
                ProgressUpdates::ImportBatchId,
                ImportBatches::Table,
                ImportBatches::Id,
                Restrict,
            ))
            .foreign_key(&mut fk(
                ProgressUpdates::Table,
                ProgressUpdates::ReviewerId,
                Users::Table,
                Users::Id,
                Restrict,
            ))
            .take(),
        new_table(IndicatorValues::Table)
            .col(pk_auto(IndicatorValues::Id))
            .col(integer(IndicatorValues::ProgressUpdateId))
            .col(integer(IndicatorValues::TargetId))
            .col(double(IndicatorValues::Value))
            .foreign_key(&mut fk(
                IndicatorValues::Table,
                IndicatorValues::ProgressUpdateId,
                ProgressUpdates::Table,
                ProgressUpdates::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                IndicatorValues::Table,
                IndicatorValues::TargetId,
                Targets::Table,
                Targets::Id,
                Cascade,
            ))
            .take(),
        new_table(EvidenceLinks::Table)
            .col(pk_auto(EvidenceLinks::Id))
            .col(integer(EvidenceLinks::ProgressUpdateId))
            .col(text(EvidenceLinks::Url))
            .col(string_null(EvidenceLinks::Label))
            .foreign_key(&mut fk(
                EvidenceLinks::Table,
                EvidenceLinks::ProgressUpdateId,
                ProgressUpdates::Table,
                ProgressUpdates::Id,
                Cascade,
            ))
            .take(),
        // A reviewer's independent assessment of a commitment, next to the country's own word.
        new_table(Assessments::Table)
            .col(pk_auto(Assessments::Id))
            .col(integer(Assessments::CommitmentId))
            .col(integer(Assessments::ReviewerId))
            .col(string(Assessments::Status).check(one_of(Assessments::Status, &STATUSES)))
            .col(text(Assessments::Narrative))
            .col(timestamp_with_time_zone(Assessments::CreatedAt))
            .foreign_key(&mut fk(
                Assessments::Table,
                Assessments::CommitmentId,
                Commitments::Table,
                Commitments::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                Assessments::Table,
                Assessments::ReviewerId,
                Users::Table,
                Users::Id,
                Restrict,
            ))
            .take(),
    ]
}

pub(super) fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "uq_import_mappings_owner_header",
            ImportMappings::Table,
            [
                ImportMappings::OwnerId.into_iden(),
                ImportMappings::Header.into_iden(),
            ],
        ),
        lookup(
            "ix_progress_updates_import_batch",
            ProgressUpdates::Table,
            ProgressUpdates::ImportBatchId,
        ),
        lookup(
            "ix_progress_updates_commitment",
            ProgressUpdates::Table,
            ProgressUpdates::CommitmentId,
        ),
        lookup(
            "ix_progress_updates_review_state",
            ProgressUpdates::Table,
            ProgressUpdates::ReviewState,
        ),
        unique(
            "uq_indicator_values_update_target",
            IndicatorValues::Table,
            [
                IndicatorValues::ProgressUpdateId.into_iden(),
                IndicatorValues::TargetId.into_iden(),
            ],
        ),
    ]
}

#[derive(DeriveIden)]
pub enum ImportBatches {
    Table,
    Id,
    OwnerId,
    UploaderId,
    FileName,
    Format,
    Sha256,
    UploadedAt,
    Sheet,
    RowsRead,
    RowsAccepted,
    RowsUnchanged,
    RowsRejected,
    State,
    CommittedAt,
    UndoneAt,
    UndoneById,
}

#[derive(DeriveIden)]
pub enum ImportFiles {
    Table,
    BatchId,
    Content,
}

#[derive(DeriveIden)]
pub enum ImportMappings {
    Table,
    Id,
    OwnerId,
    Header,
    Field,
}

#[derive(DeriveIden)]
pub enum ProgressUpdates {
    Table,
    Id,
    CommitmentId,
    ReportingDate,
    Status,
    PercentComplete,
    Narrative,
    AuthorId,
    Source,
    ImportBatchId,
    ReviewState,
    ReviewerId,
    ReviewComment,
    ReviewedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum IndicatorValues {
    Table,
    Id,
    ProgressUpdateId,
    TargetId,
    Value,
}

#[derive(DeriveIden)]
pub enum EvidenceLinks {
    Table,
    Id,
    ProgressUpdateId,
    Url,
    Label,
}

#[derive(DeriveIden)]
pub enum Assessments {
    Table,
    Id,
    CommitmentId,
    ReviewerId,
    Status,
    Narrative,
    CreatedAt,
    /// Added by m0008.
    PercentComplete,
}
