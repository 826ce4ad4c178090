//! Reading what the roll-ups sum: every commitment of the published plans, with the codes of
//! the recommendations it answers, and the countries those plans belong to.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
};

use super::{CountryColumn, Facts};
use crate::catalogue::entities::recommendation;
use crate::plans::entities::{action_plan, commitment, commitment_recommendation, country};
use crate::plans::PlanStatus;

/// Whether [`published`] reads which recommendations each commitment answers: the coverage
/// matrix needs it, the tracker's numbers do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answers {
    Read,
    Skip,
}

/// The countries with a published plan, by name, and the commitments of those plans.
pub async fn published(
    db: &impl ConnectionTrait,
    wanted: Answers,
) -> Result<(Vec<CountryColumn>, Vec<Facts>), DbErr> {
    let plans: HashMap<i32, i32> = action_plan::Entity::find()
        .select_only()
        .columns([action_plan::Column::Id, action_plan::Column::CountryId])
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut countries: Vec<country::Model> = country::Entity::find()
        .filter(country::Column::Id.is_in(plans.values().copied()))
        .all(db)
        .await?;
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    let iso3: HashMap<i32, String> = countries.iter().map(|c| (c.id, c.iso3.clone())).collect();
    let mut answers = match wanted {
        Answers::Read => answers(db, plans.keys().copied().collect()).await?,
        Answers::Skip => HashMap::new(),
    };
    type Row = (i32, i32, String, Option<i32>, chrono::NaiveDate);
    let rows: Vec<Row> = commitment::Entity::find()
        .select_only()
        .columns([
            commitment::Column::Id,
            commitment::Column::PlanId,
            commitment::Column::Status,
            commitment::Column::PercentComplete,
            commitment::Column::EndDate,
        ])
        .filter(commitment::Column::PlanId.is_in(plans.keys().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let facts = rows
        .into_iter()
        .filter_map(|(id, plan_id, status, percent_complete, end_date)| {
            let country = plans.get(&plan_id).and_then(|c| iso3.get(c))?;
            Some(Facts {
                country: country.clone(),
                // The database only holds statuses it was given by this code: a value it
                // cannot read is left out rather than shown as something it is not.
                status: status.parse().ok()?,
                percent_complete,
                end_date,
                recommendations: answers.remove(&id).unwrap_or_default(),
            })
        })
        .collect();
    let columns = countries
        .into_iter()
        .map(|c| CountryColumn {
            // A stored name this code does not know reads as no region.
            region: c.region.and_then(|r| r.parse().ok()),
            iso3: c.iso3,
            name: c.name,
        })
        .collect();
    Ok((columns, facts))
}

/// The codes of the recommendations each commitment of `plan_ids` answers, by commitment.
async fn answers(
    db: &impl ConnectionTrait,
    plan_ids: Vec<i32>,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let codes: HashMap<i32, String> = recommendation::Entity::find()
        .select_only()
        .columns([recommendation::Column::Id, recommendation::Column::Code])
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let in_plans = commitment::Entity::find()
        .select_only()
        .column(commitment::Column::Id)
        .filter(commitment::Column::PlanId.is_in(plan_ids))
        .into_query();
    let links: Vec<(i32, i32)> = commitment_recommendation::Entity::find()
        .select_only()
        .columns([
            commitment_recommendation::Column::CommitmentId,
            commitment_recommendation::Column::RecommendationId,
        ])
        .filter(commitment_recommendation::Column::CommitmentId.in_subquery(in_plans))
        .into_tuple()
        .all(db)
        .await?;
    let mut answers: HashMap<i32, Vec<String>> = HashMap::new();
    for (commitment_id, recommendation_id) in links {
        if let Some(code) = codes.get(&recommendation_id) {
            answers.entry(commitment_id).or_default().push(code.clone());
        }
    }
    Ok(answers)
}
