//! What every request of the workbench reads.

use super::filter::Filter;
use super::guard::{Guard, random_hex};
use super::html::{Pages, failure};
use super::index::Index;
use axum::response::Response;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

/// The largest upload (a tracking file, a table of outcomes, an archive's events).
pub const UPLOAD_MAX: usize = 20 * 1024 * 1024;

/// The largest form typed on a page (a search, an event on a card, a reload).
pub const FORM_MAX: usize = 16 * 1024;

/// The largest batch form: a list of 50 000 typed accounts.
pub const BATCH_FORM_MAX: usize = 1024 * 1024;

/// What every request reads.
pub struct App {
    /// Read by many requests at once; changed (a recording, a new day) alone.
    pub index: RwLock<Index>,
    pub guard: Guard,
    /// The renderer previews are made in (one at a time).
    pub worker: Mutex<crate::render::pool::Worker>,
    pub pages: Pages,
    pub batches: Batches,
    /// Held while the journal is recorded to: two tabs recording at once wait for each other.
    pub recording: Mutex<()>,
    /// The overview is being made again in the background.
    pub rebuilding: AtomicBool,
    pub views: Views,
}

pub type Shared = Arc<App>;

/// Runs `f` on a thread that may block (reading files, computing, rendering).
pub async fn blocking(
    app: Shared,
    f: impl FnOnce(&Shared) -> Response + Send + 'static,
) -> Response {
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .unwrap_or_else(|e| {
            failure(crate::tr!(
                "serve.request.failed",
                "запрос не выполнен: {e}",
                "the request failed: {e}"
            ))
        })
}

/// Where a batch stands.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(tag = "state")]
pub enum Stage {
    /// Waiting for the batch before it to end (one `generate` at a time).
    Queued,
    Running {
        done: usize,
        total: usize,
    },
    Made {
        summary: crate::lang::Text,
    },
    Failed {
        why: crate::lang::Text,
    },
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

/// The server's own folder, once made.
static FOLDER: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Makes the server's own folder for uploads and batch archives (debtors' СНИЛС and passports are
/// in them): a new folder with a random name, readable by this user only (0700), under the user's
/// runtime folder (`$XDG_RUNTIME_DIR`) or the temporary one; a name that exists already (made by
/// someone else) is refused, never used.
pub fn make_folder() -> Result<PathBuf, crate::lang::Text> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let path = base.join(format!(
        "vzysk-serve-{}-{}",
        std::process::id(),
        &super::guard::random_hex()?[..12]
    ));
    remove_stale(&base);
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&path).map_err(|e| {
        let folder = path.display();
        crate::tr!(
            "serve.folder.failed",
            "не создана папка сервера {folder}: {e}",
            "the server's folder {folder}: {e}"
        )
    })?;
    Ok(FOLDER.get_or_init(|| path).clone())
}

/// Removes the folders of this user's servers that were killed (SIGKILL, a power cut) and so could
/// not remove their own: `vzysk-serve-PID-…` whose process is gone. Another user's are not touched.
fn remove_stale(base: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: getuid has no preconditions and cannot fail.
        let me = unsafe { libc::getuid() };
        let Ok(entries) = std::fs::read_dir(base) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix("vzysk-serve-")
                .and_then(|rest| rest.split('-').next())
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            let ours =
                std::fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_dir() && m.uid() == me);
            if ours && !crate::archive::guard::alive(pid) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    #[cfg(not(unix))]
    let _ = base;
}

/// The server's folder for its archives and uploads, removed when it stops.
pub fn folder() -> PathBuf {
    FOLDER
        .get()
        .cloned()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("vzysk-serve-{}", std::process::id())))
}

/// Raises the limit of open files to what the system allows (often 1 024 by default): idle
/// connections held open by a careless or hostile client then starve normal requests only at a
/// far higher count. A limit on connections belongs to the reverse proxy in front (README).
pub fn raise_open_files() {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct given.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0
                && limit.rlim_cur < limit.rlim_max
            {
                limit.rlim_cur = limit.rlim_max.min(1 << 20);
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            }
        }
    }
}

/// The uploads kept for their confirmation: the newest [`UPLOADS_KEPT`], at most
/// [`UPLOADS_BYTES`] together, none older than a day — a clerk who uploads and never confirms
/// leaves no pile of debtors' data behind.
pub const UPLOADS_KEPT: usize = 20;
pub const UPLOADS_BYTES: u64 = 200 * 1024 * 1024;

/// Removes the uploads past [`UPLOADS_KEPT`], [`UPLOADS_BYTES`] or a day (the oldest first), to
/// make room for one more.
pub fn prune_uploads(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut uploads: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("upload-"))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), e.path()))
        })
        .collect();
    uploads.sort();
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
    let mut total: u64 = uploads.iter().map(|u| u.1).sum();
    let mut left = uploads.len();
    for (modified, len, path) in uploads {
        // Room for the upload coming: one fewer than kept, and a share of the bytes.
        let over = left >= UPLOADS_KEPT || total > UPLOADS_BYTES - UPLOAD_MAX as u64;
        if !(over || modified < day_ago) {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            left -= 1;
            total -= len;
        }
    }
}

/// The debtors' searches of this server, each under a random id, the newest few hundred: a search
/// is posted and then shown at `/debtors?view=<id>`, so that the words searched (a name, an
/// address) are in no address, history or log.
#[derive(Default)]
pub struct Views(Mutex<VecDeque<(String, Filter)>>);

impl Views {
    const KEPT: usize = 500;

    /// Keeps `filter` (without its page); its id. The caller has checked that it is small
    /// ([`Filter::bounded`]).
    pub fn keep(&self, mut filter: Filter) -> Result<String, crate::lang::Text> {
        let id = random_hex()?;
        filter.page = None;
        filter.csrf.clear();
        filter.view = Some(id.clone());
        let mut all = self.0.lock().map_err(|_| {
            crate::tr!(
                "serve.searches.lost",
                "сохранённые поиски недоступны",
                "the searches are unreadable"
            )
        })?;
        if all.len() >= Self::KEPT {
            all.pop_front();
        }
        all.push_back((id.clone(), filter));
        Ok(id)
    }

    /// The search kept under `id`.
    pub fn get(&self, id: &str) -> Option<Filter> {
        let all = self.0.lock().ok()?;
        all.iter().find(|(k, _)| k == id).map(|(_, f)| f.clone())
    }
}
