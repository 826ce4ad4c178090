//! What signed-in people work on and may edit.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::accounts::Actor;
use crate::plans::entities::{action_plan, commitment, country, owner};
use crate::plans::{Commitment, OwnerRef, Plan};

use super::assemble;
use super::{country_by_iso3, plan_view};

/// What a signed-in person works on: the commitments they report on (focal points: their
/// owners'; coordinators: their country's), most urgent first, and the plans they build.
pub async fn work_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    today: NaiveDate,
) -> Result<(Vec<Commitment>, Vec<(Plan, String)>), DbErr> {
    let Actor::Person(caller) = actor else {
        return Ok((Vec::new(), Vec::new()));
    };
    let owners: Vec<i32> = caller
        .memberships
        .iter()
        .filter(|m| m.role == crate::accounts::Role::FocalPoint)
        .filter_map(|m| m.owner_id)
        .collect();
    let countries: Vec<i32> = caller
        .memberships
        .iter()
        .filter(|m| m.role == crate::accounts::Role::Coordinator)
        .filter_map(|m| m.country_id)
        .collect();
    let plans = action_plan::Entity::find()
        .filter(action_plan::Column::CountryId.is_in(countries.iter().copied()))
        .order_by_desc(action_plan::Column::PeriodStart)
        .all(db)
        .await?;
    let mut rows = commitment::Entity::find()
        .filter(
            commitment::Column::LeadOwnerId
                .is_in(owners)
                .or(commitment::Column::PlanId.is_in(plans.iter().map(|p| p.id))),
        )
        .all(db)
        .await?;
    rows.sort_by_key(|c| c.id);
    let mut commitments = assemble(db, rows, today).await?;
    // Overdue first (longest overdue on top), then due soon (soonest first), then open ones
    // not updated for longest; closed ones last.
    commitments.sort_by_key(|c| {
        let rank = if c.overdue {
            0
        } else if c.due_soon {
            1
        } else if c.status.is_open() {
            2
        } else {
            3
        };
        let within = match rank {
            0 | 1 => c.end_date,
            _ => c.last_reported.unwrap_or(NaiveDate::MIN),
        };
        (rank, within, c.id)
    });
    let names: HashMap<i32, String> = country::Entity::find()
        .filter(country::Column::Id.is_in(countries))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let plans = plans
        .into_iter()
        .map(|p| {
            let name = names.get(&p.country_id).cloned().unwrap_or_default();
            (plan_view(p), name)
        })
        .collect();
    Ok((commitments, plans))
}

/// Whether `actor` may report progress on commitment `id`.
pub async fn may_report(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<bool, DbErr> {
    let Some(row) = commitment::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    let Some(plan) = action_plan::Entity::find_by_id(row.plan_id).one(db).await? else {
        return Ok(false);
    };
    Ok(actor.reports_for(plan.country_id, row.lead_owner_id))
}

/// A plan with its country's name and owners, if `actor` may add commitments to it.
pub async fn plan_for_editing(
    db: &impl ConnectionTrait,
    actor: &Actor,
    plan_id: i32,
) -> Result<Option<(Plan, String, Vec<OwnerRef>)>, DbErr> {
    let Some(plan) = action_plan::Entity::find_by_id(plan_id).one(db).await? else {
        return Ok(None);
    };
    if !actor.coordinates(plan.country_id) {
        return Ok(None);
    }
    let name = country::Entity::find_by_id(plan.country_id)
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let owners = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(plan.country_id))
        .order_by_asc(owner::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OwnerRef {
            code: o.code,
            name: o.name,
        })
        .collect();
    Ok(Some((plan_view(plan), name, owners)))
}

/// A country's plans (drafts included) and owners, if `actor` coordinates it.
pub async fn country_for_editing(
    db: &impl ConnectionTrait,
    actor: &Actor,
    iso3: &str,
) -> Result<Option<(String, Vec<Plan>, Vec<OwnerRef>)>, DbErr> {
    let Some(found) = country_by_iso3(db, iso3).await? else {
        return Ok(None);
    };
    if !actor.coordinates(found.id) {
        return Ok(None);
    }
    let plans = action_plan::Entity::find()
        .filter(action_plan::Column::CountryId.eq(found.id))
        .order_by_desc(action_plan::Column::PeriodStart)
        .all(db)
        .await?
        .into_iter()
        .map(plan_view)
        .collect();
    let owners = owner::Entity::find()
        .filter(owner::Column::CountryId.eq(found.id))
        .order_by_asc(owner::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OwnerRef {
            code: o.code,
            name: o.name,
        })
        .collect();
    Ok(Some((found.name, plans, owners)))
}
