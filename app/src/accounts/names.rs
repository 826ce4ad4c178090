//! People's names, as pages show them beside what they did.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::user;

/// The display name of each account in `ids` (repeats allowed), by account id.
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: Vec<i32> = ids
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut names = HashMap::new();
    // In parts: thousands of updates by thousands of people must not exceed the database's
    // bind-parameter limit.
    for part in ids.chunks(crate::progress::store::ID_LIST) {
        names.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(part.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name)),
        );
    }
    Ok(names)
}
