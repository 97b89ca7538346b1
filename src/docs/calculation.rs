//! The calculation of debt and penalties annexed to a filing (`legal-rules.md` §1.3): the months
//! claimed, the penalty table in its canonical rows, the method sentence, and a note of what the
//! table leaves out and why.

use crate::law::allocation::Why;
use crate::law::calculation::{AccountCalc, MonthCalc};
use crate::law::conventions::{Conventions, RateDate};
use crate::law::eligibility::Filing;
use crate::law::limitation::State;
use crate::law::penalty::Row;
use crate::money::ru;
use crate::russian;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

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
pub fn claimed_months<'c>(
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
pub fn penalty_span(filing: &Filing, calc: &AccountCalc) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (
        rows(filing, calc).map(|r| r.from).min(),
        rows(filing, calc).map(|r| r.to).max(),
    )
}

/// The calculation's penalty table, row by row.
fn penalty_rows(filing: &Filing, calc: &AccountCalc) -> Vec<Value> {
    rows(filing, calc)
        .map(|r| {
            let rate = r.rate.normalize().to_string().replace('.', ",");
            json!({
                // One line in its narrow column: «нояб.\u{a0}2023».
                "period": russian::month_short(r.period).replace(' ', "\u{a0}"),
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

/// What the month table leaves out, and why: months paid in full with no penalty; months with a
/// debt claimed apart (another filing) or not claimed (limitation).
fn months_note(filing: &Filing, calc: &AccountCalc) -> Value {
    let settled = |m: &&MonthCalc| m.debt.is_zero() && m.penalty.is_zero();
    let paid = calc.months.iter().filter(settled).count();
    let left_out = |barred: bool| {
        calc.months
            .iter()
            .filter(|m| !settled(m) && !filing.scope.has(m.period))
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

/// Where each payment went, a row per part (the payment's date, sum and named month on its first
/// row only), and a row for what no month took: courts check the allocation (`legal-rules.md` §1.3).
/// A month outside the filing's table is marked «*».
fn payment_rows(filing: &Filing, calc: &AccountCalc) -> Vec<Value> {
    let mut out = Vec::new();
    for pay in &calc.applied {
        let mut first = true;
        let mut row = |month: String, amount: Decimal, why: &str| {
            let head = |v: String| if first { v } else { String::new() };
            out.push(json!({
                "date": head(russian::date(pay.date)),
                "amount": head(ru(pay.amount)),
                "named": head(pay.named.map(russian::month).unwrap_or_else(|| "не указан".into())),
                "month": month,
                "part": ru(amount),
                "why": why,
            }));
            first = false;
        };
        for c in &pay.to {
            let why = match c.why {
                Why::Named => "указан плательщиком",
                Why::WithinLimitation => "п. 32 Пленума ВС № 22",
                Why::Oldest => "ч. 3 ст. 319.1 ГК РФ",
            };
            let Some(period) = calc.months.get(c.month).map(|m| m.period) else {
                continue;
            };
            let mark = if filing.scope.has(period) { "" } else { " *" };
            row(format!("{}{mark}", russian::month(period)), c.amount, why);
        }
        if pay.credit > Decimal::ZERO {
            row("—".into(), pay.credit, "аванс (переплата)");
        }
    }
    out
}

/// The rules the annex's allocation followed, as sentences under its table: only those that apply.
fn payments_rule(filing: &Filing, calc: &AccountCalc) -> String {
    let parts = || calc.applied.iter().flat_map(|p| p.to.iter());
    let used = |why: Why| parts().any(|c| c.why == why);
    let mut said = Vec::new();
    if used(Why::Named) {
        said.push("Платёж с указанием расчётного периода зачтён за этот период.");
    }
    if used(Why::WithinLimitation) {
        said.push("Платёж без указания периода, а также часть платежа сверх долга за указанный период, зачтены в погашение долга за самые ранние периоды, срок исковой давности по которым на день платежа не истёк (ч. 3 ст. 319.1, ст. 199 ГК РФ, п. 32 постановления Пленума ВС РФ от 27.06.2017 № 22).");
    }
    if used(Why::Oldest) {
        said.push("Платёж без указания периода, а также часть платежа сверх долга за указанный период, зачтены в погашение долга за самые ранние неоплаченные периоды (ч. 3 ст. 319.1 ГК РФ).");
    }
    if calc.applied.iter().any(|p| p.credit > Decimal::ZERO) {
        said.push("Сумма сверх долга учтена как аванс.");
    }
    let outside = parts().any(|c| {
        calc.months
            .get(c.month)
            .is_some_and(|m| !filing.scope.has(m.period))
    });
    if outside {
        said.push("* — период не включён в раздел 1 (оплачен полностью без пеней, истёк срок исковой давности или заявлен отдельно).");
    }
    said.join(" ")
}

/// The annex's own values: the month table, the penalty table, the method and the note.
pub fn values(filing: &Filing, calc: &AccountCalc, conv: &Conventions) -> Value {
    let (claimed, _) = claimed_months(filing, calc);
    json!({
        "method": method(conv, calc.as_of),
        "months": claimed.iter().map(|m| json!({
            "period": russian::month(m.period),
            "due": russian::date(m.due),
            "charged": ru(m.charged),
            "paid": ru(m.paid),
            "debt": ru(m.debt),
        })).collect::<Vec<_>>(),
        "months_note": months_note(filing, calc),
        "payments": payment_rows(filing, calc),
        "payments_total": ru(calc.applied.iter().map(|p| p.amount).sum()),
        "payments_rule": payments_rule(filing, calc),
        "rows": penalty_rows(filing, calc),
        "charged": ru(claimed.iter().map(|m| m.charged).sum()),
        "paid": ru(claimed.iter().map(|m| m.paid).sum()),
    })
}
