//! The debtors a document speaks to or of: who may be addressed, their names as a sentence needs
//! them, and where their letters go.

use super::batch::Batch;
use super::kind::DocKind;
use super::meta::MailTo;
use crate::law::shares::split;
use crate::model::{Account, Debtor, Share, Status};
use crate::russian::names::{Case, decline};
use rust_decimal::Decimal;

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
            other => {
                let (name, title) = (kind.name(), kind.title());
                let (ru, en) = (other.word_ru(), format!("{other:?}"));
                batch.refuse(
                    &account.id,
                    Some(&d.full_name),
                    kind,
                    crate::tr!(
                        "debtor.status",
                        "статус «{ru}»: документ «{title}» этому должнику не адресуется",
                        "status {en}: no {name} is addressed to this debtor"
                    ),
                )
            }
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

/// Where an account's letters go: the first debtor's residence, else the premises (a debtor who
/// lives elsewhere does not read letters sent to the flat).
pub fn letter_address(account: &Account, first: &Debtor) -> Option<String> {
    residence(account, first)
}

/// A debtor's residence, or the premises where it is unknown.
pub fn residence(account: &Account, debtor: &Debtor) -> Option<String> {
    debtor
        .residence_address
        .clone()
        .or_else(|| account.premises_address.clone())
}

/// One letter of an account: to all its debtors (joint liability), or to one owner with the owner's
/// part of the sums (shares: ГК ст.249; Правила № 354 п.119 «а» — each owner is told, and delivery
/// to one is not delivery to the others).
pub struct Letter<'a> {
    pub debtors: Vec<&'a Debtor>,
    pub share: Option<Share>,
    /// This letter's part of the principal past due and of the penalty.
    pub principal: Decimal,
    pub penalty: Decimal,
    /// Where it goes: the premises for a joint letter; an owner's residence (else the premises).
    pub address: Option<String>,
}

impl Letter<'_> {
    pub fn total(&self) -> Decimal {
        self.principal + self.penalty
    }

    /// Registered mail to this letter's addressees (for Form 103).
    pub fn mail(&self) -> Vec<MailTo> {
        vec![MailTo {
            name: names(&self.debtors).join(", "),
            address: self.address.clone(),
        }]
    }
}

/// The letters of an account of `kind` for (principal, penalty): one to all its active debtors, or
/// one per active owner where shares are given; a refusal for each debtor not addressed.
pub fn letters<'a>(
    account: &'a Account,
    kind: DocKind,
    (principal, penalty): (Decimal, Decimal),
    batch: &mut Batch,
) -> Vec<Letter<'a>> {
    let active = active_debtors(account, kind, batch);
    let shares: Vec<Option<Share>> = account.debtors.iter().map(|d| d.share).collect();
    if shares.iter().any(Option::is_none) {
        let address = active.first().and_then(|d| letter_address(account, d));
        return match active.is_empty() {
            true => Vec::new(),
            false => vec![Letter {
                debtors: active,
                share: None,
                principal,
                penalty,
                address,
            }],
        };
    }
    let parts = split(&shares, principal, penalty);
    account
        .debtors
        .iter()
        .zip(parts)
        .filter(|(d, _)| active.iter().any(|a| std::ptr::eq(*a, *d)))
        .map(|(d, (principal, penalty))| Letter {
            debtors: vec![d],
            share: d.share,
            principal,
            penalty,
            address: residence(account, d),
        })
        .collect()
}
