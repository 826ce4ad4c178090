//! `nap-tracker`: serve the web application, or run one maintenance task.

use std::process::ExitCode;

use app::state::AppState;
use clap::{Parser, Subcommand};
use sea_orm::DatabaseConnection;
use server::{config::DEFAULT_DATABASE_URL, database, router::router};
use tracing_subscriber::EnvFilter;

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
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();

    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli.database_url).await,
        Command::Migrate => migrate(&cli.database_url).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("nap-tracker: {message}");
            ExitCode::FAILURE
        }
    }
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
    let db = open_database(database_url).await?;
    let leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| format!("invalid Leptos configuration: {e}"))?
        .leptos_options;
    let addr = leptos_options.site_addr;

    let app = router(AppState { leptos_options, db });
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        format!("cannot listen on {addr} (set LEPTOS_SITE_ADDR to another address): {e}")
    })?;
    tracing::info!("serving NAP Tracker on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
