//! The voices on a commitment side by side: what the ministry reports, the latest of its
//! reports a reviewer of the Commission approved, and the reviewer's own assessment.

use leptos::prelude::*;

use crate::civil_society::ShadowAssessment;
use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::plans::{Commitment, Status};
use crate::progress::Update;
use crate::review::Assessment;

/// How a ministry's update stands with the reviewers, in words for readers.
pub fn review_text(update: &Update) -> String {
    match (update.review_state.as_str(), &update.review) {
        ("approved", Some(review)) => format!(
            "reviewed: approved by {} on {}",
            review.reviewer,
            review.reviewed_at.date_naive()
        ),
        ("returned", Some(review)) => format!(
            "returned by {} on {} for another look",
            review.reviewer,
            review.reviewed_at.date_naive()
        ),
        _ => "self-reported, awaiting review".to_owned(),
    }
}

/// Its own view type (`into_any`), so that pages holding it stay within the compiler's depth
/// limit.
#[component]
pub fn Voices(
    commitment: Commitment,
    updates: Vec<Update>,
    assessments: Vec<Assessment>,
    civil_society: Vec<ShadowAssessment>,
) -> impl IntoView {
    let ministry = commitment.status;
    let id = commitment.id;
    let latest = updates.first().map(review_text);
    let reviewed = updates.into_iter().find(|u| u.review_state == "approved");
    let mut assessments = assessments.into_iter();
    let current = assessments.next();
    let earlier: Vec<Assessment> = assessments.collect();
    view! {
        <section aria-labelledby="voices" class="voices">
            <h2 id="voices">"Who says what"</h2>
            <dl class="facts">
                <div>
                    <dt>"The ministry reports"</dt>
                    <dd>
                        <StatusBadge status=commitment.status /> " " {percent_text(commitment.percent_complete)}
                        {latest.map(|text| view! { <br /> <span class="review-state">{text}</span> })}
                    </dd>
                </div>
                <div>
                    <dt>"Latest reviewed report"</dt>
                    <dd>{match reviewed {
                        Some(u) => view! {
                            <StatusBadge status=u.status /> " " {percent_text(u.percent_complete)}
                            " (report of " {u.reporting_date.to_string()} ")"
                        }.into_any(),
                        None => "No report approved by a reviewer yet".into_any(),
                    }}</dd>
                </div>
                <div>
                    <dt>"The Commission's reviewer assesses"</dt>
                    <dd>{match current {
                        Some(a) => view! {
                            <Disagreement ministry other=a.status />
                            <AssessmentText assessment=a />
                        }.into_any(),
                        None => "No assessment yet".into_any(),
                    }}</dd>
                </div>
                <div>
                    <dt>"Civil society assesses"</dt>
                    <dd><CivilSociety ministry assessments=civil_society />
                        <a href=format!("/commitments/{id}/shadow")>"Civil-society organisations: publish your assessment"</a>
                        " · "
                        <a href=format!("/review?commitment={id}")>"Reviewers: its updates awaiting review"</a>
                    </dd>
                </div>
            </dl>
            {(!earlier.is_empty()).then(|| {
                let count = earlier.len();
                let items = earlier
                    .into_iter()
                    .map(|a| view! { <li><AssessmentText assessment=a /></li> })
                    .collect_view();
                view! {
                    <details>
                        <summary>{format!("Earlier assessments ({count})")}</summary>
                        <ol class="history">{items}</ol>
                    </details>
                }
            })}
        </section>
    }
    .into_any()
}

#[component]
fn AssessmentText(assessment: Assessment) -> impl IntoView {
    let a = assessment;
    view! {
        <StatusBadge status=a.status /> " " {percent_text(a.percent_complete)}
        " · " {a.reviewer} " · "
        <time datetime=a.created_at.to_rfc3339()>{a.created_at.date_naive().to_string()}</time>
        <p class="justification">{a.justification}</p>
    }
}

/// Flags a judgement more than one step of the scale away from the ministry's.
#[component]
pub fn Disagreement(ministry: Status, other: Status) -> impl IntoView {
    ministry.disagrees_with(other).then(|| {
        view! {
            <strong class="flag-disagree">"Disagrees with the ministry by more than one step"</strong>
            " "
        }
    })
}

#[component]
fn CivilSociety(ministry: Status, assessments: Vec<ShadowAssessment>) -> impl IntoView {
    if assessments.is_empty() {
        return view! { <p>"No organisation has published an assessment yet."</p> }.into_any();
    }
    let items = assessments
        .into_iter()
        .map(|s| {
            let links = s
                .evidence_urls
                .into_iter()
                .map(|url| {
                    let text = url.clone();
                    view! { <li><a href=url rel="nofollow noopener">{text}</a></li> }
                })
                .collect_view();
            let when = s.revised_at.unwrap_or(s.created_at).date_naive().to_string();
            let name = if s.organisation_website.is_empty() {
                view! { <strong>{s.organisation}</strong> }.into_any()
            } else {
                view! { <a href=s.organisation_website rel="nofollow noopener">{s.organisation}</a> }.into_any()
            };
            view! {
                <li>
                    <Disagreement ministry other=s.status />
                    <StatusBadge status=s.status /> " · " {name} " · " {when}
                    <p class="justification">{s.justification}</p>
                    <ul class="evidence">{links}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="civil-society">{items}</ul> }.into_any()
}
