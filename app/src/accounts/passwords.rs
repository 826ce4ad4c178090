//! Password hashing with argon2id, and the minimum a password must meet.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// Long enough to resist guessing when combined with rate limiting; no composition rules,
/// which push people towards predictable patterns.
pub const MIN_LENGTH: usize = 12;

/// The passwords of at least [`MIN_LENGTH`] characters that lead the published lists of
/// leaked passwords (and some shorter ones people lengthen by repeating): the first a guesser
/// tries, so no account may use them. Compared in lower case.
const COMMON: [&str; 22] = [
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123123123123",
    "111111111111",
    "000000000000",
    "123456123456",
    "qwertyuiop123",
    "qwerty123456",
    "123456qwerty",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "qwertyuiopasdfghjkl",
    "asdfghjkl123",
    "password1234",
    "password123!",
    "passwordpassword",
    "iloveyou1234",
    "abc123456789",
    "welcome12345",
    "letmein12345",
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_LENGTH} characters (it has {0})")]
    TooShort(usize),
    #[error("the password is one of the most commonly used passwords, which are guessed first: choose another")]
    TooCommon,
    #[error("the password may not be the account's email address")]
    SameAsEmail,
    #[error("the password cannot be hashed: {0}")]
    Hashing(String),
}

/// Whether `password` may be the password of the account with address `email`: the rules of
/// [`hash`], and not the address itself.
pub fn check(password: &str, email: &str) -> Result<(), PasswordError> {
    check_alone(password)?;
    if password.trim().to_lowercase() == email.trim().to_lowercase() {
        return Err(PasswordError::SameAsEmail);
    }
    Ok(())
}

/// The rules that hold whatever the account: long enough, and not a common password.
fn check_alone(password: &str) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordError::TooShort(length));
    }
    if COMMON.contains(&password.to_lowercase().as_str()) {
        return Err(PasswordError::TooCommon);
    }
    Ok(())
}

/// Hashes a password that meets the rules that hold for any account, as a PHC string
/// (`$argon2id$v=19$…`). One hash can serve several accounts (the demo's), so the rule tying
/// a password to its account is [`check`]'s, which every account's creation calls.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    check_alone(password)?;
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

    #[test]
    fn common_passwords_and_the_email_address_are_refused() {
        assert_eq!(hash("Password1234"), Err(PasswordError::TooCommon));
        assert_eq!(
            check("QWERTY123456", "a@example.org"),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(
            check("Ana.Lopez@Health.example", "ana.lopez@health.example"),
            Err(PasswordError::SameAsEmail)
        );
        assert_eq!(
            check(" A@example.org", "a@example.org"),
            Err(PasswordError::SameAsEmail)
        );
        assert_eq!(
            check("correct horse battery", "a@example.org"),
            Ok(()),
            "long and uncommon"
        );
    }

    #[test]
    fn the_demo_password_meets_the_policy() {
        assert_eq!(
            check(crate::demo::DEMO_PASSWORD, "admin@demo.nap-tracker.example"),
            Ok(())
        );
    }
}
