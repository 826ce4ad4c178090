//! The review queue: submitted updates in the countries a reviewer reviews, oldest first, with
//! the database doing the filtering (a country can have hundreds of thousands of updates).

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::{Queue, QueueFilter, QueueItem, QUEUE_PAGE};
use crate::accounts::Actor;
use crate::catalogue::entities::{group, recommendation};
use crate::plans::entities::{action_plan, commitment, commitment_recommendation, country, owner};
use crate::progress::entities::progress_update;
use crate::progress::store::updates_where;
use crate::refusal::{Refusal, WriteError};

/// The ids of the commitments in the queue's scope and filter.
fn commitments_selected(scope: Option<Vec<i32>>, filter: &QueueFilter) -> SelectStatement {
    let mut plans = Query::select()
        .column(action_plan::Column::Id)
        .from(action_plan::Entity)
        .to_owned();
    if let Some(countries) = scope {
        plans.and_where(action_plan::Column::CountryId.is_in(countries));
    }
    let country_named = |iso3: &str| {
        Query::select()
            .column(country::Column::Id)
            .from(country::Entity)
            .and_where(country::Column::Iso3.eq(iso3.trim().to_uppercase()))
            .to_owned()
    };
    if let Some(iso3) = &filter.country {
        plans.and_where(action_plan::Column::CountryId.in_subquery(country_named(iso3)));
    }
    let mut commitments = Query::select()
        .column(commitment::Column::Id)
        .from(commitment::Entity)
        .and_where(commitment::Column::PlanId.in_subquery(plans))
        .to_owned();
    if let Some(code) = &filter.owner {
        let mut owners = Query::select()
            .column(owner::Column::Id)
            .from(owner::Entity)
            .and_where(owner::Column::Code.eq(code.trim().to_uppercase()))
            .to_owned();
        if let Some(iso3) = &filter.country {
            owners.and_where(owner::Column::CountryId.in_subquery(country_named(iso3)));
        }
        commitments.and_where(commitment::Column::LeadOwnerId.in_subquery(owners));
    }
    if let Some(id) = filter.commitment {
        commitments.and_where(commitment::Column::Id.eq(id));
    }
    if let Some(code) = &filter.group {
        let groups = Query::select()
            .column(group::Column::Id)
            .from(group::Entity)
            .and_where(group::Column::Code.eq(code.trim().to_uppercase()))
            .to_owned();
        let recommendations = Query::select()
            .column(recommendation::Column::Id)
            .from(recommendation::Entity)
            .and_where(recommendation::Column::GroupId.in_subquery(groups))
            .to_owned();
        let answering = Query::select()
            .column(commitment_recommendation::Column::CommitmentId)
            .from(commitment_recommendation::Entity)
            .and_where(
                commitment_recommendation::Column::RecommendationId.in_subquery(recommendations),
            )
            .to_owned();
        commitments.and_where(commitment::Column::Id.in_subquery(answering));
    }
    commitments
}

/// The oldest `QUEUE_PAGE` submitted updates `filter` selects among those `actor` reviews.
/// Refused to anyone who reviews no country.
pub async fn queue(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &QueueFilter,
    now: DateTime<Utc>,
) -> Result<Queue, WriteError> {
    let scope = actor.reviewed_countries();
    if scope.as_ref().is_some_and(Vec::is_empty) {
        return Err(Refusal::Forbidden(
            "only reviewers of the Commission for Social Development see the review queue".into(),
        )
        .into());
    }
    let mut countries = country::Entity::find().order_by_asc(country::Column::Name);
    if let Some(ids) = &scope {
        countries = countries.filter(country::Column::Id.is_in(ids.iter().copied()));
    }
    let countries = countries
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.iso3, c.name))
        .collect();
    let groups = group::Entity::find()
        .order_by_asc(group::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code, g.name))
        .collect();
    let mut waiting = progress_update::Entity::find()
        .filter(progress_update::Column::ReviewState.eq("submitted"))
        .filter(
            progress_update::Column::CommitmentId.in_subquery(commitments_selected(scope, filter)),
        );
    if let Some(days) = filter.waiting_days {
        let before = now - TimeDelta::days(i64::from(days));
        waiting = waiting.filter(progress_update::Column::CreatedAt.lte(before));
    }
    let total = waiting.clone().count(db).await?;
    let oldest: Vec<i32> = waiting
        .order_by_asc(progress_update::Column::CreatedAt)
        .order_by_asc(progress_update::Column::Id)
        .limit(QUEUE_PAGE)
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let items = describe(db, &oldest, now).await?;
    Ok(Queue {
        items,
        total,
        countries,
        groups,
    })
}

/// The updates `ids` with their commitment, country and owner, in the order of `ids`.
async fn describe(
    db: &impl ConnectionTrait,
    ids: &[i32],
    now: DateTime<Utc>,
) -> Result<Vec<QueueItem>, DbErr> {
    let mut updates: HashMap<i32, _> = updates_where(
        db,
        Condition::all().add(progress_update::Column::Id.is_in(ids.iter().copied())),
    )
    .await?
    .into_iter()
    .flat_map(|(commitment_id, list)| list.into_iter().map(move |u| (u.id, (commitment_id, u))))
    .collect();
    let commitment_ids: Vec<i32> = updates.values().map(|(c, _)| *c).collect();
    let commitments: HashMap<i32, commitment::Model> = commitment::Entity::find()
        .filter(commitment::Column::Id.is_in(commitment_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let plans: HashMap<i32, action_plan::Model> = action_plan::Entity::find()
        .filter(action_plan::Column::Id.is_in(commitments.values().map(|c| c.plan_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let countries: HashMap<i32, country::Model> = country::Entity::find()
        .filter(country::Column::Id.is_in(plans.values().map(|p| p.country_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let owners: HashMap<i32, owner::Model> = owner::Entity::find()
        .filter(owner::Column::Id.is_in(commitments.values().map(|c| c.lead_owner_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let Some((commitment_id, update)) = updates.remove(id) else {
            continue;
        };
        let Some(c) = commitments.get(&commitment_id) else {
            continue;
        };
        let place = plans
            .get(&c.plan_id)
            .and_then(|p| countries.get(&p.country_id));
        let lead = owners.get(&c.lead_owner_id);
        items.push(QueueItem {
            waiting_days: (now - update.created_at).num_days(),
            update,
            commitment_id,
            reference: c.reference.clone(),
            title: c.title.clone(),
            country: place.map(|p| p.iso3.clone()).unwrap_or_default(),
            country_name: place.map(|p| p.name.clone()).unwrap_or_default(),
            owner: lead.map(|o| o.code.clone()).unwrap_or_default(),
            owner_name: lead.map(|o| o.name.clone()).unwrap_or_default(),
        });
    }
    Ok(items)
}

/// How many updates awaiting review arrived since `since` (all of them when `None`) in the
/// countries `actor` reviews; `None` for someone who reviews no country.
pub async fn arrived_since(
    db: &impl ConnectionTrait,
    actor: &Actor,
    since: Option<DateTime<Utc>>,
) -> Result<Option<u64>, DbErr> {
    let scope = actor.reviewed_countries();
    if scope.as_ref().is_some_and(Vec::is_empty) {
        return Ok(None);
    }
    let mut arrived = progress_update::Entity::find()
        .filter(progress_update::Column::ReviewState.eq("submitted"))
        .filter(
            progress_update::Column::CommitmentId
                .in_subquery(commitments_selected(scope, &QueueFilter::default())),
        );
    if let Some(since) = since {
        arrived = arrived.filter(progress_update::Column::CreatedAt.gt(since));
    }
    arrived.count(db).await.map(Some)
}
