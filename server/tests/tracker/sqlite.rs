//! How the server sets up an SQLite file: WAL, a busy timeout and foreign keys on every
//! connection, so that readers and a second writer (the CLI beside the server) do not fail.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use server::database;

use crate::common::TempDir;

/// The one value `sql` answers, as text.
async fn value(db: &DatabaseConnection, sql: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql} answers no row"));
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .expect("a text or number")
}

#[tokio::test]
async fn every_connection_uses_wal_waits_when_busy_and_checks_foreign_keys() {
    let dir = TempDir::new("pragmas");
    let url = dir.sqlite_url("nap.db");
    let server = database::connect(&url).await.expect("open");
    assert_eq!(value(&server, "PRAGMA journal_mode").await, "wal");
    assert_eq!(value(&server, "PRAGMA busy_timeout").await, "5000");
    assert_eq!(value(&server, "PRAGMA foreign_keys").await, "1");
    server
        .execute_unprepared("CREATE TABLE scratch (n INTEGER NOT NULL)")
        .await
        .expect("create a table");

    // A second process, as the CLI is beside a running server.
    let cli = database::connect(&url).await.expect("open again");
    assert_eq!(value(&cli, "PRAGMA journal_mode").await, "wal");
    let writing = server.begin().await.expect("begin");
    writing
        .execute_unprepared("INSERT INTO scratch (n) VALUES (1)")
        .await
        .expect("write");
    // Reading goes on while the other connection writes, and sees only what is committed.
    assert_eq!(value(&cli, "SELECT COUNT(*) FROM scratch").await, "0");
    // The second writer waits for the first instead of failing with "database is locked".
    let second = tokio::spawn(async move {
        cli.execute_unprepared("INSERT INTO scratch (n) VALUES (2)")
            .await
            .map(drop)
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    writing.commit().await.expect("commit");
    second
        .await
        .expect("the task ends")
        .expect("the second write waited and went in");
    assert_eq!(value(&server, "SELECT COUNT(*) FROM scratch").await, "2");
    server.close().await.expect("close");
}
