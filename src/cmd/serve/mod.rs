//! `vzysk serve WS [--listen 127.0.0.1:8080]` — the web workbench over a workspace folder: the
//! overview (the report's figures, the input's diagnostics), the debtors' table with search,
//! filters and sorting, a card per debtor (the calculation, the journal, the next step, each
//! document the case allows, previewed as `generate` makes it), events recorded by hand or in bulk,
//! and the templates.
//!
//! Usage: `vzysk serve samples/ruza` and open http://127.0.0.1:8080/
//!
//! Safety (it serves personal data): loopback by default; any other address needs `--token`
//! (`--token auto` makes one and prints it), sent once as `?token=` and then kept in a cookie;
//! a loopback server answers only to a loopback `Host` (no DNS rebinding); every change is a POST
//! with the page's CSRF token; no request names a file (accounts and kinds are looked up in the
//! workspace); uploads are limited and read by the same readers as the commands; pages carry a
//! Content-Security-Policy without inline script; the log names paths and account numbers only.
//!
//! | file | holds |
//! |---|---|
//! | `index.rs` | every account's row, the overview, the diagnostics; one account read on demand |
//! | `filter.rs` | the debtors' search, filters, sorting and pages (a batch's accounts too) |
//! | `pages.rs`, `html.rs` | the pages; their templates (minijinja, HTML auto-escaped; `html/`) and filters |
//! | `card.rs` | a debtor's card, and its documents made on demand (preview, download, templates' data) |
//! | `actions.rs` | what changes the workspace: events recorded by hand or from a file, reread |
//! | `batches.rs` | batches made by `generate` in a child process, followed, downloaded |
//! | `guard.rs`, `layer.rs` | the token, the host, the CSRF token, the headers; the layer every request passes |
//! | `state.rs` | what every request reads |

mod actions;
mod batches;
mod card;
mod filter;
mod guard;
mod html;
mod index;
mod layer;
mod pages;
mod state;

use state::{App, Shared};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use chrono::NaiveDate;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// Serve the web workbench over a workspace.
#[derive(clap::Args)]
#[command(after_help = "Example: vzysk serve samples/ruza   (then open http://127.0.0.1:8080/)")]
pub struct Args {
    /// The workspace folder.
    pub workspace: PathBuf,
    /// The address to listen on; anything but loopback needs --token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The access token (`auto`: make one and print it). Required off loopback.
    #[arg(long)]
    pub token: Option<String>,
    /// The date the figures are computed as of, said on every page; without it the server works
    /// as of today and follows the day while it runs.
    #[arg(long, value_parser = super::common::parse_as_of)]
    pub as_of: Option<NaiveDate>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.as_of.unwrap_or_else(super::common::today);
    let guard = match guard::Guard::new(args.listen, args.token.as_deref()) {
        Ok(g) => g,
        Err(why) => {
            let said = crate::tr!(
                "serve.unstarted",
                "vzysk: сервер не запущен: {why}",
                "vzysk: not started: {why}"
            );
            say!("{said}");
            return Ok(ExitCode::from(2));
        }
    };
    state::make_folder().map_err(|e| e.to_string())?;
    state::raise_open_files();
    let folder = args.workspace.display();
    let said = crate::tr!(
        "serve.reading",
        "vzysk: читается {folder} …",
        "vzysk: reading {folder} …"
    );
    say!("{said}");
    let index = index::build(&args.workspace, as_of)?;
    let (n, day) = (index.rows.len(), crate::russian::date(as_of));
    let said = crate::tr!(
        "serve.read",
        "vzysk: лицевых счетов: {n}, расчёт на {day}",
        "vzysk: {n} accounts as of {day}"
    );
    say!("{said}");
    let app = Arc::new(App {
        index: std::sync::RwLock::new(index),
        guard,
        worker: Mutex::new(crate::render::pool::Worker::new(as_of, true)),
        pages: html::Pages::new(args.as_of)?,
        batches: state::Batches::default(),
        recording: Mutex::new(()),
        rebuilding: Default::default(),
        views: Default::default(),
    });
    if args.as_of.is_none() {
        let app = app.clone();
        std::thread::spawn(move || actions::follow_the_day(&app));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            crate::tr!(
                "serve.runtime.failed",
                "сервер не запущен: {e}",
                "cannot start: {e}"
            )
            .to_string()
        })?;
    let served = runtime.block_on(serve(app, args.listen));
    // The server's own folder (uploads, archives) goes with it.
    let _ = std::fs::remove_dir_all(state::folder());
    served?;
    Ok(ExitCode::SUCCESS)
}

/// The routes.
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(pages::overview))
        .route(
            "/debtors",
            get(pages::debtors).post(pages::search).layer(small_body()),
        )
        .route("/debtors/{account}", get(card::card))
        .route("/debtors/{account}/documents/{file}", get(card::document))
        .route(
            "/debtors/{account}/events",
            post(actions::add_event).layer(small_body()),
        )
        .route("/journal", get(pages::journal).post(actions::record_file))
        .route("/templates", get(pages::templates))
        .route(
            "/batches",
            get(batches::list)
                .post(batches::start)
                .layer(DefaultBodyLimit::max(state::BATCH_FORM_MAX)),
        )
        .route("/batches/{n}", get(batches::one))
        .route("/batches/{n}/archive.zip", get(batches::archive))
        .route("/reload", post(actions::reload).layer(small_body()))
        .route("/static/app.css", get(pages::css))
        .layer(DefaultBodyLimit::max(state::UPLOAD_MAX))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            layer::check,
        ))
        .with_state(app)
}

/// The body of a form typed on a page (a search, an event, a reload): a few kilobytes; only an
/// upload on the journal's page may reach [`state::UPLOAD_MAX`], a batch's typed list of accounts
/// [`state::BATCH_FORM_MAX`].
fn small_body() -> DefaultBodyLimit {
    DefaultBodyLimit::max(state::FORM_MAX)
}

/// Ctrl-C or SIGTERM (a service manager's stop): the server stops, and its folder goes with it.
/// The handlers are installed before the address is printed (a signal sent as soon as the server
/// says it serves would otherwise end it at once, its folder left behind).
#[cfg(unix)]
fn stop_signals() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).ok();
    let mut int = signal(SignalKind::interrupt()).ok();
    async move {
        tokio::select! {
            _ = received(term.as_mut()) => {}
            _ = received(int.as_mut()) => {}
        }
    }
}

/// The signal received (never, when its handler could not be installed).
#[cfg(unix)]
async fn received(s: Option<&mut tokio::signal::unix::Signal>) {
    match s {
        Some(s) => {
            s.recv().await;
        }
        None => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
fn stop_signals() -> impl std::future::Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn serve(app: Shared, listen: SocketAddr) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| cannot_listen(listen, e))?;
    let local = listener
        .local_addr()
        .map_err(|e| cannot_listen(listen, e))?;
    // The batches run in this process (`cmd::generate::generate`): their unfinished archives are
    // removed here when the server stops, not by handlers of their own that would end the server.
    crate::archive::guard::signals_handled_by_caller();
    let signals = stop_signals();
    let stopped = async {
        signals.await;
        crate::archive::guard::remove_registered();
    };
    match app.guard.token() {
        Some(token) => {
            let said = crate::tr!(
                "serve.serving.token",
                "vzysk: сервер работает: http://{local}/?token={token}",
                "vzysk: serving on http://{local}/?token={token}"
            );
            say!("{said}");
        }
        None => {
            let said = crate::tr!(
                "serve.serving",
                "vzysk: сервер работает: http://{local}/",
                "vzysk: serving on http://{local}/"
            );
            say!("{said}");
        }
    }
    axum::serve(listener, router(app))
        .with_graceful_shutdown(stopped)
        .await
        .map_err(|e| {
            crate::tr!(
                "serve.stopped",
                "сервер остановился: {e}",
                "the server stopped: {e}"
            )
            .to_string()
        })
}

/// The address could not be listened on (taken, not this computer's).
fn cannot_listen(listen: SocketAddr, e: std::io::Error) -> String {
    crate::tr!(
        "serve.listen.failed",
        "адрес {listen} недоступен для сервера: {e}",
        "cannot listen on {listen}: {e}"
    )
    .to_string()
}
