//! `nap-tracker demo`: a clearly labelled demonstration — a few countries with published plans,
//! ministries, commitments over all 11 groups, targets, and two years of progress, some of it
//! overdue — and, with `--scale N`, N countries of about 310 commitments each for benchmarks.
//!
//! Rows are written in bulk with ids assigned here, one transaction per country: going through
//! the domain functions one change at a time would take hours at scale. The audit trail gets
//! one entry for the whole load.

mod content;
mod country;
mod rows;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, TransactionTrait,
};
use serde_json::json;

use crate::accounts::passwords;
use crate::audit::{self, Change};
use crate::catalogue::entities::{group, recommendation};
use crate::plans::Region;
use crate::refusal::{Refusal, WriteError};
use content::Dice;
pub use rows::Ids;

/// The password of every demo account, printed in the README: demo data only.
pub const DEMO_PASSWORD: &str = "demo-password-2026";
/// Commitments per country in a `--scale` load (about 60,000 for 193 countries).
const SCALE_COMMITMENTS: (i64, i64) = (280, 340);

/// The demo accounts of the small demo, one per role, as (email, what it shows).
pub const ACCOUNTS: [(&str, &str); 5] = [
    ("admin@demo.nap-tracker.example", "admin"),
    (
        "coordinator.ken@demo.nap-tracker.example",
        "coordinator of Kenya (KEN)",
    ),
    (
        "health.ken@demo.nap-tracker.example",
        "focal point of the Ministry of Health of Kenya (MOH)",
    ),
    (
        "education.ken@demo.nap-tracker.example",
        "focal point of the Ministry of Education of Kenya (MOE)",
    ),
    (
        "reviewer@demo.nap-tracker.example",
        "reviewer of all countries",
    ),
];

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    AlreadyLoaded,
    Loaded {
        countries: usize,
        commitments: usize,
        updates: usize,
    },
}

/// Loads the demo unless one is already there. `scale` chooses the large synthetic load.
pub async fn load(
    db: &DatabaseConnection,
    scale: Option<usize>,
    today: NaiveDate,
) -> Result<Outcome, WriteError> {
    if crate::plans::store::has_demo_data(db).await? {
        return Ok(Outcome::AlreadyLoaded);
    }
    let countries = country_list(scale);
    let taken = crate::plans::entities::country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|c| countries.iter().any(|(iso3, _, _)| *iso3 == c.iso3))
        .map(|c| c.iso3)
        .collect::<Vec<_>>();
    if !taken.is_empty() {
        return Err(Refusal::Forbidden(format!(
            "the demo would add countries that already exist here ({}); load it into an empty database",
            taken.join(", ")
        ))
        .into());
    }
    let password_hash =
        passwords::hash(DEMO_PASSWORD).map_err(|e| Refusal::Forbidden(e.to_string()))?;
    let catalogue = catalogue_by_group(db).await?;
    let mut ids = Ids::next_free(db).await?;
    let mut dice = Dice::new(2008);
    let (mut commitments, mut updates) = (0, 0);
    let mut reviewer = None;
    for (n, (iso3, name, region)) in countries.iter().enumerate() {
        let per_country = match scale {
            Some(_) => dice.between(SCALE_COMMITMENTS.0, SCALE_COMMITMENTS.1),
            None => dice.between(20, 60),
        };
        let plan = country::generate(
            country::Spec {
                iso3,
                name,
                region: *region,
                commitments: usize::try_from(per_country).unwrap_or(20),
                with_people: n == 0,
                password_hash: &password_hash,
                catalogue: &catalogue,
                today,
                // Quarterly, as most plans report; monthly at scale, for the volume benchmarks need.
                report_every: if scale.is_some() { 30 } else { 91 },
                one_lead: false,
                reviewer,
            },
            &mut ids,
            &mut dice,
        );
        reviewer = reviewer.or(plan.reviewer);
        commitments += plan.commitments.len();
        updates += plan.updates.len();
        let txn = db.begin().await?;
        plan.insert(&txn).await?;
        txn.commit().await?;
    }
    if db.get_database_backend() == DbBackend::Postgres {
        resync_sequences(db).await?;
    }
    audit::record(db, Change {
        actor: None,
        action: "demo.load",
        entity_type: "demo",
        entity_id: "demo".into(),
        before: None,
        after: Some(json!({ "countries": countries.len(), "commitments": commitments, "updates": updates })),
    })
    .await?;
    Ok(Outcome::Loaded {
        countries: countries.len(),
        commitments,
        updates,
    })
}

/// The country of [`load_one_owner`] and the code of its only leading owner.
pub const ONE_OWNER_PLAN: (&str, &str) = ("XYZ", "MOH");

/// Loads one demo country, [`ONE_OWNER_PLAN`], whose `commitments` all belong to its
/// Ministry of Health, with quarterly progress: a plan as large as a benchmark of one
/// ministry's progress spreadsheet needs.
pub async fn load_one_owner(
    db: &DatabaseConnection,
    commitments: usize,
    today: NaiveDate,
) -> Result<(), WriteError> {
    let password_hash =
        passwords::hash(DEMO_PASSWORD).map_err(|e| Refusal::Forbidden(e.to_string()))?;
    let catalogue = catalogue_by_group(db).await?;
    let mut ids = Ids::next_free(db).await?;
    let plan = country::generate(
        country::Spec {
            iso3: ONE_OWNER_PLAN.0,
            name: "Demoland of one ministry",
            region: Region::Africa,
            commitments,
            with_people: false,
            password_hash: &password_hash,
            catalogue: &catalogue,
            today,
            report_every: 91,
            one_lead: true,
            reviewer: None,
        },
        &mut ids,
        &mut Dice::new(2008),
    );
    let txn = db.begin().await?;
    plan.insert(&txn).await?;
    txn.commit().await?;
    if db.get_database_backend() == DbBackend::Postgres {
        resync_sequences(db).await?;
    }
    Ok(())
}

/// The small demo's four countries, or `n` countries for a scale load: the four, then
/// invented ones with codes from the user-assigned range XAA–XZZ, in each region in turn.
fn country_list(scale: Option<usize>) -> Vec<(String, String, Region)> {
    let named = content::COUNTRIES
        .iter()
        .map(|(c, n, r)| ((*c).to_owned(), (*n).to_owned(), *r));
    match scale {
        None => named.collect(),
        Some(n) => named
            .chain((0..).map(|i: usize| {
                let code = format!(
                    "X{}{}",
                    (b'A' + (i / 26 % 26) as u8) as char,
                    (b'A' + (i % 26) as u8) as char
                );
                let region = Region::ALL[i % Region::ALL.len()];
                (code, format!("Demoland {:03}", i + 5), region)
            }))
            .take(n.min(4 + 26 * 26))
            .collect(),
    }
}

/// (group code, recommendation ids with their codes), in the report's order.
pub(crate) type Catalogue = Vec<(String, Vec<(i32, String)>)>;

async fn catalogue_by_group(db: &impl ConnectionTrait) -> Result<Catalogue, DbErr> {
    let groups = group::Entity::find().all(db).await?;
    let recommendations = recommendation::Entity::find().all(db).await?;
    let mut out: Catalogue = groups
        .iter()
        .map(|g| {
            let members = recommendations
                .iter()
                .filter(|r| r.group_id == g.id)
                .map(|r| (r.id, r.code.clone()))
                .collect();
            (g.code.clone(), members)
        })
        .collect();
    out.retain(|(_, members): &(String, Vec<(i32, String)>)| !members.is_empty());
    Ok(out)
}

/// PostgreSQL's id sequences do not see ids written explicitly: move them past the demo.
async fn resync_sequences(db: &DatabaseConnection) -> Result<(), DbErr> {
    for table in rows::TABLES {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"
        ))
        .await?;
    }
    Ok(())
}

/// Today, for the command line.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}
