//! `nap-tracker`: serve the web application, or run one maintenance task.

use std::path::PathBuf;
use std::process::ExitCode;

use app::accounts::Role;
use app::plans::Region;
use clap::{Parser, Subcommand};
use sea_orm::DatabaseConnection;
use server::commands::{self, imports::ImportArgs, users::AddUser, Printed};
use server::{config::DEFAULT_DATABASE_URL, database};
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "nap-tracker",
    version,
    about = "Track national action on the EGM 2008 recommendations on social integration"
)]
struct Cli {
    /// Database to use: an SQLite file (`sqlite://path?mode=rwc`) or PostgreSQL (`postgres://…`).
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    database_url: String,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations, then serve the web application (the default).
    ///
    /// The address comes from LEPTOS_SITE_ADDR (default 127.0.0.1:3000).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Write a consistent copy of the SQLite database to FILE, also while the server runs.
    ///
    /// FILE must not exist yet. A PostgreSQL database is backed up with pg_dump.
    Backup { file: PathBuf },
    /// Replace the SQLite database with a backup, after checking it. Stop the server first.
    ///
    /// The backup must be an intact NAP Tracker database (one made by `backup`).
    Restore { file: PathBuf },
    #[command(flatten)]
    Task(Task),
}

/// Maintenance tasks: each opens (and migrates) the database, does one thing and prints
/// what it did.
#[derive(Subcommand)]
enum Task {
    /// Accounts and the roles they hold.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens, for ministries' own systems.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Countries.
    #[command(subcommand)]
    Country(CountryCommand),
    /// Owners: the ministries and agencies of a country.
    #[command(subcommand)]
    Owner(OwnerCommand),
    /// Load a clearly labelled demonstration: countries, plans, progress and one account per
    /// role (password demo-password-2026). Does nothing if a demo is already loaded.
    Demo {
        /// Generate this many countries of about 310 commitments each, for benchmarks.
        #[arg(long)]
        scale: Option<usize>,
        /// Load only into a database that holds no country yet (what `make run` does).
        #[arg(long)]
        if_empty: bool,
    },
    /// Write a ministry's or agency's progress template (xlsx) to fill in and import.
    Template {
        /// ISO 3166-1 alpha-3 code of the country.
        #[arg(long)]
        country: String,
        /// The owner's code, such as MOH.
        #[arg(long)]
        owner: String,
        /// Where to write the workbook.
        #[arg(long)]
        out: PathBuf,
        /// The language of its headers and instructions: en, fr or es.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Import a progress spreadsheet (xlsx, xlsm, xlsb, xls, ods or csv). Nothing is written
    /// when any row has an error; the exit code is then 2.
    Import {
        file: PathBuf,
        #[arg(long)]
        country: String,
        #[arg(long)]
        owner: String,
        /// The sheet to read, when several hold progress columns.
        #[arg(long)]
        sheet: Option<String>,
        /// Check the file and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Grant a role, creating the account first if needed.
    ///
    /// A new account's password comes from NAP_PASSWORD or is asked for twice.
    Add {
        #[arg(long)]
        email: String,
        /// admin, coordinator, focal_point or reviewer.
        #[arg(long)]
        role: Role,
        /// ISO 3166-1 alpha-3 code: the coordinator's country, the focal point's, or one
        /// country a reviewer reviews (none: all countries).
        #[arg(long)]
        country: Option<String>,
        /// The focal point's owner (ministry or agency) code.
        #[arg(long)]
        owner: Option<String>,
        /// The name shown for the account (default: the email address).
        #[arg(long)]
        name: Option<String>,
    },
    /// List every account with its roles.
    List,
    /// Let an address sign in again at once after repeated failed sign-ins locked it.
    Unlock {
        #[arg(long)]
        email: String,
    },
    /// End every session of an account (a lost laptop, a person leaving): they must sign in
    /// again everywhere.
    SignOut {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for an account and print it (it is shown this once).
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for, such as the name of the system that uses it.
        #[arg(long, default_value = "")]
        label: String,
    },
}

#[derive(Subcommand)]
enum CountryCommand {
    /// Add a country.
    Add {
        /// ISO 3166-1 alpha-3 code, such as KEN.
        #[arg(long)]
        iso3: String,
        #[arg(long)]
        name: String,
        /// Its region: africa, americas, asia, europe or oceania.
        #[arg(long)]
        region: Option<Region>,
    },
    /// Set the region of a country.
    Region {
        /// ISO 3166-1 alpha-3 code, such as KEN.
        #[arg(long)]
        iso3: String,
        /// africa, americas, asia, europe or oceania.
        #[arg(long)]
        region: Region,
    },
}

#[derive(Subcommand)]
enum OwnerCommand {
    /// Add a ministry or agency to a country.
    Add {
        /// ISO 3166-1 alpha-3 code of the country.
        #[arg(long)]
        country: String,
        /// Short code, such as MOH.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();

    let cli = Cli::parse();
    let url = cli.database_url.as_str();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(url).await.map(|()| 0),
        Command::Migrate => migrate(url).await.map(|()| 0),
        Command::Backup { file } => commands::backup::backup(url, &file).await.map(print),
        Command::Restore { file } => commands::backup::restore(url, &file).await.map(print),
        Command::Task(task) => match open_database(url).await {
            Ok(db) => {
                let done = run_task(&db, task).await;
                // Closed, SQLite folds its write-ahead log back into the database file: a
                // task leaves one complete file behind, as a stopped server does.
                if let Err(error) = db.close().await {
                    tracing::warn!(%error, "closing the database failed");
                }
                done.map(|printed| {
                    println!("{}", printed.text);
                    printed.code
                })
            }
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("nap-tracker: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a command's report; it succeeded.
fn print(text: String) -> u8 {
    println!("{text}");
    0
}

async fn run_task(db: &DatabaseConnection, task: Task) -> Result<Printed, String> {
    let text = match task {
        Task::User(UserCommand::Add {
            email,
            role,
            country,
            owner,
            name,
        }) => {
            commands::users::add(
                db,
                AddUser {
                    email,
                    role,
                    country,
                    owner,
                    name,
                },
            )
            .await
        }
        Task::User(UserCommand::List) => commands::users::list(db).await,
        Task::User(UserCommand::Unlock { email }) => commands::users::unlock(db, &email).await,
        Task::User(UserCommand::SignOut { email }) => commands::users::sign_out(db, &email).await,
        Task::Token(TokenCommand::Create { email, label }) => {
            commands::tokens::create(db, &email, &label).await
        }
        Task::Country(CountryCommand::Add { iso3, name, region }) => {
            commands::countries::add_country(db, &iso3, &name, region).await
        }
        Task::Country(CountryCommand::Region { iso3, region }) => {
            commands::countries::set_region(db, &iso3, region).await
        }
        Task::Owner(OwnerCommand::Add {
            country,
            code,
            name,
        }) => commands::countries::add_owner(db, &country, &code, &name).await,
        Task::Demo { scale, if_empty } => commands::demo::load(db, scale, if_empty).await,
        Task::Template {
            country,
            owner,
            out,
            lang,
        } => commands::imports::template(db, &country, &owner, &out, &lang).await,
        Task::Import {
            file,
            country,
            owner,
            sheet,
            dry_run,
            json,
        } => {
            let args = ImportArgs {
                file,
                country,
                owner,
                sheet,
                dry_run,
                json,
            };
            return commands::imports::import(db, args).await;
        }
    };
    text.map(Printed::from)
}

/// Connects to the database and applies pending migrations.
async fn open_database(database_url: &str) -> Result<DatabaseConnection, String> {
    let db = database::connect(database_url)
        .await
        .map_err(|e| e.to_string())?;
    database::migrate(&db).await.map_err(|e| e.to_string())?;
    tracing::info!("database is up to date");
    Ok(db)
}

async fn migrate(database_url: &str) -> Result<(), String> {
    open_database(database_url).await.map(drop)
}

async fn serve(database_url: &str) -> Result<(), String> {
    server::serving::serve(open_database(database_url).await?).await
}
