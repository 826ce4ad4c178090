//! Import benchmark: a 100,000-row progress workbook for one ministry of a demo plan, checked
//! (dry run) and committed to SQLite, against the time Python's openpyxl takes merely to read
//! the same file in read-only mode. Run it with `bench/import.sh`, which prepares openpyxl.
//!
//! Figures are medians of `BENCH_RUNS` runs (default 3); `BENCH_ROWS` sets the size (default
//! 100,000). Peak memory is the most heap the process held at once during a dry run, counted
//! by the allocator below, beyond what it held before; the same for a commit is printed too.
//! Heap is counted in runs of their own: counting every allocation with shared atomics slows
//! the timed runs down.

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use app::accounts::Actor;
use app::imports::store::{self, Destination, Upload};
use app::imports::template;
use app::imports::{ImportOptions, Language};
use app::plans::Status;
use app::spreadsheets::{self, Cell, Limits, Row};
use chrono::{NaiveDate, Utc};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;

/// The server's allocator; while [`COUNTING`], counts the bytes allocated and freed, and the most held at once since
/// counting began.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static HELD: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { MiMalloc.alloc(layout) };
        if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let held = HELD.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(held, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) };
        // Freeing what was allocated before counting began lowers the count too: the heap
        // did shrink by that much.
        if COUNTING.load(Ordering::Relaxed) {
            HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
}

/// The most heap `work` held at once beyond what was held when it began, in bytes.
async fn peak_heap<T>(work: impl Future<Output = T>) -> (T, usize) {
    HELD.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let done = work.await;
    COUNTING.store(false, Ordering::Relaxed);
    (done, PEAK.load(Ordering::Relaxed).max(0) as usize)
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = env_number("BENCH_ROWS", 100_000);
    let runs = env_number("BENCH_RUNS", 3).max(1);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import-bench");
    std::fs::create_dir_all(&dir)?;
    let today = Utc::now().date_naive();

    let started = Instant::now();
    let plan = dir.join("plan.db");
    let _ = std::fs::remove_file(&plan);
    let db = connect(&plan).await?;
    app::demo::load_one_owner(&db, rows, today).await?;
    let file = dir.join("progress.xlsx");
    write_workbook(&db, &file, today).await?;
    db.close().await?;
    let bytes = std::fs::read(&file)?;
    println!(
        "prepared a plan of {rows} commitments and {} ({}) in {}",
        file.display(),
        megabytes(bytes.len()),
        seconds(started.elapsed())
    );

    let python = std::env::var("BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut openpyxl = Vec::new();
    for _ in 0..runs {
        openpyxl.push(openpyxl_read(&python, &file)?);
    }

    let limits = Limits::default();
    let upload = Upload {
        file_name: "progress.xlsx".into(),
        bytes: bytes.into(),
    };
    let run = Run {
        upload: &upload,
        limits,
        today,
        rows,
    };
    let db = connect(&plan).await?;
    let mut dry_runs = Vec::new();
    for _ in 0..runs {
        let clock = Instant::now();
        run.dry_run(&db).await?;
        dry_runs.push(clock.elapsed());
    }
    let (counted, peak) = peak_heap(run.dry_run(&db)).await;
    counted?;
    db.close().await?;

    let mut commits = Vec::new();
    for number in 0..runs {
        let db = connect(&fresh_copy(&plan, &dir, number)?).await?;
        let clock = Instant::now();
        run.commit(&db).await?;
        commits.push(clock.elapsed());
        db.close().await?;
    }
    let db = connect(&fresh_copy(&plan, &dir, runs)?).await?;
    let (counted, commit_peak) = peak_heap(run.commit(&db)).await;
    counted?;
    db.close().await?;
    for number in 0..=runs {
        std::fs::remove_file(dir.join(format!("commit-{number}.db")))?;
    }

    let (ours, theirs, commit) = (median(dry_runs), median(openpyxl), median(commits));
    let file_size = upload.bytes.len();
    println!(
        "\nimport of {rows} rows, {} xlsx, medians of {runs} runs",
        megabytes(file_size)
    );
    println!("  openpyxl read-only, read every row:  {}", seconds(theirs));
    println!(
        "  our dry run (read + check):          {}  = {:.3} of openpyxl (target <= 0.100)",
        seconds(ours),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    println!(
        "  our commit to SQLite (check + write): {} (target <= 5 s)",
        seconds(commit)
    );
    println!(
        "  peak heap during a dry run:          {} = {:.2}x the file (target <= 5x)",
        megabytes(peak),
        peak as f64 / file_size as f64
    );
    println!(
        "  peak heap during a commit:           {} = {:.2}x the file (the texts are kept)",
        megabytes(commit_peak),
        commit_peak as f64 / file_size as f64
    );
    Ok(())
}

/// One file checked or committed against the plan.
struct Run<'a> {
    upload: &'a Upload,
    limits: Limits,
    today: NaiveDate,
    rows: usize,
}

impl Run<'_> {
    fn destination(&self) -> Destination<'static> {
        let (iso3, owner_code) = app::demo::ONE_OWNER_PLAN;
        Destination { iso3, owner_code }
    }

    async fn dry_run(&self, db: &DatabaseConnection) -> Result<(), Box<dyn std::error::Error>> {
        let preview = store::preview(
            db,
            &Actor::Operator,
            self.destination(),
            self.upload,
            &ImportOptions::default(),
            self.limits,
            self.today,
        )
        .await?;
        if !preview.is_clean() || preview.counts.accepted != self.rows {
            return Err(format!(
                "the dry run should accept every row: {:?}, first errors {:?}",
                preview.counts,
                preview.errors.iter().take(3).collect::<Vec<_>>()
            )
            .into());
        }
        Ok(())
    }

    async fn commit(&self, db: &DatabaseConnection) -> Result<(), Box<dyn std::error::Error>> {
        let (preview, batch) = store::commit(
            db,
            &Actor::Operator,
            self.destination(),
            self.upload,
            &ImportOptions::default(),
            self.limits,
            self.today,
        )
        .await?;
        if batch.is_none() || preview.counts.accepted != self.rows {
            return Err(format!("the commit wrote nothing: {:?}", preview.counts).into());
        }
        Ok(())
    }
}

/// A copy of the plan's database for commit number `number`: every commit starts from the
/// same plan.
fn fresh_copy(plan: &Path, dir: &Path, number: usize) -> std::io::Result<PathBuf> {
    let copy = dir.join(format!("commit-{number}.db"));
    std::fs::copy(plan, &copy)?;
    Ok(copy)
}

async fn connect(path: &Path) -> Result<DatabaseConnection, Box<dyn std::error::Error>> {
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = server::database::connect(&url).await?;
    server::database::migrate(&db).await?;
    Ok(db)
}

/// Seconds openpyxl takes to open the file read-only and go through every row's values,
/// measured inside Python so that starting the interpreter does not count.
fn openpyxl_read(python: &str, file: &Path) -> Result<Duration, Box<dyn std::error::Error>> {
    let script = "import sys, time, openpyxl\n\
        start = time.perf_counter()\n\
        book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n\
        rows = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))\n\
        print(time.perf_counter() - start, rows)\n";
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "{python} could not read the file with openpyxl (run bench/import.sh, which installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let secs: f64 = text
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("unexpected output from openpyxl: {text}"))?;
    Ok(Duration::from_secs_f64(secs))
}

/// The ministry's own template, downloaded and filled in as a focal point would: the
/// template's title rows, header and reference columns, and a report on every row.
async fn write_workbook(
    db: &DatabaseConnection,
    path: &Path,
    today: NaiveDate,
) -> Result<(), Box<dyn std::error::Error>> {
    let (iso3, owner_code) = app::demo::ONE_OWNER_PLAN;
    let to = Destination { iso3, owner_code };
    let template = template::for_owner(db, &Actor::Operator, to, Language::English).await?;
    let read = spreadsheets::read("template.xlsx", &template, &Limits::default())?;
    let sheet = read.sheets.first().ok_or("the template has no sheet")?;
    Ok(fill(path, &sheet.rows, today)?)
}

fn fill(path: &Path, template: &[Row], today: NaiveDate) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Progress")?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let header = template::HEADER_ROW;
    for row in template {
        let r = row.number - 1;
        for (column, cell) in row.cells.iter().enumerate() {
            let column = column as u16;
            match cell {
                Cell::Text(text) => sheet.write_string(r, column, text)?,
                Cell::Number(n) => sheet.write_number(r, column, *n)?,
                Cell::Date(d) => sheet.write_date_with_format(r, column, *d, &date)?,
                _ => sheet,
            };
        }
        if row.number <= header {
            continue;
        }
        let i = (row.number - header) as usize;
        let status = Status::ALL[i % 3 + 1];
        let percent = match status {
            Status::Limited => 20 + (i % 30) as u32,
            Status::Substantial => 50 + (i % 50) as u32,
            _ => 100,
        };
        let reference = row.cell(2).shown();
        sheet.write_date_with_format(r, 8, today, &date)?;
        sheet.write_string(r, 9, status.label())?;
        sheet.write_number(r, 10, percent)?;
        if !row.cell(1).is_empty() {
            sheet.write_number(r, 11, f64::from(percent) / 2.0)?;
        }
        sheet.write_string(
            r,
            12,
            format!(
                "Quarterly report on {reference}: activities carried out as planned in {} districts.",
                i % 47 + 1
            ),
        )?;
        sheet.write_string(
            r,
            13,
            format!("https://example.org/moh/reports/{reference}.pdf"),
        )?;
    }
    book.save(path)
}
