//! Documents: for each kind, the fields it needs (checked up front, with the reason when missing)
//! and the values it hands to its template. The organisation and court values go to minijinja once
//! per batch and court (`org_context`); per-debtor values go to the document's `data.json`.

pub mod agreement;
pub mod claim;
pub mod court_order;
pub mod enforcement;
pub mod messages;
pub mod notice;
pub mod registries;
pub mod warning;

use crate::render::compose::Composer;

/// Every document kind, in ladder order (`--docs`).
pub const KINDS: &[&str] = &[
    notice::KIND,
    messages::SMS,
    messages::CALLS,
    warning::KIND,
    agreement::KIND,
    court_order::KIND,
    claim::KIND,
    enforcement::BANK,
    enforcement::FSSP,
];

/// What every document builder reads: the workspace's settings and the run's templates (for the
/// plain-text outputs, rendered per debtor).
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub composer: &'a Composer,
}

/// Adds the documents of one kind for one account to the batch (or its refusals).
pub fn build(
    kind: &str,
    ctx: &Ctx,
    account: &Account,
    calc: &crate::law::account::AccountCalc,
    batch: &mut Batch,
) {
    let config = ctx.config;
    match kind {
        notice::KIND => notice::build(config, account, calc, batch),
        messages::SMS => messages::build_sms(ctx, account, calc, batch),
        messages::CALLS => messages::build_calls(ctx, account, calc, batch),
        warning::KIND => warning::build(config, account, calc, batch),
        agreement::KIND => agreement::build(config, account, calc, batch),
        court_order::KIND => court_order::build(config, account, calc, &config.conventions, batch),
        claim::KIND => claim::build(config, account, calc, batch),
        enforcement::BANK | enforcement::FSSP => {
            enforcement::build(kind, config, account, calc, batch)
        }
        other => batch.refuse(&account.id, "", other, "not a document kind"),
    }
}

use crate::archive::Entry;
use std::collections::{BTreeMap, HashSet};

use crate::model::{Account, Debtor};
use crate::workspace::config::{Config, Office, PowerOfAttorney, datetime_to_date};
use chrono::NaiveDate;
use serde_json::{Value, json};

/// `27.11.2026`.
pub fn ru_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// «с июня 2025 г. по октябрь 2026 г.»
pub fn month_span(from: crate::law::calendar::Period, to: crate::law::calendar::Period) -> String {
    format!(
        "с {} {} г. по {} {} г.",
        MONTHS_GENITIVE[(from.month - 1) as usize],
        from.year,
        MONTHS_NOMINATIVE[(to.month - 1) as usize],
        to.year
    )
}

fn poa_text(p: &Option<PowerOfAttorney>) -> Option<String> {
    let p = p.as_ref()?;
    let number = p.number.as_deref()?;
    let date = p.date.as_ref().and_then(datetime_to_date).map(ru_date);
    Some(match date {
        Some(d) => format!("№\u{a0}{number} от {d}"),
        None => format!("№\u{a0}{number}"),
    })
}

/// What a kind of document needs from `vzysk.toml`; each missing item is one reason to refuse.
pub fn missing_org_fields(config: &Config) -> Vec<String> {
    let c = &config.claimant;
    let mut missing = Vec::new();
    for (value, key) in [
        (&c.name, "[claimant] name"),
        (&c.inn, "[claimant] inn"),
        (&c.ogrn, "[claimant] ogrn"),
        (&c.address, "[claimant] address"),
        (&config.signatory.name, "[signatory] name"),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            missing.push(format!("vzysk.toml: {key} is missing"));
        }
    }
    if let Some(agent) = &config.agent {
        for (value, key) in [
            (&agent.name, "[agent] name"),
            (&agent.address, "[agent] address"),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                missing.push(format!("vzysk.toml: {key} is missing"));
            }
        }
        if poa_text(&agent.power_of_attorney).is_none() {
            missing.push("vzysk.toml: [agent] power_of_attorney (number, date) is missing".into());
        }
    }
    missing
}

/// The values minijinja splices (escaped) into a template: the same for every debtor of a court
/// (or of a bailiff department: `office`; both names refer to the recipient office, if any).
pub fn org_context(config: &Config, office: Option<&Office>) -> Value {
    let c = &config.claimant;
    let bank_line = c.bank.as_ref().and_then(|b| {
        Some(format!(
            "р/с {} в {}, БИК {}, к/с {}",
            b.account.as_deref()?,
            b.name.as_deref()?,
            b.bic.as_deref()?,
            b.corr_account.as_deref()?
        ))
    });
    let agent = config.agent.as_ref().map(|a| {
        json!({
            "name": a.name, "short_name": a.short_name.as_ref().or(a.name.as_ref()),
            "inn": a.inn, "ogrn": a.ogrn, "address": a.address, "phone": a.phone,
            "poa": poa_text(&a.power_of_attorney),
        })
    });
    json!({
        "claimant": {
            "name": c.name, "short_name": c.short_name.as_ref().or(c.name.as_ref()),
            "inn": c.inn, "ogrn": c.ogrn, "kpp": c.kpp, "address": c.address,
            "contract": c.contract.clone().unwrap_or_else(|| "публичного договора (ст. 426, 540 ГК РФ)".into()),
            "bank_line": bank_line,
        },
        "agent": agent,
        "signatory": {
            "name": config.signatory.name,
            "position": config.signatory.position.clone().unwrap_or_else(|| "Представитель взыскателя".into()),
            "poa": poa_text(&config.signatory.power_of_attorney),
        },
        "court": office.map(|o| json!({ "id": o.id, "name": o.name, "address": o.address })),
        "office": office.map(|o| json!({ "id": o.id, "name": o.name, "address": o.address })),
    })
}

/// The court for an account: its `court` column, else the first court of `kind` whose `serves`
/// fragments occur in a debtor's residence address (the premises address for a debtor whose
/// residence is unknown). Returns the court and the address that decided it.
pub fn court_for<'c>(
    config: &'c Config,
    account: &Account,
    kind: &str,
) -> Result<(&'c Office, String), String> {
    if let Some(id) = &account.court {
        return match config.courts.iter().find(|c| &c.id == id) {
            Some(c) if c.kind.as_deref() == Some(kind) => {
                Ok((c, format!("the court column ({id})")))
            }
            Some(_) => Err(format!(
                "the court column names \"{id}\", which is not a {kind} court"
            )),
            None => Err(format!(
                "the court column names \"{id}\", which is not in vzysk.toml"
            )),
        };
    }
    // Jurisdiction follows the debtor's residence (ГПК ст.28); the premises stand in only for a
    // debtor whose residence is unknown (legal-rules.md §5.4).
    let addresses: Vec<&str> = account
        .debtors
        .iter()
        .filter_map(|d| {
            d.residence_address
                .as_deref()
                .or(account.premises_address.as_deref())
        })
        .collect();
    for address in &addresses {
        let lower = address.to_lowercase();
        let found = config
            .courts
            .iter()
            .filter(|c| c.kind.as_deref() == Some(kind))
            .find(|c| {
                c.serves
                    .iter()
                    .any(|s| !s.trim().is_empty() && lower.contains(&s.trim().to_lowercase()))
            });
        if let Some(c) = found {
            return Ok((c, (*address).to_string()));
        }
    }
    match addresses.first() {
        Some(a) => Err(format!(
            "no {kind} court in vzysk.toml serves «{a}»: add a fragment of this address to a court's `serves`, or set the account's court column"
        )),
        None => Err("neither a residence nor a premises address is known".into()),
    }
}

/// A readable, safe folder or file name part: letters, digits and `-`, at most 40 characters.
pub fn safe_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let trimmed = cleaned.trim_matches('_');
    // Names Windows keeps for devices: no file or folder may be called so, with any extension.
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if trimmed.is_empty() {
        "_".into()
    } else if RESERVED.contains(&trimmed.to_uppercase().as_str()) {
        format!("_{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// Russian typography for document text: a non-breaking space after «№» and the short words of
/// addresses and citations (ст., ч., п., д., кв., г., ул., …), and between a number and «руб.», «коп.»,
/// «г.», so that none of them is left alone at a line's end.
pub fn nbsp(text: &str) -> String {
    const ABBREVIATIONS: &[&str] = &[
        "№",
        "ст.",
        "ч.",
        "п.",
        "пп.",
        "д.",
        "кв.",
        "г.",
        "ул.",
        "корп.",
        "стр.",
        "рп.",
        "пос.",
        "р-н",
        "г.о.",
        "тел.",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let prev = words[i - 1]
                .trim_start_matches(['(', '«', '"'])
                .to_lowercase();
            let glue = ABBREVIATIONS.contains(&prev.as_str())
                || (words[i - 1].ends_with(|c: char| c.is_ascii_digit())
                    && ["руб", "коп", "г.", "%"].iter().any(|s| w.starts_with(s)));
            out.push(if glue && !w.is_empty() { '\u{a0}' } else { ' ' });
        }
        out.push_str(w);
    }
    out
}

/// Applies [`nbsp`] to every string of a document's values.
pub fn typeset(value: &mut Value) {
    match value {
        Value::String(s) => *s = nbsp(s),
        Value::Array(items) => items.iter_mut().for_each(typeset),
        Value::Object(map) => map.values_mut().for_each(typeset),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_breaking_spaces_where_russian_typography_wants_them() {
        assert_eq!(
            nbsp("ПП РФ № 424, ст. 155"),
            "ПП РФ №\u{a0}424, ст.\u{a0}155"
        );
        assert_eq!(
            nbsp("г. Руза, ул. Солнцева, д. 9, кв. 7"),
            "г.\u{a0}Руза, ул.\u{a0}Солнцева, д.\u{a0}9, кв.\u{a0}7"
        );
        assert_eq!(
            nbsp("в размере 2 000,00 руб. за 2026 г."),
            "в размере 2 000,00\u{a0}руб. за 2026\u{a0}г."
        );
        assert_eq!(nbsp("Иванов Иван"), "Иванов Иван");
    }

    #[test]
    fn month_spans_decline_the_months() {
        use crate::law::calendar::Period;
        let p = |y, m| Period::new(y, m).unwrap();
        assert_eq!(
            month_span(p(2025, 6), p(2026, 10)),
            "с июня 2025 г. по октябрь 2026 г."
        );
        assert_eq!(
            month_span(p(2024, 2), p(2024, 3)),
            "с февраля 2024 г. по март 2024 г."
        );
    }

    #[test]
    fn safe_names_keep_letters_and_drop_the_rest() {
        assert_eq!(safe_name("Иванов"), "Иванов");
        assert_eq!(safe_name("../../etc"), "etc");
        assert_eq!(safe_name("a/b\\c:d"), "a_b_c_d");
        assert_eq!(safe_name(""), "_");
        assert_eq!(safe_name("CON"), "_CON");
        assert_eq!(safe_name("lpt1"), "_lpt1");
        assert_eq!(safe_name("CONSOLE"), "CONSOLE");
        assert_eq!(safe_name(&"я".repeat(300)).chars().count(), 40);
    }
}

/// What a run decides to make, before anything is rendered: PDFs (a template, its office and its
/// `data.json`), rows of the text outputs (SMS, calls), and every refusal with its reason.
#[derive(Default)]
pub struct Batch {
    pub pdfs: Vec<PdfDoc>,
    pub datas: Vec<Vec<u8>>,
    /// Path in the archive → (header, rows) of a CSV written with `;`.
    pub tables: BTreeMap<String, (Vec<&'static str>, Vec<Vec<String>>)>,
    /// account, debtor, kind, reason.
    pub errors: Vec<[String; 4]>,
    folders: HashSet<String>,
}

pub struct PdfDoc {
    pub path: String,
    pub template: &'static str,
    /// The recipient office (court, bailiffs) whose values the template is composed with.
    pub office: Option<String>,
    pub data: usize,
    /// Extra virtual files of this document (e.g. `/qr.svg`).
    pub files: Vec<(&'static str, Vec<u8>)>,
    pub meta: Value,
}

impl Batch {
    pub fn refuse(&mut self, account: &str, debtor: &str, kind: &str, reason: impl Into<String>) {
        self.errors
            .push([account.into(), debtor.into(), kind.into(), reason.into()]);
    }

    /// Records each of a planner's refusals for one account and kind.
    pub fn refuse_each(&mut self, account: &str, kind: &str, refusals: Vec<court_order::Refusal>) {
        for r in refusals {
            self.refuse(account, r.debtor.as_deref().unwrap_or(""), kind, r.reason);
        }
    }

    /// Stores a document's values (typeset for Russian typography) and returns their index.
    pub fn data(&mut self, mut value: Value) -> usize {
        typeset(&mut value);
        self.datas
            .push(serde_json::to_vec(&value).unwrap_or_default());
        self.datas.len() - 1
    }

    /// `<dir>/<account>_<surname>`, with the initials (and a number) where that is taken already.
    pub fn debtor_folder(&mut self, dir: &str, account: &Account, debtor: &Debtor) -> String {
        self.unique_folder(
            format!("{dir}/{}", debtor_slug(account, debtor, false)),
            format!("{dir}/{}", debtor_slug(account, debtor, true)),
        )
    }

    /// `preferred`, or `alternative`, or `alternative_2`, … — the first not used yet.
    pub fn unique_folder(&mut self, preferred: String, alternative: String) -> String {
        let mut folder = preferred;
        if self.folders.contains(&folder) {
            folder = alternative.clone();
        }
        let mut n = 2;
        while !self.folders.insert(folder.clone()) {
            folder = format!("{alternative}_{n}");
            n += 1;
        }
        folder
    }

    pub fn row(&mut self, path: &str, header: &[&'static str], row: Vec<String>) {
        let table = self
            .tables
            .entry(path.to_string())
            .or_insert_with(|| (header.to_vec(), Vec::new()));
        table.1.push(row);
    }

    /// The text outputs as archive entries (`;`-separated, UTF-8).
    pub fn table_entries(&self) -> Vec<Entry> {
        self.tables
            .iter()
            .map(|(path, (header, rows))| {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(b';')
                    .from_writer(Vec::new());
                let _ = w.write_record(header);
                for r in rows {
                    let _ = w.write_record(r);
                }
                Entry {
                    path: path.clone(),
                    bytes: w.into_inner().unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// `<account>_<surname>` (or with initials) of a debtor, for folder and file names.
pub fn debtor_slug(account: &Account, debtor: &Debtor, with_initials: bool) -> String {
    let mut parts = debtor.full_name.split_whitespace();
    let surname = parts.next().unwrap_or("");
    let initials: String = parts.filter_map(|p| p.chars().next()).collect();
    let name = if with_initials && !initials.is_empty() {
        format!("{surname}_{initials}")
    } else {
        surname.to_string()
    };
    format!("{}_{}", safe_name(&account.id), safe_name(&name))
}

/// The debtors documents may be addressed to, and a refusal for each of the others.
pub fn active_debtors<'a>(account: &'a Account, kind: &str, batch: &mut Batch) -> Vec<&'a Debtor> {
    let mut out = Vec::new();
    for d in &account.debtors {
        match d.status {
            crate::model::Status::Active => out.push(d),
            other => batch.refuse(
                &account.id,
                &d.full_name,
                kind,
                format!("status {other:?}: no {kind} is addressed to this debtor"),
            ),
        }
    }
    out
}

/// The client office a debtor is sent to: the agent's, else the claimant's.
pub fn contacts(config: &Config) -> Value {
    match &config.agent {
        Some(a) => {
            json!({ "name": a.short_name.as_ref().or(a.name.as_ref()), "address": a.address, "phone": a.phone, "email": a.email })
        }
        None => {
            let c = &config.claimant;
            json!({ "name": c.short_name.as_ref().or(c.name.as_ref()), "address": c.address, "phone": c.phone, "email": c.email })
        }
    }
}

/// The debtors' names, in order.
pub fn names<'a>(debtors: &[&'a Debtor]) -> Vec<&'a str> {
    debtors.iter().map(|d| d.full_name.as_str()).collect()
}

/// The debtors' full names in `case`, joined: «Иванову Петру Сергеевичу, Ивановой Анне Петровне».
pub fn names_in(debtors: &[&Debtor], case: crate::names::Case) -> String {
    debtors
        .iter()
        .map(|d| crate::names::decline(&d.full_name, case))
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
pub fn mail_to(account: &Account, debtors: &[&Debtor]) -> Value {
    let name = names(debtors).join(", ");
    json!([{ "name": name, "address": debtors.first().and_then(|d| letter_address(account, d)) }])
}
