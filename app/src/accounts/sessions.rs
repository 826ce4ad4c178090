//! Sign-in sessions: axum-login checks passwords and remembers who signed in; tower-sessions
//! keeps the session in the `sessions` table, so it survives a restart and any of several
//! servers can answer. The cookie holds only the session's random id.
//!
//! A session ends after `IDLE_LIMIT` without a request, `AGE_LIMIT` after signing in however
//! busy it is (a cookie copied from a shared computer stops working the same day), when the
//! password changes, or when the person signs out everywhere.

use axum_login::{AuthUser, AuthnBackend};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DbErr, EntityTrait, QueryFilter,
};
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::Session;

use super::entities::{session, user};
use super::passwords;
use super::store::normalise_email;

/// The signed-in account as the session knows it. The password hash doubles as the session's
/// check value: changing the password ends every session of the account.
#[derive(Clone)]
pub struct SessionUser {
    pub id: i32,
    password_hash: String,
}

impl std::fmt::Debug for SessionUser {
    // Never print the hash, even in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser").field("id", &self.id).finish()
    }
}

impl AuthUser for SessionUser {
    type Id = i32;

    fn id(&self) -> i32 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

#[derive(Clone, Debug)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// Checks email and password against active accounts.
#[derive(Clone, Debug)]
pub struct Accounts {
    pub db: DatabaseConnection,
}

impl AuthnBackend for Accounts {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = sea_orm::DbErr;

    async fn authenticate(
        &self,
        credentials: Credentials,
    ) -> Result<Option<SessionUser>, Self::Error> {
        let Ok(email) = normalise_email(&credentials.email) else {
            return Ok(None);
        };
        let found = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .filter(user::Column::IsActive.eq(true))
            .one(&self.db)
            .await?;
        let Some(found) = found else {
            return Ok(None);
        };
        // Argon2 takes tens of milliseconds of CPU by design: keep it off the async workers.
        let hash = found.password_hash.clone();
        let matches = tokio_blocking(move || passwords::verify(&credentials.password, &hash)).await;
        Ok(matches.then_some(SessionUser {
            id: found.id,
            password_hash: found.password_hash,
        }))
    }

    async fn get_user(&self, id: &i32) -> Result<Option<SessionUser>, Self::Error> {
        Ok(user::Entity::find_by_id(*id)
            .filter(user::Column::IsActive.eq(true))
            .one(&self.db)
            .await?
            .map(|u| SessionUser {
                id: u.id,
                password_hash: u.password_hash,
            }))
    }
}

async fn tokio_blocking(work: impl FnOnce() -> bool + Send + 'static) -> bool {
    // A panic while verifying counts as a wrong password.
    tokio::task::spawn_blocking(work).await.unwrap_or(false)
}

pub type AuthSession = axum_login::AuthSession<Accounts>;

/// Sessions in the database.
#[derive(Clone, Debug)]
pub struct DatabaseSessions {
    pub db: DatabaseConnection,
}

/// Without a request for this long, a session ends (the cookie's expiry is renewed on each).
pub const IDLE_LIMIT: TimeDelta = TimeDelta::hours(8);

/// However active, a session ends this long after signing in: a working day.
pub const AGE_LIMIT: TimeDelta = TimeDelta::hours(12);

/// Where a session keeps when its person signed in (seconds since 1970).
const SIGNED_IN_AT: &str = "nap.signed_in_at";

/// Notes the moment of signing in, from which `AGE_LIMIT` counts.
pub async fn mark_signed_in(
    session: &Session,
    now: DateTime<Utc>,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(SIGNED_IN_AT, now.timestamp()).await
}

/// The data a session keeps, as tower-sessions stores it.
type SessionData = std::collections::HashMap<String, serde_json::Value>;

/// Whether a session's person signed in less than `AGE_LIMIT` ago. A session with a person but
/// no time of signing in predates the age limit and is ended too, rather than left to live for
/// ever; one without a person has no age limit.
fn within_age_limit(data: &SessionData, now: DateTime<Utc>) -> bool {
    if user_id_in(data).is_none() {
        return true;
    }
    data.get(SIGNED_IN_AT)
        .and_then(serde_json::Value::as_i64)
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .is_some_and(|signed_in| now - signed_in < AGE_LIMIT)
}

/// Ends every session of an account, on every browser and device; returns how many ended.
pub async fn end_sessions(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, DbErr> {
    let ended = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(ended.rows_affected)
}

/// How many browsers or devices an account is signed in on now.
pub async fn open_sessions(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let live = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .all(db)
        .await?;
    // The age limit lives in each session's data, so it is checked here, not in SQL.
    let within = |row: &session::Model| {
        serde_json::from_slice::<SessionData>(&row.data)
            .is_ok_and(|data| within_age_limit(&data, now))
    };
    Ok(live.iter().filter(|row| within(row)).count() as u64)
}

fn backend_error(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn expiry(record: &Record) -> DateTime<Utc> {
    DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0).unwrap_or_else(Utc::now)
}

fn user_id_in(data: &SessionData) -> Option<i32> {
    // axum-login keeps the user's id under this key; it lets sessions be ended per account.
    data.get("axum-login.data")
        .and_then(|v| v.get("user_id"))
        .and_then(serde_json::Value::as_i64)
        .and_then(|id| i32::try_from(id).ok())
}

impl DatabaseSessions {
    fn row(record: &Record) -> session_store::Result<session::ActiveModel> {
        let data = serde_json::to_vec(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        Ok(session::ActiveModel {
            id: Set(record.id.to_string()),
            user_id: Set(user_id_in(&record.data)),
            data: Set(data),
            expires_at: Set(expiry(record)),
        })
    }
}

#[async_trait::async_trait]
impl SessionStore for DatabaseSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Sessions are created at sign-in: a fitting moment to forget those that have ended
        // (the expiry column is indexed, so this stays cheap).
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend_error)?;
        // A fresh random id until it is unused (a clash of 128-bit ids is all but impossible).
        while session::Entity::find_by_id(record.id.to_string())
            .one(&self.db)
            .await
            .map_err(backend_error)?
            .is_some()
        {
            record.id = Id::default();
        }
        session::Entity::insert(Self::row(record)?)
            .exec_without_returning(&self.db)
            .await
            .map_err(backend_error)?;
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        session::Entity::insert(Self::row(record)?)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([
                        session::Column::UserId,
                        session::Column::Data,
                        session::Column::ExpiresAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(backend_error)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = Utc::now();
        let Some(row) = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await
            .map_err(backend_error)?
        else {
            return Ok(None);
        };
        let data: SessionData = serde_json::from_slice(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        if !within_age_limit(&data, now) {
            self.delete(id).await?;
            return Ok(None);
        }
        let expiry_date = OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend_error)?;
        Ok(())
    }
}
