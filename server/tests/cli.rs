//! The `nap-tracker` binary as an operator meets it: exit codes and one-line errors.

use std::process::{Command, Output};

fn nap_tracker(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nap-tracker"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run nap-tracker")
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn migrate_creates_the_sqlite_database_and_its_directory_and_can_run_again() {
    let dir = std::env::temp_dir().join(format!("nap-tracker-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = format!("sqlite://{}/nested/nap.db?mode=rwc", dir.display());

    for run in ["first", "second"] {
        let output = nap_tracker(&url, &["migrate"]);
        assert!(
            output.status.success(),
            "{run} run: {:?}",
            stderr_lines(&output)
        );
    }
    assert!(dir.join("nested/nap.db").is_file());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn an_unsupported_database_url_is_one_clear_line_and_a_failure() {
    let output = nap_tracker("mysql://root@127.0.0.1/nap", &["migrate"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("DATABASE_URL must start with sqlite: or postgres://"),
        "{lines:?}"
    );
}

#[test]
fn an_unreachable_database_is_one_clear_line_without_the_password() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let output = nap_tracker("postgres://nap:secret@127.0.0.1:1/nap", &["serve"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "nap-tracker: cannot connect to the database at postgres://nap:***@127.0.0.1:1/nap"
        ),
        "{lines:?}"
    );
    assert!(!lines[0].contains("secret"));
}

#[test]
fn help_documents_the_subcommands_and_the_database_variable() {
    let output = Command::new(env!("CARGO_BIN_EXE_nap-tracker"))
        .arg("--help")
        .output()
        .expect("run nap-tracker --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in ["serve", "migrate", "DATABASE_URL"] {
        assert!(help.contains(expected), "help mentions {expected}:\n{help}");
    }
}
