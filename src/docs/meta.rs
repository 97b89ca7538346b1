//! What the manifest says of each file besides its bytes, typed per kind: the account, the parties,
//! the recipient and the sums (amounts as strings with two decimals, as in the calc contract). The
//! field order is the manifest's key order. `Listed` is the part the registries and the Form 103
//! lists need; it is kept on disk between the documents and the registries.

use super::duty::DutyOrder;
use super::kind::{DocKind, Part, Role};
use serde::{Deserialize, Serialize};

/// An addressee of a registered letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTo {
    pub name: String,
    pub address: Option<String>,
}

/// A debt notice.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub mail: Vec<MailTo>,
    pub kind: DocKind,
    pub document: Part,
    /// The outgoing number.
    pub number: String,
    pub principal: String,
    pub penalty: String,
    pub total: String,
    pub qr_payload: String,
}

/// A warning of restriction.
#[derive(Clone, Debug, Serialize)]
pub struct WarningMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub mail: Vec<MailTo>,
    pub kind: DocKind,
    pub document: Part,
    /// The outgoing number.
    pub number: String,
    pub service: String,
    pub service_debt: String,
    pub threshold: String,
}

/// One part of an instalment schedule.
#[derive(Clone, Debug, Serialize)]
pub struct Instalment {
    pub date: String,
    pub sum: String,
}

/// An instalment agreement.
#[derive(Clone, Debug, Serialize)]
pub struct AgreementMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub kind: DocKind,
    pub document: Part,
    pub total: String,
    pub schedule: Vec<Instalment>,
}

/// A document of a court filing (court order or claim): its statement or its calculation.
#[derive(Clone, Debug, Serialize)]
pub struct FilingMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub share: Option<String>,
    pub kind: DocKind,
    pub document: Part,
    /// The court's id.
    pub recipient: String,
    pub court_basis: String,
    pub principal: String,
    pub penalty: String,
    pub total: String,
    pub duty: String,
    pub duty_credit: String,
    pub period: Option<String>,
    /// The months claimed, as the journal records them (`2025-01..2025-06`).
    pub months: Option<String>,
    /// A claim's statement goes to each defendant by registered mail (ГПК ст.132 п.6).
    pub mail: Option<Vec<MailTo>>,
    /// The number of the duty's payment order that goes with the filing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_order: Option<u32>,
}

/// An application to the bank or to the bailiffs.
#[derive(Clone, Debug, Serialize)]
pub struct EnforcementMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub kind: DocKind,
    pub document: Part,
    /// The bank, or the bailiff department's name.
    pub recipient: String,
    /// The outgoing number.
    pub number: String,
    pub writ: Option<String>,
    pub writ_term_ends: String,
    pub sum: Option<String>,
}

/// A cover letter or a registry of a batch.
#[derive(Clone, Debug, Serialize)]
pub struct RegistryMeta {
    pub kind: DocKind,
    pub document: Part,
    pub recipient: String,
    /// A cover letter's outgoing number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub items: usize,
    /// The filings' total (court registries; not for enforcement registries).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
}

/// An account statement, in a court package or of its own.
#[derive(Clone, Debug, Serialize)]
pub struct StatementMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub kind: DocKind,
    pub document: Part,
    /// Charged less recalculated, paid, and the balance (charged less paid).
    pub charged: String,
    pub paid: String,
    pub balance: String,
}

/// A filing's state duty payment order.
#[derive(Clone, Debug, Serialize)]
pub struct DutyOrderMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub kind: DocKind,
    pub document: Part,
    /// The court's id.
    pub recipient: String,
    pub payment: DutyOrder,
}

/// A Form 103 list.
#[derive(Clone, Debug, Serialize)]
pub struct MailListMeta {
    pub kind: DocKind,
    pub document: Part,
    pub list: usize,
    pub items: usize,
}

/// The metadata of a kind that keeps its own (`OWN` in its file): the fields every file of an
/// account has, and the kind's own after them, in the order it gives them. Such a file is in no
/// registry and no Form 103 list; a new kind starts here and gets a type of its own above when
/// the registries come to read it.
#[derive(Clone, Debug, Serialize)]
pub struct OwnMeta {
    pub account: String,
    pub debtors: Vec<String>,
    pub kind: DocKind,
    pub document: Part,
    /// Its registered letters' addressees (Form 103), where it goes by post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail: Option<Vec<MailTo>>,
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// A file's metadata, whatever its kind.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Meta {
    Notice(NoticeMeta),
    Warning(WarningMeta),
    Agreement(AgreementMeta),
    Filing(FilingMeta),
    Enforcement(EnforcementMeta),
    Statement(StatementMeta),
    DutyOrder(Box<DutyOrderMeta>),
    Registry(RegistryMeta),
    MailList(MailListMeta),
    Own(OwnMeta),
}

/// What the registries and Form 103 lists need of a rendered document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Listed {
    pub kind: Option<DocKind>,
    pub document: Option<Part>,
    pub recipient: Option<String>,
    pub account: String,
    pub debtors: Vec<String>,
    pub period: Option<String>,
    pub principal: Option<String>,
    pub penalty: Option<String>,
    pub duty: Option<String>,
    pub total: Option<String>,
    pub writ: Option<String>,
    pub sum: Option<String>,
    pub mail: Option<Vec<MailTo>>,
    /// The outgoing number of a letter or an application.
    #[serde(default)]
    pub number: Option<String>,
    /// A filing's months claimed (`2025-01..2025-06`).
    #[serde(default)]
    pub months: Option<String>,
    /// A duty payment order's fields (the batch's 1C file is made of them).
    #[serde(default)]
    pub payment: Option<DutyOrder>,
    /// A filing's payment order's number, for the journal (`po=`).
    #[serde(default)]
    pub payment_order: Option<u32>,
}

impl Meta {
    pub fn kind(&self) -> DocKind {
        match self {
            Meta::Notice(m) => m.kind,
            Meta::Warning(m) => m.kind,
            Meta::Agreement(m) => m.kind,
            Meta::Filing(m) => m.kind,
            Meta::Enforcement(m) => m.kind,
            Meta::Statement(m) => m.kind,
            Meta::DutyOrder(m) => m.kind,
            Meta::Registry(m) => m.kind,
            Meta::MailList(m) => m.kind,
            Meta::Own(m) => m.kind,
        }
    }

    /// The account the file is about; none for the batch's papers.
    pub fn account(&self) -> Option<&str> {
        match self {
            Meta::Notice(m) => Some(&m.account),
            Meta::Warning(m) => Some(&m.account),
            Meta::Agreement(m) => Some(&m.account),
            Meta::Filing(m) => Some(&m.account),
            Meta::Enforcement(m) => Some(&m.account),
            Meta::Statement(m) => Some(&m.account),
            Meta::DutyOrder(m) => Some(&m.account),
            Meta::Own(m) => Some(&m.account),
            Meta::Registry(_) | Meta::MailList(_) => None,
        }
    }

    /// What the registries need of this document: a court filing's statement, an enforcement
    /// application, anything sent by registered mail; nothing of the rest.
    pub fn listed(&self) -> Option<Listed> {
        match self {
            Meta::Notice(m) => Some(Listed {
                kind: Some(m.kind),
                document: Some(m.document),
                account: m.account.clone(),
                debtors: m.debtors.clone(),
                principal: Some(m.principal.clone()),
                penalty: Some(m.penalty.clone()),
                total: Some(m.total.clone()),
                mail: Some(m.mail.clone()),
                number: Some(m.number.clone()),
                ..Listed::default()
            }),
            Meta::Warning(m) => Some(Listed {
                kind: Some(m.kind),
                document: Some(m.document),
                account: m.account.clone(),
                debtors: m.debtors.clone(),
                mail: Some(m.mail.clone()),
                number: Some(m.number.clone()),
                ..Listed::default()
            }),
            Meta::DutyOrder(m) => Some(Listed {
                kind: Some(m.kind),
                document: Some(m.document),
                recipient: Some(m.recipient.clone()),
                account: m.account.clone(),
                debtors: m.debtors.clone(),
                payment: Some(m.payment.clone()),
                ..Listed::default()
            }),
            Meta::Filing(m) if m.document != Part::Calculation || m.mail.is_some() => {
                Some(Listed {
                    kind: Some(m.kind),
                    document: Some(m.document),
                    recipient: Some(m.recipient.clone()),
                    account: m.account.clone(),
                    debtors: m.debtors.clone(),
                    period: m.period.clone(),
                    months: m.months.clone(),
                    principal: Some(m.principal.clone()),
                    penalty: Some(m.penalty.clone()),
                    duty: Some(m.duty.clone()),
                    total: Some(m.total.clone()),
                    mail: m.mail.clone(),
                    payment_order: m.payment_order,
                    ..Listed::default()
                })
            }
            Meta::Enforcement(m) => Some(Listed {
                kind: Some(m.kind),
                document: Some(m.document),
                recipient: Some(m.recipient.clone()),
                account: m.account.clone(),
                debtors: m.debtors.clone(),
                writ: m.writ.clone(),
                sum: m.sum.clone(),
                number: Some(m.number.clone()),
                ..Listed::default()
            }),
            // A creditor's claim for the months before a split (`split.rs`): the journal's row.
            Meta::Own(m)
                if m.kind.role() == Role::Creditor && m.document == Part::Whole(m.kind) =>
            {
                let field = |k: &str| m.fields.get(k).and_then(|v| v.as_str()).map(str::to_string);
                Some(Listed {
                    kind: Some(m.kind),
                    document: Some(m.document),
                    account: m.account.clone(),
                    debtors: m.debtors.clone(),
                    total: field("total"),
                    months: field("months"),
                    number: field("number"),
                    mail: m.mail.clone(),
                    ..Listed::default()
                })
            }
            _ => None,
        }
    }
}

impl Listed {
    /// The statement of a court filing: a row of its court's registry.
    pub fn is_filing(&self) -> bool {
        matches!(self.document, Some(Part::Application | Part::Statement))
    }

    /// An application to a bank or the bailiffs: a row of their registry.
    pub fn is_enforcement(&self) -> bool {
        self.kind.is_some_and(|k| k.role() == Role::Enforcement)
    }
}
