//! `nap-tracker backup` and `restore` on SQLite: a populated database comes back whole, a
//! backup taken beside a writer holds only what was committed, and bad backups are refused.

use app::demo;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use server::commands::backup::{backup, restore};
use server::database;

use crate::common::TempDir;

async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("text"))
        .collect()
}

/// Every table with every row, each row as the SQL literals of its values, in a stable order.
async fn contents(db: &DatabaseConnection) -> Vec<(String, Vec<String>)> {
    let tables = strings(
        db,
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    .await;
    let mut all = Vec::new();
    for table in tables {
        let columns = strings(
            db,
            &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
        )
        .await;
        let values: Vec<String> = columns
            .iter()
            .map(|column| format!("quote(\"{column}\")"))
            .collect();
        let mut rows = strings(
            db,
            &format!("SELECT json_array({}) FROM \"{table}\"", values.join(", ")),
        )
        .await;
        rows.sort();
        all.push((table, rows));
    }
    all
}

async fn open(url: &str) -> DatabaseConnection {
    database::connect(url).await.expect("open the database")
}

#[tokio::test]
async fn a_backup_taken_beside_a_writer_restores_every_committed_row() {
    let dir = TempDir::new("backup");
    let url = dir.sqlite_url("live.db");
    let live = open(&url).await;
    database::migrate(&live).await.expect("migrate");
    demo::load(&live, None, demo::today())
        .await
        .expect("load the demo");
    let committed = contents(&live).await;
    assert!(
        committed
            .iter()
            .any(|(table, rows)| table == "progress_updates" && rows.len() > 100),
        "the demo filled the database"
    );

    // The server is in the middle of a write when the backup starts: the backup neither waits
    // for it nor takes any of it.
    let writing = live.begin().await.expect("begin");
    writing
        .execute_unprepared("INSERT INTO countries (iso3, name) VALUES ('PER', 'Peru')")
        .await
        .expect("write");
    let copy = dir.path("backup.db");
    let said = backup(&url, &copy).await.expect("back up");
    assert!(said.starts_with("backed up "), "{said}");
    writing.commit().await.expect("commit after the backup");

    let again = backup(&url, &copy).await.expect_err("the file exists now");
    assert!(again.contains("already exists"), "{again}");

    let restored_url = dir.sqlite_url("restored/nap.db");
    let said = restore(&restored_url, &copy).await.expect("restore");
    assert!(said.starts_with("restored "), "{said}");
    let restored = open(&restored_url).await;
    assert_eq!(contents(&restored).await, committed);
    // The restored database is one this version serves: nothing left to migrate.
    database::migrate(&restored)
        .await
        .expect("migrations agree");
    assert_eq!(contents(&restored).await, committed);
    restored.close().await.expect("close");

    // Restoring over a database in use by nobody replaces it, its old log included.
    live.close().await.expect("close");
    restore(&url, &copy)
        .await
        .expect("restore over the old one");
    let live = open(&url).await;
    assert_eq!(
        contents(&live).await,
        committed,
        "Peru came after the backup"
    );
    live.close().await.expect("close");
}

#[tokio::test]
async fn restore_refuses_what_is_not_an_intact_database_of_this_application() {
    let dir = TempDir::new("restore-refusals");
    let url = dir.sqlite_url("nap.db");
    let refused = |from: &str| {
        let url = url.clone();
        let from = dir.path(from);
        async move { restore(&url, &from).await.expect_err("refused") }
    };

    let missing = refused("missing.db").await;
    assert!(missing.contains("there is no file"), "{missing}");

    std::fs::write(dir.path("notes.txt"), "not a database at all").expect("write");
    let text = refused("notes.txt").await;
    assert!(text.ends_with("is not an SQLite database"), "{text}");

    // An SQLite database, but not this application's.
    let other = open(&dir.sqlite_url("other.db")).await;
    other
        .execute_unprepared("CREATE TABLE notes (body TEXT)")
        .await
        .expect("create");
    other.close().await.expect("close");
    let foreign = refused("other.db").await;
    assert!(foreign.contains("not a NAP Tracker database"), "{foreign}");

    // A backup damaged on its way: a page in the middle overwritten.
    let good = open(&dir.sqlite_url("good.db")).await;
    database::migrate(&good).await.expect("migrate");
    good.close().await.expect("close");
    backup(&dir.sqlite_url("good.db"), &dir.path("damaged.db"))
        .await
        .expect("back up");
    let mut bytes = std::fs::read(dir.path("damaged.db")).expect("read");
    let page = 4096;
    assert!(bytes.len() > 8 * page, "a database of several pages");
    for byte in &mut bytes[4 * page..6 * page] {
        *byte = 0x5a;
    }
    std::fs::write(dir.path("damaged.db"), bytes).expect("write");
    let damaged = refused("damaged.db").await;
    assert!(damaged.contains("cannot be restored"), "{damaged}");

    // Nothing was put in place, and no temporary copy was left behind.
    let left: Vec<String> = std::fs::read_dir(&dir.0)
        .expect("list")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("nap.db") || name.contains("restoring"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn postgres_databases_are_backed_up_with_pg_dump() {
    let dir = TempDir::new("backup-postgres");
    let url = "postgres://postgres@127.0.0.1:5432/nap";
    for said in [
        backup(url, &dir.path("x.db")).await,
        restore(url, &dir.path("x.db")).await,
    ] {
        let said = said.expect_err("not for PostgreSQL");
        assert!(said.contains("pg_dump"), "{said}");
    }
}
