//! Command-line tasks other than serving: accounts, API tokens, countries and demo data.
//! Each returns the text to print, or an error message for one line on standard error.

pub mod countries;
pub mod demo;
pub mod tokens;
pub mod users;
