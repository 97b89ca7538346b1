//! The typed, checked workspace: what the readers in `workspace/` produce and everything after reads.
//! Every record keeps the line of the file it came from, so any later message can point at it.
//! The bottom layer: it imports nothing of vzysk but money.

mod event;
mod office;
mod period;
mod standing;

pub use event::{Event, EventKind};
pub use office::{CourtKind, DutyDetails, Office};
pub use period::{MonthSpan, Period, parse_date, parse_stamp};
pub use standing::{Bankruptcy, Death, Matched, Procedure};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    /// One per row of `accounts.csv` (joint or shared liability: several).
    pub debtors: Vec<Debtor>,
    pub premises_address: Option<String>,
    pub area: Option<Decimal>,
    pub persons: Option<u32>,
    pub building: Option<Building>,
    pub service: Option<String>,
    pub norm_monthly_charge: Option<Decimal>,
    /// Court id from `vzysk.toml`, overriding the address match.
    pub court: Option<String>,
    /// The debtor's bank, for an application under 229-ФЗ ст.8.
    pub bank: Option<String>,
    pub ledger: Vec<Entry>,
    /// The case's history up to the as-of date.
    pub events: Vec<Event>,
    /// Events of the journal dated after the as-of date: not part of that day's case, but a step
    /// they show taken is not proposed or made again (`law::case::Case::taken_later`).
    pub later: Vec<Event>,
}

impl Account {
    /// An account with this number and nothing else known yet.
    pub fn new(id: &str) -> Account {
        Account {
            id: id.to_string(),
            debtors: Vec::new(),
            premises_address: None,
            area: None,
            persons: None,
            building: None,
            service: None,
            norm_monthly_charge: None,
            court: None,
            bank: None,
            ledger: Vec::new(),
            events: Vec::new(),
            later: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debtor {
    /// Line in `accounts.csv`.
    pub line: u64,
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    pub birth_place: Option<String>,
    pub residence_address: Option<String>,
    pub work_place: Option<String>,
    pub snils: Option<String>,
    pub inn: Option<String>,
    pub passport: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub sms_consent: Option<bool>,
    pub share: Option<Share>,
    pub status: Status,
    /// The legal representative (a parent, adoptive parent or guardian) of a minor owner:
    /// `representative` of `accounts.csv`, with `representative_address`.
    pub representative: Option<Representative>,
    /// Who answers for this debtor on the run's date, as `law::capacity` decided (default:
    /// the debtor himself).
    pub answers: Answers,
    /// Why the debtor owes (`right`, `right_record`, `right_date`, `extract`; `law::basis`).
    pub right: Option<Right>,
    /// The debtor's bankruptcy, from the Федресурс list (`workspace::registers`; `law::cutoff`).
    pub bankruptcy: Option<Arc<Bankruptcy>>,
    /// The debtor's death, from the list of deaths (`workspace::registers`; `law::cutoff`).
    pub death: Option<Arc<Death>>,
    /// The ЕГРН extract (its title) that does not name this debtor, whom `accounts.csv` calls an
    /// owner: no court paper is made against him (`law::eligibility`).
    pub not_in_extract: Option<String>,
}

/// The debtor's right to the premises, the basis of his liability (ЖК ст.30, 69, 153).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Right {
    pub kind: RightKind,
    /// The ЕГРН record number (ownership) or the contract's number (social hire).
    pub record: Option<String>,
    pub date: Option<NaiveDate>,
    /// The ЕГРН extract's file in the workspace (listed among the attachments).
    pub extract: Option<String>,
    /// The extract as an attachment names it («выписка из ЕГРН от 01.11.2026 № КУВИ-…»), when
    /// the right was read from the extract itself (`workspace::registers`).
    pub extract_title: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RightKind {
    /// Ownership, whole or a share (ЖК ст.30, 153 ч.2 п.5; ГК ст.210, 249).
    Ownership,
    /// A tenant or family member under a social hire contract (ЖК ст.67, 69, 153 ч.2 п.1).
    SocialHire,
    /// Registered and living there (ЖК ст.153, 155 ч.11; Правила № 354 п.56(2)).
    Registration,
}

impl RightKind {
    pub const NAMES: &'static [&'static str] = &["ownership", "social_hire", "registration"];

    /// From `accounts.csv`: the English name or the Russian word a department writes.
    pub fn parse(text: &str) -> Option<RightKind> {
        match text.trim().to_lowercase().as_str() {
            "ownership" | "собственность" | "собственник" | "право собственности" => {
                Some(RightKind::Ownership)
            }
            "social_hire" | "социальный наём" | "социальный найм" | "соцнайм" | "наниматель" => {
                Some(RightKind::SocialHire)
            }
            "registration" | "регистрация" | "зарегистрирован" | "проживающий" => {
                Some(RightKind::Registration)
            }
            _ => None,
        }
    }
}

/// A minor's legal representative as `accounts.csv` gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Representative {
    pub full_name: String,
    pub address: Option<String>,
}

/// Who answers for a debtor's charges (`law::capacity`, `legal-rules.md` §14.1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Answers {
    /// The debtor, in his own name.
    #[default]
    Himself,
    /// A minor from 14 to 18 (ГПК ст.37 ч.3), or an adult under guardianship (`guardian`; ГК ст.29,
    /// 32): himself, represented by `by`. No SMS, call or agreement is addressed to him.
    Represented { by: String, guardian: bool },
    /// A minor under 14: the representative answers (this debtor's `full_name` is then the
    /// representative's), acting for the minor named here with his birth date.
    ForMinor { minor: String, born: NaiveDate },
    /// No paper may be addressed: why (the rule). `filings_only`: letters may still go.
    Refused {
        why: crate::lang::Text,
        filings_only: bool,
    },
}

/// A fraction of ownership, e.g. 1/2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub numerator: u32,
    pub denominator: u32,
}

impl Share {
    pub fn as_decimal(self) -> Decimal {
        Decimal::from(self.numerator) / Decimal::from(self.denominator.max(1))
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Active,
    Deceased,
    Bankrupt,
    LegalEntity,
    /// An adult declared incapacitated (ГК ст.29): pursued like an active debtor, through his
    /// guardian (`representative`; `law::capacity`).
    Incapacitated,
}

impl Status {
    pub const NAMES: &'static [&'static str] = &[
        "active",
        "deceased",
        "bankrupt",
        "legal_entity",
        "incapacitated",
    ];

    /// Whether the ladder and the papers pursue a debtor of this status (himself, or through his
    /// guardian).
    pub fn pursued(self) -> bool {
        matches!(self, Status::Active | Status::Incapacitated)
    }

    /// The status in Russian, as a refusal names it.
    pub fn word_ru(self) -> &'static str {
        match self {
            Status::Active => "действующий",
            Status::Deceased => "умер",
            Status::Bankrupt => "банкрот",
            Status::LegalEntity => "юридическое лицо",
            Status::Incapacitated => "недееспособный",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Some(match text {
            "" | "active" => Status::Active,
            "deceased" => Status::Deceased,
            "bankrupt" => Status::Bankrupt,
            "legal_entity" => Status::LegalEntity,
            "incapacitated" => Status::Incapacitated,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Building {
    /// An apartment block (многоквартирный дом).
    Mkd,
    House,
}

/// One row of `ledger.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Charge(Charge),
    Payment(Payment),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    /// Line in `ledger.csv` (u32: a ledger has at most millions of rows, and this is a million structs).
    pub line: u32,
    pub period: Period,
    /// Negative: a recalculation of that month.
    pub amount: Decimal,
    pub date: Option<NaiveDate>,
    /// Shared: a ledger names a handful of services over a million rows.
    pub service: Option<Arc<str>>,
    pub due_date: Option<NaiveDate>,
    pub reference: Option<Box<str>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub line: u32,
    pub date: NaiveDate,
    pub amount: Decimal,
    /// The month the payer named, if any.
    pub period: Option<Period>,
    pub service: Option<Arc<str>>,
    pub reference: Option<Box<str>>,
}
