//! A server killed (SIGKILL) while it commits a large import leaves the batch whole or absent,
//! never in part, and a database that passes SQLite's integrity check.
//!
//! SQLite only: the file is what a killed server leaves behind; with PostgreSQL the database
//! server, which is not killed, rolls back the open transaction itself.

#![cfg(unix)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::common::TempDir;

/// Commitments in the file: enough that committing it takes a while even in a debug build.
const ROWS: usize = 5_000;
const EMAIL: &str = "coordinator@crash.example.org";

#[tokio::test]
async fn a_server_killed_while_it_commits_an_import_leaves_the_batch_whole_or_absent() {
    let dir = TempDir::new("crash");
    let (iso3, owner) = app::demo::ONE_OWNER_PLAN;
    let db = open(&dir.path("plan.db")).await;
    app::demo::load_one_owner(&db, ROWS, Utc::now().date_naive())
        .await
        .expect("load the plan");
    let ids: Vec<i32> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM commitments ORDER BY id",
        ))
        .await
        .expect("commitment ids")
        .iter()
        .filter_map(|row| row.try_get_by_index(0).ok())
        .collect();
    assert_eq!(ids.len(), ROWS);
    db.close().await.expect("close the plan");
    let plan_url = dir.sqlite_url("plan.db");
    cli(
        &plan_url,
        &[
            "user",
            "add",
            "--email",
            EMAIL,
            "--role",
            "coordinator",
            "--country",
            iso3,
        ],
    );
    let token = cli(&plan_url, &["token", "create", "--email", EMAIL]);
    let mut csv = String::from("Commitment ID,Status,% complete,Narrative\n");
    for id in &ids {
        csv.push_str(&format!(
            "{id},Limited progress,30,Quarterly report on {id}\n"
        ));
    }
    let request = upload_request(&token, iso3, owner, &csv);

    // Uninterrupted, the import is whole; the time it takes bounds the kills below.
    let mut whole = Run::start(&dir, "whole.db");
    let (importing, answer) = whole.answer(&request);
    assert!(answer.starts_with("HTTP/1.0 201"), "{answer}");
    whole.kill();
    assert_eq!(whole.outcome().await, ROWS);

    // Killed at a time found by halving: after a kill that left the import whole the next
    // comes earlier, after one that left nothing it comes later. The kills close in on the
    // moment the import commits, which lies within its write, whatever this machine's speed.
    let (mut early, mut late) = (Duration::ZERO, importing * 2);
    let mut outcomes = Vec::new();
    for attempt in 0..8 {
        let at = (early + late) / 2;
        let mut run = Run::start(&dir, &format!("killed-{attempt}.db"));
        let stream = run.send(&request).expect("send the import");
        std::thread::sleep(at);
        run.kill();
        drop(stream);
        let imported = run.outcome().await;
        assert!(
            imported == 0 || imported == ROWS,
            "killed {at:?} after sending: {imported} of {ROWS} updates were kept"
        );
        if imported == 0 {
            early = at;
        } else {
            late = at;
        }
        outcomes.push((at, imported));
    }
    assert!(
        outcomes.iter().any(|(_, imported)| *imported == 0),
        "every kill came after the import had finished ({outcomes:?}): the test proved nothing"
    );
}

/// A server on a copy of the plan.
struct Run {
    server: Child,
    port: u16,
    database: std::path::PathBuf,
}

impl Run {
    fn start(dir: &TempDir, file: &str) -> Run {
        let database = dir.path(file);
        // With its write-ahead log, should the last command have left one.
        for suffix in ["", "-wal"] {
            let from = dir.path(&format!("plan.db{suffix}"));
            if suffix.is_empty() || from.exists() {
                std::fs::copy(from, dir.path(&format!("{file}{suffix}"))).expect("copy the plan");
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let server = Command::new(env!("CARGO_BIN_EXE_nap-tracker"))
            .arg("serve")
            .env("DATABASE_URL", dir.sqlite_url(file))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut run = Run {
            server,
            port,
            database,
        };
        let started = Instant::now();
        while !run.healthy() {
            if started.elapsed() > Duration::from_secs(60) {
                run.kill();
                panic!("the server did not start");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        run
    }

    fn healthy(&self) -> bool {
        self.send(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .and_then(|mut stream| {
                let mut answer = String::new();
                stream.read_to_string(&mut answer).map(|_| answer)
            })
            .is_ok_and(|answer| answer.starts_with("HTTP/1.0 200"))
    }

    /// The time the whole answer to `request` took, and the answer.
    fn answer(&self, request: &[u8]) -> (Duration, String) {
        let started = Instant::now();
        let mut answer = String::new();
        self.send(request)
            .and_then(|mut stream| stream.read_to_string(&mut answer))
            .expect("an answer");
        (started.elapsed(), answer)
    }

    fn send(&self, request: &[u8]) -> std::io::Result<TcpStream> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.write_all(request)?;
        Ok(stream)
    }

    /// SIGKILL: no chance to finish anything.
    fn kill(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }

    /// The updates the database holds from imports, after checking the batch is consistent
    /// with them and the file passes the integrity check.
    async fn outcome(&self) -> usize {
        let db = open(&self.database).await;
        let integrity = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .expect("integrity check")
            .and_then(|row| row.try_get_by_index::<String>(0).ok());
        assert_eq!(integrity.as_deref(), Some("ok"));
        let count = |sql: &str| {
            let db = &db;
            let sql = sql.to_owned();
            async move {
                db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                    .await
                    .expect("count")
                    .and_then(|row| row.try_get_by_index::<i64>(0).ok())
                    .unwrap_or(-1)
            }
        };
        let updates =
            count("SELECT count(*) FROM progress_updates WHERE import_batch_id IS NOT NULL").await;
        let committed =
            count("SELECT count(*) FROM import_batches WHERE state = 'committed'").await;
        db.close().await.expect("close");
        assert_eq!(
            committed,
            i64::from(updates > 0),
            "{updates} imported updates with {committed} committed batches"
        );
        usize::try_from(updates).unwrap_or(usize::MAX)
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn open(path: &Path) -> DatabaseConnection {
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = server::database::connect(&url).await.expect("connect");
    server::database::migrate(&db).await.expect("migrate");
    db
}

/// Runs a maintenance command on the database and returns what it printed.
fn cli(url: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_nap-tracker"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("NAP_PASSWORD", "a long crash-test password")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run nap-tracker");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// `POST /api/v1/imports` with the file as multipart form data, over HTTP/1.0.
fn upload_request(token: &str, iso3: &str, owner: &str, csv: &str) -> Vec<u8> {
    let boundary = "crash-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"progress.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let head = format!(
        "POST /api/v1/imports?owner={owner}&country={iso3}&dry_run=false HTTP/1.0\r\n\
         Host: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    [head.into_bytes(), body.into_bytes()].concat()
}
