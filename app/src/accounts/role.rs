//! Roles and the scope each one is held in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a person may do, always within a scope (see [`Membership`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Countries, users and the catalogue, everywhere.
    Admin,
    /// Builds one country's action plan.
    Coordinator,
    /// Reports progress for one owner (ministry or agency) of one country.
    FocalPoint,
    /// Reviews progress for the Commission, in every country or in listed ones.
    Reviewer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Coordinator,
        Role::FocalPoint,
        Role::Reviewer,
    ];

    /// The name stored in the database and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::FocalPoint => "focal_point",
            Role::Reviewer => "reviewer",
        }
    }

    /// Checks that a scope fits the role: which of country and owner it needs or refuses.
    pub fn check_scope(self, country: Option<&str>, owner: Option<&str>) -> Result<(), String> {
        match (self, country, owner) {
            (Role::Admin, None, None) => Ok(()),
            (Role::Admin, _, _) => Err("an admin acts everywhere: give neither a country nor an owner".into()),
            (Role::Coordinator, Some(_), None) => Ok(()),
            (Role::Coordinator, None, _) => Err("a coordinator needs the country they coordinate (--country ISO3)".into()),
            (Role::Coordinator, Some(_), Some(_)) => Err("a coordinator works for the whole country: give no owner".into()),
            (Role::FocalPoint, Some(_), Some(_)) => Ok(()),
            (Role::FocalPoint, _, _) => Err("a focal point needs a country and the owner they report for (--country ISO3 --owner CODE)".into()),
            (Role::Reviewer, _, None) => Ok(()),
            (Role::Reviewer, _, Some(_)) => Err("a reviewer works on whole countries: give no owner".into()),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not a role: use one of admin, coordinator, focal_point, reviewer")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == wanted)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// One role held by one person, with its scope. `None` for the country means every country
/// (an admin, or a reviewer of all countries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub role: Role,
    pub country_id: Option<i32>,
    pub owner_id: Option<i32>,
    /// ISO 3166-1 alpha-3 code of the country, for display.
    pub country: Option<String>,
    /// Code of the owner, for display.
    pub owner: Option<String>,
}

impl fmt::Display for Membership {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.role.as_str())?;
        match (&self.country, &self.owner) {
            (Some(country), Some(owner)) => write!(f, " of {owner} ({country})"),
            (Some(country), None) => write!(f, " of {country}"),
            (None, _) if self.role == Role::Reviewer => f.write_str(" of all countries"),
            (None, _) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_as_typed_on_the_command_line() {
        assert_eq!("focal_point".parse(), Ok(Role::FocalPoint));
        assert_eq!("Focal-Point".parse(), Ok(Role::FocalPoint));
        assert_eq!(" admin ".parse(), Ok(Role::Admin));
        let error = "minister".parse::<Role>().expect_err("not a role");
        assert!(error.to_string().contains("'minister' is not a role"));
    }

    #[test]
    fn each_role_takes_only_its_own_scope() {
        assert!(Role::Admin.check_scope(None, None).is_ok());
        assert!(Role::Admin.check_scope(Some("KEN"), None).is_err());
        assert!(Role::Coordinator.check_scope(Some("KEN"), None).is_ok());
        assert!(Role::Coordinator.check_scope(None, None).is_err());
        assert!(Role::Coordinator
            .check_scope(Some("KEN"), Some("MOH"))
            .is_err());
        assert!(Role::FocalPoint
            .check_scope(Some("KEN"), Some("MOH"))
            .is_ok());
        assert!(Role::FocalPoint.check_scope(Some("KEN"), None).is_err());
        assert!(Role::FocalPoint.check_scope(None, Some("MOH")).is_err());
        assert!(Role::Reviewer.check_scope(None, None).is_ok());
        assert!(Role::Reviewer.check_scope(Some("KEN"), None).is_ok());
        assert!(Role::Reviewer
            .check_scope(Some("KEN"), Some("MOH"))
            .is_err());
    }
}
