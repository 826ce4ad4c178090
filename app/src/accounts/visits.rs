//! Sign-in times, from which each person's page tells what changed since their last visit.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::user;

/// Notes a sign-in at `now`: the sign-in before becomes the previous one.
pub async fn record_sign_in(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::PreviousSignInAt,
            Expr::col(user::Column::LastSignInAt).into(),
        )
        .col_expr(user::Column::LastSignInAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// When the person's previous visit began; `None` on their first.
pub async fn previous_visit(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|u| u.previous_sign_in_at))
}
