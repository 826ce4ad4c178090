//! Configuration from the environment, with defaults that work on a fresh checkout.

use std::num::NonZeroU32;
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

/// How many requests of one kind a client address may make: `per_minute` on average, and up
/// to `burst` at once after a quiet spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: NonZeroU32,
    pub burst: NonZeroU32,
}

/// The limits per client address on sign-ins and on requests with an API token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    pub sign_in: Rate,
    pub api: Rate,
}

impl Default for RateLimits {
    /// Sign-in: enough for an office behind one address signing in at the start of the day,
    /// far too few to guess passwords. API: a ministry's system sending a year of progress
    /// one update at a time gets through in minutes.
    fn default() -> Self {
        const DEFAULT: RateLimits = RateLimits {
            sign_in: Rate::new(10, 20),
            api: Rate::new(600, 100),
        };
        DEFAULT
    }
}

impl Rate {
    /// A rate from constants; a zero panics, which in a `const` fails the build instead.
    pub const fn new(per_minute: u32, burst: u32) -> Rate {
        match (NonZeroU32::new(per_minute), NonZeroU32::new(burst)) {
            (Some(per_minute), Some(burst)) => Rate { per_minute, burst },
            _ => panic!("a rate limit must be above 0"),
        }
    }
}

/// The rate limits from `NAP_SIGN_IN_PER_MINUTE`, `NAP_SIGN_IN_BURST`, `NAP_API_PER_MINUTE` and
/// `NAP_API_BURST`, each a whole number above 0 (defaults in [`RateLimits::default`]).
pub fn rate_limits() -> Result<RateLimits, String> {
    let defaults = RateLimits::default();
    let read = |name: &str, default: NonZeroU32| match std::env::var(name)
        .ok()
        .as_deref()
        .map(str::trim)
    {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<NonZeroU32>()
            .map_err(|_| format!("{name} must be a whole number above 0, not {text:?}")),
    };
    Ok(RateLimits {
        sign_in: Rate {
            per_minute: read("NAP_SIGN_IN_PER_MINUTE", defaults.sign_in.per_minute)?,
            burst: read("NAP_SIGN_IN_BURST", defaults.sign_in.burst)?,
        },
        api: Rate {
            per_minute: read("NAP_API_PER_MINUTE", defaults.api.per_minute)?,
            burst: read("NAP_API_BURST", defaults.api.burst)?,
        },
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
