//! The invented content of the demonstration: names, titles and a small deterministic random
//! source, so every demo database looks the same.

use crate::plans::Region;

/// Countries of the small demo: real names and regions, invented plans.
pub const COUNTRIES: [(&str, &str, Region); 4] = [
    ("KEN", "Kenya", Region::Africa),
    ("FIN", "Finland", Region::Europe),
    ("CHL", "Chile", Region::Americas),
    ("NPL", "Nepal", Region::Asia),
];

pub const OWNERS: [(&str, &str); 6] = [
    ("MOH", "Ministry of Health"),
    ("MOE", "Ministry of Education"),
    ("MLSP", "Ministry of Labour and Social Protection"),
    ("MOF", "Ministry of Finance"),
    ("MOI", "Ministry of the Interior"),
    ("NSO", "National Statistics Office"),
];

const POPULATIONS: [&str; 8] = [
    "older persons",
    "young people",
    "persons with disabilities",
    "migrants and refugees",
    "indigenous peoples",
    "rural women",
    "informal workers",
    "people living in poverty",
];

/// Title patterns per recommendation group; `{}` is a population.
pub fn titles(group: &str) -> &'static [&'static str] {
    match group {
        "POL" => &[
            "Give {} a seat in local development councils",
            "Open budget hearings to {}",
        ],
        "SEC" => &[
            "Employment guarantee for {}",
            "Micro-credit and training for {}",
        ],
        "SPR" => &["Social pension coverage for {}", "Health insurance for {}"],
        "CUL" => &[
            "Mother-tongue schooling and culture for {}",
            "Media campaign against stigma of {}",
        ],
        "ENV" => &[
            "Legal aid desks for {}",
            "Anti-discrimination law covering {}",
        ],
        "CAP" => &[
            "Train civil servants to work with {}",
            "Community leaders' programme for {}",
        ],
        "CCI" => &[
            "One-stop social service centres for {}",
            "Inter-ministerial task force on {}",
        ],
        "FRA" => &[
            "Reconciliation dialogues including {}",
            "Safe return and reintegration of {}",
        ],
        "DPW" => &[
            "Disaster early warning reaching {}",
            "Inclusive shelter plans for {}",
        ],
        "MEV" => &[
            "Disaggregated survey data on {}",
            "Social inclusion index covering {}",
        ],
        _ => &[
            "Regional exchange on policies for {}",
            "South-South cooperation on {}",
        ],
    }
}

pub fn population(n: usize) -> &'static str {
    POPULATIONS[n % POPULATIONS.len()]
}

pub const NARRATIVES: [&str; 5] = [
    "Activities ran as planned in the pilot districts.",
    "Budget release was delayed by one quarter; work resumed after the mid-year review.",
    "Partner organisations of civil society took part in the design workshops.",
    "Coverage widened to two further regions; data collection is ongoing.",
    "The implementing regulation was adopted and published.",
];

/// A small xorshift generator: the demo must be the same on every machine, and needs no
/// quality beyond looking varied.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high - low + 1).unwrap_or(1).max(1);
        low + i64::try_from(self.next() % span).unwrap_or(0)
    }

    /// True with the given chance in percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dice_repeat_and_stay_in_range() {
        let mut a = Dice::new(42);
        let mut b = Dice::new(42);
        for _ in 0..1000 {
            let n = a.between(3, 7);
            assert_eq!(n, b.between(3, 7));
            assert!((3..=7).contains(&n));
        }
    }
}
