//! `/review`: the Commission's reviewers work through submitted progress updates, oldest
//! first: approve one, or return it with a comment the focal point answers with a new update.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::commitment_list::{percent_text, StatusBadge};
use crate::components::filter::Filter;
use crate::components::status::{failure, FormAlert, LoadError, Loading};
use crate::review::{get_review_queue, DecideUpdate, Queue, QueueFilter, QueueItem, QUEUE_PAGE};

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let read = query.read();
        let text = |name: &str| read.get(name).filter(|v| !v.trim().is_empty());
        QueueFilter {
            country: text("country"),
            group: text("group"),
            owner: text("owner"),
            waiting_days: text("waiting").and_then(|days| days.trim().parse().ok()),
            commitment: text("commitment").and_then(|id| id.trim().parse().ok()),
        }
    };
    let decide = ServerAction::<DecideUpdate>::new();
    let queue = Resource::new(
        move || (filter(), decide.version().get()),
        |(filter, _)| get_review_queue(filter),
    );
    view! {
        <Title text="Review queue" />
        <div class="wrap">
            <h1>"Review queue"</h1>
            <p class="lede">
                "Progress updates that ministries submitted in the countries you review, oldest "
                "first. Approve an update to mark it as reviewed on the public pages, or return "
                "it with a comment: the focal point sees the comment at the top of their page and "
                "answers with a new update. Updates are never changed, only reviewed."
            </p>
            <FormAlert message=Signal::derive(move || failure(decide.value().get())) />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(Some(queue)) => view! {
                            <Filters queue=queue.clone() chosen=filter() />
                            <Items queue decide />
                        }.into_any(),
                        Ok(None) => view! {
                            <p><a href="/sign-in?next=/review">"Sign in"</a> " to review progress updates."</p>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// A plain GET form: a filtered queue is an address a reviewer can keep or share.
#[component]
fn Filters(queue: Queue, chosen: QueueFilter) -> impl IntoView {
    let option = |(code, name): (String, String), chosen: &Option<String>| {
        let selected = chosen
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(&code));
        let label = format!("{name} ({code})");
        view! { <option value=code selected=selected>{label}</option> }
    };
    let countries = queue
        .countries
        .into_iter()
        .map(|c| option(c, &chosen.country))
        .collect_view();
    let groups = queue
        .groups
        .into_iter()
        .map(|g| option(g, &chosen.group))
        .collect_view();
    view! {
        <form class="search" method="get" action="/review">
            <div class="search-filters">
                <Filter form="review" name="country" label="Country" any="Every country you review">{countries}</Filter>
                <Filter form="review" name="group" label="Recommendation group" any="All 11 groups">{groups}</Filter>
                <div>
                    <label for="review-owner">"Ministry or agency (code)"</label>
                    <input id="review-owner" name="owner" type="text" value=chosen.owner.unwrap_or_default() />
                </div>
                <div>
                    <label for="review-waiting">"Waiting at least (days)"</label>
                    <input id="review-waiting" name="waiting" type="number" min="0"
                        value=chosen.waiting_days.map(|d| d.to_string()).unwrap_or_default() />
                </div>
                {chosen.commitment.map(|id| view! { <input type="hidden" name="commitment" value=id /> })}
                <div class="search-row">
                    <button type="submit">"Show"</button>
                </div>
            </div>
        </form>
    }
}

#[component]
fn Items(queue: Queue, decide: ServerAction<DecideUpdate>) -> impl IntoView {
    if queue.items.is_empty() {
        return view! { <p role="status">"No update awaits review here."</p> }.into_any();
    }
    let summary = if queue.total > QUEUE_PAGE {
        format!(
            "{} updates await review; the oldest {} are listed.",
            queue.total,
            queue.items.len()
        )
    } else {
        format!("{} updates await review.", queue.total)
    };
    let items = queue
        .items
        .into_iter()
        .map(|item| view! { <Item item decide /> })
        .collect_view();
    view! {
        <p role="status">{summary}</p>
        <ol class="review-queue">{items}</ol>
    }
    .into_any()
}

#[component]
fn Item(item: QueueItem, decide: ServerAction<DecideUpdate>) -> impl IntoView {
    let u = item.update;
    let id = u.id;
    let heading = format!("{} {}: {}", item.country, item.reference, item.title);
    let page = format!("/commitments/{}", item.commitment_id);
    let assess = format!("/commitments/{}/assess", item.commitment_id);
    let waited = match item.waiting_days {
        0 => "submitted today".to_owned(),
        1 => "submitted 1 day ago".to_owned(),
        n => format!("submitted {n} days ago"),
    };
    let links = u
        .evidence_urls
        .into_iter()
        .map(|url| {
            let text = url.clone();
            view! { <li><a href=url rel="nofollow noopener">{text}</a></li> }
        })
        .collect_view();
    let comment_id = format!("comment-{id}");
    let note_id = format!("approve-note-{id}");
    view! {
        <li class="review-item">
            <h2><a href=page>{heading}</a></h2>
            <p class="update-head">
                {item.owner_name} " · reports on "
                <time datetime=u.reporting_date.to_string()>{u.reporting_date.to_string()}</time>
                " · " {waited} " by " {u.author} " (" {u.source} ")"
            </p>
            <p><StatusBadge status=u.status /> " " {percent_text(u.percent_complete)}</p>
            {(!u.narrative.is_empty()).then(|| view! { <p>{u.narrative}</p> })}
            <ul class="evidence">{links}</ul>
            <p><a href=assess>"Record your own assessment of the commitment"<span class="visually-hidden">{format!(" {}", item.reference)}</span></a></p>
            <div class="review-actions">
                <ActionForm action=decide attr:class="form">
                    <input type="hidden" name="update_id" value=id />
                    <input type="hidden" name="decision" value="approve" />
                    <label for=note_id.clone()>"Comment (optional)"</label>
                    <input id=note_id type="text" name="comment" />
                    <button type="submit">"Approve"<span class="visually-hidden">{format!(" update {id}")}</span></button>
                </ActionForm>
                <ActionForm action=decide attr:class="form">
                    <input type="hidden" name="update_id" value=id />
                    <input type="hidden" name="decision" value="return" />
                    <label for=comment_id.clone()>"Why it goes back to the ministry"</label>
                    <textarea id=comment_id name="comment" rows="3" required></textarea>
                    <button type="submit">"Return with this comment"<span class="visually-hidden">{format!(" (update {id})")}</span></button>
                </ActionForm>
            </div>
        </li>
    }
}
