#![allow(clippy::result_large_err)] // the error is a full diagnostic, on a cold path
//! Where a workspace's tables come from, before any column is read: a CSV file per table (UTF-8
//! with or without a byte-order mark, or Windows-1251, detected and said: `encoding.rs`), else a
//! sheet of the folder's one workbook (XLSX, XLSM, XLSB, XLS, ODS), else a key of its one JSON
//! file. Workbook and JSON cells arrive typed; here they become the text a CSV cell would hold,
//! with no kopeck and no day lost (see `sheet.rs`).

use super::encoding::decode;
use super::sheet::{Record, Sheets};
use crate::diag::Diagnostic;
use crate::tr;
use encoding_rs::Encoding;
use std::path::{Path, PathBuf};

/// How to read the files, from the command line (`--encoding`, `--header-row`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Forces the CSV files' encoding; detected when `None`.
    pub encoding: Option<&'static Encoding>,
    /// The 1-based line (or sheet row) of every table's header; found when `None`.
    pub header_row: Option<u64>,
    /// The calculation date: dates after it are reported (`--as-of`; `check` uses today).
    pub as_of: Option<chrono::NaiveDate>,
}

/// `--encoding`: any label the WHATWG Encoding Standard knows (`utf-8`, `windows-1251`, `cp1251`,
/// `koi8-r`, `ibm866`).
pub fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        tr!(
            "source.encoding.unknown",
            "«{label}» — не кодировка: укажите utf-8 или windows-1251 (также cp1251, koi8-r, ibm866)",
            "\"{label}\" is not an encoding: write utf-8 or windows-1251 (also cp1251, koi8-r, ibm866)"
        )
        .to_string()
    })
}

/// A table's rows as they were found.
pub enum Rows {
    /// A CSV file as UTF-8 text. `reread` is the file's path when its bytes are this text, so that
    /// a row can be read again by its byte offset (the batch ledger, `LedgerIndex`).
    Csv {
        text: String,
        reread: Option<PathBuf>,
        /// `text` is only the file's head (`Finder::table_head`): its rows are read from the file,
        /// which reports what is wrong in them.
        head: bool,
    },
    /// A sheet or a JSON array: each row's 1-based number and its cells as text.
    Grid { rows: Vec<Record> },
}

/// One table's source: `label` names it in diagnostics (`ledger.csv`, `book.xlsx [ledger]`).
pub struct Source {
    pub label: String,
    pub rows: Rows,
}

/// The names a table's sheet (or JSON key) may have, besides the table's own.
pub fn sheet_names(table: &str) -> &'static [&'static str] {
    match table {
        "accounts" => &["accounts", "лицевые счета", "счета", "абоненты", "должники"],
        "ledger" => &[
            "ledger",
            "начисления и оплаты",
            "начисления",
            "операции",
            "осв",
            "оборотно-сальдовая ведомость",
            "оборотка",
            "turnover",
        ],
        "events" => &["events", "события", "история"],
        _ => &[],
    }
}

fn norm(name: &str) -> String {
    name.trim().to_lowercase().replace('ё', "е")
}

/// The workspace's tables, found once: the CSV files are read when asked for; the workbook or
/// JSON file, when one is there, is read whole on the first table it has to give.
pub struct Finder<'d> {
    dir: &'d Path,
    options: Options,
    book: Option<Book>,
}

enum Book {
    /// Sheets (or JSON keys), each with its rows.
    Read { file: String, sheets: Sheets },
    /// There is one, or several, and it could not be read: said already.
    Failed,
    /// The folder has none.
    None,
}

impl<'d> Finder<'d> {
    pub fn new(dir: &'d Path, options: Options) -> Self {
        Finder {
            dir,
            options,
            book: None,
        }
    }

    /// Whether the table `name` (`accounts`) can be found at all, as `name.csv` or in a book.
    /// `Err` holds a diagnostic to report (an unreadable file); `Ok(None)` means there is none.
    pub fn table(&mut self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Source> {
        let csv = format!("{name}.csv");
        let path = self.dir.join(&csv);
        match super::budget::read_file(&path, &csv) {
            Ok(Some(bytes)) => {
                return decode(bytes, &csv, self.options.encoding, diags).map(|(text, same)| {
                    Source {
                        label: csv.clone(),
                        rows: Rows::Csv {
                            text,
                            reread: same.then_some(path),
                            head: false,
                        },
                    }
                });
            }
            Ok(None) => {}
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
        if self.book.is_none() {
            self.book = Some(read_book(self.dir, diags));
        }
        let Some(Book::Read { file, sheets }) = &mut self.book else {
            return None;
        };
        let wanted = sheet_names(name);
        let i = sheets
            .iter()
            .position(|(sheet, _)| wanted.contains(&norm(sheet).as_str()))?;
        let (sheet, rows) = std::mem::take(&mut sheets[i]);
        Some(Source {
            label: format!("{file} [{sheet}]"),
            rows: Rows::Grid { rows },
        })
    }

    /// As [`Finder::table`], for a table read again from its file row by row (the batch ledger):
    /// only the head of a UTF-8 CSV file is read here, enough to find its header, so that a ledger
    /// of millions of rows is never held whole. Any other file is read as `table` reads it.
    pub fn table_head(&mut self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Source> {
        const HEAD: u64 = 1 << 20;
        let csv = format!("{name}.csv");
        let path = self.dir.join(&csv);
        let forced_other = self
            .options
            .encoding
            .is_some_and(|e| e != encoding_rs::UTF_8);
        let head = std::fs::metadata(&path)
            .ok()
            .filter(|m| m.is_file() && m.len() > HEAD && m.len() <= super::budget::MAX_FILE)
            .filter(|_| !forced_other)
            .and_then(|_| {
                use std::io::Read;
                let mut bytes = Vec::new();
                std::fs::File::open(&path)
                    .ok()?
                    .take(HEAD)
                    .read_to_end(&mut bytes)
                    .ok()?;
                // Whole lines only (LF, CR LF or a lone CR ends one); a UTF-8 head (a UTF-16 file
                // is read whole, as `table` reads it).
                let end = bytes.iter().rposition(|b| matches!(b, b'\n' | b'\r'))? + 1;
                bytes.truncate(end);
                if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                    return None;
                }
                String::from_utf8(bytes).ok()
            });
        match head {
            Some(text) => Some(Source {
                label: csv,
                rows: Rows::Csv {
                    text,
                    reread: Some(path),
                    head: true,
                },
            }),
            None => self.table(name, diags),
        }
    }

    /// The workbook or JSON file the tables without a CSV file come from, if any.
    pub fn book_file(&self) -> Option<&str> {
        match &self.book {
            Some(Book::Read { file, .. }) => Some(file),
            _ => None,
        }
    }

    /// The workbook and JSON files of the folder that were not read (every table had its CSV file).
    pub fn unread_books(&self) -> Vec<String> {
        if self.book.is_some() {
            return Vec::new();
        }
        let mut names: Vec<String> = std::fs::read_dir(self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| {
                        !n.starts_with('.') && !n.starts_with("~$") && is_book(Path::new(n), true)
                    })
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Whether a workbook or JSON file was there but could not be read (and that was said).
    pub fn book_failed(&self) -> bool {
        matches!(self.book, Some(Book::Failed))
    }
}

/// The folder's one workbook or JSON file, read into text rows.
fn read_book(dir: &Path, diags: &mut Vec<Diagnostic>) -> Book {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    is_book(p, true)
                        && !p
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with("~$") || n.starts_with('.'))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let Some(path) = found.first() else {
        return Book::None;
    };
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if found.len() > 1 {
        let names: Vec<String> = found
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let (n, names) = (found.len(), names.join(", "));
        diags.push(Diagnostic::error(
            &file,
            tr!(
                "source.books.several",
                "в папке книг и JSON-файлов: {n} ({names}); программа читает только один",
                "the folder holds {n} workbook or JSON files ({names}); vzysk reads one"
            ),
            tr!(
                "source.books.several.fix",
                "оставьте тот, в котором таблицы, а остальные уберите из папки",
                "keep the one with the tables and move the others out"
            ),
        ));
        return Book::Failed;
    }
    match guarded_book(path, &file, diags) {
        Some(sheets) => Book::Read { file, sheets },
        None => Book::Failed,
    }
}

/// The sheets of the workbook or JSON file at `path`, refused before reading when it is not a
/// regular file, is too big, or would inflate past the budget (a pipe or a device never ends, a
/// bomb inflates past any memory).
fn guarded_book(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Sheets> {
    let checked = std::fs::metadata(path)
        .map_err(|e| super::budget::unreadable(file, &e))
        .and_then(|m| {
            super::budget::regular(&m, file)?;
            if m.len() > super::budget::MAX_FILE {
                return Err(super::budget::too_big(file, m.len()));
            }
            super::budget::workbook_inflation(path, file)
        });
    if let Err(d) = checked {
        diags.push(d);
        return None;
    }
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        super::json::read(path, file, diags)
    } else {
        super::book::read(path, file, diags)
    }
}

/// Whether `path` names a workbook (XLSX, XLSM, XLSB, XLS, ODS) or, `with_json`, a JSON file: the
/// files a workspace's tables may come from besides CSV.
pub fn is_book(path: &Path, with_json: bool) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match ext.as_deref() {
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => true,
        Some("json") => with_json,
        _ => false,
    }
}

/// One file named on the command line (`vzysk record`), as a table: a CSV file read as the
/// workspace's are, or the first sheet of a workbook; `text`, when given, is the file's bytes
/// already read (a file inside a ZIP archive).
pub fn one_file(
    path: &Path,
    text: Option<Vec<u8>>,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Option<Source> {
    let label = path.display().to_string();
    if text.is_none() && is_book(path, false) {
        let (sheet, rows) = guarded_book(path, &label, diags)?.into_iter().next()?;
        return Some(Source {
            label: format!("{label} [{sheet}]"),
            rows: Rows::Grid { rows },
        });
    }
    let bytes = match text {
        Some(bytes) => bytes,
        None => match super::budget::read_file(path, &label) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                diags.push(Diagnostic::error(
                    &label,
                    tr!("source.not_found", "не найден", "not found"),
                    tr!("source.not_found.fix", "проверьте путь", "check the path"),
                ));
                return None;
            }
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
    };
    let (text, _) = decode(bytes, &label, options.encoding, diags)?;
    Some(Source {
        label,
        rows: Rows::Csv {
            text,
            reread: None,
            head: false,
        },
    })
}
