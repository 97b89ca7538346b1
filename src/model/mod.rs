//! The typed, checked workspace: what the readers in `workspace/` produce and everything after reads.
//! Every record keeps the line of the file it came from, so any later message can point at it.
//! The bottom layer: it imports nothing of vzysk but money.

mod event;
mod office;
mod period;

pub use event::{Event, EventKind};
pub use office::{CourtKind, DutyDetails, Office};
pub use period::{MonthSpan, Period, parse_date, parse_stamp};

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
}

impl Status {
    pub const NAMES: &'static [&'static str] = &["active", "deceased", "bankrupt", "legal_entity"];

    /// The status in Russian, as a refusal names it.
    pub fn word_ru(self) -> &'static str {
        match self {
            Status::Active => "действующий",
            Status::Deceased => "умер",
            Status::Bankrupt => "банкрот",
            Status::LegalEntity => "юридическое лицо",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Some(match text {
            "" | "active" => Status::Active,
            "deceased" => Status::Deceased,
            "bankrupt" => Status::Bankrupt,
            "legal_entity" => Status::LegalEntity,
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
