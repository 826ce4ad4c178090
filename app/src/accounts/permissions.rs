//! Who may do what. Every domain function that writes asks one of these questions, on the
//! server, before it changes anything; pages may ask the same to decide what to offer.
//!
//! | change                                   | who may make it                                      |
//! | ---------------------------------------- | ---------------------------------------------------- |
//! | countries, accounts                      | admin                                                |
//! | a country's focal points                 | admin, that country's coordinator                    |
//! | plans, owners, commitments, targets      | that country's coordinator                           |
//! | progress updates on a commitment         | focal points of its lead owner, the coordinator      |
//!
//! Reading draft plans: anyone holding a role in that country, reviewers of it, admins.
//! Reading a country's imports and the files as uploaded: those who report for the owner,
//! reviewers of the country, admins.
//! The operator at the server's command line may do everything: they hold the database.

use super::{Caller, Role};

/// Who asks for a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Someone at the server's command line (`nap-tracker user add`, `nap-tracker demo`).
    Operator,
    /// A signed-in person, or a ministry's system using that person's API token.
    Person(Caller),
}

impl Actor {
    /// The account to name in the audit trail; `None` for the operator.
    pub fn user_id(&self) -> Option<i32> {
        match self {
            Actor::Operator => None,
            Actor::Person(caller) => Some(caller.user_id),
        }
    }

    fn holds(&self, wanted: impl Fn(Role, Option<i32>, Option<i32>) -> bool) -> bool {
        match self {
            Actor::Operator => true,
            Actor::Person(caller) => caller
                .memberships
                .iter()
                .any(|m| wanted(m.role, m.country_id, m.owner_id)),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.holds(|role, _, _| role == Role::Admin)
    }

    /// May build this country's plan: its owners, commitments and targets.
    pub fn coordinates(&self, country_id: i32) -> bool {
        self.holds(|role, country, _| role == Role::Coordinator && country == Some(country_id))
    }

    /// May grant a role in this country: admins any, coordinators focal points only.
    pub fn may_grant(&self, role: Role, country_id: Option<i32>) -> bool {
        self.is_admin()
            || (role == Role::FocalPoint && country_id.is_some_and(|id| self.coordinates(id)))
    }

    /// May record progress on a commitment led by `owner_id` in `country_id`.
    pub fn reports_for(&self, country_id: i32, owner_id: i32) -> bool {
        self.coordinates(country_id)
            || self.holds(|role, _, owner| role == Role::FocalPoint && owner == Some(owner_id))
    }

    /// Reviews this country's progress: may read its imports and the files behind them.
    pub fn reviews(&self, country_id: i32) -> bool {
        self.holds(|role, country, _| match role {
            Role::Admin => true,
            Role::Reviewer => country.is_none() || country == Some(country_id),
            Role::Coordinator | Role::FocalPoint => false,
        })
    }

    /// The countries whose progress this actor reviews: `None` for every country (a global
    /// reviewer, an admin), otherwise the list, empty for someone who reviews nothing.
    pub fn reviewed_countries(&self) -> Option<Vec<i32>> {
        if self.holds(|role, country, _| {
            role == Role::Admin || (role == Role::Reviewer && country.is_none())
        }) {
            return None;
        }
        let Actor::Person(caller) = self else {
            return None;
        };
        Some(
            caller
                .memberships
                .iter()
                .filter(|m| m.role == Role::Reviewer)
                .filter_map(|m| m.country_id)
                .collect(),
        )
    }

    /// May read this country's unpublished plans.
    pub fn reads_drafts_of(&self, country_id: i32) -> bool {
        self.holds(|role, country, _| match role {
            Role::Admin => true,
            Role::Reviewer => country.is_none() || country == Some(country_id),
            Role::Coordinator | Role::FocalPoint => country == Some(country_id),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Membership;

    fn person(role: Role, country_id: Option<i32>, owner_id: Option<i32>) -> Actor {
        Actor::Person(Caller {
            user_id: 7,
            email: "someone@example.org".into(),
            display_name: "Someone".into(),
            memberships: vec![Membership {
                role,
                country_id,
                owner_id,
                country: None,
                owner: None,
            }],
        })
    }

    #[test]
    fn coordinators_build_their_own_country_only() {
        let coordinator = person(Role::Coordinator, Some(1), None);
        assert!(coordinator.coordinates(1));
        assert!(!coordinator.coordinates(2));
        assert!(!person(Role::Admin, None, None).coordinates(1));
        assert!(!person(Role::Reviewer, Some(1), None).coordinates(1));
        assert!(Actor::Operator.coordinates(1));
    }

    #[test]
    fn progress_comes_from_the_lead_owner_or_the_coordinator() {
        assert!(person(Role::FocalPoint, Some(1), Some(10)).reports_for(1, 10));
        assert!(!person(Role::FocalPoint, Some(1), Some(11)).reports_for(1, 10));
        assert!(person(Role::Coordinator, Some(1), None).reports_for(1, 10));
        assert!(!person(Role::Coordinator, Some(2), None).reports_for(1, 10));
        assert!(!person(Role::Reviewer, None, None).reports_for(1, 10));
        assert!(!person(Role::Admin, None, None).reports_for(1, 10));
    }

    #[test]
    fn coordinators_grant_only_focal_points_of_their_country() {
        let coordinator = person(Role::Coordinator, Some(1), None);
        assert!(coordinator.may_grant(Role::FocalPoint, Some(1)));
        assert!(!coordinator.may_grant(Role::FocalPoint, Some(2)));
        assert!(!coordinator.may_grant(Role::Coordinator, Some(1)));
        assert!(person(Role::Admin, None, None).may_grant(Role::Reviewer, None));
        assert!(!person(Role::FocalPoint, Some(1), Some(3)).may_grant(Role::FocalPoint, Some(1)));
    }

    #[test]
    fn reviewers_of_the_country_and_admins_review() {
        assert!(person(Role::Reviewer, None, None).reviews(5));
        assert!(person(Role::Reviewer, Some(5), None).reviews(5));
        assert!(!person(Role::Reviewer, Some(4), None).reviews(5));
        assert!(person(Role::Admin, None, None).reviews(5));
        assert!(!person(Role::Coordinator, Some(5), None).reviews(5));
        assert!(!person(Role::FocalPoint, Some(5), Some(1)).reviews(5));
    }

    #[test]
    fn drafts_are_read_by_people_of_that_country_and_its_reviewers() {
        assert!(person(Role::Reviewer, None, None).reads_drafts_of(5));
        assert!(person(Role::Reviewer, Some(5), None).reads_drafts_of(5));
        assert!(!person(Role::Reviewer, Some(4), None).reads_drafts_of(5));
        assert!(person(Role::FocalPoint, Some(5), Some(1)).reads_drafts_of(5));
        assert!(!person(Role::FocalPoint, Some(4), Some(1)).reads_drafts_of(5));
        assert!(person(Role::Admin, None, None).reads_drafts_of(5));
    }
}
