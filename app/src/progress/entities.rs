//! sea-orm entities for progress updates, their indicator values and evidence (tables created
//! in `migrations/src/m0001_schema/progress.rs`).

pub mod progress_update {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "progress_updates")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub commitment_id: i32,
        pub reporting_date: Date,
        pub status: String,
        pub percent_complete: Option<i32>,
        pub narrative: String,
        pub author_id: i32,
        /// `form`, `import` or `api`.
        pub source: String,
        pub import_batch_id: Option<i32>,
        pub review_state: String,
        pub reviewer_id: Option<i32>,
        pub review_comment: Option<String>,
        pub reviewed_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod indicator_value {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicator_values")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub progress_update_id: i32,
        pub target_id: i32,
        pub value: f64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod evidence_link {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evidence_links")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub progress_update_id: i32,
        pub url: String,
        pub label: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
