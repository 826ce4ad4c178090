//! What the Atom feeds of a country and of a commitment carry: what is said in public about
//! published commitments (the progress a ministry reports and how its review stands, the
//! assessments of the Commission's reviewers and of civil society) and, for a country, its
//! published plans; newest first. The server writes them out as Atom (`server/src/feeds`).
//!
//! A feed holds what an anonymous visitor of the pages sees, nothing more: drafts, and
//! organisations not (or no longer) approved, stay out.

#[cfg(feature = "ssr")]
mod entries;
#[cfg(feature = "ssr")]
mod store;

use chrono::{DateTime, Utc};

#[cfg(feature = "ssr")]
pub use store::{commitment_feed, country_feed};

/// The most entries a feed carries: readers poll it for what is new, and the whole history
/// stays on the pages and in the open data.
pub const ENTRY_LIMIT: usize = 50;

/// A feed, ready to be written out. Addresses (`*_href`) are relative to the site, so that
/// they stay right whatever host name and scheme the site is reached by.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    /// A permanent, absolute identifier, such as `urn:nap-tracker:country:KEN`.
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// The feed's own address, such as `/countries/KEN/feed.atom`.
    pub self_href: String,
    /// The page that shows the same, such as `/countries/KEN`.
    pub page_href: String,
    /// The newest entry's time or, before any, when what the feed follows last changed.
    pub updated: DateTime<Utc>,
    /// Newest first, at most [`ENTRY_LIMIT`].
    pub entries: Vec<Entry>,
}

/// One thing said about a commitment (or a plan published).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    /// The id of its row (update, assessment, plan) in its own table.
    pub row: i32,
    pub title: String,
    /// Who said it: the person who reported or assessed, or the organisation.
    pub author: String,
    /// When it was first said, where that is known.
    pub published: Option<DateTime<Utc>>,
    /// When it last changed: a review decided, an assessment revised.
    pub updated: DateTime<Utc>,
    /// The page where it is shown.
    pub href: String,
    /// Plain text, lines separated by `\n`.
    pub text: String,
}

impl Entry {
    /// Permanent and the same in every feed that carries it: `urn:nap-tracker:` with its
    /// kind and row id, such as `urn:nap-tracker:progress-update:12`.
    pub fn id(&self) -> String {
        format!("urn:nap-tracker:{}:{}", self.kind.term(), self.row)
    }
}

/// What an entry is, as an Atom category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plan,
    ProgressUpdate,
    ReviewerAssessment,
    CivilSocietyAssessment,
}

impl Kind {
    /// The category's term, also the kind's part of entry ids.
    pub fn term(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::ProgressUpdate => "progress-update",
            Kind::ReviewerAssessment => "reviewer-assessment",
            Kind::CivilSocietyAssessment => "civil-society-assessment",
        }
    }

    /// The category's label for readers.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "National action plan published",
            Kind::ProgressUpdate => "Progress reported by the ministry",
            Kind::ReviewerAssessment => "Assessment by the Commission's reviewer",
            Kind::CivilSocietyAssessment => "Assessment by civil society",
        }
    }
}

/// A country's feed address.
pub fn country_feed_href(iso3: &str) -> String {
    format!("/countries/{iso3}/feed.atom")
}

/// A commitment's feed address.
pub fn commitment_feed_href(id: i32) -> String {
    format!("/commitments/{id}/feed.atom")
}
