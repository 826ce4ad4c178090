//! Command-line tasks other than serving: accounts, API tokens, countries, demo data, backups.
//! Each returns the text to print, or an error message for one line on standard error.

pub mod backup;
pub mod countries;
pub mod demo;
pub mod imports;
pub mod tokens;
pub mod users;

/// What a task prints on standard output, and the exit code it ends with.
pub struct Printed {
    pub text: String,
    pub code: u8,
}

impl From<String> for Printed {
    fn from(text: String) -> Self {
        Printed { text, code: 0 }
    }
}
