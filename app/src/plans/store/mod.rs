//! Reading countries, plans and commitments. Published plans are public; drafts are read only
//! by the people who work on them (see `accounts::permissions`).

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::accounts::Actor;
use crate::catalogue::entities::{group, recommendation};
use crate::plans::entities::{action_plan, commitment, commitment_recommendation, country};
use crate::plans::{
    normalise_iso3, Commitment, CommitmentDetail, CountryPlans, CountrySummary, Plan, PlanStatus,
};
use crate::progress::store::history;

mod assemble;
mod search;
mod work;

pub(crate) use assemble::assemble;
pub use search::search;
pub use work::{country_for_editing, may_report, plan_for_editing, work_of};

/// The country with the ISO3 code `iso3`, however it is typed (`ken`, ` KEN `).
pub async fn country_by_iso3(
    db: &impl ConnectionTrait,
    iso3: &str,
) -> Result<Option<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Iso3.eq(normalise_iso3(iso3)))
        .one(db)
        .await
}

/// Every country, by name, with the number of commitments in its published plans.
pub async fn countries(db: &impl ConnectionTrait) -> Result<Vec<CountrySummary>, DbErr> {
    let all = country::Entity::find()
        .order_by_asc(country::Column::Name)
        .all(db)
        .await?;
    let published = action_plan::Entity::find()
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> = commitment::Entity::find()
        .select_only()
        .column(commitment::Column::PlanId)
        .column_as(commitment::Column::Id.count(), "n")
        .filter(commitment::Column::PlanId.is_in(published.iter().map(|p| p.id)))
        .group_by(commitment::Column::PlanId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut by_country: HashMap<i32, u64> = HashMap::new();
    for plan in &published {
        let n = counts.get(&plan.id).copied().unwrap_or(0);
        *by_country.entry(plan.country_id).or_default() += u64::try_from(n).unwrap_or(0);
    }
    Ok(all
        .into_iter()
        .map(|c| CountrySummary {
            commitments: by_country.get(&c.id).copied().unwrap_or(0),
            region: c.region.and_then(|r| r.parse().ok()),
            iso3: c.iso3,
            name: c.name,
        })
        .collect())
}

/// Whether any demonstration data is loaded (every page then says so).
pub async fn has_demo_data(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(country::Entity::find()
        .filter(country::Column::IsDemo.eq(true))
        .one(db)
        .await?
        .is_some())
}

/// A country with the plans `viewer` may read, newest first, and their commitments.
pub async fn country_plans(
    db: &impl ConnectionTrait,
    iso3: &str,
    viewer: Option<&Actor>,
    today: NaiveDate,
) -> Result<Option<CountryPlans>, DbErr> {
    let Some(found) = country_by_iso3(db, iso3).await? else {
        return Ok(None);
    };
    let mut query = action_plan::Entity::find().filter(action_plan::Column::CountryId.eq(found.id));
    if !viewer.is_some_and(|v| v.reads_drafts_of(found.id)) {
        query = query.filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()));
    }
    let plans = query
        .order_by_desc(action_plan::Column::PeriodStart)
        .all(db)
        .await?;
    let rows = commitment::Entity::find()
        .filter(commitment::Column::PlanId.is_in(plans.iter().map(|p| p.id)))
        .order_by_asc(commitment::Column::Reference)
        .all(db)
        .await?;
    let commitments = assemble(db, rows, today).await?;
    let groups = group::Entity::find()
        .order_by_asc(group::Column::FrameworkId)
        .order_by_asc(group::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code, g.name))
        .collect::<Vec<_>>();
    Ok(Some(CountryPlans {
        iso3: found.iso3,
        name: found.name,
        plans: plans.into_iter().map(plan_view).collect(),
        by_group: crate::overview::by_group(&commitments, &groups),
        owners: crate::overview::owner_board(&commitments, today),
        today,
        commitments,
        groups,
    }))
}

/// One commitment with its history, if it exists and `viewer` may read it.
pub async fn commitment_detail(
    db: &impl ConnectionTrait,
    id: i32,
    viewer: Option<&Actor>,
    today: NaiveDate,
) -> Result<Option<CommitmentDetail>, DbErr> {
    let Some(row) = commitment::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(plan) = action_plan::Entity::find_by_id(row.plan_id).one(db).await? else {
        return Ok(None);
    };
    let status = plan_view(plan.clone()).status;
    if status == PlanStatus::Draft && !viewer.is_some_and(|v| v.reads_drafts_of(plan.country_id)) {
        return Ok(None);
    }
    let mut updates = history(db, &[id]).await?;
    let Some(commitment) = assemble(db, vec![row], today).await?.pop() else {
        return Ok(None);
    };
    let assessments = crate::review::assess::assessments_of(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let civil_society = crate::civil_society::shadow::of_commitments(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(Some(CommitmentDetail {
        commitment,
        plan_status: status,
        updates: updates.remove(&id).unwrap_or_default(),
        assessments,
        civil_society,
    }))
}

/// The id of the country whose plan holds commitment `id`.
pub async fn country_of_commitment(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<i32>, DbErr> {
    let Some(row) = commitment::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(action_plan::Entity::find_by_id(row.plan_id)
        .one(db)
        .await?
        .map(|plan| plan.country_id))
}

/// Every published commitment that answers the recommendation `code`, by country.
pub async fn answering(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
) -> Result<Vec<Commitment>, DbErr> {
    let Some(found) = recommendation::Entity::find()
        .filter(recommendation::Column::Code.eq(crate::catalogue::normalise_code(code)))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let ids: Vec<i32> = commitment_recommendation::Entity::find()
        .filter(commitment_recommendation::Column::RecommendationId.eq(found.id))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.commitment_id)
        .collect();
    let published: Vec<i32> = action_plan::Entity::find()
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let rows = commitment::Entity::find()
        .filter(commitment::Column::Id.is_in(ids))
        .filter(commitment::Column::PlanId.is_in(published))
        .all(db)
        .await?;
    let mut commitments = assemble(db, rows, today).await?;
    commitments
        .sort_by(|a, b| (&a.country_name, &a.reference).cmp(&(&b.country_name, &b.reference)));
    Ok(commitments)
}

pub(super) fn plan_view(plan: action_plan::Model) -> Plan {
    Plan {
        id: plan.id,
        title: plan.title,
        period_start: plan.period_start,
        period_end: plan.period_end,
        status: if plan.status == PlanStatus::Published.as_str() {
            PlanStatus::Published
        } else {
            PlanStatus::Draft
        },
    }
}
