//! The workspace read whole and read account by account from its files: the same accounts and
//! diagnostics, whatever the files' shape.

use super::*;
use crate::model::{Charge, Entry};

/// `load_indexed` then `accounts()` gives every account exactly as `load` gives it (debtors,
/// events, ledger), with the same diagnostics, also when the ledger starts with a byte-order
/// mark, uses `;`, has a quoted cell across lines, a blank line and rows out of order, and an
/// account's rows in `accounts.csv` are apart.
#[test]
fn tables_left_in_their_files_read_back_as_the_full_reading() {
    let dir = std::env::temp_dir().join(format!("vzysk-ledger-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["vzysk.toml", "events.csv"] {
        std::fs::copy(Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
    }
    // The first account gains a second owner, at the end of the file.
    let accounts = std::fs::read_to_string("samples/ruza/accounts.csv").unwrap();
    let first = accounts
        .lines()
        .nth(1)
        .unwrap()
        .replacen("Иванов Пётр", "Иванова Мария", 1);
    std::fs::write(dir.join("accounts.csv"), format!("{accounts}{first}\n")).unwrap();
    let ledger = std::fs::read_to_string("samples/ruza/ledger.csv").unwrap();
    let mut lines = ledger.lines();
    let header = lines.next().unwrap().replace(',', ";");
    let (mut text, mut last) = (format!("\u{feff}{header}\n"), String::new());
    for (n, line) in lines.enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        if n % 7 == 0 && cells.len() == 8 {
            cells[7] = format!("\"ref;{n}\nsecond line\"");
        }
        let row = format!("{}\n", cells.join(";"));
        match n % 50 {
            0 => last.push_str(&row),
            25 => text.push_str(&format!("\n;;;\n{row}")),
            _ => text.push_str(&row),
        }
    }
    std::fs::write(dir.join("ledger.csv"), text + &last).unwrap();

    let (full, full_diags) = load(&dir);
    let (mut indexed, indexed_diags) = load_indexed(&dir, Options::default());
    let said = |d: &[Diagnostic]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    assert_eq!(said(&full_diags), said(&indexed_diags));
    assert!(
        indexed.accounts.is_empty(),
        "the accounts are left in their file"
    );
    assert_eq!(indexed.account_count(), full.accounts.len());
    let mut stream = indexed.accounts();
    assert!(stream.ledger_indexed());
    let mut rows = 0;
    for account in &full.accounts {
        let taken = stream.next_wanted(&|_| true).unwrap().unwrap();
        assert_eq!(taken, *account, "account {}", account.id);
        rows += taken.ledger.len();
    }
    assert!(stream.next_wanted(&|_| true).unwrap().is_none());
    assert!(rows > 300, "the sample's ledger was read ({rows} rows)");
    assert_eq!(
        full.accounts[0].debtors.len(),
        2,
        "the owner at the end was read"
    );
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

/// A ledger saved again with other line endings between the check and the reading again (an
/// export replaced during a run): its offsets point elsewhere now, and the run stops with the
/// reason, never reading a row from the middle of another.
#[test]
fn a_ledger_whose_line_endings_change_during_a_run_is_refused() {
    let dir = std::env::temp_dir().join(format!("vzysk-eol-changed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["vzysk.toml", "accounts.csv", "events.csv", "shpi.txt"] {
        std::fs::copy(Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
    }
    let ledger = std::fs::read_to_string("samples/ruza/ledger.csv").unwrap();
    std::fs::write(dir.join("ledger.csv"), ledger.replace('\n', "\r\n")).unwrap();
    let (mut ws, diags) = load_indexed(&dir, Options::default());
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
    let mut accounts = ws.accounts();
    assert!(accounts.next_wanted(&|_| true).unwrap().is_some());
    std::fs::write(dir.join("ledger.csv"), &ledger).unwrap();
    let why = loop {
        match accounts.next_wanted(&|_| true) {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("every account was read from a changed file"),
            Err(why) => break why,
        }
    };
    assert!(
        why.contains("ledger.csv")
            && (why.contains("changed since it was checked")
                || why.contains("файл изменился после проверки")),
        "{why}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
