//! Password hashing with argon2id, and the minimum a password must meet.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// Long enough to resist guessing when combined with rate limiting; no composition rules,
/// which push people towards predictable patterns.
pub const MIN_LENGTH: usize = 12;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_LENGTH} characters (it has {0})")]
    TooShort(usize),
    #[error("the password cannot be hashed: {0}")]
    Hashing(String),
}

/// Hashes a password that meets the policy, as a PHC string (`$argon2id$v=19$…`).
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordError::TooShort(length));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError::Hashing(e.to_string()))
}

/// Whether `password` matches `stored`; a malformed stored hash matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery").expect("hash");
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse battery!", &stored));
        assert!(!verify("correct horse battery", "not a hash"));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let a = hash("correct horse battery").expect("hash");
        let b = hash("correct horse battery").expect("hash");
        assert_ne!(a, b, "each hash has its own salt");
    }

    #[test]
    fn short_passwords_are_refused_with_their_length() {
        assert_eq!(hash("short"), Err(PasswordError::TooShort(5)));
        assert_eq!(
            hash("ééééééééééé").map(|_| ()),
            Err(PasswordError::TooShort(11)),
            "characters, not bytes"
        );
    }
}
