//! The ledger of a big batch, left in its file (`load_indexed`): every row checked as the full
//! reading checks it, but only where each account's good rows are is kept, and an account's rows
//! are read again when its turn comes.

use super::ledger::{LedgerChecks, LedgerRules, ledger_entry};
use super::table::Table;
use crate::diag::Diagnostic;
use crate::model::{Account, Entry};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// As `read_ledger`, with every check, but keeping only where each good row is (see [`LedgerIndex`]).
pub fn index_ledger(
    t: &Table,
    rules: LedgerRules,
    path: PathBuf,
    accounts: &[Account],
    index: &HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Result<LedgerIndex, Box<Diagnostic>> {
    let mut services = HashMap::new();
    let mut rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); accounts.len()];
    let mut checks = LedgerChecks::new(accounts.len());
    let too_big = || {
        Box::new(Diagnostic::error(
            &t.file,
            "the file is larger than 4 GB",
            "split the ledger into yearly files",
        ))
    };
    // The rows come from the file itself: the table may hold only its head.
    let rows_of_file = t.file_rows(&path).map_err(|e| {
        Box::new(Diagnostic::error(
            &t.file,
            format!("cannot be read: {e}"),
            "check the file",
        ))
    })?;
    for row in rows_of_file {
        let row = match row {
            Ok(row) => row,
            Err((line, why)) => {
                diags.push(
                    Diagnostic::error(&t.file, why, "check the quotes on this line").at(line),
                );
                continue;
            }
        };
        if let Some((i, entries)) = ledger_entry(t, &row, rules, index, diags, &mut services) {
            checks.add(t, &row, rules, i, &entries, diags);
            let offset = u32::try_from(row.offset).map_err(|_| too_big())?;
            let line = u32::try_from(row.line).map_err(|_| too_big())?;
            rows[i].push((offset, line));
        }
    }
    checks.report(t, accounts, diags);
    Ok(LedgerIndex {
        path,
        table: t.detached(),
        rules,
        index: index.clone(),
        rows,
        file: None,
        services,
    })
}

/// The ledger of a big batch, left in its file: where each account's good rows are (offset and
/// line), read again and parsed when that account's turn comes ([`LedgerIndex::take`]), so that a
/// run holds one account's ledger at a time instead of a million parsed rows.
pub struct LedgerIndex {
    path: PathBuf,
    table: Table<'static>,
    rules: LedgerRules,
    index: HashMap<String, usize>,
    rows: Vec<Vec<(u32, u32)>>,
    file: Option<csv::Reader<std::fs::File>>,
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
    /// The ledger of account number `account` (its place in `accounts.csv`), read from the file,
    /// in file order, exactly as the full reading would have made it. Each account once.
    pub fn take(&mut self, account: usize) -> Result<Vec<Entry>, String> {
        let rows = self
            .rows
            .get_mut(account)
            .map(std::mem::take)
            .unwrap_or_default();
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let io = |e: std::io::Error| format!("{}: cannot be read again: {e}", self.path.display());
        if self.file.is_none() {
            let file = std::fs::File::open(&self.path).map_err(io)?;
            self.file = Some(self.table.reader(file).map_err(io)?);
        }
        let mut ledger = Vec::with_capacity(rows.len());
        let mut ignored = Vec::new();
        for (offset, line) in rows {
            let Some(file) = self.file.as_mut() else {
                break;
            };
            let row = self
                .table
                .row_at(file, offset.into(), line.into())
                .map_err(io)?;
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
                    return Err(format!(
                        "{}:{line}: the row changed since it was checked; run again",
                        self.path.display()
                    ));
                }
            }
        }
        Ok(ledger)
    }
}
