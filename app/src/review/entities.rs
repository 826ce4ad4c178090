//! sea-orm entity of reviewers' assessments (table created in
//! `migrations/src/m0001_schema/progress.rs`, its share done added by m0008).

pub mod assessment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "assessments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub commitment_id: i32,
        pub reviewer_id: i32,
        pub status: String,
        /// The justification.
        pub narrative: String,
        pub created_at: DateTimeUtc,
        pub percent_complete: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
