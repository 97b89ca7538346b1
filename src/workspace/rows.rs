//! Reading one row's cells into values, the same way in every table: a parse error reported with
//! the row's account, the row's account itself found (or reported), a malformed row said.

use super::table::{self, Cell, Table};
use crate::diag::Diagnostic;
use crate::lang::Text;

/// Collects the result of a cell parser: the value, or `None` with the diagnostic pushed.
pub fn take<T>(
    r: Result<Option<T>, Diagnostic>,
    account: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    r.unwrap_or_else(|d| {
        diags.push(d.account(account));
        None
    })
}

pub fn text(cell: Cell) -> Option<String> {
    cell.text.map(str::to_string)
}

pub fn malformed(t: &Table, row: &table::Row, diags: &mut Vec<Diagnostic>) {
    if let Some((what, fix)) = &row.malformed {
        let mut d = Diagnostic::error(&t.file, what.clone(), fix.clone()).at(row.line);
        d.account = t.cell(row, "account").text.map(str::to_string);
        diags.push(d);
    }
}

/// The account a ledger or events row belongs to and its index; reported when empty or unknown.
pub fn row_account<'r>(
    t: &'r Table,
    row: &'r table::Row,
    index: &super::keep::Places,
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'r str, usize)> {
    let cell = t.cell(row, "account");
    let Some(id) = cell.text else {
        diags.push(cell.error(empty_account(), empty_account_fix()));
        return None;
    };
    match index.get(id) {
        Some(&i) => Some((id, i)),
        None => {
            diags.push(cell.error(
                crate::tr!(
                    "row.account.unknown",
                    "лицевого счёта «{id}» нет в accounts.csv",
                    "account \"{id}\" is not in accounts.csv"
                ),
                crate::tr!(
                    "row.account.unknown.fix",
                    "добавьте лицевой счёт в accounts.csv или исправьте номер",
                    "add the account to accounts.csv or correct the number"
                ),
            ));
            None
        }
    }
}

/// An error on `row`'s cell `name` when it is empty (a missing column is reported once, elsewhere):
/// `say` gives what is wrong and the fix, made only when it is said.
pub fn require(
    t: &Table,
    row: &table::Row,
    name: &'static str,
    account: &str,
    say: impl FnOnce() -> (Text, Text),
    diags: &mut Vec<Diagnostic>,
) {
    let cell = t.cell(row, name);
    if cell.text.is_none() && t.has(name) {
        let (what, fix) = say();
        diags.push(cell.error(what, fix).account(account));
    }
}

/// A row without its account number (`accounts.csv`, `ledger.csv`, `events.csv`).
pub fn empty_account() -> Text {
    crate::tr!(
        "row.account.empty",
        "не указан номер лицевого счёта",
        "the account number is empty"
    )
}

pub fn empty_account_fix() -> Text {
    crate::tr!(
        "row.account.empty.fix",
        "укажите номер или удалите строку",
        "fill it in or delete the row"
    )
}
