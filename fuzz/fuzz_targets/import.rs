//! Arbitrary bytes through the whole import of a progress spreadsheet, as a dry run: format
//! sniffing, the zip checks, the readers, header detection and every row's checks against a
//! small plan. Whatever the bytes, the preview must come back, as a preview or as an error
//! that names the file and says what is wrong: a panic, an abort, a huge allocation, a hang
//! or a database error is a finding.

#![no_main]

use std::collections::HashSet;
use std::panic::PanicHookInfo;
use std::sync::{Mutex, OnceLock};

use app::accounts::Actor;
use app::imports::store::{self, Destination, ImportError, Upload};
use app::imports::ImportOptions;
use app::spreadsheets::Limits;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use tokio::runtime::Runtime;

/// Commitments in the plan the files are checked against: enough for a file's rows to name
/// known and unknown ones.
const COMMITMENTS: usize = 5;

/// The day imports are checked on, fixed so that the seed corpus stays valid as time passes.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid date")
}

/// Lets a panic inside calamine unwind into the import's guard, which answers with an error on
/// the file (old readers panic on damaged files; containing that is the design), and leaves
/// every other panic to libFuzzer's hook, which aborts: a failure of our own. Each place a
/// reader panicked is printed once, so a run still shows them.
fn contain_reader_panics() {
    let abort = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| match reader_panic(info) {
        Some(place) => {
            static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
            let mut seen = SEEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                eprintln!("contained reader panic at {place}: {}", message(info));
            }
        }
        None => abort(info),
    }));
}

/// Where in calamine a panic happened, if it did: at the location the panic names, or, for
/// a panic in the standard library (an index out of range, an allocation too large), in a
/// calamine frame below it.
fn reader_panic(info: &PanicHookInfo<'_>) -> Option<String> {
    let location = info.location()?;
    let file = location.file();
    if file.contains("/calamine-") {
        return Some(format!("{file}:{}", location.line()));
    }
    if !file.starts_with("/rustc/") {
        return None;
    }
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    let frame = trace.lines().find(|line| line.contains("/calamine-"))?;
    Some(frame.trim().trim_start_matches("at ").to_owned())
}

fn message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// The runtime and the database, made once for the whole run: a migrated in-memory SQLite
/// database holding the one-ministry demo plan.
fn setup() -> &'static (Runtime, DatabaseConnection) {
    static SETUP: OnceLock<(Runtime, DatabaseConnection)> = OnceLock::new();
    SETUP.get_or_init(|| {
        contain_reader_panics();
        // Current-thread: reading runs on the blocking pool, as in the server, and every
        // input is previewed to the end before the next.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let db = runtime.block_on(async {
            // One connection: each connection to `sqlite::memory:` is a database of its own.
            let mut options = ConnectOptions::new("sqlite::memory:");
            options.max_connections(1).sqlx_logging(false);
            let db = Database::connect(options).await.expect("in-memory SQLite");
            Migrator::up(&db, None).await.expect("migrations");
            app::demo::load_one_owner(&db, COMMITMENTS, today())
                .await
                .expect("the demo plan");
            db
        });
        (runtime, db)
    })
}

/// The names the bytes are uploaded under. The content decides the format and must match the
/// name, so the name that fits the first bytes reaches the reader; an archive is tried as each
/// zip-based format, and one name by the first byte's value reaches the refusal of a
/// mismatch.
fn names(bytes: &[u8]) -> Vec<String> {
    const EXTENSIONS: [&str; 7] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "txt"];
    let fitting: &[&str] = match bytes.first() {
        Some(b'P') => &["xlsx", "xlsb", "ods"],
        Some(0xD0) => &["xls"],
        _ => &["csv"],
    };
    let other = EXTENSIONS[usize::from(bytes.first().copied().unwrap_or(0)) % EXTENSIONS.len()];
    let mut names: Vec<String> = fitting.iter().map(|e| format!("progress.{e}")).collect();
    if !fitting.contains(&other) {
        names.push(format!("progress.{other}"));
    }
    names
}

fuzz_target!(|bytes: &[u8]| {
    let (runtime, db) = setup();
    let (iso3, owner_code) = app::demo::ONE_OWNER_PLAN;
    for file_name in names(bytes) {
        let upload = Upload {
            file_name,
            bytes: bytes.to_vec().into(),
        };
        let to = Destination { iso3, owner_code };
        let answer = runtime.block_on(store::preview(
            db,
            &Actor::Operator,
            to,
            &upload,
            &ImportOptions::default(),
            Limits::default(),
            today(),
        ));
        // A refusal is an answer too, when it names the file and says what is wrong; the
        // database failing over a file's content is not.
        match answer {
            Ok(_) => {}
            Err(ImportError::Unreadable(error)) => assert!(
                error.file == upload.file_name && !error.problem.trim().is_empty(),
                "an unclear refusal: {error}"
            ),
            Err(other) => panic!("{}: {other}", upload.file_name),
        }
    }
});
