//! One file per page.

pub mod api;
pub mod assess;
pub mod audit_log;
pub mod catalogue;
pub mod commitment;
pub mod compare;
pub mod countries;
pub mod country;
pub mod coverage;
pub mod edit_commitment;
pub mod group;
pub mod home;
pub mod import_preview;
pub mod imports;
pub mod my_work;
pub mod new_commitment;
pub mod not_found;
pub mod open_data;
pub mod plan_editor;
pub mod recommendation;
pub mod report;
pub mod review_queue;
pub mod search;
pub mod sign_in;
