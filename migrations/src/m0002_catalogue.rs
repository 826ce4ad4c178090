//! Loads the EGM 2008 recommendation catalogue.
//!
//! Every insert skips rows that already exist (matched on their natural keys), so loading the
//! catalogue into a database that already holds it adds nothing.

use sea_orm_migration::prelude::*;

use crate::catalogue::{self, Catalogue};
use crate::m0001_schema::{
    Frameworks, RecommendationGroups, RecommendationSubitems, Recommendations,
};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_catalogue"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let catalogue = catalogue::egm_2008()
            .map_err(|e| DbErr::Migration(format!("catalogue/egm-2008.json is invalid: {e}")))?;
        load(manager.get_connection(), &catalogue).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let catalogue = catalogue::egm_2008()
            .map_err(|e| DbErr::Migration(format!("catalogue/egm-2008.json is invalid: {e}")))?;
        // Groups, recommendations and sub-items go with the framework (ON DELETE CASCADE).
        let delete = Query::delete()
            .from_table(Frameworks::Table)
            .and_where(Expr::col(Frameworks::Code).eq(catalogue.framework.code))
            .take();
        manager.get_connection().execute(&delete).await?;
        Ok(())
    }
}

/// Inserts the catalogue, keeping whatever part of it is already there.
pub async fn load(db: &impl ConnectionTrait, catalogue: &Catalogue) -> Result<(), DbErr> {
    let framework = &catalogue.framework;
    insert_missing(
        db,
        Query::insert()
            .into_table(Frameworks::Table)
            .columns([Frameworks::Code, Frameworks::Title, Frameworks::Source])
            .values_panic([
                framework.code.as_str().into(),
                framework.title.as_str().into(),
                framework.source.as_str().into(),
            ])
            .on_conflict(OnConflict::column(Frameworks::Code).do_nothing().to_owned())
            .take(),
    )
    .await?;
    let framework_id = id_of(
        db,
        Frameworks::Table,
        Frameworks::Id,
        Expr::col(Frameworks::Code).eq(framework.code.as_str()),
    )
    .await?;

    for (position, group) in (1..).zip(&catalogue.groups) {
        insert_missing(
            db,
            Query::insert()
                .into_table(RecommendationGroups::Table)
                .columns([
                    RecommendationGroups::FrameworkId,
                    RecommendationGroups::Code,
                    RecommendationGroups::Name,
                    RecommendationGroups::Level,
                    RecommendationGroups::Position,
                ])
                .values_panic([
                    framework_id.into(),
                    group.code.as_str().into(),
                    group.name.as_str().into(),
                    group.level.as_str().into(),
                    position.into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        RecommendationGroups::FrameworkId,
                        RecommendationGroups::Code,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .take(),
        )
        .await?;
        let group_id = id_of(
            db,
            RecommendationGroups::Table,
            RecommendationGroups::Id,
            Expr::col(RecommendationGroups::FrameworkId)
                .eq(framework_id)
                .and(Expr::col(RecommendationGroups::Code).eq(group.code.as_str())),
        )
        .await?;

        for recommendation in &group.recommendations {
            let code = recommendation.code(group);
            insert_missing(
                db,
                Query::insert()
                    .into_table(Recommendations::Table)
                    .columns([
                        Recommendations::GroupId,
                        Recommendations::Code,
                        Recommendations::Number,
                        Recommendations::Text,
                    ])
                    .values_panic([
                        group_id.into(),
                        code.as_str().into(),
                        recommendation.number.into(),
                        recommendation.text.as_str().into(),
                    ])
                    .on_conflict(
                        OnConflict::column(Recommendations::Code)
                            .do_nothing()
                            .to_owned(),
                    )
                    .take(),
            )
            .await?;
            let recommendation_id = id_of(
                db,
                Recommendations::Table,
                Recommendations::Id,
                Expr::col(Recommendations::Code).eq(code.as_str()),
            )
            .await?;

            for (position, subitem) in (1..).zip(&recommendation.subitems) {
                insert_missing(
                    db,
                    Query::insert()
                        .into_table(RecommendationSubitems::Table)
                        .columns([
                            RecommendationSubitems::RecommendationId,
                            RecommendationSubitems::Position,
                            RecommendationSubitems::Text,
                        ])
                        .values_panic([
                            recommendation_id.into(),
                            position.into(),
                            subitem.as_str().into(),
                        ])
                        .on_conflict(
                            OnConflict::columns([
                                RecommendationSubitems::RecommendationId,
                                RecommendationSubitems::Position,
                            ])
                            .do_nothing()
                            .to_owned(),
                        )
                        .take(),
                )
                .await?;
            }
        }
    }
    Ok(())
}

async fn insert_missing(db: &impl ConnectionTrait, insert: InsertStatement) -> Result<(), DbErr> {
    db.execute(&insert).await.map(|_| ())
}

async fn id_of(
    db: &impl ConnectionTrait,
    table: impl IntoIden,
    id: impl IntoIden,
    condition: SimpleExpr,
) -> Result<i32, DbErr> {
    let select = Query::select()
        .column(id)
        .from(table)
        .and_where(condition)
        .take();
    let row = db
        .query_one(&select)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("catalogue row just inserted".to_owned()))?;
    row.try_get_by_index(0)
}
