//! The whole domain schema: catalogue, national action plans, progress, imports, people and
//! the audit trail. Later features add behaviour on top of these tables.
//!
//! Vocabularies (statuses, roles, review states) are stored as short strings guarded by CHECK
//! constraints: readable in the database, portable between SQLite and PostgreSQL, and easy to
//! extend with a migration.

use sea_orm_migration::prelude::*;

mod catalogue;
mod people;
mod plans;
mod progress;

pub use catalogue::{Frameworks, RecommendationGroups, RecommendationSubitems, Recommendations};
pub use people::Users;
pub use plans::Commitments;
pub use progress::{Assessments, EvidenceLinks, ProgressUpdates};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_schema"
    }
}

/// Implementation status of a commitment, on the Open Government Partnership's scale.
pub const STATUSES: [&str; 5] = [
    "not_started",
    "limited",
    "substantial",
    "complete",
    "withdrawn",
];
const PLAN_STATUSES: [&str; 2] = ["draft", "published"];
const REVIEW_STATES: [&str; 3] = ["submitted", "approved", "returned"];
const UPDATE_SOURCES: [&str; 3] = ["form", "import", "api"];
const BATCH_STATES: [&str; 4] = ["previewed", "committed", "discarded", "undone"];
/// What a column of a progress spreadsheet holds, as import mappings remember it.
const IMPORT_FIELDS: [&str; 8] = [
    "commitment",
    "target",
    "reporting_date",
    "status",
    "percent",
    "value",
    "narrative",
    "evidence",
];
const ROLES: [&str; 4] = ["focal_point", "coordinator", "reviewer", "admin"];
const LEVELS: [&str; 2] = ["national", "international"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children before parents, so foreign keys never block a drop.
        for table in tables().iter().rev() {
            if let Some(name) = table.get_table_name() {
                manager
                    .drop_table(Table::drop().table(name.clone()).if_exists().take())
                    .await?;
            }
        }
        Ok(())
    }
}

pub(crate) fn one_of(column: impl IntoIden, values: &[&str]) -> SimpleExpr {
    Expr::col(column).is_in(values.iter().copied())
}

pub(crate) fn percent(column: impl IntoIden) -> SimpleExpr {
    Expr::col(column).between(0, 100)
}

pub(crate) fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(on_delete)
        .take()
}

pub(crate) fn new_table(name: impl IntoIden + 'static) -> TableCreateStatement {
    Table::create().table(name).if_not_exists().take()
}

/// Tables in dependency order: every table comes after the tables it references.
fn tables() -> Vec<TableCreateStatement> {
    [
        catalogue::tables(),
        people::users(),
        plans::tables(),
        progress::tables(),
        people::access(),
    ]
    .concat()
}

fn indexes() -> Vec<IndexCreateStatement> {
    [
        catalogue::indexes(),
        plans::indexes(),
        progress::indexes(),
        people::indexes(),
    ]
    .concat()
}

fn unique<const N: usize>(
    name: &str,
    table: impl IntoIden,
    cols: [DynIden; N],
) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).unique().take();
    for col in cols {
        index.col(col);
    }
    index
}

pub(crate) fn lookup(name: &str, table: impl IntoIden, col: impl IntoIden) -> IndexCreateStatement {
    Index::create().name(name).table(table).col(col).take()
}
