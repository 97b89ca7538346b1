//! The ledger of a big batch, left in its file (`load_indexed`): every row checked as the full
//! reading checks it, but only where each account's good rows are is kept, and an account's rows
//! are read again when its turn comes.

use super::ledger::{LedgerRules, ledger_entry};
use super::ledger_checks::LedgerChecks;
use super::runs::Runs;
use super::table::reread::{FileReader, Stamp};
use super::table::{Table, Tally};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::model::Entry;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// As `read_ledger`, with every check, but keeping only where each good row is (see [`LedgerIndex`]).
pub fn index_ledger(
    t: &Table,
    rules: LedgerRules,
    path: PathBuf,
    accounts: usize,
    ids: &dyn Fn(usize) -> String,
    index: Arc<super::keep::Places>,
    diags: &mut Vec<Diagnostic>,
) -> Result<LedgerIndex, Box<Diagnostic>> {
    let mut services = HashMap::new();
    let mut rows = Runs::new(accounts);
    let mut checks = LedgerChecks::new(accounts);
    let too_big = || {
        Box::new(Diagnostic::error(
            &t.file,
            too_large(),
            crate::tr!(
                "ledger.too_large.fix",
                "разделите ledger.csv на файлы по годам",
                "split the ledger into yearly files"
            ),
        ))
    };
    // The rows come from the file itself: the table may hold only its head.
    let (mut rows_of_file, stamp) = t
        .file_rows(&path)
        .map_err(|e| Box::new(Diagnostic::error(&t.file, unreadable(&e), check_the_file())))?;
    let mut tally = Tally::new(&t.file);
    while let Some(row) = rows_of_file.next_row() {
        let row = match row {
            Ok(row) => row,
            Err((line, why, fix)) => {
                rows.skip();
                tally.unreadable += 1;
                diags.push(Diagnostic::error(&t.file, why, fix).at(line));
                continue;
            }
        };
        let before = diags.len();
        let entry = ledger_entry(t, &row, rules, &index, diags, &mut services);
        tally.row(&row, entry.is_some(), diags, before);
        if let Some((i, entries)) = entry {
            checks.add(t, &row, rules.turnover(), i, &entries, diags);
            let offset = u32::try_from(row.offset).map_err(|_| too_big())?;
            let line = u32::try_from(row.line).map_err(|_| too_big())?;
            rows.add(i, offset, line);
        } else {
            rows.skip();
        }
    }
    tally.settle(&rows_of_file, diags);
    checks.report(t, rules.as_of, ids, diags);
    Ok(LedgerIndex {
        path,
        stamp,
        tally,
        table: t.detached(),
        rules,
        index,
        rows,
        file: None,
        services,
    })
}

/// A table's file larger than the 4 GB its offsets can address.
pub(super) fn too_large() -> Text {
    crate::tr!(
        "table.too_large",
        "файл больше 4 ГБ",
        "the file is larger than 4 GB"
    )
}

/// A table's file that cannot be read again (`e` says why).
pub(super) fn unreadable(e: &std::io::Error) -> Text {
    crate::tr!(
        "table.unreadable",
        "не удаётся прочитать: «{e}»",
        "cannot be read: {e}"
    )
}

pub(super) fn check_the_file() -> Text {
    crate::tr!("table.unreadable.fix", "проверьте файл", "check the file")
}

/// The ledger of a big batch, left in its file: where each account's good rows are (offset and
/// line), read again and parsed when that account's turn comes ([`LedgerIndex::take`]), so that a
/// run holds one account's ledger at a time instead of a million parsed rows.
pub struct LedgerIndex {
    path: PathBuf,
    /// The file as it was indexed: a file changed since is not read again.
    stamp: Stamp,
    /// What became of the file's rows.
    pub tally: Tally,
    table: Table<'static>,
    rules: LedgerRules,
    index: Arc<super::keep::Places>,
    rows: Runs,
    file: Option<FileReader>,
    services: HashMap<String, Arc<str>>,
}

impl std::fmt::Debug for LedgerIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LedgerIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl LedgerIndex {
    /// The file the rows come from, as diagnostics name it.
    pub fn label(&self) -> &str {
        &self.table.file
    }

    /// The ledger of account number `account` (its place in `accounts.csv`), read from the file,
    /// in file order, exactly as the full reading would have made it. Each account once. The
    /// reason it cannot be is in the run's language.
    pub fn take(&mut self, account: usize) -> Result<Vec<Entry>, String> {
        let runs = self.rows.take(account);
        self.read(account, runs).map_err(|why| why.to_string())
    }

    /// As [`LedgerIndex::take`], as often as asked (a server's card).
    pub fn get(&mut self, account: usize) -> Result<Vec<Entry>, String> {
        let runs = self.rows.get(account);
        self.read(account, runs).map_err(|why| why.to_string())
    }

    fn read(&mut self, account: usize, runs: Vec<super::runs::Run>) -> Result<Vec<Entry>, Text> {
        if runs.is_empty() {
            return Ok(Vec::new());
        }
        if self.file.is_none() {
            self.file = Some(self.table.reader(&self.path, self.stamp)?);
        }
        let mut ledger = Vec::new();
        let mut ignored = Vec::new();
        for run in runs {
            let Some(file) = self.file.as_mut() else {
                break;
            };
            for row in self.table.run_at(file, run, self.stamp)? {
                match ledger_entry(
                    &self.table,
                    &row,
                    self.rules,
                    &self.index,
                    &mut ignored,
                    &mut self.services,
                ) {
                    Some((i, entries)) if i == account => ledger.extend(entries),
                    _ => {
                        let (path, line) = (self.path.display(), row.line);
                        return Err(crate::tr!(
                            "ledger.row.changed",
                            "{path}:{line}: строка изменилась после проверки; запустите заново",
                            "{path}:{line}: the row changed since it was checked; run again"
                        ));
                    }
                }
            }
        }
        ledger.shrink_to_fit();
        Ok(ledger)
    }
}
