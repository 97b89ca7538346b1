//! The batch archive: lays out the bytes it is given, deterministically (sorted entries, fixed
//! times), and atomically (a recognisable temporary file renamed into place only when complete).

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `.<name>.vzysk-tmp-<pid>` beside the destination.
fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.vzysk-tmp-{}", std::process::id()))
}

/// Removes temporary files an interrupted run left for this destination.
fn remove_stale(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = format!(".{name}.vzysk-tmp-");
    if let Ok(read) = std::fs::read_dir(dir) {
        for e in read.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ =
                    std::fs::remove_file(e.path()).or_else(|_| std::fs::remove_dir_all(e.path()));
            }
        }
    }
}

/// Writes `entries` (sorted here by path) as a ZIP at `out`; every entry dated `date` at noon.
pub fn write_zip(out: &Path, entries: &mut [Entry], date: chrono::NaiveDate) -> Result<(), String> {
    use chrono::Datelike;
    remove_stale(out);
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let time = DateTime::from_date_and_time(
        date.year().clamp(1980, 2107) as u16,
        date.month() as u8,
        date.day() as u8,
        12,
        0,
        0,
    )
    .map_err(|e| format!("cannot date the archive entries: {e}"))?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let tmp = temp_path(out);
    let result = (|| -> Result<(), String> {
        let file = std::fs::File::create(&tmp)
            .map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
        for e in entries.iter() {
            zip.start_file(e.path.as_str(), options)
                .map_err(|err| format!("{}: {err}", e.path))?;
            zip.write_all(&e.bytes)
                .map_err(|err| format!("writing {}: {err}", tmp.display()))?;
        }
        let mut inner = zip
            .finish()
            .map_err(|e| format!("finishing {}: {e}", tmp.display()))?;
        inner
            .flush()
            .map_err(|e| format!("writing {}: {e}", tmp.display()))?;
        let file = inner
            .into_inner()
            .map_err(|e| format!("writing {}: {e}", tmp.display()))?;
        file.sync_all()
            .map_err(|e| format!("writing {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, out).map_err(|e| {
            format!(
                "cannot move the archive into place at {}: {e}",
                out.display()
            )
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `entries` into a new folder `out`: built as `.<name>.vzysk-tmp-<pid>` beside it and
/// renamed into place only when complete. `out` must not exist yet.
pub fn write_dir(out: &Path, entries: &mut [Entry]) -> Result<(), String> {
    if out.exists() {
        return Err(format!(
            "{} exists already: give a new folder, or remove it first",
            out.display()
        ));
    }
    remove_stale(out);
    let tmp = temp_path(out);
    let result = (|| -> Result<(), String> {
        for e in entries.iter() {
            // Archive paths are built from safe names; refuse anything that could leave the folder.
            if e.path
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..")
            {
                return Err(format!("unsafe path in the batch: {}", e.path));
            }
            let path = tmp.join(&e.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
            }
            std::fs::write(&path, &e.bytes)
                .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        }
        std::fs::rename(&tmp, out).map_err(|e| {
            format!(
                "cannot move the folder into place at {}: {e}",
                out.display()
            )
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}
