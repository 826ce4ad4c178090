//! The languages a progress template is written in. Its headers and status words are ones
//! the importer reads back, so a template filled in any of them imports as it is.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    French,
    Spanish,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::English, Language::French, Language::Spanish];

    /// The ISO 639-1 code forms and the command line use.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Spanish => "es",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
            Language::Spanish => "Español",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}
