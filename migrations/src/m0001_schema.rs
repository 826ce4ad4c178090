//! The whole domain schema: catalogue, national action plans, progress, imports, people and
//! the audit trail. Later features add behaviour on top of these tables.
//!
//! Vocabularies (statuses, roles, review states) are stored as short strings guarded by CHECK
//! constraints: readable in the database, portable between SQLite and PostgreSQL, and easy to
//! extend with a migration.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_schema"
    }
}

/// Implementation status of a commitment, on the Open Government Partnership's scale.
pub const STATUSES: [&str; 5] = [
    "not_started",
    "limited",
    "substantial",
    "complete",
    "withdrawn",
];
const PLAN_STATUSES: [&str; 2] = ["draft", "published"];
const REVIEW_STATES: [&str; 3] = ["submitted", "approved", "returned"];
const UPDATE_SOURCES: [&str; 2] = ["form", "import"];
const BATCH_STATES: [&str; 3] = ["previewed", "committed", "discarded"];
const ROLES: [&str; 4] = ["focal_point", "coordinator", "reviewer", "admin"];
const LEVELS: [&str; 2] = ["national", "international"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children before parents, so foreign keys never block a drop.
        for table in tables().iter().rev() {
            if let Some(name) = table.get_table_name() {
                manager
                    .drop_table(Table::drop().table(name.clone()).if_exists().take())
                    .await?;
            }
        }
        Ok(())
    }
}

fn one_of(column: impl IntoIden, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_in(values.iter().copied())
}

fn percent(column: impl IntoIden) -> SimpleExpr {
    Expr::col(column).between(0, 100)
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(on_delete)
        .take()
}

fn new_table(name: impl IntoIden + 'static) -> TableCreateStatement {
    Table::create().table(name).if_not_exists().take()
}

/// Tables in dependency order: every table comes after the tables it references.
fn tables() -> Vec<TableCreateStatement> {
    use ForeignKeyAction::{Cascade, Restrict, SetNull};
    vec![
        // Catalogue.
        new_table(Frameworks::Table)
            .col(pk_auto(Frameworks::Id))
            .col(string_uniq(Frameworks::Code))
            .col(text(Frameworks::Title))
            .col(text(Frameworks::Source))
            .take(),
        new_table(RecommendationGroups::Table)
            .col(pk_auto(RecommendationGroups::Id))
            .col(integer(RecommendationGroups::FrameworkId))
            .col(string(RecommendationGroups::Code))
            .col(text(RecommendationGroups::Name))
            .col(
                string(RecommendationGroups::Level)
                    .check(one_of(RecommendationGroups::Level, &LEVELS)),
            )
            .col(integer(RecommendationGroups::Position))
            .foreign_key(&mut fk(
                RecommendationGroups::Table,
                RecommendationGroups::FrameworkId,
                Frameworks::Table,
                Frameworks::Id,
                Cascade,
            ))
            .take(),
        new_table(Recommendations::Table)
            .col(pk_auto(Recommendations::Id))
            .col(integer(Recommendations::GroupId))
            .col(string_uniq(Recommendations::Code))
            .col(integer(Recommendations::Number))
            .col(text(Recommendations::Text))
            .foreign_key(&mut fk(
                Recommendations::Table,
                Recommendations::GroupId,
                RecommendationGroups::Table,
                RecommendationGroups::Id,
                Cascade,
            ))
            .take(),
        new_table(RecommendationSubitems::Table)
            .col(pk_auto(RecommendationSubitems::Id))
            .col(integer(RecommendationSubitems::RecommendationId))
            .col(integer(RecommendationSubitems::Position))
            .col(text(RecommendationSubitems::Text))
            .foreign_key(&mut fk(
                RecommendationSubitems::Table,
                RecommendationSubitems::RecommendationId,
                Recommendations::Table,
                Recommendations::Id,
                Cascade,
            ))
            .take(),
        // People. Users come early because plans, updates and imports name their authors.
        new_table(Users::Table)
            .col(pk_auto(Users::Id))
            .col(string_uniq(Users::Email))
            .col(string(Users::DisplayName))
            .col(string(Users::PasswordHash))
            .col(boolean(Users::IsActive).default(true))
            .col(timestamp_with_time_zone(Users::CreatedAt))
            .take(),
        // Countries and their plans.
        new_table(Countries::Table)
            .col(pk_auto(Countries::Id))
            .col(char_len_uniq(Countries::Iso3, 3))
            .col(string(Countries::Name))
            .take(),
        new_table(Owners::Table)
            .col(pk_auto(Owners::Id))
            .col(integer(Owners::CountryId))
            .col(string(Owners::Code))
            .col(string(Owners::Name))
            .foreign_key(&mut fk(
                Owners::Table,
                Owners::CountryId,
                Countries::Table,
                Countries::Id,
                Cascade,
            ))
            .take(),
        new_table(ActionPlans::Table)
            .col(pk_auto(ActionPlans::Id))
            .col(integer(ActionPlans::CountryId))
            .col(string(ActionPlans::Title))
            .col(date(ActionPlans::PeriodStart))
            .col(date(ActionPlans::PeriodEnd))
            .col(
                string(ActionPlans::Status)
                    .default("draft")
                    .check(one_of(ActionPlans::Status, &PLAN_STATUSES)),
            )
            .col(timestamp_with_time_zone(ActionPlans::CreatedAt))
            .col(timestamp_with_time_zone(ActionPlans::UpdatedAt))
            .check(Expr::col(ActionPlans::PeriodStart).lte(Expr::col(ActionPlans::PeriodEnd)))
            .foreign_key(&mut fk(
                ActionPlans::Table,
                ActionPlans::CountryId,
                Countries::Table,
                Countries::Id,
                Cascade,
            ))
            .take(),
        new_table(Commitments::Table)
            .col(pk_auto(Commitments::Id))
            .col(integer(Commitments::PlanId))
            // The plan's own reference for the commitment ("C-04"): what workbooks are keyed on.
            .col(string(Commitments::Reference))
            .col(text(Commitments::Title))
            .col(text(Commitments::Description))
            .col(integer(Commitments::LeadOwnerId))
            .col(date(Commitments::StartDate))
            .col(date(Commitments::EndDate))
            .col(
                string(Commitments::Status)
                    .default("not_started")
                    .check(one_of(Commitments::Status, &STATUSES)),
            )
            .col(
                integer(Commitments::PercentComplete)
                    .default(0)
                    .check(percent(Commitments::PercentComplete)),
            )
            .col(integer(Commitments::Version).default(1))
            .col(timestamp_with_time_zone(Commitments::CreatedAt))
            .col(timestamp_with_time_zone(Commitments::UpdatedAt))
            .check(Expr::col(Commitments::StartDate).lte(Expr::col(Commitments::EndDate)))
            .foreign_key(&mut fk(
                Commitments::Table,
                Commitments::PlanId,
                ActionPlans::Table,
                ActionPlans::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                Commitments::Table,
                Commitments::LeadOwnerId,
                Owners::Table,
                Owners::Id,
                Restrict,
            ))
            .take(),
        new_table(CommitmentRecommendations::Table)
            .col(integer(CommitmentRecommendations::CommitmentId))
            .col(integer(CommitmentRecommendations::RecommendationId))
            .primary_key(
                Index::create()
                    .col(CommitmentRecommendations::CommitmentId)
                    .col(CommitmentRecommendations::RecommendationId),
            )
            .foreign_key(&mut fk(
                CommitmentRecommendations::Table,
                CommitmentRecommendations::CommitmentId,
                Commitments::Table,
                Commitments::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                CommitmentRecommendations::Table,
                CommitmentRecommendations::RecommendationId,
                Recommendations::Table,
                Recommendations::Id,
                Restrict,
            ))
            .take(),
        new_table(CommitmentSupportingOwners::Table)
            .col(integer(CommitmentSupportingOwners::CommitmentId))
            .col(integer(CommitmentSupportingOwners::OwnerId))
            .primary_key(
                Index::create()
                    .col(CommitmentSupportingOwners::CommitmentId)
                    .col(CommitmentSupportingOwners::OwnerId),
            )
            .foreign_key(&mut fk(
                CommitmentSupportingOwners::Table,
                CommitmentSupportingOwners::CommitmentId,
                Commitments::Table,
                Commitments::Id,
                Cascade,
            ))
            .foreign_key(&mut fk(
                CommitmentSupportingOwners::Table,
                CommitmentSupportingOwners::OwnerId,
                Owners::Table,
                Owners::Id,
                Restrict,
            ))
            .take(),
        new_table(Targets::Table)
            .col(pk_auto(Targets::Id))
            .col(integer(Targets::CommitmentId))
            .col(string(Targets::Indicator))
            .col(string(Targets::Unit))
            .col(double_null(Targets::BaselineValue))
            .col(date_null(Targets::BaselineDate))
            .col(double_null(Targets::TargetValue))
            .col(date_null(Targets::TargetDate))
            // Comma-separated dimensions the indicator is broken down by (sex, age, location,
            // group), as monitoring recommendation MEV-5 asks.
            .col(string_null(Targets::Disaggregation))
            .foreign_key(&mut fk(
                Targets::Table,
                Targets::CommitmentId,
                Commitments::Table,
                Commitments::Id,
                Cascade,
            ))
            .take(),
        // Progress and review.
        new_table(ImportBatches::Table)
            .col(pk_auto(ImportBatches::Id))
            .col(integer(ImportBatches::OwnerId))
            .col(integer(ImportBatches::UploaderId))
            .col(string(ImportBatches::FileName))
            .col(char_len(ImportBatches::Sha256, 64))
            .col(timestamp_with_time_zone(ImportBatches::UploadedAt))
            .col(integer(ImportBatches::RowsRead).default(0))
            .col(integer(ImportBatches::RowsAccepted).default(0))
            .col(integer(ImportBatches::RowsRejected).default(0))
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
            .take(),
        // Append-only: a correction is a new update, never an edit of an old one.
        new_table(ProgressUpdates::Table)
            .col(pk_auto(ProgressUpdates::Id))
            .col(integer(ProgressUpdates::CommitmentId))
            .col(date(ProgressUpdates::ReportingDate))
            .col(string(ProgressUpdates::Status).check(one_of(ProgressUpdates::Status, &STATUSES)))
            .col(
                integer(ProgressUpdates::PercentComplete)
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
        // Access.
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

fn unique<const N: usize>(
    name: &str,
    table: impl IntoIden,
    cols: [DynIden; N],
) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).unique().take();
    for col in cols {
        index.col(col);
    }
    index
}

fn lookup(name: &str, table: impl IntoIden, col: impl IntoIden) -> IndexCreateStatement {
    Index::create().name(name).table(table).col(col).take()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "uq_groups_framework_code",
            RecommendationGroups::Table,
            [
                RecommendationGroups::FrameworkId.into_iden(),
                RecommendationGroups::Code.into_iden(),
            ],
        ),
        unique(
            "uq_recommendations_group_number",
            Recommendations::Table,
            [
                Recommendations::GroupId.into_iden(),
                Recommendations::Number.into_iden(),
            ],
        ),
        unique(
            "uq_subitems_position",
            RecommendationSubitems::Table,
            [
                RecommendationSubitems::RecommendationId.into_iden(),
                RecommendationSubitems::Position.into_iden(),
            ],
        ),
        unique(
            "uq_owners_country_code",
            Owners::Table,
            [Owners::CountryId.into_iden(), Owners::Code.into_iden()],
        ),
        unique(
            "uq_commitments_plan_reference",
            Commitments::Table,
            [
                Commitments::PlanId.into_iden(),
                Commitments::Reference.into_iden(),
            ],
        ),
        unique(
            "uq_indicator_values_update_target",
            IndicatorValues::Table,
            [
                IndicatorValues::ProgressUpdateId.into_iden(),
                IndicatorValues::TargetId.into_iden(),
            ],
        ),
        lookup(
            "ix_plans_country",
            ActionPlans::Table,
            ActionPlans::CountryId,
        ),
        lookup(
            "ix_commitments_lead_owner",
            Commitments::Table,
            Commitments::LeadOwnerId,
        ),
        lookup(
            "ix_commitment_recommendations_recommendation",
            CommitmentRecommendations::Table,
            CommitmentRecommendations::RecommendationId,
        ),
        lookup(
            "ix_targets_commitment",
            Targets::Table,
            Targets::CommitmentId,
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
pub enum Frameworks {
    Table,
    Id,
    Code,
    Title,
    Source,
}

#[derive(DeriveIden)]
pub enum RecommendationGroups {
    Table,
    Id,
    FrameworkId,
    Code,
    Name,
    Level,
    Position,
}

#[derive(DeriveIden)]
pub enum Recommendations {
    Table,
    Id,
    GroupId,
    Code,
    Number,
    Text,
}

#[derive(DeriveIden)]
pub enum RecommendationSubitems {
    Table,
    Id,
    RecommendationId,
    Position,
    Text,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    IsActive,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Id,
    Iso3,
    Name,
}

#[derive(DeriveIden)]
enum Owners {
    Table,
    Id,
    CountryId,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum ActionPlans {
    Table,
    Id,
    CountryId,
    Title,
    PeriodStart,
    PeriodEnd,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Commitments {
    Table,
    Id,
    PlanId,
    Reference,
    Title,
    Description,
    LeadOwnerId,
    StartDate,
    EndDate,
    Status,
    PercentComplete,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommitmentRecommendations {
    Table,
    CommitmentId,
    RecommendationId,
}

#[derive(DeriveIden)]
enum CommitmentSupportingOwners {
    Table,
    CommitmentId,
    OwnerId,
}

#[derive(DeriveIden)]
enum Targets {
    Table,
    Id,
    CommitmentId,
    Indicator,
    Unit,
    BaselineValue,
    BaselineDate,
    TargetValue,
    TargetDate,
    Disaggregation,
}

#[derive(DeriveIden)]
enum ImportBatches {
    Table,
    Id,
    OwnerId,
    UploaderId,
    FileName,
    Sha256,
    UploadedAt,
    RowsRead,
    RowsAccepted,
    RowsRejected,
    State,
}

#[derive(DeriveIden)]
enum ProgressUpdates {
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
enum IndicatorValues {
    Table,
    Id,
    ProgressUpdateId,
    TargetId,
    Value,
}

#[derive(DeriveIden)]
enum EvidenceLinks {
    Table,
    Id,
    ProgressUpdateId,
    Url,
    Label,
}

#[derive(DeriveIden)]
enum Assessments {
    Table,
    Id,
    CommitmentId,
    ReviewerId,
    Status,
    Narrative,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleMemberships {
    Table,
    Id,
    UserId,
    Role,
    CountryId,
    OwnerId,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
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
