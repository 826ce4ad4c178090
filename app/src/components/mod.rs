//! Pieces shared by several pages.

pub mod bar_chart;
pub mod by_id;
pub mod commitment_form;
pub mod commitment_list;
pub mod country_figures;
pub mod data_table;
pub mod downloads;
pub mod feed_link;
pub mod filter;
pub mod layout;
pub mod notices;
pub mod recommendation_list;
pub mod status;
pub mod timeline;
pub mod upload_form;
pub mod voices;
