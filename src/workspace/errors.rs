//! The accounts a run refuses: those with an error in any of their rows, and the first error.

use crate::diag::Diagnostic;
use std::collections::BTreeMap;

/// An account's errors: how many, and the first (as `vzysk check` prints it).
#[derive(Debug, Default)]
pub struct AccountErrors {
    pub errors: usize,
    pub first: Option<Diagnostic>,
}

impl AccountErrors {
    /// «account 1001 refused: 2 error(s) in its rows; …», as a command says it.
    pub fn refusal(&self, id: &str) -> crate::lang::Text {
        let why = self.reason();
        let (ru, en) = (why.ru(), why.en());
        crate::tr!(
            "account.refused",
            "лицевой счёт {id} не обработан: {ru}",
            "account {id} refused: {en}"
        )
    }

    /// Why the account is refused: «2 error(s) in its rows; the first: ledger.csv:8:5: …».
    pub fn reason(&self) -> crate::lang::Text {
        let n = self.errors;
        let first = self
            .first
            .as_ref()
            .map(Diagnostic::text)
            .unwrap_or_default();
        let (ru, en) = (first.ru(), first.en());
        crate::tr!(
            "account.row_errors",
            "ошибок в его строках: {n}; первая: {ru}",
            "{n} error(s) in its rows; the first: {en}"
        )
    }
}

/// The accounts with an error in any row (`diags` sorted), and what was wrong.
pub fn errors_by_account(diags: &[Diagnostic]) -> BTreeMap<String, AccountErrors> {
    let mut with_errors = BTreeMap::<String, AccountErrors>::new();
    for d in diags {
        if let (true, Some(acc)) = (d.is_error(), &d.account) {
            let errors = with_errors.entry(acc.clone()).or_default();
            if errors.errors == 0 {
                errors.first = Some(d.clone());
            }
            errors.errors += 1;
        }
    }
    with_errors
}
