//! sea-orm entities of review cycles and their frozen entries (tables created by
//! `migrations/src/m0010_review_cycles.rs`).

pub mod review_cycle {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "review_cycles")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        pub opened_by_id: i32,
        pub opened_at: DateTimeUtc,
        pub closed_by_id: Option<i32>,
        pub closed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod cycle_entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cycle_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub cycle_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub commitment_id: i32,
        pub country_iso3: String,
        pub country_name: String,
        pub reference: String,
        pub title: String,
        pub status: String,
        pub percent_complete: Option<i32>,
        pub overdue: bool,
        pub reviewed_status: Option<String>,
        pub assessed_status: Option<String>,
        /// The commitment's whole public record as it stood: a `CommitmentDetail` as JSON.
        pub record: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
