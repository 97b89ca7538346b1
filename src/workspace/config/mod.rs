//! `vzysk.toml`: the claimant, the agent and its power of attorney, the signatory, the courts and
//! bailiff departments, the penalty conventions (`[penalty]`, contract keys, README «Penalty conventions»).
//! Unknown keys are warned about; bad values are errors with their line.

mod org;
mod penalty;
mod values;

pub use org::{
    BankDetails, DutySettings, Letters, Organisation, Post, PowerOfAttorney, Signatory, chain,
    date_of,
};

use crate::diag::Diagnostic;
use crate::law::conventions::{Claiming, Conventions};
use crate::model::{CourtKind, Office, Period};
use penalty::{RawCourt, RawLimitation, RawPenalty, RawTerms, claiming, conventions};
use serde::Deserialize;
use values::line_of;

pub use values::{FILE, datetime_to_date};

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
    pub warning: WarningSettings,
    #[serde(default)]
    pub input: InputSettings,
    #[serde(default)]
    pub post: Post,
    #[serde(default)]
    pub letters: Letters,
    #[serde(default)]
    pub duty: DutySettings,
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
    #[serde(default, rename = "terms")]
    raw_terms: Option<RawTerms>,
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

/// The п.119 warning's channels, in the order they are tried for each debtor (`law::channels`):
/// `registered_mail`, `sms`, `email`, `gis`, `payment_document`. A registered letter when none
/// reaches him.
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct WarningSettings {
    pub channels: Vec<crate::law::channels::Channel>,
}

impl Default for WarningSettings {
    fn default() -> Self {
        WarningSettings {
            channels: vec![crate::law::channels::Channel::RegisteredMail],
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
                    crate::tr!(
                        "config.placeholder",
                        "{table}.{key} всё ещё содержит заглушку «{value}»",
                        "{table}.{key} is still the placeholder «{value}»"
                    ),
                    crate::tr!(
                        "config.placeholder.fix",
                        "укажите настоящее значение",
                        "write the real value"
                    ),
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

/// The line of the key `path` (`claimant.nmae`, `courts.1.kindd`): the first line setting its last
/// part after the header of its table; 1 where it is not found.
fn key_line(text: &str, path: &str) -> u64 {
    let parts: Vec<&str> = path.split('.').collect();
    let Some((key, tables)) = parts.split_last() else {
        return 1;
    };
    let table: Vec<&str> = tables
        .iter()
        .copied()
        .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let header = format!("{}]", table.join("."));
    let sets_key = |l: &str| {
        let l = l.trim_start();
        l.strip_prefix(*key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let start = if table.is_empty() {
        0
    } else {
        text.lines()
            .position(|l| l.trim_start().starts_with('[') && l.trim_end().ends_with(&header))
            .unwrap_or(0)
    };
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| sets_key(l) || l.contains(&format!("{key} =")))
        .map_or(1, |(n, _)| n as u64 + 1)
}

/// A value of `vzysk.toml` is printed in documents: none may be longer than a table's cell
/// ([`crate::workspace::table::MAX_CELL`] characters), each too long one an error at its line.
fn long_values(text: &str, diags: &mut Vec<Diagnostic>) {
    let limit = crate::workspace::table::MAX_CELL;
    for (n, line) in text.lines().enumerate() {
        let longest = line
            .split('"')
            .skip(1)
            .step_by(2)
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0);
        if longest > limit {
            diags.push(
                Diagnostic::error(
                    FILE,
                    crate::tr!(
                        "config.value.too_long",
                        "значение длиной {longest} знаков длиннее допустимых {limit}",
                        "a value of {longest} characters, more than {limit}"
                    ),
                    crate::tr!(
                        "config.value.too_long.fix",
                        "сократите его: в документы оно попадает целиком",
                        "shorten it: documents print it whole"
                    ),
                )
                .at(n as u64 + 1),
            );
        }
    }
}

/// Reads `vzysk.toml` from its text. Problems go to `diags`; the result is usable (defaults where
/// a value was bad), but an error means the run must not be trusted.
pub fn parse(text: &str, diags: &mut Vec<Diagnostic>) -> Config {
    placeholders(text, diags);
    long_values(text, diags);
    let de = match toml::Deserializer::parse(text) {
        Ok(de) => de,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let why = e.message();
            diags.push(
                Diagnostic::error(
                    FILE,
                    crate::tr!("config.syntax", "неверный синтаксис TOML: «{why}»", "{why}"),
                    crate::tr!(
                        "config.syntax.fix",
                        "исправьте синтаксис TOML",
                        "fix the TOML syntax"
                    ),
                )
                .at(line),
            );
            return Config::default();
        }
    };
    let mut unknown = Vec::new();
    let result: Result<Config, _> =
        serde_ignored::deserialize(de, |path| unknown.push(path.to_string()));
    for key in unknown {
        diags.push(
            Diagnostic::warning(
                FILE,
                crate::tr!(
                    "config.key.unknown",
                    "неизвестный ключ «{key}» не учитывается",
                    "unknown key \"{key}\" is ignored"
                ),
                crate::tr!(
                    "config.key.unknown.fix",
                    "сверьте написание с образцом, который создаёт `vzysk init`",
                    "check its spelling against `vzysk init`'s skeleton"
                ),
            )
            .at(key_line(text, &key)),
        );
    }
    let mut config = match result {
        Ok(c) => c,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let why = e.message();
            diags.push(
                Diagnostic::error(
                    FILE,
                    crate::tr!("config.type", "неверный тип значения: «{why}»", "{why}"),
                    crate::tr!(
                        "config.type.fix",
                        "исправьте тип значения",
                        "fix the value's type"
                    ),
                )
                .at(line),
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
        config.raw_terms.take().unwrap_or_default(),
        text,
        diags,
    );
    config.claiming.terms.agreement_parts = config.agreement.parts;
    config.claiming.terms.agreement_day = config.agreement.day;
    check_offices(&config, diags);
    config
}

fn check_offices(config: &Config, diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for (list, what) in [(&config.courts, "courts"), (&config.bailiffs, "bailiffs")] {
        for office in list {
            let id = &office.id;
            if id.trim().is_empty() {
                diags.push(Diagnostic::error(
                    FILE,
                    crate::tr!(
                        "config.office.id_empty",
                        "у записи `[[{what}]]` пустой id",
                        "a [[{what}]] entry has an empty id"
                    ),
                    crate::tr!(
                        "config.office.id_empty.fix",
                        "задайте каждой записи короткий уникальный id, например \"s165\"",
                        "give every entry a short unique id, e.g. \"s165\""
                    ),
                ));
            } else if !seen.insert(id.clone()) {
                diags.push(Diagnostic::error(
                    FILE,
                    crate::tr!(
                        "config.office.id_twice",
                        "`[[{what}]]` id «{id}» встречается дважды",
                        "[[{what}]] id \"{id}\" is used twice"
                    ),
                    crate::tr!(
                        "config.office.id_twice.fix",
                        "сделайте id уникальными",
                        "make the ids unique"
                    ),
                ));
            }
            if what == "courts"
                && ![CourtKind::Magistrate, CourtKind::District]
                    .iter()
                    .any(|k| office.is(*k))
            {
                let kind = office.kind.as_deref();
                let kind_en = format!("{:?}", kind.unwrap_or("missing"));
                let kind_ru = match kind {
                    Some(k) => format!("недопустимое значение `kind = {k:?}`"),
                    None => "не задан kind".to_string(),
                };
                diags.push(Diagnostic::error(
                    FILE,
                    crate::tr!(
                        "config.court.kind",
                        "суд «{id}»: {kind_ru}",
                        "court \"{id}\": kind is {kind_en}"
                    ),
                    crate::tr!(
                        "config.court.kind.fix",
                        "укажите `kind = \"magistrate\"` или `kind = \"district\"`",
                        "write kind = \"magistrate\" or kind = \"district\""
                    ),
                ));
            }
        }
    }
}
