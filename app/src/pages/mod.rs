//! One file per page.

pub mod catalogue;
pub mod group;
pub mod home;
pub mod not_found;
pub mod recommendation;
