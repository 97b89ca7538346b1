//! `vzysk.toml`: the claimant, the agent and its power of attorney, the signatory, the courts and
//! bailiff departments, the penalty conventions (`[penalty]`, contract keys of `design.md`).
//! Unknown keys are warned about; bad values are errors with their line.

use crate::diag::Diagnostic;
use crate::law::conventions::{Allocation, Claiming, Conventions, RateDate, Rounding, TimeBarred};
use crate::law::moratorium::Moratorium;
use crate::model::{CourtKind, Office, Period, parse_date};
use crate::money::parse_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

pub const FILE: &str = "vzysk.toml";

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Config {
    #[serde(default)]
    pub claimant: Organisation,
    pub agent: Option<Organisation>,
    #[serde(default)]
    pub signatory: Signatory,
    #[serde(default)]
    pub courts: Vec<Office>,
    #[serde(default)]
    pub bailiffs: Vec<Office>,
    #[serde(default)]
    pub messages: Messages,
    #[serde(default)]
    pub agreement: AgreementSettings,
    #[serde(default)]
    pub input: InputSettings,
    #[serde(default, skip)]
    pub conventions: Conventions,
    #[serde(default, rename = "penalty")]
    raw_penalty: Option<RawPenalty>,
    /// `[court]` and `[limitation]`: how debts are taken to court.
    #[serde(default, skip)]
    pub claiming: Claiming,
    #[serde(default, rename = "court")]
    raw_court: Option<RawCourt>,
    #[serde(default, rename = "limitation")]
    raw_limitation: Option<RawLimitation>,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct RawCourt {
    min_order_claim: Option<Spanned<toml::Value>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct RawLimitation {
    claim: Option<Spanned<toml::Value>>,
}

/// SMS and calls: the sender's name, the number to call back, and the sending windows of 230-ФЗ
/// ст.7 in the debtors' local time (UNCONFIRMED that the law binds a utility; on by default).
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct Messages {
    pub sender: Option<String>,
    pub phone: Option<String>,
    pub tz: String,
    pub windows: bool,
    pub workday: String,
    pub dayoff: String,
    /// Public holidays (days off besides Saturdays and Sundays).
    pub holidays: Vec<toml::value::Datetime>,
}

impl Default for Messages {
    fn default() -> Self {
        Messages {
            sender: None,
            phone: None,
            tz: "Europe/Moscow".into(),
            windows: true,
            workday: "08:00-22:00".into(),
            dayoff: "09:00-20:00".into(),
            holidays: Vec::new(),
        }
    }
}

/// Instalment agreements: how many monthly parts, on which day of the month, penalties included.
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct AgreementSettings {
    /// Where agreements are made («г. Руза»), printed beside the date.
    pub place: Option<String>,
    pub parts: u32,
    pub day: u32,
    pub include_penalty: bool,
}

impl Default for AgreementSettings {
    fn default() -> Self {
        AgreementSettings {
            place: None,
            parts: 6,
            day: 15,
            include_penalty: true,
        }
    }
}

/// How input files are read where they leave something open (`[input]`).
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InputSettings {
    /// The day a turnover sheet's payments are dated when it has no payment dates.
    pub turnover_payment_day: PaymentDay,
}

/// `first`: the month's first day, the debtor's side of the doubt (a payment dated earlier
/// stops more penalty), and the default; `last`: its last day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentDay {
    #[default]
    First,
    Last,
}

impl PaymentDay {
    pub fn of(self, period: Period) -> chrono::NaiveDate {
        match self {
            PaymentDay::First => period.first_day(),
            PaymentDay::Last => period.last_day(),
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            PaymentDay::First => "first",
            PaymentDay::Last => "last",
        }
    }
}

/// The claimant (РСО) or the agent acting for it (the settlement centre).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Organisation {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    pub kpp: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The basis of the debt (публичный договор, contract number and date).
    pub contract: Option<String>,
    pub bank: Option<BankDetails>,
    pub power_of_attorney: Option<PowerOfAttorney>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BankDetails {
    pub name: Option<String>,
    pub bic: Option<String>,
    pub corr_account: Option<String>,
    pub account: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PowerOfAttorney {
    pub number: Option<String>,
    pub date: Option<toml::value::Datetime>,
    pub valid_until: Option<toml::value::Datetime>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Signatory {
    pub name: Option<String>,
    pub position: Option<String>,
    pub power_of_attorney: Option<PowerOfAttorney>,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct RawPenalty {
    due_day: Option<Spanned<toml::Value>>,
    fixed_due_from: Option<Spanned<toml::Value>>,
    end_inclusive: Option<Spanned<toml::Value>>,
    rate_date: Option<Spanned<toml::Value>>,
    fixed_rate: Option<Spanned<toml::Value>>,
    allocation: Option<Spanned<toml::Value>>,
    rounding: Option<Spanned<toml::Value>>,
    moratoria: Option<Spanned<toml::Value>>,
}

fn line_of(text: &str, offset: usize) -> u64 {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() as u64 + 1)
}

/// What `vzysk init` writes where a real value is wanted.
pub const PLACEHOLDER: &str = "ЗАМЕНИТЕ";

/// Each value of `text` still holding `vzysk init`'s placeholder, as an error naming its key: the
/// documents must never print «ЗАМЕНИТЕ: ИНН».
fn placeholders(text: &str, diags: &mut Vec<Diagnostic>) {
    let mut table = String::new();
    let mut arrays: std::collections::HashMap<String, usize> = Default::default();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            let name = t.trim_matches(|c| c == '[' || c == ']').to_string();
            table = if t.starts_with("[[") {
                // The n-th entry of an array of tables: courts[2].
                let count = arrays.entry(name.clone()).or_default();
                *count += 1;
                format!("{name}[{count}]")
            } else {
                name
            };
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        let mut from = 0;
        while let Some(at) = line[from..].find(&format!("\"{PLACEHOLDER}")) {
            let at = from + at;
            let before =
                line[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '[' || c == '=');
            let mut key = before
                .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',')
                .next()
                .unwrap_or("")
                .to_string();
            // A key of an inline table: power_of_attorney.number.
            if let Some(brace) = line[..at].rfind('{') {
                let outer = line[..brace]
                    .trim_end_matches(|c: char| c.is_whitespace() || c == '=')
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or("");
                key = format!("{outer}.{key}");
            }
            let value_end = line[at + 1..].find('"').map_or(line.len(), |e| at + 1 + e);
            let value = &line[at + 1..value_end];
            diags.push(
                Diagnostic::error(
                    FILE,
                    format!("{table}.{key} is still the placeholder «{value}»"),
                    "write the real value",
                )
                .at(n as u64 + 1),
            );
            from = value_end.min(line.len());
            if from >= line.len() {
                break;
            }
        }
    }
}

/// Reads `vzysk.toml` from its text. Problems go to `diags`; the result is usable (defaults where
/// a value was bad), but an error means the run must not be trusted.
pub fn parse(text: &str, diags: &mut Vec<Diagnostic>) -> Config {
    placeholders(text, diags);
    let de = match toml::Deserializer::parse(text) {
        Ok(de) => de,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            diags.push(
                Diagnostic::error(FILE, e.message().to_string(), "fix the TOML syntax").at(line),
            );
            return Config::default();
        }
    };
    let mut unknown = Vec::new();
    let result: Result<Config, _> =
        serde_ignored::deserialize(de, |path| unknown.push(path.to_string()));
    for key in unknown {
        diags.push(Diagnostic::warning(
            FILE,
            format!("unknown key \"{key}\" is ignored"),
            "check its spelling against `vzysk init`'s skeleton",
        ));
    }
    let mut config = match result {
        Ok(c) => c,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            diags.push(
                Diagnostic::error(FILE, e.message().to_string(), "fix the value's type").at(line),
            );
            return Config::default();
        }
    };
    if let Some(raw) = config.raw_penalty.take() {
        config.conventions = conventions(&raw, text, diags);
    }
    config.claiming = claiming(
        config.raw_court.take().unwrap_or_default(),
        config.raw_limitation.take().unwrap_or_default(),
        text,
        diags,
    );
    check_offices(&config, diags);
    config
}

fn conventions(raw: &RawPenalty, text: &str, diags: &mut Vec<Diagnostic>) -> Conventions {
    let mut c = Conventions::default();
    let mut bad = |v: &Spanned<toml::Value>, key: &str, fix: &str| {
        diags.push(
            Diagnostic::error(
                FILE,
                format!("[penalty] {key} = {} is not valid", v.get_ref()),
                fix,
            )
            .at(line_of(text, v.span().start)),
        );
    };
    if let Some(v) = &raw.due_day {
        match v.get_ref().as_integer() {
            Some(d @ 1..=31) => c.due_day = d as u32,
            _ => bad(v, "due_day", "give a day of the month, 1 to 31"),
        }
    }
    if let Some(v) = &raw.fixed_due_from {
        match v.get_ref().as_str().and_then(Period::parse) {
            Some(p) => c.fixed_due_from = p,
            None => bad(v, "fixed_due_from", "give a billing month, \"2026-03\""),
        }
    }
    if let Some(v) = &raw.end_inclusive {
        match v.get_ref().as_bool() {
            Some(b) => c.end_inclusive = b,
            None => bad(v, "end_inclusive", "write true or false"),
        }
    }
    if let Some(v) = &raw.rate_date {
        match v.get_ref().as_str() {
            Some("payment") => c.rate_date = RateDate::Payment,
            Some("calculation") => c.rate_date = RateDate::Calculation,
            _ => bad(v, "rate_date", "write \"payment\" or \"calculation\""),
        }
    }
    if let Some(v) = &raw.fixed_rate {
        let rate = match v.get_ref() {
            toml::Value::String(s) => parse_amount(s).ok(),
            toml::Value::Integer(i) => Some(Decimal::from(*i)),
            toml::Value::Float(f) => Decimal::from_str_exact(&f.to_string()).ok(),
            _ => None,
        };
        match rate {
            Some(r) if r > Decimal::ZERO && r < Decimal::from(100) => {
                c.fixed_rate = Some(r.normalize())
            }
            _ => bad(v, "fixed_rate", "give a rate in percent, \"9.5\""),
        }
    }
    if let Some(v) = &raw.allocation {
        match v.get_ref().as_str() {
            Some("named-then-oldest") => c.allocation = Allocation::NamedThenOldest,
            Some("oldest") => c.allocation = Allocation::Oldest,
            _ => bad(v, "allocation", "write \"named-then-oldest\" or \"oldest\""),
        }
    }
    if let Some(v) = &raw.rounding {
        match v.get_ref().as_str() {
            Some("row") => c.rounding = Rounding::Row,
            Some("total") => c.rounding = Rounding::Total,
            _ => bad(v, "rounding", "write \"row\" or \"total\""),
        }
    }
    if let Some(v) = &raw.moratoria {
        match moratoria(v.get_ref()) {
            Some(list) => c.moratoria = list,
            None => bad(
                v,
                "moratoria",
                "give a list of { from = 2020-04-06, to = 2020-12-31, name = \"…\" } with from ≤ to, or [] for none",
            ),
        }
    }
    c
}

/// `[court] min_order_claim` and `[limitation] claim`.
fn claiming(
    court: RawCourt,
    limitation: RawLimitation,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Claiming {
    let mut c = Claiming::default();
    let mut bad = |v: &Spanned<toml::Value>, key: &str, fix: &str| {
        diags.push(
            Diagnostic::error(FILE, format!("{key} = {} is not valid", v.get_ref()), fix)
                .at(line_of(text, v.span().start)),
        );
    };
    if let Some(v) = &court.min_order_claim {
        let amount = match v.get_ref() {
            toml::Value::String(s) => parse_amount(s).ok(),
            toml::Value::Integer(i) => Some(Decimal::from(*i)),
            _ => None,
        };
        match amount {
            Some(a) if a >= Decimal::ZERO => c.min_order_claim = a,
            _ => bad(
                v,
                "[court] min_order_claim",
                "give an amount in rubles, e.g. 3000",
            ),
        }
    }
    if let Some(v) = &limitation.claim {
        match v.get_ref().as_str() {
            Some("all") => c.time_barred = TimeBarred::All,
            Some("within") => c.time_barred = TimeBarred::Within,
            _ => bad(v, "[limitation] claim", "write \"all\" or \"within\""),
        }
    }
    c
}

fn toml_date(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::String(s) => parse_date(s),
        toml::Value::Datetime(d) if d.time.is_none() => {
            let d = d.date?;
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
    }
}

fn moratoria(v: &toml::Value) -> Option<Vec<Moratorium>> {
    let mut out = Vec::new();
    for item in v.as_array()? {
        let t = item.as_table()?;
        if t.keys()
            .any(|k| !matches!(k.as_str(), "from" | "to" | "name" | "only_due_before"))
        {
            return None;
        }
        let from = toml_date(t.get("from")?)?;
        let to = toml_date(t.get("to")?)?;
        let only_due_before = match t.get("only_due_before") {
            Some(d) => Some(toml_date(d)?),
            None => None,
        };
        let name = t
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or("мораторий")
            .to_string();
        if from > to {
            return None;
        }
        out.push(Moratorium {
            from,
            to,
            name,
            only_due_before,
        });
    }
    Some(out)
}

fn check_offices(config: &Config, diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for (list, what) in [(&config.courts, "courts"), (&config.bailiffs, "bailiffs")] {
        for office in list {
            if office.id.trim().is_empty() {
                diags.push(Diagnostic::error(
                    FILE,
                    format!("a [[{what}]] entry has an empty id"),
                    "give every entry a short unique id, e.g. \"s165\"",
                ));
            } else if !seen.insert(office.id.clone()) {
                diags.push(Diagnostic::error(
                    FILE,
                    format!("[[{what}]] id \"{}\" is used twice", office.id),
                    "make the ids unique",
                ));
            }
            if what == "courts"
                && ![CourtKind::Magistrate, CourtKind::District]
                    .iter()
                    .any(|k| office.is(*k))
            {
                diags.push(Diagnostic::error(
                    FILE,
                    format!(
                        "court \"{}\": kind is {:?}",
                        office.id,
                        office.kind.as_deref().unwrap_or("missing")
                    ),
                    "write kind = \"magistrate\" or kind = \"district\"",
                ));
            }
        }
    }
}

/// `date` of a power of attorney as a calendar date.
pub fn datetime_to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    toml_date(&toml::Value::Datetime(*d))
}
