//! When each person last signed in, and the time before: "since your last visit" on their
//! page counts from the sign-in before the current one, so it stays the same however often
//! they reload the page during a visit.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_schema::Users;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0011_sign_in_times"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one at a time.
        for column in [SignInTimes::LastSignInAt, SignInTimes::PreviousSignInAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(timestamp_with_time_zone_null(column))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [SignInTimes::LastSignInAt, SignInTimes::PreviousSignInAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .take(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInTimes {
    LastSignInAt,
    PreviousSignInAt,
}
