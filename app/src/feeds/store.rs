//! Reading a feed's entries: only what the public pages show.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entries::{about_commitment, newest, plan};
use super::{commitment_feed_href, country_feed_href, Entry, Feed};
use crate::plans::entities::{action_plan, commitment};
use crate::plans::store::{assemble, commitment_detail, country_by_iso3};
use crate::plans::PlanStatus;
use crate::progress::store::{history, ID_LIST};

/// The feed of country `iso3` (however typed): its published plans and what is said about
/// their commitments. `None` when there is no such country. A country without a published
/// plan has a feed without entries, so that people can follow it before it publishes one.
pub async fn country_feed(
    db: &impl ConnectionTrait,
    iso3: &str,
    today: NaiveDate,
) -> Result<Option<Feed>, DbErr> {
    let Some(found) = country_by_iso3(db, iso3).await? else {
        return Ok(None);
    };
    let plans = action_plan::Entity::find()
        .filter(action_plan::Column::CountryId.eq(found.id))
        .filter(action_plan::Column::Status.eq(PlanStatus::Published.as_str()))
        .all(db)
        .await?;
    let rows = commitment::Entity::find()
        .filter(commitment::Column::PlanId.is_in(plans.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let mut entries: Vec<Entry> = plans
        .iter()
        .map(|p| {
            let count = rows.iter().filter(|c| c.plan_id == p.id).count();
            plan(&found.name, &found.iso3, p, count)
        })
        .collect();
    // In parts: each part's ids go into `IN (…)` lists.
    for part in rows.chunks(ID_LIST) {
        let commitments = assemble(db, part.to_vec(), today).await?;
        let ids: Vec<i32> = commitments.iter().map(|c| c.id).collect();
        let mut updates = history(db, &ids).await?;
        let mut assessments = crate::review::assess::assessments_of(db, &ids).await?;
        let mut civil_society = crate::civil_society::shadow::of_commitments(db, &ids).await?;
        for c in &commitments {
            entries.extend(about_commitment(
                c,
                &updates.remove(&c.id).unwrap_or_default(),
                &assessments.remove(&c.id).unwrap_or_default(),
                &civil_society.remove(&c.id).unwrap_or_default(),
            ));
        }
    }
    let entries = newest(entries);
    let updated = match entries.first() {
        Some(entry) => entry.updated,
        // No published plan yet: nothing newer than the tracker's last change is missing.
        None => crate::audit::last_change(db)
            .await?
            .map_or(DateTime::<Utc>::UNIX_EPOCH, |(_, at)| at),
    };
    Ok(Some(Feed {
        id: format!("urn:nap-tracker:country:{}", found.iso3),
        title: format!("{} national action plan", found.name),
        subtitle: format!(
            "Progress reported on the commitments of {}'s published national action plans, \
             the Commission's reviews and assessments, and civil society's assessments",
            found.name
        ),
        self_href: country_feed_href(&found.iso3),
        page_href: format!("/countries/{}", found.iso3),
        updated,
        entries,
    }))
}

/// The feed of commitment `id`: what is said about it. `None` when there is no such
/// commitment or the public may not read it (its plan is a draft).
pub async fn commitment_feed(
    db: &impl ConnectionTrait,
    id: i32,
    today: NaiveDate,
) -> Result<Option<Feed>, DbErr> {
    // The visitor without an account: the very rule of the public commitment page.
    let Some(detail) = commitment_detail(db, id, None, today).await? else {
        return Ok(None);
    };
    let c = &detail.commitment;
    let entries = newest(about_commitment(
        c,
        &detail.updates,
        &detail.assessments,
        &detail.civil_society,
    ));
    // An edit of the commitment (its title, say) changes the feed too.
    let edited = commitment::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| row.updated_at);
    let updated = entries
        .first()
        .map(|e| e.updated)
        .into_iter()
        .chain(edited)
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    Ok(Some(Feed {
        id: format!("urn:nap-tracker:commitment:{id}"),
        title: format!(
            "{}, commitment {}: {}",
            c.country_name, c.reference, c.title
        ),
        subtitle: format!(
            "Progress reported on commitment {} of {}'s national action plan, the Commission's \
             reviews and assessments, and civil society's assessments",
            c.reference, c.country_name
        ),
        self_href: commitment_feed_href(id),
        page_href: format!("/commitments/{id}"),
        updated,
        entries,
    }))
}
