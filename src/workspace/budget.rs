#![allow(clippy::result_large_err)] // the error is a full diagnostic, on a cold path
//! What vzysk agrees to read: regular files only (never a pipe, which blocks, nor a device, which
//! never ends), within a byte budget per file, a line of at most [`MAX_LINE`], and a workbook that
//! does not inflate past [`MAX_INFLATED`]. Each refusal names the file and the limit.

use crate::diag::Diagnostic;
use std::io::Read;
use std::path::Path;

/// The largest input file: 50 000 accounts' ledger of 3 million rows is ~200 MB.
pub const MAX_FILE: u64 = 2 << 30;
/// The longest line (row) of a text file: far beyond any export's row (a few hundred bytes); a
/// longer one is a flood, refused before it is parsed.
pub const MAX_LINE: usize = 4 << 20;
/// The most a workbook's parts may inflate to: a sheet of a million rows is ~300 MB of XML.
pub const MAX_INFLATED: u64 = 1 << 30;

/// The bytes of the regular file `path` (`label` names it in messages), `Ok(None)` when there is
/// none; `Err` with the diagnostic when it is not a regular file or passes its budget.
pub fn read_file(path: &Path, label: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(
                label,
                format!("cannot be read: {e}"),
                "check the file's permissions",
            ));
        }
    };
    regular(&meta, label)?;
    if meta.len() > MAX_FILE {
        return Err(too_big(label, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::error(
            label,
            format!("cannot be read: {e}"),
            "check the file's permissions",
        )
    })?;
    // A file that grows while it is read stops at the budget all the same.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(label, format!("cannot be read: {e}"), "check the disk"))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big(label, bytes.len() as u64));
    }
    long_line(&bytes, label)?;
    Ok(Some(bytes))
}

/// Refuses what is not a regular file (a link is followed to what it points at).
pub fn regular(meta: &std::fs::Metadata, label: &str) -> Result<(), Diagnostic> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(
        label,
        "is not a regular file (a folder, a pipe or a device): vzysk reads regular files only",
        "save the export as a file and give that",
    ))
}

fn too_big(label: &str, bytes: u64) -> Diagnostic {
    Diagnostic::error(
        label,
        format!("is {bytes} bytes, more than an input's {MAX_FILE}"),
        "split the export, or check that it is the right file",
    )
}

/// Refuses a text whose line is longer than [`MAX_LINE`], at that line.
fn long_line(bytes: &[u8], label: &str) -> Result<(), Diagnostic> {
    for (line, piece) in (1u64..).zip(bytes.split(|b| *b == b'\n')) {
        if piece.len() > MAX_LINE {
            return Err(Diagnostic::error(
                label,
                format!(
                    "line {line} is {} bytes, more than a row's {MAX_LINE}",
                    piece.len()
                ),
                "check the file: an export's row is a few hundred bytes",
            )
            .at(line));
        }
    }
    Ok(())
}

/// Why a [`Budgeted`] file stopped being read, and at which line.
#[derive(Debug)]
pub struct OverBudget {
    pub line: u64,
    pub why: String,
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why)
    }
}

impl std::error::Error for OverBudget {}

/// A file read as a stream (a batch's accounts and ledger, left in their files) within the same
/// budgets as a file read whole: no line longer than [`MAX_LINE`], no more than [`MAX_FILE`]
/// bytes. Past either, reading fails with the line and why.
pub struct Budgeted<R> {
    inner: R,
    line: u64,
    in_line: usize,
    total: u64,
}

impl<R> Budgeted<R> {
    pub fn new(inner: R) -> Budgeted<R> {
        Budgeted {
            inner,
            line: 1,
            in_line: 0,
            total: 0,
        }
    }
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total += n as u64;
        if self.total > MAX_FILE {
            return Err(std::io::Error::other(OverBudget {
                line: self.line,
                why: format!("the file is more than an input's {MAX_FILE} bytes"),
            }));
        }
        for piece in buf[..n].split_inclusive(|b| *b == b'\n') {
            self.in_line += piece.len();
            if self.in_line > MAX_LINE + 1 {
                return Err(std::io::Error::other(OverBudget {
                    line: self.line,
                    why: format!("line {} is more than a row's {MAX_LINE} bytes", self.line),
                }));
            }
            if piece.ends_with(b"\n") {
                self.line += 1;
                self.in_line = 0;
            }
        }
        Ok(n)
    }
}

/// Refuses a workbook (a ZIP of XML: XLSX, XLSM, XLSB, ODS) whose parts would inflate past
/// [`MAX_INFLATED`], before anything is inflated. Other files pass.
pub fn workbook_inflation(path: &Path, label: &str) -> Result<(), Diagnostic> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(()); // the reader says why
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return Ok(()); // not a ZIP (an .xls): its size is its budget
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(entry.size());
    }
    if total > MAX_INFLATED {
        return Err(Diagnostic::error(
            label,
            format!("the workbook would inflate to {total} bytes, more than {MAX_INFLATED}"),
            "check the file: it is not an ordinary export (save the sheets as CSV instead)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_their_budget() {
        let dir = std::env::temp_dir().join(format!("vzysk-budget-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(
            read_file(&dir.join("none.csv"), "none.csv")
                .unwrap()
                .is_none()
        );
        let why = read_file(&dir, "dir").unwrap_err().to_string();
        assert!(why.contains("is not a regular file"), "{why}");
        let long = format!("a,b\n{}\n", "x".repeat(MAX_LINE + 1));
        std::fs::write(dir.join("long.csv"), long).unwrap();
        let why = read_file(&dir.join("long.csv"), "long.csv")
            .unwrap_err()
            .to_string();
        assert!(
            why.contains("long.csv:2") && why.contains("more than a row's"),
            "{why}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
