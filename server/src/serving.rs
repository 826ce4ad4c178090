//! Serving the app: listening, the configuration read from the environment, and a stop that
//! lets requests in flight finish.

use app::state::AppState;
use sea_orm::DatabaseConnection;

use crate::router::router;

/// Serves the app on `LEPTOS_SITE_ADDR` from `db`, whose schema is up to date, until Ctrl-C
/// or SIGTERM; then lets the requests in flight finish, for at most [`SHUTDOWN_GRACE`].
pub async fn serve(db: DatabaseConnection) -> Result<(), String> {
    let mut leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| format!("invalid Leptos configuration: {e}"))?
        .leptos_options;
    // A release build names its CSS, JavaScript and WebAssembly after their content and lists
    // the names in a file beside the binary: pages must then link those names.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| {
                exe.parent()
                    .map(|dir| dir.join(leptos_options.hash_file.as_ref()))
            })
            .is_some_and(|file| file.is_file());
    }
    let addr = leptos_options.site_addr;

    let secure_cookies = crate::config::secure_cookies(addr)?;
    let import_limits = crate::config::import_limits()?;
    let rate_limits = crate::config::rate_limits()?;
    let state = AppState {
        leptos_options,
        db: db.clone(),
        import_limits,
    };
    let app = router(state, secure_cookies, rate_limits);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        format!("cannot listen on {addr} (set LEPTOS_SITE_ADDR to another address): {e}")
    })?;
    tracing::info!("serving NAP Tracker on http://{addr}");
    let (stopping, stop_asked) = tokio::sync::oneshot::channel();
    // With the peer's address on every request: rate limits count per client address.
    let serving = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Fails only when the grace period below is no longer awaited: nothing to start then.
        let _ = stopping.send(());
    });
    // Requests in flight may finish, but not forever: a client that never ends its upload
    // must not keep the server (and a deployment waiting for it) from stopping.
    let grace_over = async move {
        if stop_asked.await.is_err() {
            // The server ended without a signal; its own result decides.
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        served = serving => served.map_err(|e| format!("server error: {e}"))?,
        () = grace_over => {
            // Not closing the pool: it would wait for the connections those requests hold.
            tracing::warn!(
                "requests still running {} s after the signal: stopping without them",
                SHUTDOWN_GRACE.as_secs()
            );
            return Ok(());
        }
    }
    // Closing the pool lets SQLite fold its write-ahead log back into the database file.
    if let Err(error) = db.close().await {
        tracing::warn!(%error, "the database connections did not close cleanly");
    }
    tracing::info!("stopped");
    Ok(())
}

/// How long requests in flight may take to finish once the server is told to stop: less than
/// the 30 s Kubernetes waits before killing a stopping process.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(25);

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
