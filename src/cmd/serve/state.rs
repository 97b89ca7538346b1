//! What every request of the workbench reads.

use super::batches::Batches;
use super::guard::Guard;
use super::html::{Pages, failure};
use super::index::Index;
use axum::response::Response;
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
