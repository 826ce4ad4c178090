//! The recommendation catalogue: frameworks, their groups, recommendations and sub-items.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, new_table, one_of, unique, LEVELS};

pub(super) fn tables() -> Vec<TableCreateStatement> {
    use ForeignKeyAction::Cascade;
    vec![
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
    ]
}

pub(super) fn indexes() -> Vec<IndexCreateStatement> {
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
