//! sea-orm entities for import batches, their files and remembered column mappings (tables
//! created in `migrations/src/m0001_schema/progress.rs`).

pub mod import_batch {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "import_batches")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub owner_id: i32,
        pub uploader_id: i32,
        pub file_name: String,
        pub format: String,
        pub sha256: String,
        pub uploaded_at: DateTimeUtc,
        pub sheet: Option<String>,
        pub rows_read: i32,
        pub rows_accepted: i32,
        pub rows_unchanged: i32,
        pub rows_rejected: i32,
        /// `previewed`, `committed`, `discarded` or `undone`.
        pub state: String,
        pub committed_at: Option<DateTimeUtc>,
        pub undone_at: Option<DateTimeUtc>,
        pub undone_by_id: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod import_file {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "import_files")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub batch_id: i32,
        pub content: Vec<u8>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod import_mapping {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "import_mappings")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub owner_id: i32,
        /// The header as `columns::normalise` leaves it.
        pub header: String,
        pub field: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
