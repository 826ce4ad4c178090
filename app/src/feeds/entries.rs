//! Entries in words: what each update, assessment and plan says, as the pages word it.

use crate::civil_society::ShadowAssessment;
use crate::components::commitment_list::{number_text, percent_text};
use crate::components::voices::review_text;
use crate::plans::entities::action_plan;
use crate::plans::{Commitment, Status};
use crate::progress::Update;
use crate::review::Assessment;

use super::{Entry, Kind};

/// A status with its share when there is one: "Substantial progress (40 %)".
fn judged(status: Status, percent: Option<i32>) -> String {
    match percent {
        Some(_) => format!("{} ({})", status.label(), percent_text(percent)),
        None => status.label().to_owned(),
    }
}

/// How much is done, in a sentence: "40 % complete", or that nobody gave a share.
fn complete(percent: Option<i32>) -> String {
    match percent {
        Some(_) => format!("{} complete", percent_text(percent)),
        None => "% complete not reported".to_owned(),
    }
}

/// The line that names the commitment, first in every entry's text.
fn about(c: &Commitment) -> String {
    format!(
        "{}, commitment {}: {}",
        c.country_name, c.reference, c.title
    )
}

/// A titled list of lines, left out when empty.
fn listed(heading: &str, items: Vec<String>) -> Option<String> {
    (!items.is_empty()).then(|| format!("{heading}:\n{}", items.join("\n")))
}

/// Paragraphs, empty ones left out, separated by a blank line.
fn paragraphs(parts: impl IntoIterator<Item = Option<String>>) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A ministry's progress update, with how its review stands.
fn progress_update(c: &Commitment, u: &Update) -> Entry {
    let values = u
        .indicator_values
        .iter()
        .map(|v| {
            let name = c.targets.iter().find(|t| t.id == v.target_id).map_or_else(
                || format!("target {}", v.target_id),
                |t| t.indicator.clone(),
            );
            format!("{name}: {}", number_text(v.value))
        })
        .collect();
    let comment = u
        .review
        .as_ref()
        .and_then(|r| r.comment.clone())
        .map(|comment| format!("Reviewer's comment: {comment}"));
    let head = format!(
        "{}\nReported for {} by {}: {}, {}.\nReview: {}",
        about(c),
        u.reporting_date,
        u.author,
        u.status.label(),
        complete(u.percent_complete),
        review_text(u),
    );
    Entry {
        kind: Kind::ProgressUpdate,
        row: u.id,
        title: format!(
            "{}: {} reported by {}",
            c.reference,
            judged(u.status, u.percent_complete),
            c.lead_owner.name
        ),
        author: u.author.clone(),
        published: Some(u.created_at),
        // A review decided later changes what the entry says.
        updated: u
            .review
            .as_ref()
            .map_or(u.created_at, |r| r.reviewed_at.max(u.created_at)),
        href: format!("/commitments/{}", c.id),
        text: paragraphs([
            Some(head),
            comment,
            Some(u.narrative.clone()),
            listed("Indicator values", values),
            listed("Evidence", u.evidence_urls.clone()),
        ]),
    }
}

/// A reviewer's assessment of the commitment.
fn reviewer_assessment(c: &Commitment, a: &Assessment) -> Entry {
    let head = format!(
        "{}\nThe Commission's reviewer {} assesses: {}, {}.",
        about(c),
        a.reviewer,
        a.status.label(),
        complete(a.percent_complete),
    );
    Entry {
        kind: Kind::ReviewerAssessment,
        row: a.id,
        title: format!(
            "{}: the Commission's reviewer assesses {}",
            c.reference,
            judged(a.status, a.percent_complete)
        ),
        author: a.reviewer.clone(),
        published: Some(a.created_at),
        updated: a.created_at,
        href: format!("/commitments/{}", c.id),
        text: paragraphs([Some(head), Some(a.justification.clone())]),
    }
}

/// An approved organisation's assessment of the commitment (revised in place).
fn civil_society_assessment(c: &Commitment, s: &ShadowAssessment) -> Entry {
    let website = (!s.organisation_website.is_empty())
        .then(|| format!(" ({})", s.organisation_website))
        .unwrap_or_default();
    let head = format!(
        "{}\n{}{website} assesses: {}.",
        about(c),
        s.organisation,
        s.status.label(),
    );
    Entry {
        kind: Kind::CivilSocietyAssessment,
        row: s.id,
        title: format!(
            "{}: {} assesses {}",
            c.reference,
            s.organisation,
            s.status.label()
        ),
        author: s.organisation.clone(),
        published: Some(s.created_at),
        updated: s.revised_at.unwrap_or(s.created_at),
        href: format!("/commitments/{}", c.id),
        text: paragraphs([
            Some(head),
            Some(s.justification.clone()),
            listed("Evidence", s.evidence_urls.clone()),
        ]),
    }
}

/// A published plan of country `country_name` (`iso3`) with its number of commitments.
pub(super) fn plan(
    country_name: &str,
    iso3: &str,
    p: &action_plan::Model,
    commitments: usize,
) -> Entry {
    Entry {
        kind: Kind::Plan,
        row: p.id,
        title: format!(
            "{country_name} published its national action plan: {}",
            p.title
        ),
        author: country_name.to_owned(),
        published: None,
        // Publishing is the plan's latest change, or an edit made since.
        updated: p.updated_at,
        href: format!("/countries/{iso3}"),
        text: format!(
            "{}, {} to {}: {commitments} commitments.",
            p.title, p.period_start, p.period_end
        ),
    }
}

/// Every entry about commitment `c`, in no particular order.
pub(super) fn about_commitment(
    c: &Commitment,
    updates: &[Update],
    assessments: &[Assessment],
    civil_society: &[ShadowAssessment],
) -> Vec<Entry> {
    updates
        .iter()
        .map(|u| progress_update(c, u))
        .chain(assessments.iter().map(|a| reviewer_assessment(c, a)))
        .chain(civil_society.iter().map(|s| civil_society_assessment(c, s)))
        .collect()
}

/// `entries` newest first, at most [`super::ENTRY_LIMIT`]. Entries changed at the same
/// instant (an import writes many updates at once) go by when they were first said, then by
/// their rows, newest first, so that the order never changes between two readings.
pub(super) fn newest(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| {
        (b.updated, b.published, b.row, b.kind.term()).cmp(&(
            a.updated,
            a.published,
            a.row,
            a.kind.term(),
        ))
    });
    entries.truncate(super::ENTRY_LIMIT);
    entries
}
