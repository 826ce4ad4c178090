//! Pieces shared by several pages.

pub mod layout;
pub mod recommendation_list;
pub mod status;
