#![allow(clippy::result_large_err)] // the error is a full diagnostic, on a cold path
//! What vzysk agrees to read: regular files only (never a pipe, which blocks, nor a device, which
//! never ends), within a byte budget per file, a line of at most [`MAX_LINE`], and a workbook that
//! does not inflate past [`MAX_INFLATED`]. Each refusal names the file and the limit.

use super::table::lines::Breaks;
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::tr;
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
        Err(e) => return Err(unreadable(label, &e)),
    };
    regular(&meta, label)?;
    if meta.len() > MAX_FILE {
        return Err(too_big(label, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(label, &e))?;
    // A file that grows while it is read stops at the budget all the same.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::error(
                label,
                cannot_be_read(&e),
                tr!("budget.unreadable.disk", "проверьте диск", "check the disk"),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big(label, bytes.len() as u64));
    }
    long_line(&bytes, label)?;
    Ok(Some(bytes))
}

/// «cannot be read: …» with the system's reason.
pub fn cannot_be_read(e: &std::io::Error) -> Text {
    tr!(
        "budget.unreadable",
        "файл не читается: {e}",
        "cannot be read: {e}"
    )
}

/// A file that cannot be read (its metadata, or opened): the reason and the fix.
pub fn unreadable(label: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        label,
        cannot_be_read(e),
        tr!(
            "budget.unreadable.fix",
            "проверьте права доступа к файлу",
            "check the file's permissions"
        ),
    )
}

/// Refuses what is not a regular file (a link is followed to what it points at).
pub fn regular(meta: &std::fs::Metadata, label: &str) -> Result<(), Diagnostic> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(
        label,
        tr!(
            "budget.not_regular",
            "это не обычный файл (папка, канал или устройство): программа читает только обычные файлы",
            "is not a regular file (a folder, a pipe or a device): vzysk reads regular files only"
        ),
        tr!(
            "budget.not_regular.fix",
            "сохраните выгрузку в файл и укажите его",
            "save the export as a file and give that"
        ),
    ))
}

/// A file of `bytes` past [`MAX_FILE`].
pub fn too_big(label: &str, bytes: u64) -> Diagnostic {
    Diagnostic::error(
        label,
        tr!(
            "budget.file_too_big",
            "размер файла {bytes} байт — больше допустимых для входного файла {MAX_FILE}",
            "is {bytes} bytes, more than an input's {MAX_FILE}"
        ),
        tr!(
            "budget.file_too_big.fix",
            "разбейте выгрузку на части или проверьте, тот ли это файл",
            "split the export, or check that it is the right file"
        ),
    )
}

/// A line longer than [`MAX_LINE`].
fn line_too_long(line: u64) -> Text {
    tr!(
        "budget.line_too_long",
        "строка {line} длиннее допустимых для строки {MAX_LINE} байт",
        "line {line} is more than a row's {MAX_LINE} bytes"
    )
}

/// The fix of a file past its budget as it is read.
pub fn over_budget_fix() -> Text {
    tr!(
        "budget.line_too_long.fix",
        "проверьте файл: строка выгрузки занимает несколько сотен байт",
        "check the file: an export's row is a few hundred bytes"
    )
}

/// Refuses a text whose line is longer than [`MAX_LINE`], at that line (LF, CR LF and a lone CR
/// each end a line: an old-Mac file is as many lines as an editor shows).
fn long_line(bytes: &[u8], label: &str) -> Result<(), Diagnostic> {
    match Breaks::counting().feed(bytes, &mut 0, MAX_LINE) {
        None => Ok(()),
        Some(line) => {
            Err(Diagnostic::error(label, line_too_long(line), over_budget_fix()).at(line))
        }
    }
}

/// Why a [`Budgeted`] file stopped being read, and at which line.
#[derive(Debug)]
pub struct OverBudget {
    pub line: u64,
    pub why: Text,
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.why.as_str())
    }
}

impl std::error::Error for OverBudget {}

/// A file read as a stream (a batch's accounts and ledger, left in their files; a table's text)
/// within the same budgets as a file read whole: no line longer than [`MAX_LINE`], no more than
/// [`MAX_FILE`] bytes. Past either, reading fails with the line and why. It also counts the lines
/// as an editor does ([`Breaks`]), so a CSV reader over it can say where each record starts.
pub struct Budgeted<R> {
    inner: R,
    breaks: Breaks,
    in_line: usize,
    total: u64,
}

impl<R> Budgeted<R> {
    pub fn new(inner: R) -> Budgeted<R> {
        Budgeted {
            inner,
            breaks: Breaks::default(),
            in_line: 0,
            total: 0,
        }
    }

    /// The reader read from.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The line breaks read so far, to locate records by.
    pub fn breaks(&mut self) -> &mut Breaks {
        &mut self.breaks
    }

    /// After a seek to a record's start at `offset`: that record is on `line`.
    pub fn restart(&mut self, offset: u64, line: u64) {
        self.breaks = Breaks::at(offset, line);
        self.in_line = 0;
    }
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total += n as u64;
        if self.total > MAX_FILE {
            return Err(std::io::Error::other(OverBudget {
                line: self.breaks.line(),
                why: tr!(
                    "budget.stream_too_big",
                    "файл больше допустимых для входного файла {MAX_FILE} байт",
                    "the file is more than an input's {MAX_FILE} bytes"
                ),
            }));
        }
        if let Some(line) = self.breaks.feed(&buf[..n], &mut self.in_line, MAX_LINE) {
            return Err(std::io::Error::other(OverBudget {
                line,
                why: line_too_long(line),
            }));
        }
        Ok(n)
    }
}

impl<R: std::io::Seek> std::io::Seek for Budgeted<R> {
    /// Seeks the file; the caller says the line there ([`Budgeted::restart`]).
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        let at = self.inner.seek(to)?;
        self.total = at;
        self.restart(at, 1);
        Ok(at)
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
            tr!(
                "budget.workbook_too_big",
                "книга распаковалась бы в {total} байт — больше допустимых {MAX_INFLATED}",
                "the workbook would inflate to {total} bytes, more than {MAX_INFLATED}"
            ),
            tr!(
                "budget.workbook_too_big.fix",
                "проверьте файл: это не обычная выгрузка (сохраните листы в CSV)",
                "check the file: it is not an ordinary export (save the sheets as CSV instead)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn only_regular_files_within_their_budget() {
        let dir = std::env::temp_dir().join(format!("vzysk-budget-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(
            read_file(&dir.join("none.csv"), "none.csv")
                .unwrap()
                .is_none()
        );
        let why = read_file(&dir, "dir").unwrap_err().line(Lang::En);
        assert!(why.contains("is not a regular file"), "{why}");
        let long = format!("a,b\n{}\n", "x".repeat(MAX_LINE + 1));
        std::fs::write(dir.join("long.csv"), long).unwrap();
        let why = read_file(&dir.join("long.csv"), "long.csv")
            .unwrap_err()
            .line(Lang::En);
        assert!(
            why.contains("long.csv:2") && why.contains("more than a row's"),
            "{why}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
