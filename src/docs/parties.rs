//! The debtors a document speaks to or of: who may be addressed, their names as a sentence needs
//! them, and where their letters go.

use super::batch::Batch;
use super::meta::MailTo;
use crate::kinds::DocKind;
use crate::model::{Account, Debtor, Status};
use crate::russian::names::{Case, decline};

/// The debtors documents may be addressed to, and a refusal for each of the others.
pub fn active_debtors<'a>(
    account: &'a Account,
    kind: DocKind,
    batch: &mut Batch,
) -> Vec<&'a Debtor> {
    let mut out = Vec::new();
    for d in &account.debtors {
        match d.status {
            Status::Active => out.push(d),
            other => batch.refuse(
                &account.id,
                &d.full_name,
                kind,
                format!(
                    "status {other:?}: no {} is addressed to this debtor",
                    kind.name()
                ),
            ),
        }
    }
    out
}

/// The debtors' names, in order.
pub fn names(debtors: &[&Debtor]) -> Vec<String> {
    debtors.iter().map(|d| d.full_name.clone()).collect()
}

/// The debtors' full names in `case`, joined: «Иванову Петру Сергеевичу, Ивановой Анне Петровне».
pub fn names_in(debtors: &[&Debtor], case: Case) -> String {
    debtors
        .iter()
        .map(|d| decline(&d.full_name, case))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where an account's letters go: the premises, else the first debtor's residence.
pub fn letter_address(account: &Account, first: &Debtor) -> Option<String> {
    account
        .premises_address
        .clone()
        .or_else(|| first.residence_address.clone())
}

/// One registered letter to all of `debtors` at the account's letter address (for Form 103).
pub fn mail_to(account: &Account, debtors: &[&Debtor]) -> Vec<MailTo> {
    vec![MailTo {
        name: names(debtors).join(", "),
        address: debtors.first().and_then(|d| letter_address(account, d)),
    }]
}

/// A debtor's residence, or the premises where it is unknown.
pub fn residence(account: &Account, debtor: &Debtor) -> Option<String> {
    debtor
        .residence_address
        .clone()
        .or_else(|| account.premises_address.clone())
}
