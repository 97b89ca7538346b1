//! Enforcement papers (229-ФЗ, `legal-rules.md` §8): the claimant's application to the debtor's bank
//! (ст.8) and the application to open enforcement proceedings to the bailiffs (ст.30). Both need an
//! enforceable document (the case's writ: a writ of execution, or the court order's copy in force)
//! within its 3-year term (ст.21), not presented elsewhere at the same time.

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::{EnforcementMeta, Meta};
use super::parties::{acting_for, active_debtors, names, residence};
use super::paths::safe_name;
use super::payment::payee;
use crate::ladder::Step;
use crate::law::authority::Power;
use crate::law::authority::signer_identified;
use crate::law::case::{Case, Form, Writ};
use crate::law::gates;
use crate::law::jurisdiction::bailiffs_for;
use crate::law::thresholds::travel_ban_allowed;
use crate::model::EventKind;
use crate::model::{Account, Debtor, parse_date};
use crate::money::{fixed2, ru};
use crate::russian::{self, names::Case as Grammatical};
use crate::templates;
use crate::workspace::config::Config;
use serde_json::{Value, json};

/// The claimant's application to the debtor's bank, with the original writ (229-ФЗ ст.8).
pub const BANK: Kind = Kind {
    name: "bank",
    title: "Заявление в банк",
    about: (
        "заявление взыскателя в банк должника (229-ФЗ ст.8)",
        "claimant's application to the debtor's bank (229-ФЗ ст.8)",
    ),
    folder: "bank",
    role: Role::Enforcement,
    personal: false,
    templates: &[
        templates::BANK,
        templates::ENFORCEMENT_HEAD,
        templates::ENFORCEMENT_REGISTRY,
    ],
    gate: &gates::BANK,
    serves: Some(Step::Bank),
    powers: Some(&[Power::Sign, Power::Enforce]),
    starts: Some((EventKind::WritSentBank, None)),
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(DocKind::Bank, s.config, case, batch)),
};

/// The application to the bailiffs to open enforcement proceedings (229-ФЗ ст.30).
pub const FSSP: Kind = Kind {
    name: "fssp",
    title: "Заявление в ФССП",
    about: (
        "заявление в ФССП (229-ФЗ ст.30)",
        "application to the bailiffs (229-ФЗ ст.30)",
    ),
    folder: "fssp",
    role: Role::Enforcement,
    personal: false,
    templates: &[
        templates::FSSP,
        templates::ENFORCEMENT_HEAD,
        templates::ENFORCEMENT_REGISTRY,
    ],
    gate: &gates::BAILIFFS,
    serves: Some(Step::Fssp),
    powers: Some(&[Power::Sign, Power::Enforce]),
    starts: Some((EventKind::WritSentFssp, None)),
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(DocKind::Fssp, s.config, case, batch)),
};

/// What became of the writ before, in a sentence: «ранее к исполнению не предъявлялся», or each
/// presentation and return (229-ФЗ ст.22: the term runs anew from a return).
fn presented_before(w: &Writ) -> String {
    if w.history.is_empty() {
        return "ранее к исполнению не предъявлялся".into();
    }
    let steps: Vec<String> = w
        .history
        .iter()
        .map(|e| {
            let on = russian::date(e.date);
            match e.kind {
                crate::model::EventKind::WritReturned => {
                    format!("возвращён взыскателю {on}")
                }
                _ => {
                    let whom = e
                        .detail("bank")
                        .map(|b| format!(" ({b})"))
                        .unwrap_or_default();
                    format!("предъявлен {}{whom} {on}", Writ::route_of(e).to_ru())
                }
            }
        })
        .collect();
    format!(
        "ранее {}; в настоящее время к исполнению не предъявлен",
        steps.join(", ")
    )
}

fn writ_json(config: &Config, w: &Writ) -> Value {
    let e = w.issued;
    let court = e.detail("court").map(|id| {
        config
            .courts
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    });
    let act_date = e.detail("act_date").and_then(parse_date).map(russian::date);
    // «судебный приказ № 2-702/2025 от 01.07.2025», «исполнительный лист серии ФС № 0123»: in each
    // case a paper needs it, with the number and date where the journal has them.
    let named = |word: &str| {
        let mut text = word.to_string();
        if let Form::WritOfExecution { series: Some(s) } = &w.form {
            text.push_str(&format!(" серии {s}"));
        }
        if let Some(n) = &e.reference {
            text.push_str(&format!(" № {n}"));
        }
        if let Some(d) = &act_date {
            text.push_str(&format!(" от {d}"));
        }
        text
    };
    let [nom, genitive, dative, prep] = w.form.words();
    json!({
        "number": e.reference,
        "named": {"nom": named(nom), "gen": named(genitive), "dat": named(dative)},
        // «в сумме, указанной в судебном приказе»; «Судебный приказ предъявляется …».
        "prep": prep,
        "title": russian::capitalize(nom),
        "case": e.detail("case").or(e.reference.as_deref()),
        // The issuing court in the nominative: «Мировому судье …» (the addressee form) → «мировой судья …».
        "court": court.map(|c| match c.strip_prefix("Мировому судье ") {
            Some(rest) => format!("мировой судья {rest}"),
            None => c,
        }),
        "act_date": act_date,
        "in_force": russian::date(w.in_force),
        "issued": russian::date(e.date),
        "term_ends": w.term_ends.map(russian::date),
        "sum": w.sum.map(ru),
        "presented": presented_before(w),
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
        "full_name": super::parties::header_name(d),
        "genitive": super::parties::names_in(&[d], Grammatical::Genitive),
        // Acting for a minor, or a minor's representative (`law::capacity`).
        "capacity": acting_for(d, None).or_else(|| super::parties::represented_by(d)),
        "birth": d.birth_date.map(russian::date),
        "birth_place": d.birth_place,
        "residence": residence(account, d),
        "ids": if ids.is_empty() { Value::Null } else { Value::from(ids.join(", ")) },
        // Where wages may be garnished (229-ФЗ ст.98).
        "work_place": d.work_place,
    })
}

/// Where an application goes: the office whose values compose it (the bailiffs'), the recipient's
/// name, the folder, the file.
struct Destination {
    office: Option<String>,
    recipient: String,
    folder: String,
    file: &'static str,
    template: &'static str,
}

/// The debtor's bank, or the bailiff department serving the residence; else why none.
fn destination(
    kind: DocKind,
    config: &Config,
    account: &Account,
    residence: &str,
) -> Result<Destination, crate::lang::Text> {
    if kind == DocKind::Bank {
        let Some(bank) = &account.bank else {
            return Err(crate::tr!(
                "bank.unknown",
                "банк должника неизвестен (колонка bank)",
                "the debtor's bank is not known (the bank column)"
            ));
        };
        return Ok(Destination {
            office: None,
            recipient: bank.clone(),
            folder: kind.folder().to_string(),
            file: "Заявление взыскателя в банк (ст. 8 229-ФЗ).pdf",
            template: templates::BANK,
        });
    }
    let Some(dept) = bailiffs_for(&config.bailiffs, residence) else {
        return Err(crate::tr!(
            "bailiffs.none_serves",
            "ни одно подразделение [[bailiffs]] в vzysk.toml не обслуживает адрес «{residence}»",
            "no [[bailiffs]] department in vzysk.toml serves «{residence}»"
        ));
    };
    Ok(Destination {
        office: Some(dept.id.clone()),
        recipient: dept.name.clone().unwrap_or_default(),
        folder: format!("{}/{}", kind.folder(), safe_name(&dept.id)),
        file: "Заявление о возбуждении исполнительного производства.pdf",
        template: templates::FSSP,
    })
}

/// Adds the application of `kind` (bank or bailiffs) of one account, or its refusal.
pub fn build(kind: DocKind, config: &Config, case: &Case, batch: &mut Batch) {
    let account = case.account;
    // The gate (`law::gates`) let only a presentable writ through, to this route.
    let Some(w) = &case.writ else { return };
    let payee = match payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(
                &account.id,
                None,
                kind,
                why.map(|s| format!("{s} (229-ФЗ ст.8 ч.2 п.1, ст.110)")),
            );
            return;
        }
    };
    let s = &config.signatory;
    let signer = signer_identified(
        s.name.as_deref(),
        s.passport.as_deref(),
        s.address.as_deref(),
    );
    if let Err(why) = signer {
        batch.refuse(&account.id, None, kind, why);
        return;
    }
    let debtors = active_debtors(account, kind, batch);
    let Some(first) = debtors.first() else { return };
    let residence = residence(account, first).unwrap_or_default();
    let to = match destination(kind, config, account, &residence) {
        Ok(to) => to,
        Err(why) => {
            batch.refuse(&account.id, None, kind, why);
            return;
        }
    };
    let number = w.issued.reference.as_deref();
    // What the debtor paid since the act, and what is left (`law::case::remainder`).
    let remainder = case.writ_remainder().filter(|r| !r.paid.is_empty());
    let asked = match &remainder {
        Some(r) => r.left(),
        None => w.sum,
    };
    let outgoing = batch.numbers.letter();
    let values = Batch::values(json!({
        "account": account.id,
        "number": outgoing,
        "signer_role": "взыскателя",
        "date": russian::date(case.as_of()),
        "recipient": to.recipient,
        "debtors": debtors.iter().map(|d| debtor_json(d, account)).collect::<Vec<_>>(),
        "writ": writ_json(config, w),
        "remainder": remainder.as_ref().map(|r| json!({
            "since": russian::date(r.since),
            "paid": r.listed(),
            "paid_total": ru(r.paid_total()),
            "several": r.paid.len() > 1,
            "left": r.left().map(ru),
        })),
        "payee": payee.json(),
        "ogrn": config.claimant.ogrn,
        "address": config.claimant.address,
        // Only on a known sum above the threshold (229-ФЗ ст.67 ч.1): never on a guess.
        "travel_ban": asked.is_some_and(|sum| travel_ban_allowed(sum, case.as_of())),
        "purpose": format!("Взыскание по {} № {} (л/с {})", w.form.words()[2], number.unwrap_or("б/н"), account.id),
    }));
    let folder = batch.debtor_folder(&to.folder, account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/{}", to.file),
        template: to.template,
        office: to.office,
        values,
        files: Vec::new(),
        meta: Meta::Enforcement(EnforcementMeta {
            account: account.id.clone(),
            debtors: names(&debtors),
            kind,
            document: Part::Whole(kind),
            recipient: to.recipient,
            number: outgoing,
            writ: w.issued.reference.clone(),
            writ_term_ends: w.term_ends.map(|d| d.to_string()).unwrap_or_default(),
            sum: asked.map(fixed2),
        }),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::case::fixtures::{account, claiming, day, ev};
    use crate::model::EventKind as K;
    use chrono::NaiveDate;

    fn check(
        events: &[(NaiveDate, K, String)],
        as_of: &str,
    ) -> Result<Option<rust_decimal::Decimal>, crate::lang::Text> {
        let a = account("3000", events);
        let c = crate::law::calculation::calculate(&a.ledger, day(as_of), &Default::default());
        let case = Case::of(&a, &c, claiming());
        case.writ_route()?;
        Ok(case.writ.as_ref().and_then(|w| w.sum))
    }

    #[test]
    fn a_writ_is_never_used_after_its_three_year_term() {
        let events = [ev("2022-03-01", K::WritIssued, "in_force=2022-02-20")];
        assert!(check(&events, "2025-02-20").is_ok());
        let err = check(&events, "2025-02-21").unwrap_err();
        assert!(err.en().contains("3-year term ended 20.02.2025"), "{err}");
    }

    #[test]
    fn a_writ_out_at_the_bank_is_not_presented_again_until_it_returns() {
        let mut events = vec![
            ev("2026-01-10", K::WritIssued, "sum=12 345,67"),
            ev("2026-02-01", K::WritSentBank, ""),
        ];
        let err = check(&events, "2026-11-27").unwrap_err();
        assert!(err.en().contains("with a bank since 01.02.2026"), "{err}");
        events.push(ev("2026-10-01", K::WritReturned, ""));
        let sum = check(&events, "2026-11-27").unwrap();
        assert_eq!(sum, Some("12345.67".parse().unwrap()));
    }
}
