//! Free text reduced to 64 bits. A preview compares narratives and evidence links (between
//! rows of one commitment, and with the updates already recorded) but never shows them: it
//! keeps their digests, not a hundred thousand texts.

use std::hash::{DefaultHasher, Hash, Hasher};

/// Equal texts have equal digests; different texts all but never do (one chance in 2^64 for
/// two given texts). Only compared within one process: the hash is not stable across builds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct Digest(u64);

impl Digest {
    /// The digest of an empty text, and of no links.
    pub const EMPTY: Digest = Digest(0);

    pub fn of_text(text: &str) -> Self {
        if text.is_empty() {
            return Digest::EMPTY;
        }
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        Digest::non_empty(hasher.finish())
    }

    /// The digest of a set of links: the same whatever their order.
    pub fn of_links(links: &[String]) -> Self {
        if links.is_empty() {
            return Digest::EMPTY;
        }
        let mut sorted: Vec<&str> = links.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let mut hasher = DefaultHasher::new();
        sorted.hash(&mut hasher);
        Digest::non_empty(hasher.finish())
    }

    pub fn is_empty(self) -> bool {
        self == Digest::EMPTY
    }

    fn non_empty(hash: u64) -> Self {
        Digest(hash.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_and_link_sets_have_equal_digests() {
        assert_eq!(
            Digest::of_text("Done in 3 districts"),
            Digest::of_text("Done in 3 districts")
        );
        assert_ne!(
            Digest::of_text("Done in 3 districts"),
            Digest::of_text("Done in 4 districts")
        );
        assert!(Digest::of_text("").is_empty());
        assert!(!Digest::of_text("x").is_empty());
        let (a, b) = (
            "https://a.example/r".to_owned(),
            "https://b.example/r".to_owned(),
        );
        assert_eq!(
            Digest::of_links(&[a.clone(), b.clone()]),
            Digest::of_links(&[b.clone(), a.clone()])
        );
        assert_ne!(Digest::of_links(&[a.clone()]), Digest::of_links(&[a, b]));
        assert!(Digest::of_links(&[]).is_empty());
    }
}
