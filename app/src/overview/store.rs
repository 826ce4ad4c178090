//! Reading what the roll-ups sum: the countries with a published plan, the commitments of
//! those plans, and, summed by the database, which recommendations they answer.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Statement,
};

use super::{Answered, CountryColumn, Facts};
use crate::catalogue::entities::recommendation;
use crate::plans::entities::{action_plan, commitment, country};
use crate::plans::{PlanStatus, Status};

/// The published plans, with the country of each.
async fn published_plans(db: &impl ConnectionTrait) -> Result<HashMap<i32, i32>, DbErr> {
    Ok(action_plan::Entity::find()
        .select_only()
        .columns([action_plan::Column::Id, action_plan::Column::CountryId])
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The countries with a published plan, by name.
pub async fn countries(db: &impl ConnectionTrait) -> Result<Vec<CountryColumn>, DbErr> {
    let plans = published_plans(db).await?;
    let mut countries: Vec<CountryColumn> = country::Entity::find()
        .filter(country::Column::Id.is_in(plans.values().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| CountryColumn {
            // A stored name this code does not know reads as no region.
            region: c.region.and_then(|r| r.parse().ok()),
            iso3: c.iso3,
            name: c.name,
        })
        .collect();
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(countries)
}

/// The commitments of the published plans.
pub async fn published(db: &impl ConnectionTrait) -> Result<Vec<Facts>, DbErr> {
    let plans = published_plans(db).await?;
    let iso3: HashMap<i32, String> = country::Entity::find()
        .filter(country::Column::Id.is_in(plans.values().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.iso3))
        .collect();
    type Row = (i32, String, Option<i32>, chrono::NaiveDate);
    let rows: Vec<Row> = commitment::Entity::find()
        .select_only()
        .columns([
            commitment::Column::PlanId,
            commitment::Column::Status,
            commitment::Column::PercentComplete,
            commitment::Column::EndDate,
        ])
        .filter(commitment::Column::PlanId.is_in(plans.keys().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(plan_id, status, percent_complete, end_date)| {
            let country = plans.get(&plan_id).and_then(|c| iso3.get(c))?;
            Some(Facts {
                country: country.clone(),
                // The database only holds statuses it was given by this code: a value it
                // cannot read is left out rather than shown as something it is not.
                status: status.parse().ok()?,
                percent_complete,
                end_date,
            })
        })
        .collect())
}

/// The rank of a status on the scale, in SQL; withdrawn has none (NULL), so that MIN and
/// MAX pass over it.
const RANK: &str = "CASE c.status WHEN 'not_started' THEN 0 WHEN 'limited' THEN 1 \
                    WHEN 'substantial' THEN 2 WHEN 'complete' THEN 3 END";

/// For every country with a published plan and every recommendation its commitments answer:
/// how many do, and their least and most advanced status. Summed by the database, so that a
/// matrix of 193 countries reads one row per cell rather than every commitment and link;
/// grouped by ids, which the database sorts faster than codes.
pub async fn answered(db: &impl ConnectionTrait) -> Result<Vec<Answered>, DbErr> {
    let sql = format!(
        "SELECT p.country_id, cr.recommendation_id, CAST(COUNT(*) AS BIGINT), \
                CAST(MIN({RANK}) AS BIGINT), CAST(MAX({RANK}) AS BIGINT) \
         FROM commitment_recommendations cr \
         JOIN commitments c ON c.id = cr.commitment_id \
         JOIN action_plans p ON p.id = c.plan_id \
         WHERE p.status = '{}' \
         GROUP BY p.country_id, cr.recommendation_id",
        PlanStatus::Published.as_str()
    );
    let iso3: HashMap<i32, String> = country::Entity::find()
        .select_only()
        .columns([country::Column::Id, country::Column::Iso3])
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let codes: HashMap<i32, String> = recommendation::Entity::find()
        .select_only()
        .columns([recommendation::Column::Id, recommendation::Column::Code])
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let status = |rank: Option<i64>| {
        rank.and_then(|r| usize::try_from(r).ok())
            .and_then(|r| Status::ALL.get(r).copied())
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let country: i32 = row.try_get_by_index(0)?;
        let recommendation: i32 = row.try_get_by_index(1)?;
        let (Some(country), Some(code)) = (iso3.get(&country), codes.get(&recommendation)) else {
            continue;
        };
        found.push(Answered {
            country: country.clone(),
            code: code.clone(),
            count: usize::try_from(row.try_get_by_index::<i64>(2)?).unwrap_or(0),
            worst: status(row.try_get_by_index(3)?),
            best: status(row.try_get_by_index(4)?),
        });
    }
    Ok(found)
}
