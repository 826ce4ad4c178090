//! The region of a country (the UN's M49 continents), so that the coverage matrix and the
//! countries list can be narrowed to neighbours. Countries added before have none until an
//! administrator sets it.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_country_regions"
    }
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Region,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Countries::Table)
                    .add_column(ColumnDef::new(Countries::Region).string_len(16).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Countries::Table)
                    .drop_column(Countries::Region)
                    .to_owned(),
            )
            .await
    }
}
