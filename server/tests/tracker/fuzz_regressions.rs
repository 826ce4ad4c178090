//! The fuzz target's path (`fuzz/fuzz_targets/import.rs`) in the ordinary test suite: the
//! seed corpus previews as the files it imitates, and every input the fuzzer once failed on
//! (`fuzz_inputs/`) is now answered, under every name it could be uploaded as, with a preview
//! or with an error that names the file and says what is wrong with it.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use app::accounts::Actor;
use app::imports::store::{self, Destination, ImportError, Upload};
use app::imports::{template, ImportOptions, Language, Preview};
use app::plans::Status;
use app::spreadsheets::{self, Cell, Limits, Row};
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::binary_sheets::{xls, xlsb};
use crate::common;
use crate::sheets::{self, t, Rows, V};

/// As in the fuzz target: the plan the files are checked against, and the day they are
/// checked on, fixed so that the seeds stay valid as time passes.
const COMMITMENTS: usize = 5;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("date")
}

/// Every name a file may be uploaded under.
const NAMES: [&str; 7] = [
    "progress.xlsx",
    "progress.xlsm",
    "progress.xlsb",
    "progress.xls",
    "progress.ods",
    "progress.csv",
    "progress.txt",
];

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/import")
}

fn kept_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tracker/fuzz_inputs")
}

/// The files of `dir` as (name, content), by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .filter(|(name, _)| !name.starts_with('.') && !name.ends_with(".md"))
        .collect();
    all.sort();
    all
}

async fn load_plan(db: &DatabaseConnection) {
    app::demo::load_one_owner(db, COMMITMENTS, today())
        .await
        .expect("the one-ministry plan");
}

fn destination() -> Destination<'static> {
    let (iso3, owner_code) = app::demo::ONE_OWNER_PLAN;
    Destination { iso3, owner_code }
}

async fn preview(
    db: &DatabaseConnection,
    name: &str,
    bytes: &[u8],
) -> Result<Preview, ImportError> {
    let upload = Upload {
        file_name: name.to_owned(),
        bytes: bytes.to_vec().into(),
    };
    store::preview(
        db,
        &Actor::Operator,
        destination(),
        &upload,
        &ImportOptions::default(),
        Limits::default(),
        today(),
    )
    .await
}

#[tokio::test]
async fn the_fuzz_seed_corpus_previews_as_the_files_it_imitates() {
    let seeds = files(&seeds_dir());
    assert!(seeds.len() >= 6, "seeds: {:?}", names_of(&seeds));
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        load_plan(db).await;
        for (name, bytes) in &seeds {
            let seen = preview(db, name, bytes)
                .await
                .unwrap_or_else(|e| panic!("{}: {name}: {e}", test_db.backend));
            let at = format!("{}: {name}", test_db.backend);
            if name.starts_with("template") {
                // As downloaded: every row is left for the focal point to fill in.
                assert_eq!(seen.counts.rows_read, 0, "{at}");
                assert!(seen.left_out >= COMMITMENTS, "{at}: {}", seen.left_out);
            } else {
                assert!(
                    seen.is_clean(),
                    "{at}: {:?} {:?}",
                    seen.missing,
                    seen.errors
                );
                assert!(
                    seen.counts.accepted >= COMMITMENTS,
                    "{at}: {:?}",
                    seen.counts
                );
                assert_eq!(seen.rows.len(), seen.counts.rows_read, "{at}");
            }
        }
        test_db.finish().await;
    }
}

#[tokio::test]
async fn inputs_the_fuzzer_failed_on_are_refused_with_a_clear_message() {
    let kept = files(&kept_dir());
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        load_plan(db).await;
        for (input, bytes) in &kept {
            for name in NAMES.iter().copied().chain([input.as_str()]) {
                let at = format!("{}: {input} as {name}", test_db.backend);
                match preview(db, name, bytes).await {
                    Err(ImportError::Unreadable(error)) => {
                        assert_eq!(error.file, name, "{at}");
                        assert!(error.problem.len() > 10, "{at}: {error}");
                    }
                    // Read, then refused row by row: not one of them is importable.
                    Ok(seen) if name == input => assert!(!seen.is_clean(), "{at}"),
                    Ok(_) => {}
                    Err(other) => panic!("{at}: {other}"),
                }
            }
        }
        test_db.finish().await;
    }
}

fn names_of(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(name, _)| name.as_str()).collect()
}

/// Writes the seed corpus: the template as downloaded, and the same template filled in as a
/// focal point would, in every format the import reads. Run it again when the template or
/// the demo plan changes:
/// `cargo test -p server --test tracker -- --ignored write_the_fuzz_seed_corpus`.
#[tokio::test]
#[ignore = "writes fuzz/corpus/import"]
async fn write_the_fuzz_seed_corpus() {
    let test_db = common::migrated_databases().await.remove(0);
    let db = &test_db.db;
    load_plan(db).await;
    let downloaded = template::for_owner(db, &Actor::Operator, destination(), Language::English)
        .await
        .expect("template");
    let book = spreadsheets::read("template.xlsx", &downloaded, &Limits::default())
        .expect("the template reads");
    let rows = filled(&book.sheets[0].rows);
    let sheets = [("Progress", rows.clone())];
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(as_text).collect())
        .collect();
    let texts: Vec<Vec<&str>> = texts
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let dir = seeds_dir();
    for (name, bytes) in [
        ("template.xlsx", downloaded),
        ("filled.xlsx", sheets::xlsx(&sheets)),
        ("filled.ods", sheets::ods(&sheets)),
        ("filled.xls", xls(&sheets)),
        ("filled.xlsb", xlsb(&sheets)),
        ("filled-stored.xlsx", stored(&sheets::xlsx(&sheets))),
        ("filled-stored.ods", stored(&sheets::ods(&sheets))),
        ("filled-stored.xlsb", stored(&xlsb(&sheets))),
        ("filled.csv", sheets::csv(&texts, ',', false)),
        ("filled-semicolon.csv", sheets::csv(&texts, ';', true)),
    ] {
        std::fs::write(dir.join(name), bytes).expect("write a seed");
    }
    test_db.finish().await;
}

/// The same archive with every part stored uncompressed: the fuzzer's changes to such a file
/// reach the XML and record parsers, where in a compressed part they only break the stream.
fn stored(archive: &[u8]) -> Vec<u8> {
    let mut from = zip::ZipArchive::new(Cursor::new(archive)).expect("a zip archive");
    let mut to = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..from.len() {
        let mut part = from.by_index(i).expect("a part");
        let name = part.name().expect("a part's name").into_owned();
        to.start_file(name, options).expect("a part");
        std::io::copy(&mut part, &mut to).expect("copy");
    }
    to.finish().expect("zip").into_inner()
}

/// The template's rows with a report on every commitment and target: the same status and %
/// on every row of one commitment, as the import requires.
fn filled(template: &[Row]) -> Rows {
    template
        .iter()
        .map(|row| {
            let mut cells: Vec<V> = row.cells.iter().map(as_fixture).collect();
            if row.number <= template::HEADER_ROW {
                return cells;
            }
            let id = match row.cell(0) {
                Cell::Number(n) => *n as usize,
                _ => 0,
            };
            let status = Status::ALL[id % 3 + 1];
            let percent = match status {
                Status::Limited => 25.0,
                Status::Substantial => 60.0,
                _ => 100.0,
            };
            let indicator = match row.cell(1) {
                Cell::Empty => V::E,
                _ => V::N(percent / 2.0),
            };
            cells.resize(8, V::E);
            cells.extend([
                V::D(today()),
                t(status.label()),
                V::N(percent),
                indicator,
                t("Activities carried out as planned in 12 districts."),
                t(&format!("https://example.org/moh/reports/{id}.pdf")),
            ]);
            cells
        })
        .collect()
}

fn as_fixture(cell: &Cell) -> V {
    match cell {
        Cell::Text(text) => t(text),
        Cell::Number(n) => V::N(*n),
        Cell::Date(d) => V::D(*d),
        Cell::Empty | Cell::Bool(_) | Cell::Error(_) => V::E,
    }
}

/// A cell as a CSV file holds it: dates as offices type them.
fn as_text(cell: &V) -> String {
    match cell {
        V::T(text) => text.clone(),
        V::N(n) => n.to_string(),
        V::D(d) => d.format("%d/%m/%Y").to_string(),
        V::F(_, saved) => (*saved).to_owned(),
        V::E => String::new(),
    }
}
