//! What names a document kind: the handle every builder and batch names (`DocKind`), its role in a
//! batch, the documents of a kind (`Part`) and how a letter goes by post. The entry that says all
//! about a kind is `entry.rs`; the entries themselves are in their builders' files, and the
//! registry that lists them and answers for them is `kinds.rs`. This file imports none of them, so
//! anything may name a kind without a circle.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A kind of document (`--docs`), or of the papers that go with a batch: a handle on its registry
/// entry (`DocKind::kind`, in `kinds.rs`, where each variant's entry is named).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Notice,
    Sms,
    Calls,
    Warning,
    RestrictionAct,
    Resumption,
    Agreement,
    CourtOrder,
    Claim,
    AccountStatement,
    Bank,
    Fssp,
    RegisterClaim,
    EstateClaim,
    HeirsClaim,
    Registry,
    Mail,
}

/// What a kind is to the batch: who reads it and what it may stand beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A letter to the debtor that speaks of the court, or promises not to go there (a notice, a
    /// warning, an agreement): never made beside the same account's court filing.
    Letter,
    /// An SMS or a call list: a line of a list, not a paper of its own.
    Message,
    /// A filing to a court, with its annexes and the court's registry.
    Filing,
    /// An application to present the writ (the bank, the bailiffs), with their registry.
    Enforcement,
    /// A creditor's claim beyond the court ladder, for the months before a bankruptcy or a death:
    /// to a bankruptcy case, a notary, the heirs (`law::cutoff`).
    Creditor,
    /// A paper about the account that asks the debtor for nothing (the account statement, the act
    /// of restriction).
    Annex,
    /// What goes with a batch, made from its documents (registries, Form 103 lists).
    BatchPaper,
}

/// The kind of a postal item and its marks, as the list's header names it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Category {
    Registered,
    WithNotice,
    ValuableWithInventory,
}

/// Which document of its kind a file is (`document` in the manifest): a court filing has a
/// statement and a calculation; most kinds have one document, named as the kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The kind's one document.
    Whole(DocKind),
    /// A court-order application.
    Application,
    /// A statement of claim.
    Statement,
    /// The calculation of debt and penalties annexed to a filing.
    Calculation,
    /// The order paying a filing's state duty (Положение Банка России № 762-П).
    DutyOrder,
    CoverLetter,
    Registry,
    Form103,
    /// The inventory of a valuable letter (опись вложения, ф. 107).
    Inventory,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Whole(kind) => kind.name(),
            Part::Application => "application",
            Part::Statement => "statement",
            Part::Calculation => "calculation",
            Part::DutyOrder => "duty-payment-order",
            Part::CoverLetter => "cover-letter",
            Part::Registry => "registry",
            Part::Form103 => "form-103",
            Part::Inventory => "inventory-107",
        }
    }
}

impl Serialize for Part {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Part, D::Error> {
        let name = String::deserialize(d)?;
        let fixed = [
            Part::Application,
            Part::Statement,
            Part::Calculation,
            Part::DutyOrder,
            Part::CoverLetter,
            Part::Registry,
            Part::Form103,
            Part::Inventory,
        ];
        fixed
            .into_iter()
            .chain(DocKind::ALL.iter().map(|k| Part::Whole(*k)))
            .find(|p| p.name() == name)
            .ok_or_else(|| {
                serde::de::Error::custom(crate::tr!(
                    "kinds.unknown_part",
                    "нет документа «{name}»",
                    "no document {name:?}"
                ))
            })
    }
}
