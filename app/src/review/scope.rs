//! Whose commitments a reviewer may judge: those of the countries they review.

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::accounts::Actor;
use crate::plans::entities::{action_plan, commitment, country};
use crate::refusal::{Refusal, WriteError};

/// Commitment `id`, when `actor` reviews its country; otherwise a refusal saying that only a
/// reviewer of the country may do `what`.
pub(super) async fn reviewable(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    what: &str,
) -> Result<commitment::Model, WriteError> {
    let not_found = || Refusal::NotFound(format!("there is no commitment {id}"));
    let found = commitment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let plan = action_plan::Entity::find_by_id(found.plan_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    if actor.reviews(plan.country_id) {
        return Ok(found);
    }
    let iso3 = country::Entity::find_by_id(plan.country_id)
        .one(db)
        .await?
        .map_or_else(String::new, |c| c.iso3);
    Err(Refusal::Forbidden(format!("only a reviewer of {iso3} may {what}")).into())
}
