//! The region of a country, as the United Nations Statistics Division's standard (M49) names
//! the continents: the coverage matrix and the countries list are narrowed by it, so a reader
//! can compare neighbours among 193 countries.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Region {
    Africa,
    Americas,
    Asia,
    Europe,
    Oceania,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Africa,
        Region::Americas,
        Region::Asia,
        Region::Europe,
        Region::Oceania,
    ];

    /// The name stored in the database, used in addresses and by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Africa => "africa",
            Region::Americas => "americas",
            Region::Asia => "asia",
            Region::Europe => "europe",
            Region::Oceania => "oceania",
        }
    }

    /// The name shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Region::Africa => "Africa",
            Region::Americas => "Americas",
            Region::Asia => "Asia",
            Region::Europe => "Europe",
            Region::Oceania => "Oceania",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not a region: use one of africa, americas, asia, europe, oceania")]
pub struct UnknownRegion(pub String);

impl FromStr for Region {
    type Err = UnknownRegion;

    /// Reads the stored name or the label, in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        Region::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownRegion(wanted.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_in_any_case() {
        for region in Region::ALL {
            assert_eq!(region.as_str().parse(), Ok(region));
            assert_eq!(region.label().to_uppercase().parse(), Ok(region));
        }
        assert_eq!(
            "Antarctica".parse::<Region>(),
            Err(UnknownRegion("Antarctica".into()))
        );
    }
}
