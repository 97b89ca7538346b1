//! Lines on their way to the end of a run (manifest entries, what the registries need), kept in an
//! unnamed temporary file: a run does not hold tens of thousands of them in memory while it renders.

use serde_json::value::RawValue;
use std::io::{BufRead, BufWriter, Seek, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TempLines {
    file: BufWriter<std::fs::File>,
}

impl TempLines {
    pub fn new() -> Result<TempLines, String> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(".vzysk-spill-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|e| {
                let shown = path.display();
                crate::tr!(
                    "spill.create_failed",
                    "не удалось создать временный файл {shown}: {e}",
                    "cannot create a temporary file in {shown}: {e}"
                )
                .to_string()
            })?;
        // Unnamed from now on (Unix): it goes when the run ends, however it ends.
        let _ = std::fs::remove_file(&path);
        Ok(TempLines {
            file: BufWriter::new(file),
        })
    }

    /// Keeps `entry` (compact JSON, one line) under `key`.
    pub fn push(&mut self, key: &str, entry: &RawValue) -> Result<(), String> {
        if key.contains(['\0', '\n']) {
            return Err(crate::tr!(
                "spill.bad_key",
                "временный файл: ключ с символом NUL или переводом строки ({key:?})",
                "temporary file: a key with a NUL or a line break ({key:?})"
            )
            .to_string());
        }
        writeln!(self.file, "{key}\0{}", entry.get()).map_err(|e| broken(&e))
    }

    /// Calls `f` with each entry's key and JSON text, in the order pushed, one line in memory at a
    /// time.
    pub fn read_each(
        self,
        mut f: impl FnMut(&str, &str) -> Result<(), String>,
    ) -> Result<(), String> {
        let io = |e: std::io::Error| broken(&e);
        let mut file = self.file.into_inner().map_err(|e| io(e.into_error()))?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
        let mut lines = std::io::BufReader::new(file);
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).map_err(io)? == 0 {
                return Ok(());
            }
            let (key, json) = entry(&line)?;
            f(key, json)?;
        }
    }

    /// Keeps `value` as compact JSON under `key`.
    pub fn push_json(&mut self, key: &str, value: &impl serde::Serialize) -> Result<(), String> {
        let raw = serde_json::value::to_raw_value(value).map_err(|e| e.to_string())?;
        self.push(key, &raw)
    }

    /// Calls `f` with each entry's key and JSON text in the order of the keys (entries of one key
    /// in the order pushed): only the keys and where each entry is are held.
    pub fn read_sorted(
        self,
        mut f: impl FnMut(&str, &str) -> Result<(), String>,
    ) -> Result<usize, String> {
        let io = |e: std::io::Error| broken(&e);
        let mut file = self.file.into_inner().map_err(|e| io(e.into_error()))?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
        let mut reader = std::io::BufReader::new(file);
        let mut at = Vec::new();
        let (mut offset, mut line) = (0u64, String::new());
        loop {
            line.clear();
            let n = reader.read_line(&mut line).map_err(io)?;
            if n == 0 {
                break;
            }
            let (key, json) = entry(&line)?;
            at.push((key.to_string(), offset + key.len() as u64 + 1, json.len()));
            offset += n as u64;
        }
        // Stable: entries of one key keep the order they were pushed in.
        at.sort_by(|a, b| a.0.cmp(&b.0));
        let mut buf = Vec::new();
        for (key, start, len) in &at {
            reader.seek(std::io::SeekFrom::Start(*start)).map_err(io)?;
            buf.resize(*len, 0);
            std::io::Read::read_exact(&mut reader, &mut buf).map_err(io)?;
            let json = std::str::from_utf8(&buf).map_err(|e| broken(&e))?;
            f(key, json)?;
        }
        Ok(at.len())
    }

    /// The entries' JSON texts in the order of their keys, written to `out` one after another
    /// (`between` before each but the first, `before_each` before each).
    pub fn write_sorted(
        self,
        out: &mut dyn Write,
        between: &[u8],
        before_each: &[u8],
    ) -> Result<usize, String> {
        let mut first = true;
        self.read_sorted(|_, json| {
            let sep: &[u8] = if first { b"" } else { between };
            first = false;
            for part in [sep, before_each, json.as_bytes()] {
                out.write_all(part).map_err(|e| manifest_failed(&e))?;
            }
            Ok(())
        })
    }
}

/// A text as part of a key (`part\u{1}…`): quoted as JSON, so that line breaks and NULs are escaped;
/// such keys sort as the texts do, but for quotes, backslashes and control characters.
pub fn key_part(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// «writing the manifest: why».
pub fn manifest_failed(e: &dyn std::fmt::Display) -> String {
    crate::tr!(
        "archive.manifest_failed",
        "ошибка записи manifest.json: {e}",
        "writing the manifest: {e}"
    )
    .to_string()
}

/// «temporary file: why»: a run's temporary file failed it, or a line read back from it is not what
/// its reader wrote there (the papers' rows, `docs::registries`, `docs::mail`).
pub fn broken(e: &dyn std::fmt::Display) -> String {
    crate::tr!("spill.failed", "временный файл: {e}", "temporary file: {e}").to_string()
}

/// A line's key and JSON text.
fn entry(line: &str) -> Result<(&str, &str), String> {
    line.trim_end_matches('\n').split_once('\0').ok_or_else(|| {
        crate::tr!(
            "spill.broken_entry",
            "временный файл: повреждённая запись",
            "temporary file: a broken entry"
        )
        .to_string()
    })
}
