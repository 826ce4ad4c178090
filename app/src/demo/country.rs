//! One demo country: its plan, owners, commitments, targets and history, generated in memory
//! with ids assigned here, then written in bulk.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use sea_orm::Set;

use super::content::{self, Dice};
use super::rows::{Ids, Rows};
use super::Catalogue;
use crate::accounts::entities::{role_membership, user};
use crate::plans::entities::{
    action_plan, commitment, commitment_recommendation, country, owner, supporting_owner, target,
};
use crate::plans::{Region, Status};
use crate::progress::entities::{evidence_link, indicator_value, progress_update};

pub struct Spec<'a> {
    pub iso3: &'a str,
    pub name: &'a str,
    pub region: Region,
    pub commitments: usize,
    /// Whether to add the demo accounts of every role (the first country only).
    pub with_people: bool,
    pub password_hash: &'a str,
    pub catalogue: &'a Catalogue,
    pub today: NaiveDate,
    /// Days between two progress reports on a commitment.
    pub report_every: i64,
    /// Whether every commitment is led by the first owner, the Ministry of Health, instead of
    /// owners drawn at random.
    pub one_lead: bool,
    /// The demo reviewer's account, made with the first country's people (`None` until then).
    pub reviewer: Option<i32>,
}

/// Reports older than this many days were approved by the demo reviewer a week after they came
/// in; newer ones await review, so the review queue holds about one quarter's reports.
const REVIEWED_BEFORE_DAYS: i64 = 91;

struct Person {
    id: i32,
}

fn account(rows: &mut Rows, ids: &mut Ids, spec: &Spec, email: String, name: &str) -> Person {
    let id = ids.take(0);
    rows.users.push(user::ActiveModel {
        id: Set(id),
        email: Set(email),
        display_name: Set(name.to_owned()),
        password_hash: Set(spec.password_hash.to_owned()),
        is_active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    });
    Person { id }
}

fn grant(
    rows: &mut Rows,
    ids: &mut Ids,
    person: &Person,
    role: &str,
    country_id: Option<i32>,
    owner_id: Option<i32>,
) {
    rows.memberships.push(role_membership::ActiveModel {
        id: Set(ids.take(3)),
        user_id: Set(person.id),
        role: Set(role.to_owned()),
        country_id: Set(country_id),
        owner_id: Set(owner_id),
    });
}

pub fn generate(spec: Spec, ids: &mut Ids, dice: &mut Dice) -> Rows {
    let mut rows = Rows::default();
    let country_id = ids.take(1);
    rows.country.push(country::ActiveModel {
        id: Set(country_id),
        iso3: Set(spec.iso3.to_owned()),
        name: Set(spec.name.to_owned()),
        is_demo: Set(true),
        region: Set(Some(spec.region.as_str().to_owned())),
    });
    let owner_ids: Vec<i32> = content::OWNERS
        .iter()
        .map(|(code, name)| {
            let id = ids.take(2);
            rows.owners.push(owner::ActiveModel {
                id: Set(id),
                country_id: Set(country_id),
                code: Set((*code).to_owned()),
                name: Set((*name).to_owned()),
            });
            id
        })
        .collect();

    let lower = spec.iso3.to_ascii_lowercase();
    let coordinator = account(
        &mut rows,
        ids,
        &spec,
        format!("coordinator.{lower}@demo.nap-tracker.example"),
        &format!("Coordinator, {}", spec.name),
    );
    grant(
        &mut rows,
        ids,
        &coordinator,
        "coordinator",
        Some(country_id),
        None,
    );
    // The focal point of the Ministry of Health reports on its commitments.
    let mut health = None;
    let mut reviewer_id = spec.reviewer;
    if spec.with_people {
        let admin = account(
            &mut rows,
            ids,
            &spec,
            "admin@demo.nap-tracker.example".into(),
            "Demo administrator",
        );
        grant(&mut rows, ids, &admin, "admin", None, None);
        let reviewer = account(
            &mut rows,
            ids,
            &spec,
            "reviewer@demo.nap-tracker.example".into(),
            "Demo reviewer, Commission for Social Development",
        );
        grant(&mut rows, ids, &reviewer, "reviewer", None, None);
        reviewer_id = Some(reviewer.id);
        let moh = account(
            &mut rows,
            ids,
            &spec,
            format!("health.{lower}@demo.nap-tracker.example"),
            "Focal point, Ministry of Health",
        );
        grant(
            &mut rows,
            ids,
            &moh,
            "focal_point",
            Some(country_id),
            Some(owner_ids[0]),
        );
        let moe = account(
            &mut rows,
            ids,
            &spec,
            format!("education.{lower}@demo.nap-tracker.example"),
            "Focal point, Ministry of Education",
        );
        grant(
            &mut rows,
            ids,
            &moe,
            "focal_point",
            Some(country_id),
            Some(owner_ids[1]),
        );
        health = Some(moh.id);
    }

    let plan_start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(spec.today);
    let plan_end = NaiveDate::from_ymd_opt(2029, 12, 31).unwrap_or(spec.today);
    let plan_id = ids.take(4);
    let created = Utc.from_utc_datetime(&plan_start.and_hms_opt(9, 0, 0).unwrap_or_default());
    rows.plans.push(action_plan::ActiveModel {
        id: Set(plan_id),
        country_id: Set(country_id),
        title: Set(format!(
            "{}: National Action Plan on Social Integration 2025–2029",
            spec.name
        )),
        period_start: Set(plan_start),
        period_end: Set(plan_end),
        status: Set("published".to_owned()),
        created_at: Set(created),
        updated_at: Set(created),
    });

    for n in 0..spec.commitments {
        let (group_code, members) = &spec.catalogue[n % spec.catalogue.len()];
        let (recommendation_id, _) = dice.pick(members).clone();
        let lead = match spec.one_lead {
            true => 0,
            false => dice.between(0, owner_ids.len() as i64 - 1) as usize,
        };
        let author = match (lead, health) {
            (0, Some(moh)) => moh,
            _ => coordinator.id,
        };
        let start = plan_start + Duration::days(dice.between(0, 540));
        let end = start + Duration::days(dice.between(180, 1460));
        let population = content::population(n + dice.between(0, 7) as usize);
        let title = dice
            .pick(content::titles(group_code))
            .replace("{}", population);
        let commitment_id = ids.take(5);
        rows.links.push(commitment_recommendation::ActiveModel {
            commitment_id: Set(commitment_id),
            recommendation_id: Set(recommendation_id),
        });
        if dice.chance(30) {
            let (_, other) = dice.pick(spec.catalogue);
            let (second, _) = dice.pick(other).clone();
            if second != recommendation_id {
                rows.links.push(commitment_recommendation::ActiveModel {
                    commitment_id: Set(commitment_id),
                    recommendation_id: Set(second),
                });
            }
        }
        if dice.chance(50) {
            let helper = (lead + 1 + dice.between(0, 4) as usize) % owner_ids.len();
            rows.supporting.push(supporting_owner::ActiveModel {
                commitment_id: Set(commitment_id),
                owner_id: Set(owner_ids[helper]),
            });
        }
        let target_id = ids.take(6);
        let baseline = dice.between(5, 40) as f64;
        let goal = baseline + dice.between(10, 50) as f64;
        rows.targets.push(target::ActiveModel {
            id: Set(target_id),
            commitment_id: Set(commitment_id),
            indicator: Set(format!("Share of {population} reached")),
            unit: Set("%".to_owned()),
            baseline_value: Set(Some(baseline)),
            baseline_date: Set(Some(plan_start - Duration::days(1))),
            target_value: Set(Some(goal)),
            target_date: Set(Some(end)),
            disaggregation: Set(dice.chance(60).then(|| "sex,age,location".to_owned())),
        });

        // A report every period from one period after the start until the end or today;
        // some commitments fall silent, and those past their end while open are overdue.
        let mut percent: i64 = 0;
        let mut status = Status::NotStarted;
        let stalls = dice.chance(25);
        let mut day = start + Duration::days(spec.report_every);
        // Progress per report, in percent: about a quarter of the way per quarter at most.
        let max_step = (spec.report_every * 25 / 91).max(1);
        let mut last_change = created;
        let mut reports = 0;
        while day <= end.min(spec.today) && !(stalls && reports >= 2) {
            percent = (percent + dice.between(0, max_step)).min(100);
            status = match percent {
                0 => Status::NotStarted,
                1..=49 => Status::Limited,
                50..=99 => Status::Substantial,
                _ => Status::Complete,
            };
            if dice.chance(2) {
                status = Status::Withdrawn;
            }
            let update_id = ids.take(7);
            last_change = Utc.from_utc_datetime(&day.and_hms_opt(10, 0, 0).unwrap_or_default());
            let reviewed =
                reviewer_id.filter(|_| day + Duration::days(REVIEWED_BEFORE_DAYS) < spec.today);
            rows.updates.push(progress_update::ActiveModel {
                id: Set(update_id),
                commitment_id: Set(commitment_id),
                reporting_date: Set(day),
                status: Set(status.as_str().to_owned()),
                percent_complete: Set(Some(percent as i32)),
                narrative: Set(dice.pick(&content::NARRATIVES).to_string()),
                author_id: Set(author),
                source: Set(if dice.chance(30) { "import" } else { "form" }.to_owned()),
                import_batch_id: Set(None),
                review_state: Set(if reviewed.is_some() {
                    "approved"
                } else {
                    "submitted"
                }
                .to_owned()),
                reviewer_id: Set(reviewed),
                review_comment: Set(None),
                reviewed_at: Set(reviewed.map(|_| last_change + Duration::days(7))),
                created_at: Set(last_change),
            });
            rows.values.push(indicator_value::ActiveModel {
                id: Set(ids.take(8)),
                progress_update_id: Set(update_id),
                target_id: Set(target_id),
                // One decimal, as surveys report.
                value: Set(
                    ((baseline + (goal - baseline) * percent as f64 / 100.0) * 10.0).round() / 10.0,
                ),
            });
            if dice.chance(40) {
                rows.evidence.push(evidence_link::ActiveModel {
                    id: Set(ids.take(9)),
                    progress_update_id: Set(update_id),
                    url: Set(format!(
                        "https://example.org/demo/{lower}/c-{:03}/report-{day}.pdf",
                        n + 1
                    )),
                    label: Set(None),
                });
            }
            reports += 1;
            if status == Status::Complete || status == Status::Withdrawn {
                break;
            }
            day += Duration::days(spec.report_every);
        }
        rows.commitments.push(commitment::ActiveModel {
            id: Set(commitment_id),
            plan_id: Set(plan_id),
            reference: Set(format!("C-{:03}", n + 1)),
            title: Set(title),
            description: Set(format!(
                "Demonstration commitment answering the {group_code} recommendations, led by the {}.",
                content::OWNERS[lead].1
            )),
            lead_owner_id: Set(owner_ids[lead]),
            start_date: Set(start),
            end_date: Set(end),
            status: Set(status.as_str().to_owned()),
            percent_complete: Set((reports > 0).then_some(percent as i32)),
            version: Set(1 + reports),
            created_at: Set(created),
            updated_at: Set(last_change),
        });
    }
    rows.reviewer = reviewer_id;
    rows
}
