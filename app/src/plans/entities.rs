//! sea-orm entities for countries and their plans (tables created in
//! `migrations/src/m0001_schema/plans.rs`).

pub mod country {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "countries")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub iso3: String,
        pub name: String,
        pub is_demo: bool,
        /// A [`crate::plans::Region`]'s stored name; `None` until an administrator sets it.
        pub region: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod owner {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "owners")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub country_id: i32,
        pub code: String,
        pub name: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod action_plan {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_plans")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub country_id: i32,
        pub title: String,
        pub period_start: Date,
        pub period_end: Date,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod commitment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "commitments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub plan_id: i32,
        pub reference: String,
        pub title: String,
        pub description: String,
        pub lead_owner_id: i32,
        pub start_date: Date,
        pub end_date: Date,
        /// The latest progress update's status (or `not_started`), kept here for listing.
        pub status: String,
        pub percent_complete: Option<i32>,
        /// Raised by every change; a save naming an older version is refused.
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod commitment_recommendation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "commitment_recommendations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub commitment_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub recommendation_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod supporting_owner {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "commitment_supporting_owners")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub commitment_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub owner_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod target {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "targets")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub commitment_id: i32,
        pub indicator: String,
        pub unit: String,
        pub baseline_value: Option<f64>,
        pub baseline_date: Option<Date>,
        pub target_value: Option<f64>,
        pub target_date: Option<Date>,
        pub disaggregation: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
