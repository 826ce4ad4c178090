//! `nap-tracker backup FILE` and `nap-tracker restore FILE`: a copy of the whole SQLite
//! database, and putting such a copy back in place.
//!
//! PostgreSQL has its own tools for this (pg_dump, pg_restore), which also cover what a copy
//! made here could not: roles, other schemas, a server's own settings.

use std::path::{Path, PathBuf};

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sea_orm::sqlx::{self, Connection};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::config::sqlite_file;
use crate::database;

/// What an SQLite file starts with (<https://www.sqlite.org/fileformat.html>).
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The database file behind `database_url`, or why this command cannot work on it.
fn configured_file(database_url: &str, what: &str) -> Result<PathBuf, String> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        return Err(format!(
            "DATABASE_URL names a PostgreSQL database: {what} it with PostgreSQL's own tools \
             (pg_dump --format=custom to back up, pg_restore to restore); \
             nap-tracker backup and restore work on SQLite files"
        ));
    }
    sqlite_file(database_url).ok_or_else(|| {
        format!("DATABASE_URL names no SQLite file (an in-memory database?): nothing to {what}")
    })
}

/// Writes a consistent copy of the database to `out` while the server may go on serving and
/// writing: `VACUUM INTO` reads one snapshot in a read transaction, which WAL lets run beside
/// writers without blocking them or being blocked. The copy is compact and needs no -wal file.
pub async fn backup(database_url: &str, out: &Path) -> Result<String, String> {
    let source = configured_file(database_url, "back up")?;
    if !source.is_file() {
        return Err(format!("there is no database at {}", source.display()));
    }
    if out.symlink_metadata().is_ok() {
        return Err(format!(
            "{} already exists: choose another file name (a backup never overwrites a file)",
            out.display()
        ));
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(format!("there is no directory {}", parent.display()));
        }
    }
    let target = out
        .to_str()
        .ok_or_else(|| format!("{}: the file name must be UTF-8", out.display()))?;
    // Not migrated: a backup taken before an upgrade must hold the database as it was.
    let db = database::connect(database_url)
        .await
        .map_err(|e| e.to_string())?;
    let copied = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [target.into()],
        ))
        .await;
    // The copy is made; a failure to close the pool cleanly changes nothing in it.
    let _ = db.close().await;
    copied.map_err(|e| format!("cannot back up into {}: {e}", out.display()))?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or_default();
    Ok(format!(
        "backed up {} into {} ({:.1} MB)",
        source.display(),
        out.display(),
        size as f64 / 1_000_000.0
    ))
}

/// Replaces the configured database with the backup `from`, after checking that it is an
/// intact database of this application. Meant for a stopped server: a running one would go on
/// with the file it has open.
///
/// The backup is copied next to the database first, checked there, and renamed over it, so the
/// database is at every moment either the old file or the whole new one.
pub async fn restore(database_url: &str, from: &Path) -> Result<String, String> {
    let target = configured_file(database_url, "restore")?;
    check_header(from)?;
    let directory = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::from("."),
    };
    std::fs::create_dir_all(&directory)
        .map_err(|e| format!("cannot create the directory {}: {e}", directory.display()))?;
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(".{file_name}.restoring-{}", std::process::id()));
    let result = restore_through(from, &temporary, &target).await;
    if result.is_err() {
        remove_with_side_files(&temporary);
    }
    result
}

async fn restore_through(from: &Path, temporary: &Path, target: &Path) -> Result<String, String> {
    std::fs::copy(from, temporary).map_err(|e| {
        format!(
            "cannot copy {} to {}: {e}",
            from.display(),
            temporary.display()
        )
    })?;
    make_writable(temporary)
        .map_err(|e| format!("cannot make {} writable: {e}", temporary.display()))?;
    check_database(temporary)
        .await
        .map_err(|problem| format!("{} cannot be restored: {problem}", from.display()))?;
    std::fs::File::open(temporary)
        .and_then(|file| file.sync_all())
        .map_err(|e| format!("cannot write {} to disk: {e}", temporary.display()))?;
    // The old database's write-ahead log belongs to the old file: left in place, SQLite would
    // replay it into the restored one and corrupt it.
    for side in side_files(target) {
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", side.display())),
        }
    }
    std::fs::rename(temporary, target).map_err(|e| {
        format!(
            "cannot move {} to {}: {e}",
            temporary.display(),
            target.display()
        )
    })?;
    Ok(format!(
        "restored {} into {}",
        from.display(),
        target.display()
    ))
}

/// A copy keeps the permissions of the backup, which may well be read-only: the database the
/// server writes to must not be.
fn make_writable(path: &Path) -> std::io::Result<()> {
    let mut permissions = std::fs::metadata(path)?.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        permissions.set_mode(permissions.mode() | 0o200);
    }
    #[cfg(not(unix))]
    permissions.set_readonly(false);
    std::fs::set_permissions(path, permissions)
}

/// Whether `path` is a readable SQLite file at all, before anything is copied.
fn check_header(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("there is no file {}", path.display()),
        _ => format!("cannot open the backup {}: {e}", path.display()),
    })?;
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        Ok(()) => Err(format!("{} is not an SQLite database", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(format!("{} is not an SQLite database", path.display()))
        }
        Err(e) => Err(format!("cannot read the backup {}: {e}", path.display())),
    }
}

/// Checks the copy: SQLite's own integrity check, and the table of applied migrations that
/// every database of this application has.
async fn check_database(path: &Path) -> Result<(), String> {
    // One plain connection: no WAL switch (the file is renamed into place right after, and
    // the server sets WAL when it opens it), foreign keys left as the check needs none.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false);
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| format!("it does not open as an SQLite database: {e}"))?;
    let checked = inspect(&mut connection).await;
    // Closing lets SQLite remove any -wal and -shm file it made beside the copy.
    let closed = connection
        .close()
        .await
        .map_err(|e| format!("cannot close it after checking: {e}"));
    checked.and(closed)
}

async fn inspect(connection: &mut SqliteConnection) -> Result<(), String> {
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *connection)
        .await
        .map_err(|e| format!("it is damaged: {e}"))?;
    if problems != ["ok"] {
        return Err(format!(
            "it fails SQLite's integrity check: {}",
            problems.join("; ")
        ));
    }
    let migrations_table = Migrator::migration_table_name().to_string();
    let found: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(&migrations_table)
            .fetch_optional(&mut *connection)
            .await
            .map_err(|e| format!("its tables cannot be listed: {e}"))?;
    match found {
        Some(_) => Ok(()),
        None => Err(format!(
            "it is not a NAP Tracker database (it has no table {migrations_table})"
        )),
    }
}

/// The write-ahead log and shared-memory index SQLite keeps beside a database in WAL mode.
fn side_files(database: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

fn remove_with_side_files(database: &Path) {
    for path in std::iter::once(database.to_path_buf()).chain(side_files(database)) {
        // Leftovers of a failed restore: missing ones are fine, and the restore's own error is
        // the one to report.
        let _ = std::fs::remove_file(path);
    }
}
