//! What an archive made by `generate` says of itself to `record`: its journal (`events.csv`) and
//! the claimant its manifest names — read within the budgets every input has.

use crate::tr;
use std::path::Path;

/// The most an archive's journal may hold: a batch of 50 000 accounts writes about 10 MB; more is
/// not an archive of vzysk's (a file that inflates without end), refused before it fills memory.
pub const MAX_ARCHIVE_JOURNAL: u64 = 256 << 20;

/// The `events.csv` of an archive, within the budgets every input has: in a folder, a regular file
/// (never a pipe, which blocks, nor a device, which never ends); in a ZIP, the one entry of that
/// name, refused when it would inflate past [`MAX_ARCHIVE_JOURNAL`] — whole, never cut.
pub fn archive_events(path: &Path) -> Result<Vec<u8>, String> {
    archive_file(path, "events.csv")?.ok_or_else(|| {
        let p = path.display();
        tr!(
            "archive.no_journal",
            "{p}: в архиве нет events.csv (он сделан версией программы, которая его ещё не писала?)",
            "{p}: no events.csv in the archive (made before vzysk wrote one?)"
        )
        .to_string()
    })
}

/// The claimant's ИНН the archive's manifest names (archives made since it names one).
pub fn archive_claimant(path: &Path) -> Result<Option<String>, String> {
    let Some(bytes) = archive_file(path, "manifest.json")? else {
        return Ok(None);
    };
    let manifest: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        let p = path.display();
        tr!(
            "archive.manifest.invalid",
            "{p}: его manifest.json — не JSON: {e}",
            "{p}: its manifest.json is not JSON: {e}"
        )
        .to_string()
    })?;
    Ok(manifest["claimant_inn"].as_str().map(str::to_string))
}

/// The file `name` of an archive (a folder or a ZIP) within the budget; none when it has none.
fn archive_file(path: &Path, name: &str) -> Result<Option<Vec<u8>>, String> {
    if path.is_dir() {
        let inner = path.join(name);
        let label = inner.display().to_string();
        return super::budget::read_file(&inner, &label).map_err(|d| d.to_string());
    }
    let p = path.display();
    let unreadable = |e: std::io::Error| {
        tr!(
            "archive.unreadable",
            "{p}: архив не читается: {e}",
            "{p}: {e}"
        )
        .to_string()
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        tr!(
            "archive.not_zip",
            "{p}: это не ZIP-архив: {e}",
            "{p}: not a ZIP archive: {e}"
        )
        .to_string()
    })?;
    // A ZIP may name a file twice; the reader would take one silently. vzysk never makes such a
    // ZIP: refused whole, whichever copy was meant.
    if zip.has_duplicate_names() {
        return Err(tr!(
            "archive.zip.duplicate",
            "{p}: в ZIP-архиве один файл назван дважды (два {name}?): этот архив сделан не программой",
            "{p}: the ZIP names a file twice (two {name}?): not an archive vzysk made"
        )
        .to_string());
    }
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let too_big = || {
        tr!(
            "archive.zip.too_big",
            "{p}: его {name} распаковывается больше чем в {MAX_ARCHIVE_JOURNAL} байт: этот архив сделан не программой",
            "{p}: its {name} inflates past {MAX_ARCHIVE_JOURNAL} bytes: not an archive vzysk made"
        )
        .to_string()
    };
    if entry.size() > MAX_ARCHIVE_JOURNAL {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    use std::io::Read;
    entry
        .take(MAX_ARCHIVE_JOURNAL + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_ARCHIVE_JOURNAL {
        return Err(too_big());
    }
    Ok(Some(bytes))
}
