//! Opening the database and bringing its schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::{redacted, sqlite_file};

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("DATABASE_URL must start with sqlite: or postgres://, got {0}")]
    UnsupportedUrl(String),
    #[error("cannot create the directory {path} for the SQLite database: {source}")]
    CreateDirectory {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: DbErr },
    #[error("cannot apply database migrations: {0}")]
    Migrate(DbErr),
}

/// Connects to `database_url`, creating the directory of an SQLite file if needed.
pub async fn connect(database_url: &str) -> Result<DatabaseConnection, DatabaseError> {
    let supported = ["sqlite:", "postgres://", "postgresql://"];
    if !supported
        .iter()
        .any(|scheme| database_url.starts_with(scheme))
    {
        return Err(DatabaseError::UnsupportedUrl(redacted(database_url)));
    }
    if let Some(parent) = sqlite_file(database_url)
        .as_deref()
        .and_then(std::path::Path::parent)
    {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|source| DatabaseError::CreateDirectory {
                path: parent.display().to_string(),
                source,
            })?;
        }
    }
    let mut options = ConnectOptions::new(database_url);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(sqlite_settings);
    Database::connect(options)
        .await
        .map_err(|source| DatabaseError::Connect {
            url: redacted(database_url),
            source,
        })
}

/// How every SQLite connection of the pool is set up when it opens.
///
/// - WAL: other processes (`nap-tracker backup`, a second server on the same file) go on
///   reading while one writes, instead of failing with "database is locked". The mode is stored
///   in the file, so the first connection switches an older database over once.
/// - A busy timeout: a writer that finds another process writing waits up to 5 s for it rather
///   than failing at once.
/// - Foreign keys: SQLite leaves them off unless each connection asks; the schema relies on them.
/// - `synchronous` stays FULL (the default): NORMAL would be faster in WAL mode, but could lose
///   the last commits on a power cut, and an accepted update must never be lost.
///
/// An in-memory database answers `memory` to the journal mode and is otherwise unaffected.
fn sqlite_settings(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
}

/// Applies every pending migration; a database already up to date is left as it is.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DatabaseError> {
    Migrator::up(db, None).await.map_err(DatabaseError::Migrate)
}
