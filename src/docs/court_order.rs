//! The court filing's texts (ГПК ст.121–124, 131–132; `legal-rules.md` §5–§6): the values of the
//! court-order application, which a statement of claim (`claim.rs`) shares, with its annex's
//! (`calculation.rs`); the package they go in is `package.rs`'s. Who is due for a filing, and for
//! what, is the law's (`law::eligibility`).

use super::batch::Batch;
use super::calculation::{self, claimed_months, penalty_span};
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::package;
use super::parties::{acting_for, names, names_in};
use crate::ladder::Step;
use crate::law::authority::Power;
use crate::law::calculation::{AccountCalc, MonthCalc};
use crate::law::case::Case;
use crate::law::conventions::Conventions;
use crate::law::eligibility::{Filing, Procedure, court_order_filings};
use crate::law::gates;
use crate::model::EventKind;
use crate::model::{Account, Debtor};
use crate::money::ru;
use crate::russian::{self, in_words, names::Case as Grammatical};
use crate::templates;
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The court-order application, filed with its calculation, the account statement and the duty's payment order.
pub const COURT_ORDER: Kind = Kind {
    name: "court-order",
    title: "Заявление о судебном приказе",
    about: (
        "заявление о вынесении судебного приказа с расчётом",
        "court-order application with its calculation",
    ),
    folder: "courts",
    role: Role::Filing,
    personal: false,
    templates: &[
        templates::COURT_ORDER,
        templates::PARTIES,
        templates::CALCULATION,
        templates::STATEMENT,
        templates::DUTY_ORDER,
        templates::COVER_LETTER,
        templates::COURT_REGISTRY,
    ],
    gate: &gates::COURT_ORDER,
    serves: Some(Step::CourtOrder),
    powers: Some(&[Power::Sign, Power::File]),
    starts: Some((EventKind::OrderFiled, Some(Part::Application))),
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(s.config, case, batch)),
};

pub const APPLICATION: &str = "01 Заявление о вынесении судебного приказа.pdf";

/// The debtor block of the header: one line per known fact.
fn debtor_lines(d: &Debtor, account: &Account) -> Vec<String> {
    let mut lines = Vec::new();
    // A minor's representative (`law::capacity`): acting for a minor under 14, or representing
    // one from 14 (ГПК ст.37 ч.3).
    if let Some(acting) = acting_for(d, None) {
        lines.push(format!("{acting} (ст. 28 ГК РФ, ст. 64 СК РФ)"));
    }
    if let Some(by) = super::parties::represented_by(d) {
        lines.push(by);
    }
    match (d.birth_date, &d.birth_place) {
        (Some(date), Some(place)) => lines.push(format!(
            "дата рождения: {}, место рождения: {place}",
            russian::date(date)
        )),
        (Some(date), None) => lines.push(format!("дата рождения: {}", russian::date(date))),
        (None, Some(place)) => lines.push(format!("место рождения: {place}")),
        (None, None) => {}
    }
    match (&d.residence_address, &account.premises_address) {
        (Some(r), _) => lines.push(format!("место жительства: {r}")),
        (None, Some(p)) => lines.push(format!("место жительства (по адресу помещения): {p}")),
        (None, None) => {}
    }
    if let Some(w) = &d.work_place {
        lines.push(format!("место работы: {w}"));
    }
    let mut ids = Vec::new();
    if let Some(s) = &d.snils {
        ids.push(format!("СНИЛС {s}"));
    }
    if let Some(s) = &d.inn {
        ids.push(format!("ИНН {s}"));
    }
    if let Some(s) = &d.passport {
        ids.push(format!("паспорт {s}"));
    }
    if !ids.is_empty() {
        lines.push(ids.join(", "));
    }
    lines
}

/// The statement ГПК ст.124 ч.2 allows when the claimant does not know some data; `None` if all known.
fn unknown_statement(d: &Debtor, several: bool) -> Option<String> {
    let mut unknown = Vec::new();
    if d.birth_date.is_none() && d.birth_place.is_none() {
        unknown.push("дата и место рождения");
    } else if d.birth_date.is_none() {
        unknown.push("дата рождения");
    } else if d.birth_place.is_none() {
        unknown.push("место рождения");
    }
    if d.work_place.is_none() {
        unknown.push("место работы");
    }
    if d.snils.is_none() && d.inn.is_none() && d.passport.is_none() {
        unknown
            .push("идентификаторы (СНИЛС, ИНН, серия и номер документа, удостоверяющего личность)");
    }
    let verb = match unknown.as_slice() {
        [] => return None,
        ["место работы"] => "неизвестно",
        _ => "неизвестны",
    };
    let list = match unknown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} и {last}", rest.join(", ")),
        _ => unknown[0].to_string(),
    };
    // Named in the nominative after «Должник …:», so no declension is needed.
    Some(if several {
        format!(
            "Должник {}: {list} взыскателю {verb} (ч. 2 ст. 124 ГПК РФ).",
            d.full_name
        )
    } else {
        let mut chars = list.chars();
        let list: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!("{list} должника взыскателю {verb} (ч. 2 ст. 124 ГПК РФ).")
    })
}

fn services(account: &Account) -> String {
    match &account.service {
        Some(s) => {
            let list: Vec<&str> = s
                .split([';', ','])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            format!("коммунальные услуги ({})", list.join(", "))
        }
        None => "коммунальные услуги".into(),
    }
}

/// «о взыскании … задолженности …, пеней …» (an order: the genitive) or «Взыскать …
/// задолженность …, пени …» (a claim: the accusative): the principal for its months, the penalty
/// for its days.
fn demands(filing: &Filing, with_debt: &[&MonthCalc], calc: &AccountCalc) -> Vec<String> {
    let claim = matches!(filing.procedure, Procedure::Claim { .. });
    let (debt, penalty) = if claim {
        ("задолженность", "пени")
    } else {
        ("задолженности", "пеней")
    };
    let mut demands = Vec::new();
    if filing.principal > Decimal::ZERO
        && let (Some(a), Some(b)) = (with_debt.first(), with_debt.last())
    {
        demands.push(format!(
            "{debt} по оплате коммунальных услуг {} в размере {} руб.;",
            russian::months(a.period, b.period),
            ru(filing.principal)
        ));
    }
    if filing.penalty > Decimal::ZERO
        && let (Some(f), Some(t)) = penalty_span(filing, calc)
    {
        demands.push(format!(
            "{penalty} за период с {} по {} в размере {} руб.;",
            russian::date(f),
            russian::date(t),
            ru(filing.penalty)
        ));
    }
    demands
}

/// The circumstances: the unpaid months, and who is liable and how.
fn breach_and_liability(filing: &Filing, with_debt: &[&MonthCalc]) -> (String, String) {
    let breach = match (with_debt.first(), with_debt.last()) {
        (Some(a), Some(b)) => format!(
            "Обязанность по оплате коммунальных услуг {} не исполнена или исполнена не полностью: задолженность составляет {} руб.",
            russian::months(a.period, b.period),
            ru(filing.principal)
        ),
        _ => "Оплата коммунальных услуг вносилась с нарушением установленного срока.".to_string(),
    };
    // Why each debtor owes (`law::basis`): ownership, social hire, registration, or unknown.
    let liability = crate::law::basis::liability(&filing.debtors, filing.share);
    (breach, liability)
}

/// The filing's period as the manifest and the registry CSV write it: its months with a debt
/// (`2025-06–2026-10`), else the days of its penalty.
fn claim_period(filing: &Filing, with_debt: &[&MonthCalc], calc: &AccountCalc) -> Option<String> {
    match (
        with_debt.first(),
        with_debt.last(),
        penalty_span(filing, calc),
    ) {
        (Some(a), Some(b), _) => Some(format!("{}–{}", a.period, b.period)),
        (_, _, (Some(f), Some(t))) => Some(format!("{}–{}", russian::date(f), russian::date(t))),
        _ => None,
    }
}

/// The parties' roles in a filing's words: «Взыскатель» and «Должник» in an order, «Истец» and
/// «Ответчик» in a claim (ГПК ст.124, 131).
fn roles(claim: bool, several: bool) -> Value {
    let (claimant, role, debtor, debtors, genitive) = if claim {
        ("Истец", "истца", "Ответчик", "Ответчики", "ответчика")
    } else {
        (
            "Взыскатель",
            "взыскателя",
            "Должник",
            "Должники",
            "должника",
        )
    };
    json!({
        "claimant": claimant,
        "debtor": if several { debtors } else { debtor },
        "debtor_genitive": genitive,
        "representative_of": role,
    })
}

/// The values of the application and its annex (one `data.json` serves both).
pub fn values(filing: &Filing, calc: &AccountCalc, conv: &Conventions) -> Value {
    let as_of = calc.as_of;
    let account = filing.account;
    let (_, with_debt) = claimed_months(filing, calc);
    let several = filing.debtors.len() > 1;
    let (breach, liability) = breach_and_liability(filing, &with_debt);
    let unknown: Vec<String> = filing
        .debtors
        .iter()
        .filter_map(|d| unknown_statement(d, several))
        .collect();
    let claim = matches!(filing.procedure, Procedure::Claim { .. });
    let (pen_from, pen_to) = penalty_span(filing, calc);
    let mut value = json!({
        "account": account.id,
        "date": russian::date(as_of),
        "services": services(account),
        "premises": account.premises_address.clone()
            .or_else(|| filing.debtors.iter().find_map(|d| d.residence_address.clone()))
            .unwrap_or_default(),
        "liability": liability,
        "breach": breach,
        "penalty_period": {
            "from": pen_from.map(russian::date),
            "to": pen_to.map(russian::date),
        },
        "debtors": filing.debtors.iter().map(|d| json!({
            "full_name": super::parties::header_name(d),
            "genitive": crate::russian::names::decline(&d.full_name, Grammatical::Genitive),
            "lines": debtor_lines(d, account),
        })).collect::<Vec<_>>(),
        "roles": roles(claim, several),
        "signer_role": roles(claim, several)["representative_of"],
        "debtor_names": names(&filing.debtors).join(", "),
        "unknown": if unknown.is_empty() { Value::Null } else { Value::from(unknown.join(" ")) },
        // «с должника Иванова Петра Сергеевича»: the debtors by name, in the genitive.
        "from_whom": format!("{} {}", match (claim, several) {
            (false, false) => "с должника",
            (false, true) => "солидарно с должников",
            (true, false) => "с ответчика",
            (true, true) => "солидарно с ответчиков",
        }, names_in(&filing.debtors, Grammatical::Genitive)),
        "claim_period": claim_period(filing, &with_debt, calc),
        "annex_to": if claim { "к исковому заявлению" } else { "к заявлению о вынесении судебного приказа" },
        "demands": demands(filing, &with_debt, calc),
        "share": filing.share.map(|s| s.to_string()),
        "sums": {
            "principal": ru(filing.principal),
            "penalty": ru(filing.penalty),
            "total": ru(filing.total),
            "total_words": in_words::rubles(filing.total),
            "duty": ru(filing.duty),
            "duty_full": ru(filing.duty_full),
            "duty_credit": ru(filing.duty_full - filing.duty),
            "has_penalty": filing.penalty > Decimal::ZERO,
            "account_principal": ru(filing.scope.principal),
            "account_penalty": ru(filing.scope.penalty),
            "account_total": ru(filing.scope.total()),
        },
    });
    // The annex's tables; its sums of the months listed beside the filing's.
    if let (Value::Object(to), Value::Object(annex)) =
        (&mut value, calculation::values(filing, calc, conv))
    {
        for (key, v) in annex {
            match key.as_str() {
                "charged" | "paid" => to["sums"][&key] = v,
                _ => {
                    to.insert(key, v);
                }
            }
        }
    }
    value
}

/// Adds the court-order packages of one account to the batch, or its refusals.
pub fn build(config: &Config, case: &Case, batch: &mut Batch) {
    let kind = DocKind::CourtOrder;
    let filings = match court_order_filings(&config.courts, case) {
        Ok(filings) => filings,
        Err(refusals) => {
            batch.refuse_each(&case.account.id, kind, refusals);
            return;
        }
    };
    for filing in filings {
        let value = values(&filing, case.calc, &config.conventions);
        package::push(
            config,
            case,
            batch,
            &filing,
            value,
            (templates::COURT_ORDER, APPLICATION, Part::Application),
        );
    }
}
