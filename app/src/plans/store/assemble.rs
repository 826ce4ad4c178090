//! Building full commitments from their rows, reading each related table once for all rows.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::catalogue::entities::recommendation;
use crate::plans::entities::{
    action_plan, commitment, commitment_recommendation, country, owner, supporting_owner, target,
};
use crate::plans::{is_due_soon, is_overdue, Commitment, OwnerRef, Status, Target};
use crate::progress::entities::{indicator_value, progress_update};

/// Builds full commitments from rows: recommendations, owners, targets and latest values,
/// each read once for all the rows.
pub(crate) async fn assemble(
    db: &impl ConnectionTrait,
    rows: Vec<commitment::Model>,
    today: NaiveDate,
) -> Result<Vec<Commitment>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let plans: HashMap<i32, action_plan::Model> = action_plan::Entity::find()
        .filter(action_plan::Column::Id.is_in(rows.iter().map(|c| c.plan_id)))
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

    let links = commitment_recommendation::Entity::find()
        .filter(commitment_recommendation::Column::CommitmentId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    // Sorted in the report's order: by group, then by number.
    let codes: HashMap<i32, ((i32, i32), String)> = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(links.iter().map(|l| l.recommendation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, ((r.group_id, r.number), r.code)))
        .collect();
    let mut recommendations: HashMap<i32, Vec<((i32, i32), String)>> = HashMap::new();
    for link in links {
        if let Some(code) = codes.get(&link.recommendation_id) {
            recommendations
                .entry(link.commitment_id)
                .or_default()
                .push(code.clone());
        }
    }

    let supporting = supporting_owner::Entity::find()
        .filter(supporting_owner::Column::CommitmentId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let owners: HashMap<i32, OwnerRef> = owner::Entity::find()
        .filter(
            owner::Column::Id.is_in(
                rows.iter()
                    .map(|c| c.lead_owner_id)
                    .chain(supporting.iter().map(|s| s.owner_id)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|o| {
            (
                o.id,
                OwnerRef {
                    code: o.code,
                    name: o.name,
                },
            )
        })
        .collect();
    let mut supporting_by: HashMap<i32, Vec<OwnerRef>> = HashMap::new();
    for s in supporting {
        if let Some(o) = owners.get(&s.owner_id) {
            supporting_by
                .entry(s.commitment_id)
                .or_default()
                .push(o.clone());
        }
    }

    let (mut targets, last_reported) = targets_of(db, &ids).await?;

    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(plan) = plans.get(&row.plan_id) else {
            continue;
        };
        let Some(country) = countries.get(&plan.country_id) else {
            continue;
        };
        let status: Status = row.status.parse().unwrap_or_default();
        let mut recs = recommendations.remove(&row.id).unwrap_or_default();
        recs.sort();
        let mut supporting_owners = supporting_by.remove(&row.id).unwrap_or_default();
        supporting_owners.sort_by(|a, b| a.code.cmp(&b.code));
        out.push(Commitment {
            id: row.id,
            reference: row.reference,
            country: country.iso3.clone(),
            country_name: country.name.clone(),
            plan_id: row.plan_id,
            title: row.title,
            description: row.description,
            recommendations: recs.into_iter().map(|(_, code)| code).collect(),
            lead_owner: owners.get(&row.lead_owner_id).cloned().unwrap_or(OwnerRef {
                code: String::new(),
                name: String::new(),
            }),
            supporting_owners,
            start_date: row.start_date,
            end_date: row.end_date,
            status,
            percent_complete: row.percent_complete,
            overdue: is_overdue(status, row.end_date, today),
            due_soon: is_due_soon(status, row.end_date, today),
            last_reported: last_reported.get(&row.id).copied(),
            version: row.version,
            targets: targets.remove(&row.id).unwrap_or_default(),
        });
    }
    Ok(out)
}

type TargetsAndDates = (HashMap<i32, Vec<Target>>, HashMap<i32, NaiveDate>);

/// Targets with the latest value reported for each, and the latest reporting date of each
/// commitment.
async fn targets_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<TargetsAndDates, DbErr> {
    // Only the columns needed: years of monthly reports are thousands of rows per country,
    // and their narratives are not read here.
    let updates: Vec<(i32, i32, NaiveDate)> = progress_update::Entity::find()
        .select_only()
        .columns([
            progress_update::Column::Id,
            progress_update::Column::CommitmentId,
            progress_update::Column::ReportingDate,
        ])
        .filter(progress_update::Column::CommitmentId.is_in(ids.iter().copied()))
        .order_by_asc(progress_update::Column::ReportingDate)
        .order_by_asc(progress_update::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut last_reported = HashMap::new();
    let mut order: HashMap<i32, usize> = HashMap::new();
    for (position, (id, commitment_id, reporting_date)) in updates.iter().enumerate() {
        last_reported.insert(*commitment_id, *reporting_date);
        order.insert(*id, position);
    }
    let mut latest: BTreeMap<i32, (usize, f64)> = BTreeMap::new();
    let values: Vec<(i32, i32, f64)> = indicator_value::Entity::find()
        .select_only()
        .columns([
            indicator_value::Column::ProgressUpdateId,
            indicator_value::Column::TargetId,
            indicator_value::Column::Value,
        ])
        .filter(indicator_value::Column::ProgressUpdateId.is_in(updates.iter().map(|u| u.0)))
        .into_tuple()
        .all(db)
        .await?;
    for (update_id, target_id, value) in values {
        let position = order.get(&update_id).copied().unwrap_or(0);
        let newer = latest
            .get(&target_id)
            .is_none_or(|(seen, _)| position >= *seen);
        if newer {
            latest.insert(target_id, (position, value));
        }
    }
    let mut targets: HashMap<i32, Vec<Target>> = HashMap::new();
    for t in target::Entity::find()
        .filter(target::Column::CommitmentId.is_in(ids.iter().copied()))
        .order_by_asc(target::Column::Id)
        .all(db)
        .await?
    {
        targets.entry(t.commitment_id).or_default().push(Target {
            id: t.id,
            indicator: t.indicator,
            unit: t.unit,
            baseline_value: t.baseline_value,
            baseline_date: t.baseline_date,
            target_value: t.target_value,
            target_date: t.target_date,
            disaggregation: t
                .disaggregation
                .map(|d| {
                    d.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            latest_value: latest.get(&t.id).map(|(_, value)| *value),
        });
    }
    Ok((targets, last_reported))
}
