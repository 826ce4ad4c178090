//! Free-text filtering of the catalogue, the same on the server (no JavaScript) and in the browser.

use super::{Group, Recommendation};

/// A parsed search: every word must appear somewhere in a recommendation (its code, text,
/// sub-items or group name), ignoring case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(query: &str) -> Self {
        Self {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn matches(&self, recommendation: &Recommendation) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let haystack = [
            recommendation.code.as_str(),
            recommendation.group_name.as_str(),
            recommendation.text.as_str(),
        ]
        .into_iter()
        .chain(recommendation.subitems.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
        self.words
            .iter()
            .all(|word| haystack.contains(word.as_str()))
    }

    /// The groups with only their matching recommendations; groups left empty are dropped.
    pub fn filter(&self, groups: &[Group]) -> Vec<Group> {
        groups
            .iter()
            .map(|group| Group {
                recommendations: group
                    .recommendations
                    .iter()
                    .filter(|r| self.matches(r))
                    .cloned()
                    .collect(),
                ..group.clone()
            })
            .filter(|group| !group.recommendations.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recommendation(code: &str, text: &str, subitems: &[&str]) -> Recommendation {
        Recommendation {
            code: code.to_owned(),
            group_code: code[..3].to_owned(),
            group_name: "Monitoring and evaluation".to_owned(),
            number: 1,
            text: text.to_owned(),
            subitems: subitems.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn every_word_must_match_ignoring_case() {
        let r = recommendation("MEV-5", "Use disaggregated data for monitoring", &[]);
        assert!(Search::new("DISAGGREGATED monitoring").matches(&r));
        assert!(!Search::new("disaggregated housing").matches(&r));
    }

    #[test]
    fn matches_codes_group_names_and_subitems() {
        let r = recommendation(
            "SEC-1",
            "Invest in job generation",
            &["promotion of small enterprises"],
        );
        assert!(Search::new("sec-1").matches(&r));
        assert!(Search::new("evaluation").matches(&r));
        assert!(Search::new("small enterprises").matches(&r));
    }

    #[test]
    fn empty_search_matches_all_and_filter_drops_empty_groups() {
        let groups = vec![
            Group {
                code: "MEV".into(),
                name: "Monitoring and evaluation".into(),
                level: "national".into(),
                recommendations: vec![recommendation("MEV-1", "evidence based policy", &[])],
            },
            Group {
                code: "INT".into(),
                name: "International".into(),
                level: "international".into(),
                recommendations: vec![recommendation("INT-1", "technical assistance", &[])],
            },
        ];
        assert!(Search::new("  ").is_empty());
        assert_eq!(Search::new("").filter(&groups).len(), 2);
        let found = Search::new("technical").filter(&groups);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "INT");
    }
}
