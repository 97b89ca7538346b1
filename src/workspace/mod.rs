//! Reading a workspace folder: `vzysk.toml`, `accounts.csv`, `ledger.csv`, optional `events.csv`
//! (columns in README «The workspace»). Everything is checked and every problem reported at once; an account
//! with an error in any of its rows is marked, so no sum is ever made from half its rows.
//!
//! | file | holds |
//! |---|---|
//! | `source.rs`, `book.rs`, `json.rs`, `sheet.rs` | where each table comes from: CSV, workbook, JSON |
//! | `encoding.rs` | a CSV file's bytes as text: its encoding found or forced, and said |
//! | `table/` | a table's header and rows (`mod.rs`), its records and their lines (`records.rs`, `lines.rs`), every row counted (`tally.rs`); `schema.rs` its columns and their aliases |
//! | `parse.rs`, `rows.rs` | a cell's value; a row's account and errors |
//! | `accounts.rs`, `ledger.rs`, `events.rs` | each table's rows into the model |
//! | `account_index.rs`, `ledger_index.rs`, `runs.rs` | a big batch's tables left in their files, read account by account |
//! | `account_stream.rs` | a read workspace's accounts taken out one at a time, each with its ledger |
//! | `reread.rs` | the journal read again after `record` wrote it (a server's accounts) |
//! | `config/` | `vzysk.toml` (`mod.rs`): the organisations (`org.rs`), `[penalty]`, `[court]`, `[limitation]` (`penalty.rs`), its dates and lines (`values.rs`); `details.rs` checks identifiers and bank details |
//! | `ledger_checks.rs` | the ledger's checks across rows (opening balance, paid never charged, an old ledger, a repeated row) |
//! | `keep.rs` | what of the journal a recording needs to hold (the accounts it names) |
//! | `archive.rs` | an archive's `events.csv` and the claimant its manifest names, for `record` |
//! | `journal.rs` | what `record` adds: outcomes, an archive's rows, checked against the journal |
//! | `tracking.rs`, `delivery.rs`, `recorded.rs` | the post's tracking results and the warnings' delivery reports (SMS, e-mail, ГИС ЖКХ) as events; the new events and what recording comes to |
//! | `shpi.rs`, `issued.rs` | the post's ШПИ list; the numbers already issued |
//! | `budget.rs` | the budgets every input file is read within |
//! | `registers/` | the ЕГРН extracts, the bankruptcies and deaths lists, laid on each account |
//! | `errors.rs` | an account's errors, which refuse it |

mod account_index;
mod account_stream;
mod accounts;
pub mod archive;
mod book;
pub mod budget;
pub mod config;
mod delivery;
mod details;
mod encoding;
mod errors;
mod events;
pub mod issued;
pub mod journal;
mod json;
pub mod keep;
mod ledger;
mod ledger_checks;
mod ledger_index;
pub mod parse;
mod recorded;
pub mod registers;
mod reread;
mod rights;
mod rows;
pub mod runs;
mod schema;
pub mod sheet;
mod shpi;
pub mod source;
pub mod table;
mod tracking;

pub use account_index::AccountIndex;
pub use account_stream::Accounts;
pub use errors::{AccountErrors, errors_by_account};
pub use keep::{Keep, Places};
pub use ledger::{Layout, STALE_LEDGER};
pub use ledger_index::LedgerIndex;
pub use schema::{ACCOUNTS, EVENTS, LEDGER};

use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::model::Account;
use crate::tr;
use config::Config;
use ledger::LedgerRules;
use source::{Finder, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A read workspace. `with_errors` holds the accounts with an error in any row, and what was wrong.
#[derive(Debug, Default)]
pub struct Workspace {
    pub config: Config,
    /// Empty when the accounts are left in their file ([`load_indexed`]): see [`Workspace::accounts`].
    pub accounts: Vec<Account>,
    /// With [`load_indexed`] from a CSV file: the accounts, left in their file.
    pub account_index: Option<AccountIndex>,
    pub with_errors: BTreeMap<String, AccountErrors>,
    /// With [`load_indexed`]: the ledger, left in its file; the accounts' `ledger`s are empty.
    pub ledger: Option<LedgerIndex>,
    /// The ШПИ issued to the sender (`[post] shpi_file`), in order.
    pub shpi: Vec<String>,
    /// What became of each table's rows (used or refused, never lost), in the order read.
    pub tallies: Vec<table::Tally>,
    /// The ШПИ, outgoing and payment-order numbers the journal shows issued.
    pub issued: issued::Issued,
    /// The bankruptcies and deaths lists and the ЕГРН extracts, laid on each account as it is
    /// taken out ([`Workspace::accounts`]).
    pub registers: Arc<registers::Registers>,
}

impl Workspace {
    /// Account `id`, when the accounts were read whole ([`load`], [`load_as`]).
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// Whether account `id` is in `accounts.csv`.
    pub fn has_account(&self, id: &str) -> bool {
        match &self.account_index {
            Some(index) => index.index().contains_key(id),
            None => self.accounts.iter().any(|a| a.id == id),
        }
    }

    /// How many accounts `accounts.csv` has.
    pub fn account_count(&self) -> usize {
        self.account_index
            .as_ref()
            .map_or(self.accounts.len(), AccountIndex::len)
    }

    /// The accounts, taken out one at a time in the file's order, each with its ledger (see
    /// [`Accounts`]).
    pub fn accounts(&mut self) -> Accounts {
        let whole = std::mem::take(&mut self.accounts);
        let index = self.account_index.take();
        Accounts {
            len: index.as_ref().map_or(whole.len(), AccountIndex::len),
            whole: whole.into_iter(),
            index,
            ledger: self.ledger.take(),
            registers: Some(self.registers.clone()),
            next: 0,
        }
    }
}

/// The tables a workspace may hold, by their files' stems.
const TABLES: &[&str] = &[
    "accounts",
    "ledger",
    "events",
    "bankruptcies",
    "deaths",
    "egrn",
];

/// The files and folders of the workspace `dir` a run reads: `vzysk.toml`, the tables in any of
/// their forms (`accounts.csv`, `ledger.xlsx`, a workbook, JSON), the ШПИ list, `templates/`, the
/// journal's backup and `.vzysk/`.
/// Outputs never go there (`archive::guard`).
pub fn input_paths(dir: &Path, config: &Config) -> Vec<PathBuf> {
    let mut inputs = vec![dir.join(config::FILE), dir.join("templates")];
    if let Some(file) = &config.post.shpi_file {
        inputs.push(dir.join(file));
    }
    if let Ok(read) = std::fs::read_dir(dir) {
        for e in read.flatten() {
            let path = e.path();
            let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase());
            let table = stem.as_deref().is_some_and(|s| TABLES.contains(&s));
            // The journal's backup (`events.csv.bak`, the only copy of the journal before the
            // last recording) and the workspace's own folder (`.vzysk`: the register of numbers
            // issued, the journal's lock) are never an output either.
            let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
            let kept = name
                .as_deref()
                .is_some_and(|n| n.starts_with("events.csv.") || n == ".vzysk");
            if table || kept || source::is_book(&path, true) {
                inputs.push(path);
            }
        }
    }
    inputs
}

/// Reads the workspace in `dir`; diagnostics are sorted by file and line.
pub fn load(dir: &Path) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, Options::default(), false, true, None)
}

/// As [`load`], with the files read as `options` say (`--encoding`, `--header-row`).
pub fn load_as(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, false, true, None)
}

/// Everything [`load_as`] checks, account by account from the files (a big workspace is never
/// held whole): the workspace without its accounts, the number of accounts, debtors, ledger rows
/// and events, and the diagnostics.
pub fn check(dir: &Path, options: Options) -> (Workspace, [usize; 4], Vec<Diagnostic>) {
    let (mut ws, mut diags) = load_with(dir, options, true, true, None);
    let mut counts = [ws.account_count(), 0, 0, 0];
    let mut accounts = ws.accounts().as_read();
    let label = LEDGER.file;
    loop {
        match accounts.next_wanted(&|_| true) {
            Ok(Some(account)) => {
                counts[1] += account.debtors.len();
                counts[2] += account.ledger.len();
                counts[3] += account.events.len();
                if accounts.ledger_indexed() {
                    ledger_checks::repeated_rows(label, &account, &mut diags);
                }
                court_column(&ws.config, &account, &mut diags);
                registers::check(&ws.registers, &account, &mut diags);
            }
            Ok(None) => break,
            Err(why) => {
                diags.push(Diagnostic::error(label, unreadable(why), check_the_file()));
                break;
            }
        }
    }
    crate::diag::sort(&mut diags);
    (ws, counts, diags)
}

/// A warning where an account's `court` column names another court than its debtors' addresses
/// give (`law::jurisdiction::column_disagrees`): both named, at the account's first row.
fn court_column(config: &Config, account: &Account, diags: &mut Vec<Diagnostic>) {
    let Some((named, by_address, address)) =
        crate::law::jurisdiction::column_disagrees(&config.courts, account)
    else {
        return;
    };
    let (id, line) = (&account.id, account.debtors.first().map_or(0, |d| d.line));
    // By their ids in vzysk.toml (their names there are in the dative, as letters address them).
    let (named, by) = (&named.id, &by_address.id);
    let mut d = Diagnostic::warning(
        ACCOUNTS.file,
        tr!(
            "accounts.court_disagrees",
            "лицевой счёт {id}: колонка court указывает суд «{named}», а по адресу «{address}» дело подсудно суду «{by}» (serves в vzysk.toml); документы пойдут в суд из колонки",
            "account {id}: the court column names \"{named}\", while the address «{address}» falls to \"{by}\" (its serves in vzysk.toml); the papers go to the column's court"
        ),
        tr!(
            "accounts.court_disagrees.fix",
            "проверьте подсудность: исправьте колонку court или serves суда в vzysk.toml",
            "check the jurisdiction: correct the court column or the court's serves in vzysk.toml"
        ),
    )
    .account(id);
    if line > 0 {
        d = d.at(line);
    }
    diags.push(d);
}

/// As [`load_as`], with the same checks and diagnostics, but a UTF-8 CSV ledger stays in its file
/// ([`Workspace::ledger`]): for a batch run over many accounts, taken one account at a time.
/// A ledger from a workbook, JSON or another encoding is read whole, as by [`load`].
pub fn load_indexed(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, true, true, None)
}

/// As [`load_indexed`] without the ledger (not read, not checked): the accounts and their
/// journal, for `record`, which needs no sums.
pub fn load_journal(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, true, false, None)
}

/// [`load_journal`] holding only the events `keep` names (the journal of a recording).
pub fn load_journal_for(dir: &Path, options: Options, keep: Keep) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, true, false, Some(keep))
}

fn load_with(
    dir: &Path,
    options: Options,
    indexed: bool,
    ledger: bool,
    keep: Option<Keep>,
) -> (Workspace, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut ws = Workspace::default();
    match budget::read_file(&dir.join(config::FILE), config::FILE) {
        Ok(Some(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => {
            diags.push(Diagnostic::error(
                config::FILE,
                tr!(
                    "config.empty",
                    "файл пуст: ни в одном документе не будет указан взыскатель",
                    "the file is empty: no document can name the claimant"
                ),
                tr!(
                    "config.empty.fix",
                    "заполните его: `vzysk init` создаёт заготовку со всеми ключами",
                    "fill it in: `vzysk init` writes a skeleton with every key"
                ),
            ))
        }
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(text) => {
                ws.config = config::parse(&text, &mut diags);
                details::check(&ws.config, &text, &mut diags);
                if let Some(file) = ws.config.post.shpi_file.clone() {
                    ws.shpi = shpi::read(dir, &file, &mut diags);
                }
            }
            Err(_) => diags.push(Diagnostic::error(
                config::FILE,
                tr!("source.not_utf8", "файл не в UTF-8", "the file is not UTF-8"),
                tr!(
                    "config.not_utf8.fix",
                    "сохраните его в UTF-8",
                    "save it as UTF-8"
                ),
            )),
        },
        Ok(None) => diags.push(Diagnostic::warning(
            config::FILE,
            tr!(
                "config.missing",
                "нет vzysk.toml: пени считаются по правилам по умолчанию, и ни в одном документе не будет указан взыскатель",
                "no vzysk.toml: the default penalty conventions are used and no document can name the claimant"
            ),
            tr!(
                "config.missing.fix",
                "создайте его командой `vzysk init` или скопируйте samples/ruza/vzysk.toml",
                "create it with `vzysk init`, or copy samples/ruza/vzysk.toml"
            ),
        )),
        Err(d) => diags.push(d),
    }

    let registers = registers::Registers::read(dir, options, &mut diags, &mut ws.tallies);
    ws.registers = Arc::new(registers);
    let mut finder = Finder::new(dir, options);
    let index = read_accounts(&mut finder, dir, options, indexed, &mut ws, &mut diags);
    if ledger {
        read_ledger(
            &mut finder,
            dir,
            options,
            indexed,
            &index,
            &mut ws,
            &mut diags,
        );
    }
    if let Some(source) = finder.table("events", &mut diags)
        && let Some(t) = table::parse(&source, &EVENTS, options.header_row, &mut diags)
    {
        let mut whole = ws.accounts.as_mut_slice();
        let journal: &mut dyn events::Journal = match &mut ws.account_index {
            Some(accounts) => {
                accounts.keep = keep.map(|k| k.placed(&index));
                accounts
            }
            None => &mut whole,
        };
        let tally = events::read_events(&t, journal, &index, options.as_of, &mut diags);
        events::check_courts(&t, journal, &index, &ws.config.courts, &mut diags);
        let issued = &mut ws.issued;
        journal.histories(&mut |_, history| history.iter().for_each(|e| issued.note(e)));
        ws.tallies.push(tally);
    }
    for book in finder.unread_books() {
        diags.push(Diagnostic::note(
            &book,
            tr!(
                "source.book.unread",
                "не прочитан: у каждой таблицы есть свой CSV-файл, а он читается первым",
                "not read: every table has its CSV file, which is read first"
            ),
            tr!(
                "source.book.unread.fix",
                "уберите его из папки или, чтобы читался он, уберите CSV-файлы",
                "move it out of the folder, or remove the CSV files to read it"
            ),
        ));
    }
    crate::diag::sort(&mut diags);
    ws.with_errors = errors_by_account(&diags);
    (ws, diags)
}

/// `accounts.csv` (or its sheet) into `ws`: read whole, or left in its file when `indexed` and it
/// is a UTF-8 CSV file. Returns where each account number is.
fn read_accounts(
    finder: &mut Finder,
    dir: &Path,
    options: Options,
    indexed: bool,
    ws: &mut Workspace,
    diags: &mut Vec<Diagnostic>,
) -> Arc<Places> {
    let mut index: Arc<Places> = Arc::default();
    let accounts_source = if indexed {
        finder.table_head("accounts", diags)
    } else {
        finder.table("accounts", diags)
    };
    match accounts_source {
        Some(source) => {
            if let Some(t) = table::parse(&source, &ACCOUNTS, options.header_row, diags) {
                let courts = &ws.config.courts;
                match (&source.rows, indexed) {
                    (
                        source::Rows::Csv {
                            reread: Some(path), ..
                        },
                        true,
                    ) => {
                        let rules = account_index::Rules {
                            courts: courts.clone(),
                            as_of: options.as_of,
                        };
                        match account_index::index_accounts(&t, path.clone(), rules, diags) {
                            Ok(accounts) => {
                                index = accounts.index();
                                ws.tallies.push(accounts.tally.clone());
                                ws.account_index = Some(accounts);
                            }
                            Err(d) => diags.push(*d),
                        }
                    }
                    _ => {
                        let mut map = Places::default();
                        let tally = accounts::read_accounts(
                            &t,
                            courts,
                            &mut ws.accounts,
                            &mut map,
                            options.as_of,
                            diags,
                        );
                        ws.tallies.push(tally);
                        index = Arc::new(map);
                    }
                }
            }
        }
        None => missing(finder, dir, "accounts", diags),
    }
    index
}

/// `ledger.csv` (or its sheet) into `ws`'s accounts, or left in its file when `indexed` and it is
/// a UTF-8 CSV file.
fn read_ledger(
    finder: &mut Finder,
    dir: &Path,
    options: Options,
    indexed: bool,
    index: &Arc<Places>,
    ws: &mut Workspace,
    diags: &mut Vec<Diagnostic>,
) {
    let ledger_source = if indexed {
        finder.table_head("ledger", diags)
    } else {
        finder.table("ledger", diags)
    };
    match ledger_source {
        Some(source) => {
            if let Some(t) = table::parse(&source, &LEDGER, options.header_row, diags) {
                let rules = LedgerRules::of(&t, &ws.config, options.as_of, diags);
                match (&source.rows, indexed) {
                    (
                        source::Rows::Csv {
                            reread: Some(path), ..
                        },
                        true,
                    ) => {
                        // The numbers by place, made only if a message needs them.
                        let ids = std::cell::OnceCell::new();
                        let id = |i: usize| match &ws.account_index {
                            Some(accounts) => ids.get_or_init(|| accounts.ids())[i].clone(),
                            None => ws.accounts[i].id.clone(),
                        };
                        match ledger_index::index_ledger(
                            &t,
                            rules,
                            path.clone(),
                            index.len(),
                            &id,
                            Arc::clone(index),
                            diags,
                        ) {
                            Ok(ledger) => {
                                ws.tallies.push(ledger.tally.clone());
                                ws.ledger = Some(ledger);
                            }
                            Err(d) => diags.push(*d),
                        }
                    }
                    _ => {
                        // A ledger read whole goes into accounts read whole.
                        if let Some(accounts) = ws.account_index.take() {
                            match accounts.into_accounts() {
                                Ok(accounts) => ws.accounts = accounts,
                                Err(why) => diags.push(Diagnostic::error(
                                    ACCOUNTS.file,
                                    unreadable(why),
                                    check_the_file(),
                                )),
                            }
                        }
                        let tally = ledger::read_ledger(&t, rules, &mut ws.accounts, index, diags);
                        ws.tallies.push(tally);
                    }
                }
            }
        }
        None => missing(finder, dir, "ledger", diags),
    }
}

/// Reports a required table that is nowhere: neither `<name>.csv` nor a sheet of the workbook.
fn missing(finder: &Finder, dir: &Path, name: &str, diags: &mut Vec<Diagnostic>) {
    let csv = format!("{name}.csv");
    if dir.join(&csv).exists() || finder.book_failed() {
        return; // there, but unreadable: said already
    }
    let diag = match finder.book_file() {
        Some(book) => {
            let names = source::sheet_names(name).join(", ");
            Diagnostic::error(
                book,
                tr!(
                    "source.sheet.missing",
                    "в книге нет листа с таблицей {csv}",
                    "no sheet for the {name} table"
                ),
                tr!(
                    "source.sheet.missing.fix",
                    "назовите лист одним из имён: {names}; или положите рядом файл {csv}",
                    "name a sheet one of: {names}; or put {csv} beside it"
                ),
            )
        }
        None => {
            let dir = dir.display();
            Diagnostic::error(
                &csv,
                tr!(
                    "source.table.missing",
                    "не найден в {dir}",
                    "not found in {dir}"
                ),
                match name {
                    "accounts" => tr!(
                        "source.accounts.missing.fix",
                        "укажите рабочую папку или создайте её командой `vzysk init`",
                        "point vzysk at a workspace folder, or create one with `vzysk init`"
                    ),
                    _ => tr!(
                        "source.ledger.missing.fix",
                        "выгрузите начисления и оплаты в ledger.csv (или на лист «ledger» книги)",
                        "export charges and payments into ledger.csv (or a workbook's \"ledger\" sheet)"
                    ),
                },
            )
        }
    };
    diags.push(diag);
}

/// Why an account's rows could not be read again from their file: said already in the run's
/// language where it was found (`table::reread`).
fn unreadable(why: String) -> Text {
    Text::same("workspace.reread", why)
}

fn check_the_file() -> Text {
    tr!("workspace.check_file", "проверьте файл", "check the file")
}

#[cfg(test)]
mod tests;
