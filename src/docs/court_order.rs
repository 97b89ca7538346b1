//! The court filing's texts (ГПК ст.121–124, 131–132; `legal-rules.md` §5–§6): the values of the
//! court-order application and of its annex, the calculation of debt and penalties, which a
//! statement of claim (`claim.rs`) shares; and the package the two make in `courts/`. Who is due
//! for a filing, and for what, is the law's (`law::eligibility`).

use super::batch::{Batch, PdfDoc};
use super::meta::{FilingMeta, MailTo, Meta};
use super::parties::{names, names_in, residence};
use super::paths::{debtor_slug, needs_initials, safe_name};
use crate::kinds::{self, DocKind, Part};
use crate::law::calculation::{AccountCalc, MonthCalc};
use crate::law::case::Case;
use crate::law::conventions::{Conventions, RateDate};
use crate::law::eligibility::{Filing, Procedure, court_order_filings};
use crate::law::limitation::State;
use crate::law::penalty::Row;
use crate::model::{Account, Debtor};
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words, month_span, names::Case as Grammatical};
use crate::workspace::config::Config;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub const APPLICATION: &str = "01 Заявление о вынесении судебного приказа.pdf";
pub const CALCULATION: &str = "02 Расчёт задолженности и пеней.pdf";

/// `courts/<court>/<account>_<surname>` (with initials where needed).
fn folder(filing: &Filing, with_initials: bool) -> String {
    format!(
        "{}/{}/{}",
        DocKind::CourtOrder.folder(),
        safe_name(&filing.court.id),
        debtor_slug(filing.account, filing.debtors[0], with_initials)
    )
}

/// The debtor block of the header: one line per known fact.
fn debtor_lines(d: &Debtor, account: &Account) -> Vec<String> {
    let mut lines = Vec::new();
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

/// The method sentence of the calculation: rate date, cap, moratoria — the conventions used.
pub fn method(conv: &Conventions, as_of: NaiveDate) -> String {
    let rate = match (conv.fixed_rate, conv.rate_date) {
        (Some(r), _) => format!("по ставке {} % годовых", r.normalize()),
        (None, RateDate::Payment) => format!(
            "по ключевой ставке Банка России на день оплаты для оплаченных частей долга и на дату расчёта ({}) для неоплаченной части; с 28.02.2022 по 31.12.2026 — не выше 9,5 % (ПП РФ от 26.03.2022 № 474 с изменениями)",
            russian::date(as_of)
        ),
        (None, RateDate::Calculation) => format!(
            "по ключевой ставке Банка России на дату расчёта ({}); с 28.02.2022 по 31.12.2026 — не выше 9,5 % (ПП РФ от 26.03.2022 № 474 с изменениями)",
            russian::date(as_of)
        ),
    };
    let moratoria = if conv.moratoria.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = conv
            .moratoria
            .iter()
            .map(|m| {
                format!(
                    "{} ({}–{})",
                    m.name,
                    russian::date(m.from),
                    russian::date(m.to)
                )
            })
            .collect();
        format!(" Пени не начислялись в дни моратория: {}.", list.join("; "))
    };
    format!(
        "Пени начислены с 31-го по 90-й день просрочки в размере 1/300, с 91-го дня — 1/130 {rate}.{moratoria} Срок оплаты — {} число месяца, следующего за расчётным (с расчётного периода март 2026 г. — 15 число).",
        conv.due_day
    )
}

/// The months a filing lists (its scope: a debt or a penalty) and those of them with a debt past
/// due.
fn claimed_months<'c>(
    filing: &Filing,
    calc: &'c AccountCalc,
) -> (Vec<&'c MonthCalc>, Vec<&'c MonthCalc>) {
    let claimed: Vec<&MonthCalc> = calc
        .months
        .iter()
        .filter(|m| filing.scope.has(m.period))
        .collect();
    let with_debt = claimed
        .iter()
        .copied()
        .filter(|m| !m.debt.is_zero() && m.due < calc.as_of)
        .collect();
    (claimed, with_debt)
}

/// The rows of the penalty table of the filing's months.
fn rows<'c>(filing: &Filing, calc: &'c AccountCalc) -> impl Iterator<Item = &'c Row> + Clone {
    let scope = filing.scope.months.clone();
    calc.rows.iter().filter(move |r| scope.contains(&r.period))
}

/// The first and last day of the filing's penalty table.
fn penalty_span(filing: &Filing, calc: &AccountCalc) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (
        rows(filing, calc).map(|r| r.from).min(),
        rows(filing, calc).map(|r| r.to).max(),
    )
}

/// «Взыскать …»: the principal for its months, the penalty for its days.
fn demands(filing: &Filing, with_debt: &[&MonthCalc], calc: &AccountCalc) -> Vec<String> {
    let mut demands = Vec::new();
    if filing.principal > Decimal::ZERO
        && let (Some(a), Some(b)) = (with_debt.first(), with_debt.last())
    {
        demands.push(format!(
            "задолженности по оплате коммунальных услуг за период {} в размере {} руб.;",
            month_span(a.period, b.period),
            ru(filing.principal)
        ));
    }
    if filing.penalty > Decimal::ZERO
        && let (Some(f), Some(t)) = penalty_span(filing, calc)
    {
        demands.push(format!(
            "пеней за период с {} по {} в размере {} руб.;",
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
            "Обязанность по оплате коммунальных услуг за период {} не исполнена или исполнена не полностью: задолженность составляет {} руб.",
            month_span(a.period, b.period),
            ru(filing.principal)
        ),
        _ => "Оплата коммунальных услуг вносилась с нарушением установленного срока.".to_string(),
    };
    let liability = match (filing.share, filing.debtors.len() > 1) {
        (Some(s), _) => format!(
            "Должник является собственником {s} доли в праве общей долевой собственности на помещение и несёт обязанность по оплате коммунальных услуг соразмерно своей доле (ст. 249 ГК РФ, ст. 30, 153 ЖК РФ); требования заявлены в размере, соответствующем доле."
        ),
        (None, true) => "Должники несут солидарную обязанность по оплате коммунальных услуг, предоставленных в помещение (ст. 322 ГК РФ, ч. 3 ст. 31 ЖК РФ).".to_string(),
        (None, false) => "Должник является потребителем коммунальных услуг, предоставляемых в указанное помещение.".to_string(),
    };
    (breach, liability)
}

/// The list of attachments.
fn attachments(filing: &Filing) -> Vec<String> {
    let id = &filing.account.id;
    let mut list = vec![
        format!("Расчёт задолженности и пеней по лицевому счёту № {id}."),
        format!("Выписка из лицевого счёта № {id} (история начислений и оплат)."),
        "Документ об уплате государственной пошлины.".to_string(),
        "Копия выписки из ЕГРЮЛ в отношении взыскателя.".to_string(),
        "Копия доверенности представителя.".to_string(),
    ];
    if matches!(filing.procedure, Procedure::Claim { .. }) {
        // ГПК ст.132: proof that the copies were sent; the cancelled order for the duty credit.
        list.push("Документы, подтверждающие направление ответчику копии искового заявления и приложенных документов (ст. 132 ГПК РФ).".to_string());
        if filing.duty < filing.duty_full {
            list.push("Копия определения об отмене судебного приказа и документ об уплате государственной пошлины за его выдачу (зачёт, пп. 13 п. 1 ст. 333.20 НК РФ).".to_string());
        }
    }
    list
}

/// The calculation's penalty table, row by row.
fn penalty_rows(filing: &Filing, calc: &AccountCalc) -> Vec<Value> {
    rows(filing, calc)
        .map(|r| {
            let rate = r.rate.normalize().to_string().replace('.', ",");
            json!({
                "period": r.period.to_string(),
                "from": russian::date(r.from),
                "to": russian::date(r.to),
                "days": r.days.to_string(),
                "base": ru(r.base),
                "rate": rate,
                "fraction": r.fraction.to_string(),
                "formula": match &r.moratorium {
                    Some(m) => format!("мораторий ({})", m.replace("ПП РФ от ", "ПП ").replace(" № ", " №\u{a0}")),
                    None => format!("{} × {} % × {} × {}", ru(r.base), rate, r.days, r.fraction),
                },
                "amount": ru(r.amount),
            })
        })
        .collect()
}

/// The filing's period: its months with a debt, else the days of its penalty.
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

/// What the month table leaves out, and why: months paid in full with no penalty; months with a
/// debt claimed apart (another filing) or not claimed (limitation).
fn months_note(filing: &Filing, calc: &AccountCalc) -> Value {
    let paid = calc
        .months
        .iter()
        .filter(|m| m.debt.is_zero() && m.penalty.is_zero())
        .count();
    let owed = |m: &&crate::law::calculation::MonthCalc| !(m.debt.is_zero() && m.penalty.is_zero());
    let left_out = |barred: bool| {
        calc.months
            .iter()
            .filter(owed)
            .filter(|m| !filing.scope.has(m.period))
            .filter(|m| (m.limitation.state == State::Barred) == barred)
            .count()
    };
    let (barred, apart) = (left_out(true), left_out(false));
    let mut note = Vec::new();
    if paid > 0 {
        note.push(format!(
            "Месяцы, оплаченные полностью без начисления пеней ({paid}), в таблицу не включены."
        ));
    }
    if apart > 0 {
        note.push(format!(
            "Месяцы, заявленные отдельно ({apart}), в расчёт не включены."
        ));
    }
    if barred > 0 {
        note.push(format!(
            "Месяцы, по которым истёк срок исковой давности ({barred}), не заявлены."
        ));
    }
    if note.is_empty() {
        Value::Null
    } else {
        Value::from(note.join(" "))
    }
}

/// The values of the application and its annex (one `data.json` serves both).
pub fn values(filing: &Filing, calc: &AccountCalc, conv: &Conventions) -> Value {
    let as_of = calc.as_of;
    let account = filing.account;
    let (claimed, with_debt) = claimed_months(filing, calc);
    let several = filing.debtors.len() > 1;
    let (breach, liability) = breach_and_liability(filing, &with_debt);
    let unknown: Vec<String> = filing
        .debtors
        .iter()
        .filter_map(|d| unknown_statement(d, several))
        .collect();
    let claim = matches!(filing.procedure, Procedure::Claim { .. });
    let sum_listed =
        |f: fn(&MonthCalc) -> Decimal| -> String { ru(claimed.iter().map(|m| f(m)).sum()) };
    let (pen_from, pen_to) = penalty_span(filing, calc);
    json!({
        "account": account.id,
        "date": russian::date(as_of),
        "services": services(account),
        "premises": account.premises_address.clone()
            .or_else(|| filing.debtors.iter().find_map(|d| d.residence_address.clone()))
            .unwrap_or_default(),
        "liability": liability,
        "breach": breach,
        "method": method(conv, as_of),
        "penalty_period": {
            "from": pen_from.map(russian::date),
            "to": pen_to.map(russian::date),
        },
        "debtors": filing.debtors.iter().map(|d| json!({
            "full_name": d.full_name,
            "genitive": crate::russian::names::decline(&d.full_name, Grammatical::Genitive),
            "lines": debtor_lines(d, account),
        })).collect::<Vec<_>>(),
        "debtor_label": if several { "Должники" } else { "Должник" },
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
            "charged": sum_listed(|m| m.charged),
            "paid": sum_listed(|m| m.paid),
            "account_principal": ru(filing.scope.principal),
            "account_penalty": ru(filing.scope.penalty),
            "account_total": ru(filing.scope.total()),
        },
        "months": claimed.iter().map(|m| json!({
            "period": m.period.to_string(),
            "due": russian::date(m.due),
            "charged": ru(m.charged),
            "paid": ru(m.paid),
            "debt": ru(m.debt),
        })).collect::<Vec<_>>(),
        "months_note": months_note(filing, calc),
        "rows": penalty_rows(filing, calc),
        "attachments": attachments(filing),
    })
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
        push_package(
            batch,
            &filing,
            kind,
            value,
            (kinds::COURT_ORDER, APPLICATION, Part::Application),
        );
    }
}

/// Adds a filing's two PDFs to the batch: its statement (`first`: template, file, document) and the
/// calculation annex, in the filing's folder under `courts/`.
/// A claim's statement is also mailed to each defendant (ГПК ст.132 п.6): its meta names them.
pub fn push_package(
    batch: &mut Batch,
    filing: &Filing,
    kind: DocKind,
    value: Value,
    first: (&'static str, &str, Part),
) {
    let period = value["claim_period"].as_str().map(str::to_string);
    let values = Batch::values(value);
    let mail: Vec<MailTo> = filing
        .debtors
        .iter()
        .map(|d| MailTo {
            name: d.full_name.clone(),
            address: residence(filing.account, d),
        })
        .collect();
    // A claim and a new court order of one account may go to one court: the second folder says
    // which it is. Another account's folder of the same name gives way to the initials.
    let account = &filing.account.id;
    let initials = filing.debtors.len() == 1 && needs_initials(filing.account, filing.debtors[0]);
    let preferred = folder(filing, initials);
    let second = match (batch.folder_owner(&preferred), filing.procedure) {
        (Some(owner), Procedure::CourtOrder) if owner == account => format!("{preferred}_приказ"),
        (Some(owner), Procedure::Claim { .. }) if owner == account => format!("{preferred}_иск"),
        _ => folder(filing, true),
    };
    let folder = batch.unique_folder(account, preferred, second);
    for (template, file, document) in [first, (kinds::CALCULATION, CALCULATION, Part::Calculation)]
    {
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/{file}"),
            template,
            office: Some(filing.court.id.clone()),
            values: values.clone(),
            files: Vec::new(),
            meta: Meta::Filing(FilingMeta {
                account: filing.account.id.clone(),
                debtors: names(&filing.debtors),
                share: filing.share.map(|s| s.to_string()),
                kind,
                document,
                recipient: filing.court.id.clone(),
                court_basis: filing.court_basis.clone(),
                principal: fixed2(filing.principal),
                penalty: fixed2(filing.penalty),
                total: fixed2(filing.total),
                duty: fixed2(filing.duty),
                duty_credit: fixed2(filing.duty_full - filing.duty),
                period: period.clone(),
                mail: (kind == DocKind::Claim && document != Part::Calculation)
                    .then(|| mail.clone()),
            }),
        });
    }
}
