//! People who sign in: their accounts, the roles they hold and how they prove who they are.

#[cfg(feature = "ssr")]
pub(crate) mod entities;
#[cfg(feature = "ssr")]
pub mod lockout;
#[cfg(feature = "ssr")]
pub mod names;
#[cfg(feature = "ssr")]
pub mod passwords;
mod permissions;
mod role;
mod server_fns;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
#[cfg(feature = "ssr")]
pub mod visits;

use serde::{Deserialize, Serialize};

pub use permissions::Actor;
pub use role::{Membership, Role, UnknownRole};
pub use server_fns::{
    current_user, sign_in, sign_out, sign_out_everywhere, CurrentUser, SignIn, SignOut,
    SignOutEverywhere,
};

/// A person with an account, as administrators see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub is_active: bool,
    pub memberships: Vec<Membership>,
}

/// The person behind a request, as every domain function receives them: who they are and
/// which roles they hold. Domain functions decide from this, never from what a page showed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub memberships: Vec<Membership>,
}

impl From<UserSummary> for Caller {
    fn from(user: UserSummary) -> Self {
        Caller {
            user_id: user.id,
            email: user.email,
            display_name: user.display_name,
            memberships: user.memberships,
        }
    }
}
