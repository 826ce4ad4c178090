//! The commitments a download holds: those of published plans, for the whole tracker, one
//! country or one recommendation; and the progress updates on them.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::catalogue::entities::recommendation;
use crate::plans::entities::{action_plan, commitment};
use crate::plans::store::{answering, assemble, country_by_iso3};
use crate::plans::{normalise_iso3, Commitment, PlanStatus};
use crate::progress::store::{history, ID_LIST};
use crate::progress::Update;

/// What a download covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    /// A country, by ISO3 code.
    Country(String),
    /// A recommendation, by code.
    Recommendation(String),
}

impl Scope {
    /// The part of the file name that says what it holds: `all`, `KEN`, `SPR-2`.
    pub fn name(&self) -> String {
        match self {
            Scope::All => "all".into(),
            Scope::Country(iso3) => normalise_iso3(iso3),
            Scope::Recommendation(code) => crate::catalogue::normalise_code(code),
        }
    }
}

/// The published commitments `scope` covers, by country and reference; `None` when the
/// country or recommendation does not exist.
pub async fn commitments(
    db: &impl ConnectionTrait,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Option<Vec<Commitment>>, DbErr> {
    let mut plans = action_plan::Entity::find()
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()));
    match scope {
        Scope::Recommendation(code) => {
            let known = recommendation::Entity::find()
                .filter(recommendation::Column::Code.eq(crate::catalogue::normalise_code(code)))
                .one(db)
                .await?;
            return match known {
                Some(_) => Ok(Some(answering(db, code, today).await?)),
                None => Ok(None),
            };
        }
        Scope::Country(iso3) => {
            let Some(found) = country_by_iso3(db, iso3).await? else {
                return Ok(None);
            };
            plans = plans.filter(action_plan::Column::CountryId.eq(found.id));
        }
        Scope::All => {}
    }
    let plan_ids: Vec<i32> = plans.all(db).await?.into_iter().map(|p| p.id).collect();
    let rows = commitment::Entity::find()
        .filter(commitment::Column::PlanId.is_in(plan_ids))
        .order_by_asc(commitment::Column::Reference)
        .all(db)
        .await?;
    // In parts: the whole tracker holds more commitments than one query may list.
    let mut all = Vec::with_capacity(rows.len());
    for part in rows.chunks(ID_LIST) {
        all.extend(assemble(db, part.to_vec(), today).await?);
    }
    all.sort_by(|a, b| (&a.country_name, &a.reference).cmp(&(&b.country_name, &b.reference)));
    Ok(Some(all))
}

/// The published commitments `scope` covers, each with its updates, oldest first; `None`
/// when the country or recommendation does not exist.
pub async fn updates(
    db: &impl ConnectionTrait,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Option<Vec<(Commitment, Vec<Update>)>>, DbErr> {
    let Some(commitments) = commitments(db, scope, today).await? else {
        return Ok(None);
    };
    let mut found = Vec::with_capacity(commitments.len());
    for part in commitments.chunks(ID_LIST) {
        let ids: Vec<i32> = part.iter().map(|c| c.id).collect();
        let mut histories = history(db, &ids).await?;
        for c in part {
            let mut updates = histories.remove(&c.id).unwrap_or_default();
            updates.reverse();
            found.push((c.clone(), updates));
        }
    }
    Ok(Some(found))
}
