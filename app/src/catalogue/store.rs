//! Reading the catalogue from the database. The catalogue is public: no caller identity needed.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{group, recommendation, subitem};
use super::{normalise_code, Group, Neighbours, Recommendation};

/// Every group with its recommendations, in the report's order.
pub async fn groups(db: &impl ConnectionTrait) -> Result<Vec<Group>, DbErr> {
    let groups = group::Entity::find()
        .order_by_asc(group::Column::FrameworkId)
        .order_by_asc(group::Column::Position)
        .all(db)
        .await?;
    let recommendations = recommendation::Entity::find()
        .order_by_asc(recommendation::Column::Number)
        .all(db)
        .await?;
    let mut subitems = subitems_by_recommendation(
        subitem::Entity::find()
            .order_by_asc(subitem::Column::Position)
            .all(db)
            .await?,
    );

    let mut by_group: HashMap<i32, Vec<recommendation::Model>> = HashMap::new();
    for r in recommendations {
        by_group.entry(r.group_id).or_default().push(r);
    }
    Ok(groups
        .into_iter()
        .map(|g| {
            let recommendations = by_group
                .remove(&g.id)
                .unwrap_or_default()
                .into_iter()
                .map(|r| {
                    let subitems = subitems.remove(&r.id).unwrap_or_default();
                    view(r, &g, subitems)
                })
                .collect();
            Group {
                code: g.code,
                name: g.name,
                level: g.level,
                recommendations,
            }
        })
        .collect())
}

/// One group by its code (`POL`, `mev`, …), or `None`.
pub async fn group(db: &impl ConnectionTrait, code: &str) -> Result<Option<Group>, DbErr> {
    let code = normalise_code(code);
    Ok(groups(db).await?.into_iter().find(|g| g.code == code))
}

/// All recommendations as one flat list, in the report's order.
pub async fn recommendations(db: &impl ConnectionTrait) -> Result<Vec<Recommendation>, DbErr> {
    Ok(groups(db)
        .await?
        .into_iter()
        .flat_map(|g| g.recommendations)
        .collect())
}

/// One recommendation by its code (`MEV-5`, `mev-5`, …), or `None`.
pub async fn recommendation(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<Recommendation>, DbErr> {
    let Some(r) = recommendation::Entity::find()
        .filter(recommendation::Column::Code.eq(normalise_code(code)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(g) = group::Entity::find_by_id(r.group_id).one(db).await? else {
        return Err(DbErr::RecordNotFound(format!(
            "group {} of recommendation {}",
            r.group_id, r.code
        )));
    };
    let subitems = subitem::Entity::find()
        .filter(subitem::Column::RecommendationId.eq(r.id))
        .order_by_asc(subitem::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.text)
        .collect();
    Ok(Some(view(r, &g, subitems)))
}

/// The codes before and after `code` across the whole catalogue (groups follow each other).
pub async fn neighbours(db: &impl ConnectionTrait, code: &str) -> Result<Neighbours, DbErr> {
    let code = normalise_code(code);
    let codes: Vec<String> = recommendations(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let Some(at) = codes.iter().position(|c| *c == code) else {
        return Ok(Neighbours::default());
    };
    Ok(Neighbours {
        previous: at.checked_sub(1).and_then(|i| codes.get(i)).cloned(),
        next: codes.get(at + 1).cloned(),
    })
}

fn subitems_by_recommendation(rows: Vec<subitem::Model>) -> HashMap<i32, Vec<String>> {
    let mut map: HashMap<i32, Vec<String>> = HashMap::new();
    for s in rows {
        map.entry(s.recommendation_id).or_default().push(s.text);
    }
    map
}

fn view(r: recommendation::Model, g: &group::Model, subitems: Vec<String>) -> Recommendation {
    Recommendation {
        code: r.code,
        group_code: g.code.clone(),
        group_name: g.name.clone(),
        number: r.number,
        text: r.text,
        subitems,
    }
}
