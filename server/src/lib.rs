//! The NAP Tracker server: configuration, database, HTTP routes and command-line tasks.

pub mod api;
pub mod attachment;
pub mod body_limit;
pub mod commands;
pub mod conditional;
pub mod config;
pub mod csrf;
pub mod database;
pub mod feeds;
pub mod open_data;
pub mod page_cache;
pub mod rate_limit;
pub mod router;
pub mod security_headers;
pub mod serving;
pub mod static_cache;
pub mod uploads;
