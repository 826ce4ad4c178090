//! NAP Tracker against a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is
//! set): the catalogue, accounts and roles, plans, progress, permissions and the audit trail,
//! through the domain functions and through the HTTP application in process.

mod binary_sheets;
mod common;
mod sheets;
mod world;

mod accounts;
mod api;
mod api_document;
mod backup;
mod catalogue;
mod catalogue_http;
mod civil_society;
mod crash;
mod csrf;
mod cycles;
mod demo;
mod feeds;
mod foreign_ids;
mod fuzz_regressions;
mod hostile_text;
mod imports;
mod imports_api;
mod imports_binary;
mod imports_hostile;
mod imports_pages;
mod imports_template;
mod lockout;
mod notices;
mod open_data;
mod oversized_bodies;
mod overview;
mod page_cache;
mod pages;
mod permissions;
mod plans;
mod rate_limits;
mod review;
mod search;
mod security_headers;
mod session_limits;
mod sessions;
mod sqlite;
