//! Opening the database and bringing its schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
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
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .map_err(|source| DatabaseError::Connect {
            url: redacted(database_url),
            source,
        })
}

/// Applies every pending migration; a database already up to date is left as it is.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DatabaseError> {
    Migrator::up(db, None).await.map_err(DatabaseError::Migrate)
}
