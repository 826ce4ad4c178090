//! Countries and their national action plans: owners, commitments, the recommendations they
//! answer, and their targets.

use sea_orm_migration::{prelude::*, schema::*};

use super::catalogue::Recommendations;
use super::{fk, lookup, new_table, one_of, percent, unique, PLAN_STATUSES, STATUSES};

pub(super) fn tables() -> Vec<TableCreateStatement> {
    use ForeignKeyAction::{Cascade, Restrict};
    vec![
        new_table(Countries::Table)
            .col(pk_auto(Countries::Id))
            .col(char_len_uniq(Countries::Iso3, 3))
            .col(string(Countries::Name))
            // Demonstration data is labelled as such on every page while any of it is loaded.
            .col(boolean(Countries::IsDemo).default(false))
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
            // Unknown until someone reports it: roll-ups must not read "not reported" as 0 %.
            .col(
                integer_null(Commitments::PercentComplete)
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
    ]
}

pub(super) fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "uq_owners_country_code",
            Owners::Table,
            [Owners::CountryId.into_iden(), Owners::Code.into_iden()],
        ),
        lookup(
            "ix_plans_country",
            ActionPlans::Table,
            ActionPlans::CountryId,
        ),
        unique(
            "uq_commitments_plan_reference",
            Commitments::Table,
            [
                Commitments::PlanId.into_iden(),
                Commitments::Reference.into_iden(),
            ],
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
    ]
}

#[derive(DeriveIden)]
pub enum Countries {
    Table,
    Id,
    Iso3,
    Name,
    IsDemo,
}

#[derive(DeriveIden)]
pub enum Owners {
    Table,
    Id,
    CountryId,
    Code,
    Name,
}

#[derive(DeriveIden)]
pub enum ActionPlans {
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
pub enum Commitments {
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
pub enum CommitmentRecommendations {
    Table,
    CommitmentId,
    RecommendationId,
}

#[derive(DeriveIden)]
pub enum CommitmentSupportingOwners {
    Table,
    CommitmentId,
    OwnerId,
}

#[derive(DeriveIden)]
pub enum Targets {
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
