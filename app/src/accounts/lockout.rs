//! Lock-out after repeated failed sign-ins: after [`MAX_FAILURES`] failures for one email
//! address within [`WINDOW`], that address may not sign in for [`WINDOW`]. Rate limiting per
//! client address (in the server) slows one machine down; this stops many machines guessing
//! one account's password.
//!
//! Failures are stored in the database, so every server sharing it counts the same ones. They
//! are keyed by the normalised email address, whether an account has it or not, so the lock
//! says nothing about which addresses have accounts. Attempts during a lock are not checked
//! at all, so they reveal nothing about the password either, and are not counted: the lock
//! ends [`WINDOW`] after the failure that caused it, whatever is tried meanwhile.
//!
//! Every function takes the current time, so that tests can move the clock.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::entities::sign_in_failure;

/// Failures within [`WINDOW`] that lock an address.
pub const MAX_FAILURES: usize = 5;
/// The span in which [`MAX_FAILURES`] failures lock an address, and how long the lock lasts.
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);

/// An address that may not sign in until `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Too many failed sign-ins for this account: try again after {} UTC, or ask an administrator.", rounded_up(*until).format("%H:%M"))]
pub struct Locked {
    pub until: DateTime<Utc>,
}

/// The next full minute at or after `time`: "after 14:32" must not be too early by seconds.
fn rounded_up(time: DateTime<Utc>) -> DateTime<Utc> {
    let seconds = time.timestamp() + i64::from(time.timestamp_subsec_nanos() > 0);
    DateTime::from_timestamp((seconds + 59).div_euclid(60) * 60, 0).unwrap_or(time)
}

/// The lock on `email` (normalised) at `now`, if there is one.
pub async fn lock(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<Locked>, DbErr> {
    // A lock still running began less than WINDOW ago, after failures less than WINDOW
    // before that: older failures cannot matter.
    let failures: Vec<DateTime<Utc>> = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Email.eq(email))
        .filter(sign_in_failure::Column::FailedAt.gt(now - WINDOW * 2))
        .order_by_asc(sign_in_failure::Column::FailedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|failure| failure.failed_at)
        .collect();
    Ok(lock_end(&failures)
        .filter(|until| *until > now)
        .map(|until| Locked { until }))
}

/// When the latest lock caused by `failures` (oldest first) ends: [`WINDOW`] after a failure
/// that made [`MAX_FAILURES`] within [`WINDOW`].
fn lock_end(failures: &[DateTime<Utc>]) -> Option<DateTime<Utc>> {
    failures
        .windows(MAX_FAILURES)
        .filter(|run| run[MAX_FAILURES - 1] - run[0] < WINDOW)
        .map(|run| run[MAX_FAILURES - 1] + WINDOW)
        .next_back()
}

/// Counts a failed sign-in for `email` (normalised) at `now`.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    sign_in_failure::ActiveModel {
        email: Set(email.to_owned()),
        failed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Failures too old to lock anything are of no further use: the table stays small even
    // when someone tries thousands of addresses.
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::FailedAt.lte(now - WINDOW * 2))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the failures of `email` (normalised): after a successful sign-in, or when an
/// administrator lifts a lock.
pub async fn clear(db: &impl ConnectionTrait, email: &str) -> Result<u64, DbErr> {
    Ok(sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Email.eq(email))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hms: &str) -> DateTime<Utc> {
        format!("2026-12-02T{hms}Z").parse().expect("a time")
    }

    #[test]
    fn five_failures_within_the_window_lock_for_the_window_after_the_fifth() {
        let close = ["10:00:00", "10:01:00", "10:02:00", "10:03:00", "10:14:00"].map(at);
        assert_eq!(lock_end(&close), Some(at("10:29:00")));
        assert_eq!(lock_end(&close[..4]), None, "four are not enough");
        let spread = ["10:00:00", "10:05:00", "10:10:00", "10:14:00", "10:15:00"].map(at);
        assert_eq!(lock_end(&spread), None, "the first fell out of the window");
    }

    #[test]
    fn the_message_names_the_next_full_minute() {
        let locked = Locked {
            until: at("14:31:20"),
        };
        assert_eq!(
            locked.to_string(),
            "Too many failed sign-ins for this account: try again after 14:32 UTC, or ask an administrator."
        );
        assert_eq!(rounded_up(at("14:31:00")), at("14:31:00"));
    }
}
