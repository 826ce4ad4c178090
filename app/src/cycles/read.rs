//! Reading review cycles and their snapshots. Everything here is public: a closed cycle is
//! what the Commission reviewed, and anyone may cite it.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::{cycle_entry, review_cycle};
use super::{CountrySnapshot, CountryTally, Cycle, CycleView, Frozen};
use crate::accounts::names::display_names;
use crate::plans::{normalise_iso3, CommitmentDetail, Status};

/// Every cycle, the newest first.
pub async fn cycles(db: &impl ConnectionTrait) -> Result<Vec<Cycle>, DbErr> {
    let rows = review_cycle::Entity::find()
        .order_by_desc(review_cycle::Column::OpenedAt)
        .order_by_desc(review_cycle::Column::Id)
        .all(db)
        .await?;
    described(db, rows).await
}

/// Cycle `id`, if there is one.
pub async fn cycle(db: &impl ConnectionTrait, id: i32) -> Result<Option<Cycle>, DbErr> {
    let Some(row) = review_cycle::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(described(db, vec![row]).await?.pop())
}

/// Cycles with the names of the people who opened and closed them, and their sizes.
async fn described(
    db: &impl ConnectionTrait,
    rows: Vec<review_cycle::Model>,
) -> Result<Vec<Cycle>, DbErr> {
    // Collected first: a lazy iterator held across the query would not be `Send`.
    let people: Vec<i32> = rows
        .iter()
        .flat_map(|c| [Some(c.opened_by_id), c.closed_by_id])
        .flatten()
        .collect();
    let names = display_names(db, people).await?;
    let sizes: HashMap<i32, i64> = cycle_entry::Entity::find()
        .select_only()
        .column(cycle_entry::Column::CycleId)
        .column_as(cycle_entry::Column::CommitmentId.count(), "n")
        .filter(cycle_entry::Column::CycleId.is_in(rows.iter().map(|c| c.id)))
        .group_by(cycle_entry::Column::CycleId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let name_of = |id: i32| names.get(&id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|c| Cycle {
            commitments: sizes
                .get(&c.id)
                .map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
            opened_by: name_of(c.opened_by_id),
            closed_by: c.closed_by_id.map(name_of),
            id: c.id,
            name: c.name,
            opened_at: c.opened_at,
            closed_at: c.closed_at,
        })
        .collect())
}

/// Cycle `id` with a tally per country of its snapshot, and the closed cycles it can be
/// compared with.
pub async fn view(db: &impl ConnectionTrait, id: i32) -> Result<Option<CycleView>, DbErr> {
    let Some(cycle) = cycle(db, id).await? else {
        return Ok(None);
    };
    let rows: Vec<(String, String, String, bool, Option<String>, Option<String>)> =
        cycle_entry::Entity::find()
            .select_only()
            .columns([
                cycle_entry::Column::CountryIso3,
                cycle_entry::Column::CountryName,
                cycle_entry::Column::Status,
                cycle_entry::Column::Overdue,
                cycle_entry::Column::ReviewedStatus,
                cycle_entry::Column::AssessedStatus,
            ])
            .filter(cycle_entry::Column::CycleId.eq(id))
            .into_tuple()
            .all(db)
            .await?;
    let mut tallies: BTreeMap<String, CountryTally> = BTreeMap::new();
    for (iso3, name, status, overdue, reviewed, assessed) in rows {
        let tally = tallies.entry(name.clone()).or_insert_with(|| CountryTally {
            iso3,
            name,
            commitments: 0,
            by_status: vec![0; Status::ALL.len()],
            overdue: 0,
            reviewed: 0,
            assessed: 0,
        });
        tally.commitments += 1;
        let status: Status = status.parse().unwrap_or_default();
        if let Some(place) = Status::ALL.iter().position(|s| *s == status) {
            tally.by_status[place] += 1;
        }
        tally.overdue += u64::from(overdue);
        tally.reviewed += u64::from(reviewed.is_some());
        tally.assessed += u64::from(assessed.is_some());
    }
    let others = cycles(db)
        .await?
        .into_iter()
        .filter(|c| c.id != id && c.is_closed())
        .collect();
    Ok(Some(CycleView {
        cycle,
        countries: tallies.into_values().collect(),
        others,
    }))
}

/// One country's commitments in cycle `id`, as frozen; `None` when there is no such cycle or
/// the snapshot holds nothing of that country.
pub async fn country(
    db: &impl ConnectionTrait,
    id: i32,
    iso3: &str,
) -> Result<Option<CountrySnapshot>, DbErr> {
    let Some(cycle) = cycle(db, id).await? else {
        return Ok(None);
    };
    let rows = cycle_entry::Entity::find()
        .filter(cycle_entry::Column::CycleId.eq(id))
        .filter(cycle_entry::Column::CountryIso3.eq(normalise_iso3(iso3)))
        .order_by_asc(cycle_entry::Column::Reference)
        .all(db)
        .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let (iso3, name) = (first.country_iso3.clone(), first.country_name.clone());
    let commitments = rows
        .into_iter()
        .map(|row| parse(&row.record, id))
        .collect::<Result<_, _>>()?;
    Ok(Some(CountrySnapshot {
        cycle,
        iso3,
        name,
        commitments,
    }))
}

/// Every record of cycle `id` (all countries, or one), by country and reference.
pub async fn records(
    db: &impl ConnectionTrait,
    id: i32,
    country: Option<&str>,
) -> Result<Vec<CommitmentDetail>, DbErr> {
    let mut query = cycle_entry::Entity::find()
        .select_only()
        .column(cycle_entry::Column::Record)
        .filter(cycle_entry::Column::CycleId.eq(id));
    if let Some(iso3) = country {
        query = query.filter(cycle_entry::Column::CountryIso3.eq(normalise_iso3(iso3)));
    }
    let texts: Vec<String> = query
        .order_by_asc(cycle_entry::Column::CountryName)
        .order_by_asc(cycle_entry::Column::Reference)
        .into_tuple()
        .all(db)
        .await?;
    texts.iter().map(|text| parse(text, id)).collect()
}

/// What cycle `id` holds of each commitment for comparing, by commitment.
pub async fn frozen(db: &impl ConnectionTrait, id: i32) -> Result<Vec<Frozen>, DbErr> {
    let rows = cycle_entry::Entity::find()
        .select_only()
        .columns([
            cycle_entry::Column::CommitmentId,
            cycle_entry::Column::CountryIso3,
            cycle_entry::Column::CountryName,
            cycle_entry::Column::Reference,
            cycle_entry::Column::Title,
            cycle_entry::Column::Status,
            cycle_entry::Column::PercentComplete,
            cycle_entry::Column::Overdue,
        ])
        .filter(cycle_entry::Column::CycleId.eq(id))
        .order_by_asc(cycle_entry::Column::CountryName)
        .order_by_asc(cycle_entry::Column::Reference)
        .into_tuple::<(
            i32,
            String,
            String,
            String,
            String,
            String,
            Option<i32>,
            bool,
        )>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(commitment_id, country, country_name, reference, title, status, percent, overdue)| {
                Frozen {
                    commitment_id,
                    country,
                    country_name,
                    reference,
                    title,
                    // The database refuses any other value (CHECK constraint).
                    status: status.parse().unwrap_or_default(),
                    percent_complete: percent,
                    overdue,
                }
            },
        )
        .collect())
}

fn parse(text: &str, cycle: i32) -> Result<CommitmentDetail, DbErr> {
    serde_json::from_str(text).map_err(|e| {
        DbErr::Custom(format!(
            "a commitment frozen in review cycle {cycle} cannot be read: {e}"
        ))
    })
}
