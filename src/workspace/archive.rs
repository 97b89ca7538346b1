//! What an archive made by `generate` says of itself to `record`: its journal (`events.csv`) and
//! the claimant its manifest names — read within the budgets every input has.

use std::path::Path;

/// The most an archive's journal may hold: a batch of 50 000 accounts writes about 10 MB; more is
/// not an archive of vzysk's (a file that inflates without end), refused before it fills memory.
pub const MAX_ARCHIVE_JOURNAL: u64 = 256 << 20;

/// The `events.csv` of an archive, within the budgets every input has: in a folder, a regular file
/// (never a pipe, which blocks, nor a device, which never ends); in a ZIP, the one entry of that
/// name, refused when it would inflate past [`MAX_ARCHIVE_JOURNAL`] — whole, never cut.
pub fn archive_events(path: &Path) -> Result<Vec<u8>, String> {
    archive_file(path, "events.csv")?.ok_or_else(|| {
        format!(
            "{}: no events.csv in the archive (made before vzysk wrote one?)",
            path.display()
        )
    })
}

/// The claimant's ИНН the archive's manifest names (archives made since it names one).
pub fn archive_claimant(path: &Path) -> Result<Option<String>, String> {
    let Some(bytes) = archive_file(path, "manifest.json")? else {
        return Ok(None);
    };
    let manifest: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: its manifest.json is not JSON: {e}", path.display()))?;
    Ok(manifest["claimant_inn"].as_str().map(str::to_string))
}

/// The file `name` of an archive (a folder or a ZIP) within the budget; none when it has none.
fn archive_file(path: &Path, name: &str) -> Result<Option<Vec<u8>>, String> {
    if path.is_dir() {
        let inner = path.join(name);
        let label = inner.display().to_string();
        return super::budget::read_file(&inner, &label).map_err(|d| d.to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| format!("{}: not a ZIP archive: {e}", path.display()))?;
    // A ZIP may name a file twice; the reader would take one silently. vzysk never makes such a
    // ZIP: refused whole, whichever copy was meant.
    if zip.has_duplicate_names() {
        return Err(format!(
            "{}: the ZIP names a file twice (two {name}?): not an archive vzysk made",
            path.display()
        ));
    }
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let too_big = || {
        format!(
            "{}: its {name} inflates past {MAX_ARCHIVE_JOURNAL} bytes: not an archive vzysk made",
            path.display()
        )
    };
    if entry.size() > MAX_ARCHIVE_JOURNAL {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    use std::io::Read;
    entry
        .take(MAX_ARCHIVE_JOURNAL + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_ARCHIVE_JOURNAL {
        return Err(too_big());
    }
    Ok(Some(bytes))
}
