//! The accounts of a big batch, left in their file (`load_indexed`), as the ledger is
//! (`ledger_index`): every row is checked as the full reading checks it, and each account is built
//! once to check it whole, then dropped; only its number, where its rows are and its events are
//! kept, and it is built again from the file when its turn comes. A run's memory then does not
//! grow with the number of accounts' details.

use super::accounts::{add_row, check_shares};
use super::events::Journal;
use super::ledger_index::{check_the_file, too_large};
use super::rights::check_basis;
use super::runs::Runs;
use super::table::reread::{FileReader, Stamp};
use super::table::{Table, Tally};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::model::{Account, Event, Office};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What an account is built from besides its rows: the courts its `court` cell may name and the
/// date its birth dates are checked against.
pub struct Rules {
    pub courts: Vec<Office>,
    pub as_of: Option<NaiveDate>,
}

/// Reads `accounts.csv` at `path` (its header in `t`) row by row: the numbers and where each
/// account's rows are, then every account built and checked once, its diagnostics in `diags`.
pub fn index_accounts(
    t: &Table,
    path: PathBuf,
    rules: Rules,
    diags: &mut Vec<Diagnostic>,
) -> Result<AccountIndex, Box<Diagnostic>> {
    let unreadable = |e: Text| Box::new(Diagnostic::error(&t.file, e, check_the_file()));
    let too_big = || unreadable(too_large());
    let mut index: super::keep::Places = Default::default();
    let mut runs = Runs::new(0);
    let (mut rows, stamp) = t
        .file_rows(&path)
        .map_err(|e| unreadable(super::ledger_index::unreadable(&e)))?;
    let mut tally = Tally::new(&t.file);
    while let Some(row) = rows.next_row() {
        let row = match row {
            Ok(row) => row,
            Err((line, why, fix)) => {
                runs.skip();
                tally.unreadable += 1;
                diags.push(Diagnostic::error(&t.file, why, fix).at(line));
                continue;
            }
        };
        let before = diags.len();
        let Some(id) = t.cell(&row, "account").text else {
            // Said when the row is read as an account's: here, it belongs to none.
            runs.skip();
            add_row(
                t,
                &row,
                &[],
                &mut Vec::new(),
                &mut Default::default(),
                None,
                diags,
            );
            tally.row(&row, false, diags, before);
            continue;
        };
        // The row is an account's debtor: it is checked, and used or refused, when the account is
        // built below.
        tally.row(&row, true, diags, before);
        let next = index.len();
        let i = *index.entry(id.to_string()).or_insert(next);
        let offset = u32::try_from(row.offset).map_err(|_| too_big())?;
        let line = u32::try_from(row.line).map_err(|_| too_big())?;
        runs.add(i, offset, line);
    }
    tally.settle(&rows, diags);
    let mut accounts = AccountIndex {
        path,
        stamp,
        tally,
        table: t.detached(),
        rules,
        runs,
        index: Arc::new(index),
        events: HashMap::new(),
        later: HashMap::new(),
        file: None,
        debtors: 0,
        keep: None,
    };
    for i in 0..accounts.len() {
        let account = accounts.build(i, false, diags).map_err(&unreadable)?;
        check_shares(&account, diags);
        check_basis(&account, diags);
        accounts.debtors += account.debtors.len();
    }
    Ok(accounts)
}

/// The accounts of a big batch, left in their file: each one's number, where its rows are and its
/// events; built again from the file by [`AccountIndex::take`].
pub struct AccountIndex {
    path: PathBuf,
    /// The file as it was indexed: a file changed since is not read again.
    stamp: Stamp,
    /// What became of the file's rows.
    pub tally: Tally,
    table: Table<'static>,
    rules: Rules,
    runs: Runs,
    /// Each account number's place: the only copy of the numbers (a batch of 50 000 holds no more).
    index: Arc<super::keep::Places>,
    events: HashMap<usize, Vec<Event>>,
    /// Events dated after the as-of date, by account.
    later: HashMap<usize, Vec<Event>>,
    file: Option<FileReader>,
    /// How many debtors the accounts have (rows with an account number).
    pub debtors: usize,
    /// The events held (a recording's, see [`super::keep::Keep`]): all when none.
    pub keep: Option<super::keep::Keep>,
}

impl std::fmt::Debug for AccountIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl AccountIndex {
    /// Where each account number is (its place in the file's order).
    pub fn index(&self) -> Arc<super::keep::Places> {
        Arc::clone(&self.index)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The account numbers by place, for the rare message that needs them (they are kept only
    /// as the index's keys).
    pub fn ids(&self) -> Vec<String> {
        let mut ids = vec![String::new(); self.len()];
        for (id, &i) in self.index.iter() {
            ids[i].clone_from(id);
        }
        ids
    }

    /// The numbers of the accounts that have events held.
    pub fn with_events(&self) -> std::collections::HashSet<&str> {
        self.index
            .iter()
            .filter(|(_, i)| self.events.contains_key(i) || self.later.contains_key(i))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Account number `i`, with its events, read from the file as the full reading would have made
    /// it (its ledger empty). Each account once. The reason it cannot be is in the run's language.
    pub fn take(&mut self, i: usize) -> Result<Account, String> {
        let mut account = self
            .build(i, true, &mut Vec::new())
            .map_err(|why| why.to_string())?;
        account.events = self.events.remove(&i).unwrap_or_default();
        account.later = self.later.remove(&i).unwrap_or_default();
        Ok(account)
    }

    /// As [`AccountIndex::take`], as often as asked (a server's card).
    pub fn get(&mut self, i: usize) -> Result<Account, String> {
        let mut account = self
            .build(i, false, &mut Vec::new())
            .map_err(|why| why.to_string())?;
        account.events = self.events.get(&i).cloned().unwrap_or_default();
        account.later = self.later.get(&i).cloned().unwrap_or_default();
        Ok(account)
    }

    /// Every account's events, its later ones after them, taken out (to be read again from the
    /// journal).
    pub fn take_events(&mut self) -> HashMap<usize, Vec<Event>> {
        let mut all = std::mem::take(&mut self.events);
        for (i, later) in std::mem::take(&mut self.later) {
            all.entry(i).or_default().extend(later);
        }
        all
    }

    /// Every account's events as read, its later ones after them.
    pub fn events(&self) -> HashMap<usize, Vec<Event>> {
        let mut all = self.events.clone();
        for (i, later) in &self.later {
            all.entry(*i).or_default().extend(later.iter().cloned());
        }
        all
    }

    /// Every account, read whole (for a ledger that is not left in its file).
    pub fn into_accounts(mut self) -> Result<Vec<Account>, String> {
        (0..self.len()).map(|i| self.take(i)).collect()
    }

    /// Account number `i` built from its rows, the rows' diagnostics in `diags`; `last` when it is
    /// not built again (its runs are let go).
    fn build(
        &mut self,
        i: usize,
        last: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Account, Text> {
        let runs = if last {
            self.runs.take(i)
        } else {
            self.runs.get(i)
        };
        if self.file.is_none() {
            self.file = Some(self.table.reader(&self.path, self.stamp)?);
        }
        let mut accounts = Vec::with_capacity(1);
        let mut index = super::keep::Places::default();
        for run in runs {
            let Some(file) = self.file.as_mut() else {
                break;
            };
            for row in self.table.run_at(file, run, self.stamp)? {
                let (courts, as_of) = (&self.rules.courts, self.rules.as_of);
                add_row(
                    &self.table,
                    &row,
                    courts,
                    &mut accounts,
                    &mut index,
                    as_of,
                    diags,
                );
            }
        }
        match accounts.pop() {
            Some(account) if accounts.is_empty() && self.index.get(&account.id) == Some(&i) => {
                Ok(account)
            }
            _ => {
                let path = self.path.display();
                Err(crate::tr!(
                    "accounts.file.changed",
                    "{path}: файл изменился после проверки; запустите заново",
                    "{path}: the file changed since it was checked; run again"
                ))
            }
        }
    }
}

impl Journal for AccountIndex {
    fn has_debtor(&mut self, i: usize, name: &str) -> bool {
        self.build(i, false, &mut Vec::new())
            .is_ok_and(|a| a.debtors.iter().any(|d| d.full_name == name))
    }

    fn keeps(&self, i: usize, reference: Option<&str>, rpo: Option<&str>) -> bool {
        self.keep
            .as_ref()
            .is_none_or(|k| k.keeps(i, reference, rpo))
    }

    fn push(&mut self, i: usize, event: Event) {
        self.events.entry(i).or_default().push(event);
    }

    fn push_later(&mut self, i: usize, event: Event) {
        self.later.entry(i).or_default().push(event);
    }

    fn histories(&self, f: &mut dyn FnMut(usize, &[Event])) {
        let none = Vec::new();
        let later_only = self.later.keys().filter(|i| !self.events.contains_key(i));
        for i in self.events.keys().chain(later_only) {
            let events = self.events.get(i).unwrap_or(&none);
            let later = self.later.get(i).unwrap_or(&none);
            super::events::whole_history(events, later, &mut |h| f(*i, h));
        }
    }
}
