//! The rows of a demo load: the ids it assigns, table by table, and the rows generated in
//! memory, written in bulk.

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, Statement,
};

use crate::accounts::entities::{role_membership, user};
use crate::plans::entities::{
    action_plan, commitment, commitment_recommendation, country, owner, supporting_owner, target,
};
use crate::progress::entities::{evidence_link, indicator_value, progress_update};

/// Tables whose ids the demo assigns, in the order they are written.
pub const TABLES: [&str; 10] = [
    "users",
    "countries",
    "owners",
    "role_memberships",
    "action_plans",
    "commitments",
    "targets",
    "progress_updates",
    "indicator_values",
    "evidence_links",
];

/// The next free id of each table in [`TABLES`].
pub struct Ids([i32; 10]);

impl Ids {
    pub async fn next_free(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let mut next = [1; 10];
        for (slot, table) in next.iter_mut().zip(TABLES) {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) FROM {table}"),
                ))
                .await?;
            if let Some(row) = row {
                *slot = i32::try_from(row.try_get_by_index::<i64>(0)?).unwrap_or(i32::MAX);
            }
        }
        Ok(Ids(next))
    }

    pub(super) fn take(&mut self, table: usize) -> i32 {
        let id = self.0[table];
        self.0[table] += 1;
        id
    }
}

#[derive(Default)]
pub struct Rows {
    pub(super) users: Vec<user::ActiveModel>,
    pub(super) country: Vec<country::ActiveModel>,
    pub(super) owners: Vec<owner::ActiveModel>,
    pub(super) memberships: Vec<role_membership::ActiveModel>,
    pub(super) plans: Vec<action_plan::ActiveModel>,
    pub(super) commitments: Vec<commitment::ActiveModel>,
    pub(super) links: Vec<commitment_recommendation::ActiveModel>,
    pub(super) supporting: Vec<supporting_owner::ActiveModel>,
    pub(super) targets: Vec<target::ActiveModel>,
    pub(super) updates: Vec<progress_update::ActiveModel>,
    pub(super) values: Vec<indicator_value::ActiveModel>,
    pub(super) evidence: Vec<evidence_link::ActiveModel>,
    /// The demo reviewer's account, once made: later countries' reports name them too.
    pub(super) reviewer: Option<i32>,
}

impl Rows {
    /// Writes every row, parents first, in batches small enough for SQLite's limit on
    /// parameters per statement.
    pub async fn insert(self, txn: &DatabaseTransaction) -> Result<(), DbErr> {
        insert_all(txn, self.users).await?;
        insert_all(txn, self.country).await?;
        insert_all(txn, self.owners).await?;
        insert_all(txn, self.memberships).await?;
        insert_all(txn, self.plans).await?;
        insert_all(txn, self.commitments).await?;
        insert_all(txn, self.links).await?;
        insert_all(txn, self.supporting).await?;
        insert_all(txn, self.targets).await?;
        insert_all(txn, self.updates).await?;
        insert_all(txn, self.values).await?;
        insert_all(txn, self.evidence).await
    }
}

async fn insert_all<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(1000).collect();
        A::Entity::insert_many(batch)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}
