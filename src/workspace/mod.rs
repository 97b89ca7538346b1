//! Reading a workspace folder: `vzysk.toml`, `accounts.csv`, `ledger.csv`, optional `events.csv`
//! (columns in `design.md`). Everything is checked and every problem reported at once; an account
//! with an error in any of its rows is marked, so no sum is ever made from half its rows.
//!
//! | file | holds |
//! |---|---|
//! | `source.rs`, `book.rs`, `json.rs`, `sheet.rs` | where each table comes from: CSV, workbook, JSON |
//! | `table.rs` | a table's header and rows; `schema.rs` its columns and their aliases |
//! | `parse.rs`, `rows.rs` | a cell's value; a row's account and errors |
//! | `accounts.rs`, `ledger.rs`, `events.rs` | each table's rows into the model |
//! | `ledger_index.rs` | a big ledger left in its file, read account by account |
//! | `config.rs` | `vzysk.toml` |

mod accounts;
mod book;
pub mod budget;
pub mod config;
mod details;
mod events;
mod json;
mod ledger;
mod ledger_index;
pub mod parse;
mod rows;
mod schema;
pub mod sheet;
mod shpi;
pub mod source;
pub mod table;

pub use ledger::Layout;
pub use ledger_index::LedgerIndex;
pub use schema::{ACCOUNTS, EVENTS, LEDGER};

use crate::diag::Diagnostic;
use crate::model::Account;
use config::Config;
use ledger::LedgerRules;
use source::{Finder, Options};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A read workspace. `with_errors` holds the accounts with an error in any row, and what was wrong.
#[derive(Debug, Default)]
pub struct Workspace {
    pub config: Config,
    pub accounts: Vec<Account>,
    pub with_errors: BTreeMap<String, AccountErrors>,
    /// With [`load_indexed`]: the ledger, left in its file; the accounts' `ledger`s are empty.
    pub ledger: Option<LedgerIndex>,
    /// The ШПИ issued to the sender (`[post] shpi_file`), in order.
    pub shpi: Vec<String>,
}

/// An account's errors: how many, and the first (as `vzysk check` prints it).
#[derive(Debug, Default)]
pub struct AccountErrors {
    pub errors: usize,
    pub first: String,
}

impl AccountErrors {
    /// Why the account is refused: «2 error(s) in its rows; the first: ledger.csv:8:5: …».
    pub fn reason(&self) -> String {
        format!(
            "{} error(s) in its rows; the first: {}",
            self.errors, self.first
        )
    }
}

impl Workspace {
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }
}

/// The files and folders of the workspace `dir` a run reads: `vzysk.toml`, the tables in any of
/// their forms (`accounts.csv`, `ledger.xlsx`, a workbook, JSON), the ШПИ list and `templates/`.
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
            let ext = path.extension().map(|s| s.to_string_lossy().to_lowercase());
            let table = matches!(stem.as_deref(), Some("accounts" | "ledger" | "events"));
            let book = matches!(
                ext.as_deref(),
                Some("xlsx" | "xlsm" | "xls" | "ods" | "json")
            );
            if table || book {
                inputs.push(path);
            }
        }
    }
    inputs
}

/// Reads the workspace in `dir`; diagnostics are sorted by file and line.
pub fn load(dir: &Path) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, Options::default(), false)
}

/// As [`load`], with the files read as `options` say (`--encoding`, `--header-row`).
pub fn load_as(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, false)
}

/// As [`load_as`], with the same checks and diagnostics, but a UTF-8 CSV ledger stays in its file
/// ([`Workspace::ledger`]): for a batch run over many accounts, taken one account at a time.
/// A ledger from a workbook, JSON or another encoding is read whole, as by [`load`].
pub fn load_indexed(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, true)
}

fn load_with(dir: &Path, options: Options, indexed: bool) -> (Workspace, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut ws = Workspace::default();
    match budget::read_file(&dir.join(config::FILE), config::FILE) {
        Ok(Some(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => {
            diags.push(Diagnostic::error(
                config::FILE,
                "the file is empty: no document can name the claimant",
                "fill it in: `vzysk init` writes a skeleton with every key",
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
                "the file is not UTF-8",
                "save it as UTF-8",
            )),
        },
        Ok(None) => diags.push(Diagnostic::warning(
            config::FILE,
            "no vzysk.toml: the default penalty conventions are used and no document can name the claimant",
            "create it with `vzysk init`, or copy samples/ruza/vzysk.toml",
        )),
        Err(d) => diags.push(d),
    }

    let mut finder = Finder::new(dir, options);
    let mut index: HashMap<String, usize> = HashMap::new();
    match finder.table("accounts", &mut diags) {
        Some(source) => {
            if let Some(t) = table::parse(&source, &ACCOUNTS, options.header_row, &mut diags) {
                let courts = &ws.config.courts;
                accounts::read_accounts(
                    &t,
                    courts,
                    &mut ws.accounts,
                    &mut index,
                    options.as_of,
                    &mut diags,
                );
            }
        }
        None => missing(&finder, dir, "accounts", &mut diags),
    }
    let ledger_source = if indexed {
        finder.table_head("ledger", &mut diags)
    } else {
        finder.table("ledger", &mut diags)
    };
    match ledger_source {
        Some(source) => {
            if let Some(t) = table::parse(&source, &LEDGER, options.header_row, &mut diags) {
                let rules = LedgerRules::of(&t, &ws.config, options.as_of, &mut diags);
                match (&source.rows, indexed) {
                    (
                        source::Rows::Csv {
                            reread: Some(path), ..
                        },
                        true,
                    ) => {
                        let path = path.clone();
                        match ledger_index::index_ledger(
                            &t,
                            rules,
                            path,
                            &ws.accounts,
                            &index,
                            &mut diags,
                        ) {
                            Ok(ledger) => ws.ledger = Some(ledger),
                            Err(d) => diags.push(*d),
                        }
                    }
                    _ => ledger::read_ledger(&t, rules, &mut ws.accounts, &index, &mut diags),
                }
            }
        }
        None => missing(&finder, dir, "ledger", &mut diags),
    }
    if let Some(source) = finder.table("events", &mut diags)
        && let Some(t) = table::parse(&source, &EVENTS, options.header_row, &mut diags)
    {
        events::read_events(&t, &mut ws.accounts, &index, options.as_of, &mut diags);
    }
    for book in finder.unread_books() {
        diags.push(Diagnostic::note(
            &book,
            "not read: every table has its CSV file, which is read first",
            "move it out of the folder, or remove the CSV files to read it",
        ));
    }
    crate::diag::sort(&mut diags);
    for d in &diags {
        if let (true, Some(acc)) = (d.is_error(), &d.account) {
            let errors = ws.with_errors.entry(acc.clone()).or_default();
            if errors.errors == 0 {
                errors.first = d.to_string();
            }
            errors.errors += 1;
        }
    }
    (ws, diags)
}

/// Reports a required table that is nowhere: neither `<name>.csv` nor a sheet of the workbook.
fn missing(finder: &Finder, dir: &Path, name: &str, diags: &mut Vec<Diagnostic>) {
    let csv = format!("{name}.csv");
    if dir.join(&csv).exists() || finder.book_failed() {
        return; // there, but unreadable: said already
    }
    let diag = match finder.book_file() {
        Some(book) => Diagnostic::error(
            book,
            format!("no sheet for the {name} table"),
            format!(
                "name a sheet one of: {}; or put {csv} beside it",
                source::sheet_names(name).join(", ")
            ),
        ),
        None => Diagnostic::error(
            &csv,
            format!("not found in {}", dir.display()),
            match name {
                "accounts" => "point vzysk at a workspace folder, or create one with `vzysk init`",
                _ => {
                    "export charges and payments into ledger.csv (or a workbook's \"ledger\" sheet)"
                }
            },
        ),
    };
    diags.push(diag);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Charge, Entry};

    /// `load_indexed` then `take` gives every account exactly the ledger `load` gives, also when
    /// the file starts with a byte-order mark, uses `;` and has a quoted cell across lines.
    #[test]
    fn a_ledger_left_in_its_file_reads_back_as_the_full_reading() {
        let dir = std::env::temp_dir().join(format!("vzysk-ledger-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["vzysk.toml", "accounts.csv", "events.csv"] {
            std::fs::copy(Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
        }
        let ledger = std::fs::read_to_string("samples/ruza/ledger.csv").unwrap();
        let mut lines = ledger.lines();
        let header = lines.next().unwrap().replace(',', ";");
        let mut text = format!("\u{feff}{header}\n");
        for (n, line) in lines.enumerate() {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if n % 7 == 0 && cells.len() == 8 {
                cells[7] = format!("\"ref;{n}\nsecond line\"");
            }
            text.push_str(&cells.join(";"));
            text.push('\n');
        }
        std::fs::write(dir.join("ledger.csv"), text).unwrap();

        let (full, full_diags) = load(&dir);
        let (mut indexed, indexed_diags) = load_indexed(&dir, Options::default());
        assert_eq!(full_diags.len(), indexed_diags.len());
        let mut ledger = indexed.ledger.take().expect("the ledger is indexed");
        let mut rows = 0;
        for (i, account) in full.accounts.iter().enumerate() {
            assert!(indexed.accounts[i].ledger.is_empty());
            let taken = ledger.take(i).unwrap();
            assert_eq!(taken, account.ledger, "account {}", account.id);
            rows += taken.len();
        }
        assert!(rows > 300, "the sample's ledger was read ({rows} rows)");
        assert!(
            full.accounts
                .iter()
                .flat_map(|a| &a.ledger)
                .any(|e| matches!(e,
                Entry::Charge(Charge { reference: Some(r), .. }) if r.contains('\n'))),
            "a quoted cell across lines was read"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
