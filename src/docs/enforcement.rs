//! Enforcement papers (229-ФЗ, `legal-rules.md` §8): the claimant's application to the debtor's bank
//! (ст.8) and the application to open enforcement proceedings to the bailiffs (ст.30). Both need an
//! enforceable document (a `writ_issued` event: a writ of execution, or the court order's copy in
//! force) within its 3-year term (ст.21), not presented elsewhere at the same time.

use super::{Batch, PdfDoc, active_debtors, notice, ru_date, safe_name};
use crate::law::account::AccountCalc;
use crate::law::limits::{TRAVEL_BAN_OVER, writ_term_ends};
use crate::model::{Account, Debtor, Event, EventKind};
use crate::money::{fixed2, parse_amount, ru};
use crate::workspace::config::{Config, Office};
use crate::workspace::parse::parse_date;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub const BANK: &str = "bank";
pub const FSSP: &str = "fssp";

/// The enforceable document an application presents.
pub struct Writ<'a> {
    pub event: &'a Event,
    pub in_force: NaiveDate,
    pub term_ends: NaiveDate,
    /// The sum awarded, when the event's details give it (`sum=`).
    pub sum: Option<Decimal>,
}

fn detail<'a>(e: &'a Event, key: &str) -> Option<&'a str> {
    e.details
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The newest writ of the account, if it may be presented on `as_of`; else why not.
pub fn writ(account: &Account, as_of: NaiveDate) -> Result<Writ<'_>, String> {
    let latest = |kinds: &[EventKind]| {
        account
            .events
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .max_by_key(|e| (e.date, e.line))
    };
    let Some(w) = latest(&[EventKind::WritIssued]) else {
        return Err("no enforceable document (record a writ_issued event with its number)".into());
    };
    let in_force = detail(w, "in_force").and_then(parse_date).unwrap_or(w.date);
    let term_ends = writ_term_ends(in_force);
    if as_of > term_ends {
        return Err(format!(
            "the writ of {} may no longer be presented: its 3-year term ended {} (229-ФЗ ст.21)",
            ru_date(w.date),
            ru_date(term_ends)
        ));
    }
    let sent = latest(&[EventKind::WritSentBank, EventKind::WritSentFssp])
        .filter(|s| (s.date, s.line) > (w.date, w.line));
    let returned = latest(&[EventKind::WritReturned]);
    if let Some(s) = sent
        && returned.is_none_or(|r| (r.date, r.line) < (s.date, s.line))
    {
        let at = if s.kind == EventKind::WritSentBank {
            "a bank"
        } else {
            "the bailiffs"
        };
        return Err(format!(
            "the writ is with {at} since {} and has not come back",
            ru_date(s.date)
        ));
    }
    let sum = detail(w, "sum").and_then(|v| parse_amount(v).ok());
    Ok(Writ {
        event: w,
        in_force,
        term_ends,
        sum,
    })
}

fn writ_json(config: &Config, w: &Writ) -> Value {
    let court = detail(w.event, "court").map(|id| {
        config
            .courts
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    });
    json!({
        "number": w.event.reference,
        "case": detail(w.event, "case").or(w.event.reference.as_deref()),
        // The issuing court in the nominative: «Мировому судье …» (the addressee form) → «мировой судья …».
        "court": court.map(|c| match c.strip_prefix("Мировому судье ") {
            Some(rest) => format!("мировой судья {rest}"),
            None => c,
        }),
        "act_date": detail(w.event, "act_date").and_then(parse_date).map(ru_date),
        "in_force": ru_date(w.in_force),
        "issued": ru_date(w.event.date),
        "term_ends": ru_date(w.term_ends),
        "sum": w.sum.map(ru),
    })
}

fn debtor_json(d: &Debtor, account: &Account) -> Value {
    let ids: Vec<String> = [
        ("СНИЛС", &d.snils),
        ("ИНН", &d.inn),
        ("паспорт", &d.passport),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
    .collect();
    json!({
        "full_name": d.full_name,
        "genitive": crate::names::decline(&d.full_name, crate::names::Case::Genitive),
        "birth": d.birth_date.map(ru_date),
        "birth_place": d.birth_place,
        "residence": d.residence_address.clone().or_else(|| account.premises_address.clone()),
        "ids": if ids.is_empty() { Value::Null } else { Value::from(ids.join(", ")) },
    })
}

/// The bailiff department serving the debtor's residence (229-ФЗ ст.33).
fn department<'c>(config: &'c Config, residence: &str) -> Option<&'c Office> {
    let lower = residence.to_lowercase();
    config.bailiffs.iter().find(|b| {
        b.serves
            .iter()
            .any(|s| !s.trim().is_empty() && lower.contains(&s.trim().to_lowercase()))
    })
}

pub fn build(
    kind: &str,
    config: &Config,
    account: &Account,
    calc: &AccountCalc,
    batch: &mut Batch,
) {
    let w = match writ(account, calc.as_of) {
        Ok(w) => w,
        Err(why) => {
            batch.refuse(&account.id, "", kind, why);
            return;
        }
    };
    let payee = match notice::payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(
                &account.id,
                "",
                kind,
                format!("{why} (229-ФЗ ст.8 ч.2 п.1, ст.110)"),
            );
            return;
        }
    };
    let debtors = active_debtors(account, kind, batch);
    let Some(first) = debtors.first() else { return };
    let residence = first
        .residence_address
        .clone()
        .or_else(|| account.premises_address.clone())
        .unwrap_or_default();
    let (office, recipient, folder_base, file) = if kind == BANK {
        let Some(bank) = &account.bank else {
            batch.refuse(
                &account.id,
                "",
                kind,
                "the debtor's bank is not known (the bank column)",
            );
            return;
        };
        (
            None,
            bank.clone(),
            "bank".to_string(),
            "Заявление взыскателя в банк (ст. 8 229-ФЗ).pdf",
        )
    } else {
        let Some(dept) = department(config, &residence) else {
            batch.refuse(
                &account.id,
                "",
                kind,
                format!("no [[bailiffs]] department in vzysk.toml serves «{residence}»"),
            );
            return;
        };
        (
            Some(dept.id.clone()),
            dept.name.clone().unwrap_or_default(),
            format!("fssp/{}", safe_name(&dept.id)),
            "Заявление о возбуждении исполнительного производства.pdf",
        )
    };
    let debt = w.sum.unwrap_or(calc.overdue + calc.penalty);
    let value = json!({
        "account": account.id,
        "date": ru_date(calc.as_of),
        "recipient": recipient,
        "debtors": debtors.iter().map(|d| debtor_json(d, account)).collect::<Vec<_>>(),
        "writ": writ_json(config, &w),
        "payee": payee.json(),
        "ogrn": config.claimant.ogrn,
        "address": config.claimant.address,
        "travel_ban": debt > Decimal::from(TRAVEL_BAN_OVER),
        "purpose": format!("Взыскание по исполнительному документу № {} (л/с {})", w.event.reference.as_deref().unwrap_or("б/н"), account.id),
    });
    let data = batch.data(value);
    let folder = batch.debtor_folder(&folder_base, account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/{file}"),
        template: if kind == BANK {
            "bank.typ.j2"
        } else {
            "fssp.typ.j2"
        },
        office,
        data,
        files: Vec::new(),
        meta: json!({
            "account": account.id,
            "debtors": super::names(&debtors),
            "kind": kind,
            "document": kind,
            "recipient": recipient,
            "writ": w.event.reference,
            "writ_term_ends": w.term_ends.to_string(),
            "sum": w.sum.map(fixed2),
        }),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;
    use crate::model::{Account, Event};

    fn account(events: Vec<Event>) -> Account {
        Account {
            events,
            ..Account::new("1")
        }
    }

    fn ev(date: NaiveDate, kind: EventKind, details: &[(&str, &str)]) -> Event {
        Event {
            line: 0,
            date,
            kind,
            reference: Some("2-1/2020".into()),
            details: details
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_writ_is_never_used_after_its_three_year_term() {
        let a = account(vec![ev(
            ymd(2022, 3, 1),
            EventKind::WritIssued,
            &[("in_force", "2022-02-20")],
        )]);
        assert!(writ(&a, ymd(2025, 2, 20)).is_ok());
        let err = writ(&a, ymd(2025, 2, 21)).err().unwrap();
        assert!(err.contains("3-year term ended 20.02.2025"), "{err}");
    }

    #[test]
    fn a_writ_out_at_the_bank_is_not_presented_again_until_it_returns() {
        let mut events = vec![
            ev(
                ymd(2026, 1, 10),
                EventKind::WritIssued,
                &[("sum", "12 345,67")],
            ),
            ev(ymd(2026, 2, 1), EventKind::WritSentBank, &[]),
        ];
        let err = writ(&account(events.clone()), ymd(2026, 11, 27))
            .err()
            .unwrap();
        assert!(err.contains("with a bank since 01.02.2026"), "{err}");
        events.push(ev(ymd(2026, 10, 1), EventKind::WritReturned, &[]));
        let back = account(events);
        let w = writ(&back, ymd(2026, 11, 27)).unwrap();
        assert_eq!(w.sum, Some("12345.67".parse().unwrap()));
    }
}
