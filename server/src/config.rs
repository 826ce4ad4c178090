//! Configuration from the environment, with defaults that work on a fresh checkout.

use std::path::PathBuf;

/// An SQLite file under `data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/nap-tracker.db?mode=rwc";

/// Whether the session cookie carries the `Secure` flag (sent over HTTPS only).
/// `NAP_SECURE_COOKIES=true|false` decides; by default it is on, except when the server listens
/// on a loopback address only, where the browser reaches it over plain HTTP on the same machine.
pub fn secure_cookies(site_addr: std::net::SocketAddr) -> Result<bool, String> {
    match std::env::var("NAP_SECURE_COOKIES")
        .ok()
        .as_deref()
        .map(str::trim)
    {
        None | Some("") => Ok(!site_addr.ip().is_loopback()),
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(other) => Err(format!(
            "NAP_SECURE_COOKIES must be true or false, not {other:?}"
        )),
    }
}

/// How large an imported spreadsheet may be: `NAP_IMPORT_MAX_MB` (default 20) and
/// `NAP_IMPORT_MAX_ROWS` (default 200000).
pub fn import_limits() -> Result<app::spreadsheets::Limits, String> {
    let defaults = app::spreadsheets::Limits::default();
    let read = |name: &str, default: usize| match std::env::var(name).ok().as_deref().map(str::trim)
    {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{name} must be a whole number above 0, not {text:?}")),
    };
    Ok(app::spreadsheets::Limits {
        max_bytes: read("NAP_IMPORT_MAX_MB", defaults.max_bytes / (1024 * 1024))? * 1024 * 1024,
        max_rows: read("NAP_IMPORT_MAX_ROWS", defaults.max_rows)?,
    })
}

/// The file behind an SQLite URL, if it names one (in-memory databases have none).
pub fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(PathBuf::from(path))
}

/// The URL with any password replaced, safe to print in errors and logs.
pub fn redacted(database_url: &str) -> String {
    match url::Url::parse(database_url) {
        Ok(mut url) if url.password().is_some() => {
            // Setting a password only fails for URLs that cannot carry one, which this has.
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => database_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_of_an_sqlite_url() {
        assert_eq!(
            sqlite_file(DEFAULT_DATABASE_URL),
            Some(PathBuf::from("data/nap-tracker.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:/tmp/x.db"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/test"), None);
    }

    #[test]
    fn hides_passwords() {
        assert_eq!(
            redacted("postgres://nap:secret@db.example/nap"),
            "postgres://nap:***@db.example/nap"
        );
        assert_eq!(
            redacted("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }
}
