//! Test databases: always a fresh SQLite database, and a fresh PostgreSQL database as well when
//! `TEST_DATABASE_URL` points at a server (each test gets its own, dropped afterwards).

pub mod http;

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use server::database;

pub struct TestDb {
    pub backend: &'static str,
    pub db: DatabaseConnection,
    cleanup: Option<(String, String)>,
}

impl TestDb {
    /// Drops a PostgreSQL test database; SQLite's in-memory database simply goes away.
    pub async fn finish(self) {
        let Self { db, cleanup, .. } = self;
        // Close the pool first: PostgreSQL refuses to drop a database with open connections.
        // A test may already have closed it on purpose, so a second close is no failure.
        let _ = db.close().await;
        if let Some((admin_url, name)) = cleanup {
            let admin = Database::connect(admin_url.as_str())
                .await
                .expect("connect to PostgreSQL");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
                .await
                .expect("drop test database");
        }
    }
}

/// Every backend to test against, migrated and holding the catalogue.
pub async fn migrated_databases() -> Vec<TestDb> {
    let mut all = Vec::new();
    for test_db in empty_databases().await {
        database::migrate(&test_db.db)
            .await
            .expect("migrate test database");
        all.push(test_db);
    }
    all
}

pub async fn empty_databases() -> Vec<TestDb> {
    let mut all = vec![sqlite().await];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        if !url.is_empty() {
            all.push(postgres(&url).await);
        }
    }
    all
}

/// A directory of its own for SQLite files, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nap-tracker-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        TempDir(dir)
    }

    pub fn path(&self, file: &str) -> std::path::PathBuf {
        self.0.join(file)
    }

    /// The URL of an SQLite file in this directory, created when first opened.
    pub fn sqlite_url(&self, file: &str) -> String {
        format!("sqlite://{}?mode=rwc", self.path(file).display())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn sqlite() -> TestDb {
    // One connection: every connection to `sqlite::memory:` would open a database of its own.
    let mut options = ConnectOptions::new("sqlite::memory:");
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options)
        .await
        .expect("open in-memory SQLite");
    TestDb {
        backend: "sqlite",
        db,
        cleanup: None,
    }
}

async fn postgres(admin_url: &str) -> TestDb {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "nap_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default()
    );
    let admin = Database::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL does not answer: {e}"));
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create test database");
    admin.close().await.expect("close admin connection");

    let mut url = url::Url::parse(admin_url).expect("TEST_DATABASE_URL is a URL");
    url.set_path(&name);
    let mut options = ConnectOptions::new(url.to_string());
    options.max_connections(4).sqlx_logging(false);
    let db = Database::connect(options)
        .await
        .expect("connect to test database");
    TestDb {
        backend: "postgres",
        db,
        cleanup: Some((admin_url.to_owned(), name)),
    }
}
