//! Finding published commitments with the database doing the filtering, so that a search
//! over sixty thousand commitments reads only what it lists.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};

use super::assemble;
use crate::catalogue::entities::{group, recommendation};
use crate::plans::entities::{action_plan, commitment, commitment_recommendation, country, owner};
use crate::plans::search::{CommitmentQuery, Found, SEARCH_LIMIT};
use crate::plans::{PlanStatus, Status};

/// `column` contains `words`, ignoring case on every database.
fn contains(column: impl sea_orm::sea_query::IntoColumnRef, words: &str) -> SimpleExpr {
    let escaped = words
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Func::lower(Expr::col(column))
        .like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// The published commitments matching `query`.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &CommitmentQuery,
    today: NaiveDate,
) -> Result<Found, DbErr> {
    let published = action_plan::Entity::find()
        .select_only()
        .column(action_plan::Column::Id)
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .into_query();
    let mut find =
        commitment::Entity::find().filter(commitment::Column::PlanId.in_subquery(published));
    let words = query.q.trim();
    if !words.is_empty() {
        let owners = owner::Entity::find()
            .select_only()
            .column(owner::Column::Id)
            .filter(
                Condition::any()
                    .add(contains((owner::Entity, owner::Column::Name), words))
                    .add(contains((owner::Entity, owner::Column::Code), words)),
            )
            .into_query();
        let countries = country::Entity::find()
            .select_only()
            .column(country::Column::Id)
            .filter(
                Condition::any()
                    .add(contains((country::Entity, country::Column::Name), words))
                    .add(contains((country::Entity, country::Column::Iso3), words)),
            )
            .into_query();
        let plans_of_countries = action_plan::Entity::find()
            .select_only()
            .column(action_plan::Column::Id)
            .filter(action_plan::Column::CountryId.in_subquery(countries))
            .into_query();
        find = find.filter(
            Condition::any()
                .add(contains(
                    (commitment::Entity, commitment::Column::Title),
                    words,
                ))
                .add(contains(
                    (commitment::Entity, commitment::Column::Description),
                    words,
                ))
                .add(contains(
                    (commitment::Entity, commitment::Column::Reference),
                    words,
                ))
                .add(commitment::Column::LeadOwnerId.in_subquery(owners))
                .add(commitment::Column::PlanId.in_subquery(plans_of_countries)),
        );
    }
    if let Ok(status) = query.status.parse::<Status>() {
        find = find.filter(commitment::Column::Status.eq(status.as_str()));
    }
    if !query.group.trim().is_empty() {
        let groups = group::Entity::find()
            .select_only()
            .column(group::Column::Id)
            .filter(group::Column::Code.eq(query.group.trim().to_ascii_uppercase()))
            .into_query();
        let recommendations = recommendation::Entity::find()
            .select_only()
            .column(recommendation::Column::Id)
            .filter(recommendation::Column::GroupId.in_subquery(groups))
            .into_query();
        let answering = commitment_recommendation::Entity::find()
            .select_only()
            .column(commitment_recommendation::Column::CommitmentId)
            .filter(
                commitment_recommendation::Column::RecommendationId.in_subquery(recommendations),
            )
            .into_query();
        find = find.filter(commitment::Column::Id.in_subquery(answering));
    }
    if query.overdue {
        find = find.filter(commitment::Column::EndDate.lt(today)).filter(
            commitment::Column::Status.is_in([
                Status::NotStarted.as_str(),
                Status::Limited.as_str(),
                Status::Substantial.as_str(),
            ]),
        );
    }
    let total = find.clone().count(db).await?;
    let rows = find
        .order_by_asc(commitment::Column::PlanId)
        .order_by_asc(commitment::Column::Reference)
        .limit(SEARCH_LIMIT)
        .all(db)
        .await?;
    let mut commitments = assemble(db, rows, today).await?;
    commitments
        .sort_by(|a, b| (&a.country_name, &a.reference).cmp(&(&b.country_name, &b.reference)));
    Ok(Found { commitments, total })
}
