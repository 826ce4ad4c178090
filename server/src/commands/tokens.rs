//! `nap-tracker token create`.

use app::accounts::{tokens, Actor};
use sea_orm::DatabaseConnection;

/// Creates an API token for an account and returns it: it is shown this once only.
pub async fn create(db: &DatabaseConnection, email: &str, label: &str) -> Result<String, String> {
    tokens::create(db, &Actor::Operator, email, label)
        .await
        .map_err(|e| e.to_string())
}
