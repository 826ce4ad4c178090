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

/// A fresh SQLite database in its own directory, removed when dropped.
struct TempDatabase(std::path::PathBuf);

impl TempDatabase {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("nap-tracker-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDatabase(dir)
    }

    fn url(&self) -> String {
        format!("sqlite://{}/nap.db?mode=rwc", self.0.display())
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_ok(url: &str, args: &[&str], password: Option<&str>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nap-tracker"));
    command
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn");
    match password {
        Some(password) => command.env("NAP_PASSWORD", password),
        None => command.env_remove("NAP_PASSWORD"),
    };
    let output = command.output().expect("run nap-tracker");
    assert!(
        output.status.success(),
        "{args:?}: {:?}",
        stderr_lines(&output)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn an_operator_sets_up_a_country_its_people_and_a_token_from_the_command_line() {
    let db = TempDatabase::new("accounts");
    let url = db.url();
    let password = Some("a long enough password");
    assert_eq!(
        run_ok(
            &url,
            &["country", "add", "--iso3", "ken", "--name", "Kenya"],
            None
        ),
        "added Kenya (KEN)"
    );
    assert_eq!(
        run_ok(
            &url,
            &["country", "region", "--iso3", "KEN", "--region", "Africa"],
            None
        ),
        "KEN is now in the region Africa"
    );
    let no_region = nap_tracker(
        &url,
        &["country", "region", "--iso3", "KEN", "--region", "Atlantis"],
    );
    assert!(!no_region.status.success());
    assert!(String::from_utf8_lossy(&no_region.stderr).contains("'Atlantis' is not a region"));
    run_ok(
        &url,
        &[
            "owner",
            "add",
            "--country",
            "KEN",
            "--code",
            "moh",
            "--name",
            "Ministry of Health",
        ],
        None,
    );
    let added = run_ok(
        &url,
        &[
            "user",
            "add",
            "--email",
            "Focal@Health.example.org",
            "--role",
            "focal_point",
            "--country",
            "KEN",
            "--owner",
            "MOH",
        ],
        password,
    );
    assert_eq!(
        added,
        "created focal@health.example.org now holds: focal_point of MOH (KEN)"
    );
    // A second role for the same account asks for no password.
    run_ok(
        &url,
        &[
            "user",
            "add",
            "--email",
            "focal@health.example.org",
            "--role",
            "reviewer",
        ],
        None,
    );
    let list = run_ok(&url, &["user", "list"], None);
    assert!(list.contains("focal@health.example.org"), "{list}");
    assert!(
        list.contains("focal_point of MOH (KEN); reviewer of all countries"),
        "{list}"
    );
    let token = run_ok(
        &url,
        &["token", "create", "--email", "focal@health.example.org"],
        None,
    );
    assert!(token.starts_with("napt_"), "{token}");
    assert_eq!(
        run_ok(
            &url,
            &["user", "sign-out", "--email", "Focal@health.example.org"],
            None
        ),
        "focal@health.example.org is signed out everywhere (0 sessions ended)"
    );
    let nobody = nap_tracker(&url, &["user", "sign-out", "--email", "nobody@example.org"]);
    assert_eq!(
        stderr_lines(&nobody),
        ["nap-tracker: No account has the address nobody@example.org."]
    );

    let wrong_role = nap_tracker(
        &url,
        &[
            "user",
            "add",
            "--email",
            "x@example.org",
            "--role",
            "minister",
        ],
    );
    assert!(!wrong_role.status.success());
    assert!(String::from_utf8_lossy(&wrong_role.stderr).contains("'minister' is not a role"));
    let no_owner = nap_tracker(
        &url,
        &[
            "user",
            "add",
            "--email",
            "x@example.org",
            "--role",
            "focal_point",
            "--country",
            "KEN",
        ],
    );
    assert_eq!(no_owner.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&no_owner),
        ["nap-tracker: a focal point needs a country and the owner they report for (--country ISO3 --owner CODE)"]
    );
}

#[test]
fn an_operator_backs_up_and_restores_the_database_from_the_command_line() {
    let db = TempDatabase::new("backup");
    let url = db.url();
    run_ok(
        &url,
        &["country", "add", "--iso3", "KEN", "--name", "Kenya"],
        None,
    );
    let file = db.0.join("backup.db");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let said = run_ok(&url, &["backup", file_arg], None);
    assert!(said.starts_with("backed up "), "{said}");

    let again = nap_tracker(&url, &["backup", file_arg]);
    assert_eq!(again.status.code(), Some(1));
    let lines = stderr_lines(&again);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].ends_with("(a backup never overwrites a file)"),
        "{lines:?}"
    );

    let restored = format!("sqlite://{}/restored.db?mode=rwc", db.0.display());
    let said = run_ok(&restored, &["restore", file_arg], None);
    assert!(said.starts_with("restored "), "{said}");
    assert_eq!(
        run_ok(
            &restored,
            &["country", "region", "--iso3", "KEN", "--region", "africa"],
            None
        ),
        "KEN is now in the region Africa"
    );

    let not_a_backup = nap_tracker(&restored, &["restore", "Cargo.toml"]);
    assert_eq!(not_a_backup.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&not_a_backup),
        ["nap-tracker: Cargo.toml is not an SQLite database"]
    );
}

/// A port nothing listens on now (the test binds it for a moment and lets go).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// Sends one HTTP/1.0 request (the answer then ends when the server closes the connection,
/// without chunks) and returns the whole answer.
fn http_get(port: u16, path: &str) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[cfg(unix)]
#[test]
fn serve_finishes_the_requests_in_flight_when_told_to_stop() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};

    let db = TempDatabase::new("shutdown");
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_nap-tracker"))
        .arg("serve")
        .env("DATABASE_URL", db.url())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the server");
    let started = Instant::now();
    let sign_in = loop {
        match http_get(port, "/sign-in") {
            Ok(page) if page.starts_with("HTTP/1.0 200") => break page,
            _ if started.elapsed() < Duration::from_secs(60) => {
                std::thread::sleep(Duration::from_millis(100));
            }
            other => {
                let _ = server.kill();
                panic!("the server did not start: {other:?}");
            }
        }
    };
    let start = sign_in
        .find("action=\"/api/sign_in")
        .expect("the sign-in form")
        + "action=\"".len();
    let end = start + sign_in[start..].find('"').expect("end of the address");
    let action = &sign_in[start..end];

    // A request whose body is still on its way when the signal comes.
    let body = "email=nobody%40example.org&password=not+the+password&next=";
    let (first, rest) = body.split_at(20);
    let mut request = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        request,
        "POST {action} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    )
    .expect("send the start");
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(500));
    // Stopping: no new connections are taken...
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "a stopping server takes no new connection"
    );
    // ...but the one in flight is read to its end and answered by the sign-in itself.
    request.write_all(rest.as_bytes()).expect("send the rest");
    let mut answer = String::new();
    request
        .read_to_string(&mut answer)
        .expect("read the answer");
    assert!(
        answer.contains("The email address or the password is not right"),
        "{answer}"
    );

    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().expect("wait for the server") {
            break status;
        }
        if stopped.elapsed() > Duration::from_secs(10) {
            let _ = server.kill();
            panic!("the server did not stop after its last request");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}
