//! `nap-tracker demo [--scale N] [--if-empty]`.

use std::time::Instant;

use app::demo::{self, Outcome, ACCOUNTS, DEMO_PASSWORD};
use app::plans::store;
use sea_orm::DatabaseConnection;

pub async fn load(
    db: &DatabaseConnection,
    scale: Option<usize>,
    if_empty: bool,
) -> Result<String, String> {
    if if_empty
        && !store::countries(db)
            .await
            .map_err(|e| e.to_string())?
            .is_empty()
    {
        return Ok("the database already holds countries: no demo loaded".to_owned());
    }
    let started = Instant::now();
    let outcome = demo::load(db, scale, demo::today())
        .await
        .map_err(|e| e.to_string())?;
    Ok(match outcome {
        Outcome::AlreadyLoaded => "the demo is already loaded".to_owned(),
        Outcome::Loaded {
            countries,
            commitments,
            updates,
        } => {
            let mut text = format!(
                "loaded the demo in {:.1} s: {countries} countries, {commitments} commitments, {updates} progress updates",
                started.elapsed().as_secs_f64()
            );
            if scale.is_none() {
                text.push_str(&format!("\ndemo accounts (password {DEMO_PASSWORD}):"));
                for (email, role) in ACCOUNTS {
                    text.push_str(&format!("\n  {email:45} {role}"));
                }
            }
            text
        }
    })
}
