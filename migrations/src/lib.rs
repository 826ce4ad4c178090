//! Database schema and reference data for NAP Tracker.
//!
//! Migrations are written with sea-query so that the same code creates the schema on SQLite
//! (the embedded default) and on PostgreSQL.

pub use sea_orm_migration::prelude::*;

pub mod catalogue;
mod m0001_schema;
mod m0002_catalogue;
mod m0003_api_tokens;
mod m0004_update_dates;
mod m0005_country_regions;
mod m0006_evidence_index;
mod m0007_sign_in_failures;
mod m0008_assessment_percent;
mod m0009_civil_society;
mod m0010_review_cycles;
mod m0011_sign_in_times;

pub use m0002_catalogue::load as load_catalogue;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_schema::Migration),
            Box::new(m0002_catalogue::Migration),
            Box::new(m0003_api_tokens::Migration),
            Box::new(m0004_update_dates::Migration),
            Box::new(m0005_country_regions::Migration),
            Box::new(m0006_evidence_index::Migration),
            Box::new(m0007_sign_in_failures::Migration),
            Box::new(m0008_assessment_percent::Migration),
            Box::new(m0009_civil_society::Migration),
            Box::new(m0010_review_cycles::Migration),
            Box::new(m0011_sign_in_times::Migration),
        ]
    }
}
