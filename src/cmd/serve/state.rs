//! What every request of the workbench reads.

use super::guard::Guard;
use super::html::{Pages, failure};
use super::index::Index;
use axum::response::Response;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The largest upload (a tracking file, a table of outcomes, an archive's events).
pub const UPLOAD_MAX: usize = 20 * 1024 * 1024;

/// What every request reads.
pub struct App {
    pub index: Mutex<Index>,
    pub guard: Guard,
    /// The renderer previews are made in (one at a time).
    pub worker: Mutex<crate::render::pool::Worker>,
    pub pages: Pages,
    pub batches: Batches,
}

pub type Shared = Arc<App>;

/// Runs `f` on a thread that may block (reading files, computing, rendering).
pub async fn blocking(
    app: Shared,
    f: impl FnOnce(&Shared) -> Response + Send + 'static,
) -> Response {
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .unwrap_or_else(|e| failure(&format!("the request failed: {e}")))
}

/// Where a batch stands.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(tag = "state")]
pub enum Stage {
    Running { done: usize, total: usize },
    Made { summary: String },
    Failed { why: String },
}

/// One batch of this server.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Batch {
    pub n: usize,
    pub kinds: String,
    pub accounts: usize,
    pub stage: Stage,
    #[serde(skip)]
    pub file: PathBuf,
}

/// The batches of this server, newest last.
#[derive(Default)]
pub struct Batches(pub Mutex<Vec<Batch>>);

/// The server's folder for its archives, removed when it stops.
pub fn folder() -> PathBuf {
    std::env::temp_dir().join(format!("vzysk-serve-{}", std::process::id()))
}
