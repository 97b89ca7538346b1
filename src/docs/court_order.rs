//! The court-order package (ГПК ст.121–124, `legal-rules.md` §5): who is due for one, and the values
//! of the application and of its annex, the calculation of debt and penalties.
//!
//! Due: a debt past due or a penalty, a total within the court-order ceiling, every debtor active,
//! a magistrate found, the debtor's name and residence known (birth data and identifiers may be
//! missing: the application then says they are unknown to the claimant, ГПК ст.124 ч.2).
//! Shares (`1/2`) give one application per owner for that share of the sums; several debtors without
//! shares give one application against all of them jointly (солидарно).

use super::{Batch, PdfDoc, court_for, debtor_slug, month_span, ru_date, safe_name};
use crate::law::account::AccountCalc;
use crate::law::conventions::{Conventions, RateDate};
use crate::law::duty::state_duty;
use crate::law::limits::{ClaimCourt, claim_court, court_order_allowed};
use crate::law::penalty::kopecks;
use crate::model::{Account, Debtor, EventKind, Share, Status};
use crate::money::{fixed2, ru};
use crate::words;
use crate::workspace::config::{Config, Office};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub const KIND: &str = "court-order";
pub const APPLICATION: &str = "01 Заявление о вынесении судебного приказа.pdf";
pub const CALCULATION: &str = "02 Расчёт задолженности и пеней.pdf";

/// One application: against one debtor (or jointly against several) of one account.
pub struct Application<'a> {
    pub account: &'a Account,
    pub debtors: Vec<&'a Debtor>,
    pub share: Option<Share>,
    pub court: &'a Office,
    /// Which address (or the court column) chose the court.
    pub court_basis: String,
    pub principal: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
    /// The duty to pay now (for a claim: less the credit of the order's duty).
    pub duty: Decimal,
    /// The duty by the scale, before any credit.
    pub duty_full: Decimal,
    pub filing: Filing,
}

impl Application<'_> {
    /// `courts/<court>/<account>_<surname>` (with initials where needed).
    pub fn folder(&self, with_initials: bool) -> String {
        format!(
            "courts/{}/{}",
            safe_name(&self.court.id),
            debtor_slug(self.account, self.debtors[0], with_initials)
        )
    }
}

/// Why a debtor or an account gets no application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub debtor: Option<String>,
    pub reason: String,
}

fn refuse(reason: impl Into<String>) -> Refusal {
    Refusal {
        debtor: None,
        reason: reason.into(),
    }
}

fn status_reason(status: Status) -> Option<&'static str> {
    match status {
        Status::Active => None,
        Status::Deceased => Some(
            "the debtor is deceased: the debt is claimed from the estate or the heirs, not by a court order",
        ),
        Status::Bankrupt => {
            Some("the debtor is bankrupt: claims go to the bankruptcy proceedings (Закон № 127-ФЗ)")
        }
        Status::LegalEntity => Some(
            "the debtor is a legal entity: the arbitration court and another penalty regime apply",
        ),
    }
}

/// What is filed: a court-order application, or a statement of claim with the duty already paid
/// for a cancelled or refused order credited (НК ст.333.20 п.1 пп.13, §4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filing {
    CourtOrder,
    Claim { credit: Decimal },
}

/// The newest court-order event of an account (filed, issued, cancelled or refused), if any.
pub fn latest_order_event(account: &Account) -> Option<&crate::model::Event> {
    account
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::OrderFiled
                    | EventKind::OrderIssued
                    | EventKind::OrderCancelled
                    | EventKind::OrderRefused
            )
        })
        .max_by_key(|e| (e.date, e.line))
}

/// Decides the court-order applications of one account.
pub fn plan<'a>(
    config: &'a Config,
    account: &'a Account,
    calc: &AccountCalc,
) -> Result<Vec<Application<'a>>, Vec<Refusal>> {
    plan_filing(config, account, calc, Filing::CourtOrder)
}

/// Decides the applications (court order) or statements of claim of one account: the parties, their
/// parts of the sums, the court and the duty.
pub fn plan_filing<'a>(
    config: &'a Config,
    account: &'a Account,
    calc: &AccountCalc,
    filing: Filing,
) -> Result<Vec<Application<'a>>, Vec<Refusal>> {
    let claim_principal = calc.overdue;
    let total = claim_principal + calc.penalty;
    if total <= Decimal::ZERO {
        return Err(vec![refuse(if calc.credit > Decimal::ZERO {
            format!(
                "nothing to collect: the account has a credit of {}",
                ru(calc.credit)
            )
        } else {
            "nothing to collect: no debt past due and no penalty".to_string()
        })]);
    }
    if filing == Filing::CourtOrder {
        // An order already sought for this debt: a cancelled or refused one opens the claim (ГПК
        // ст.129, 125 ч.3); a filed or issued one must not be sought twice for the same months.
        let order = latest_order_event(account);
        if let Some(e) = order {
            return Err(vec![refuse(match e.kind {
                EventKind::OrderCancelled | EventKind::OrderRefused => format!(
                    "the court order was {} on {}: the debt is now claimed by a statement of claim",
                    if e.kind == EventKind::OrderCancelled {
                        "cancelled"
                    } else {
                        "refused"
                    },
                    ru_date(e.date)
                ),
                _ => format!(
                    "a court order was already sought on {} ({}): not again for the same months",
                    ru_date(e.date),
                    e.kind.name()
                ),
            })]);
        }
    }
    if filing == Filing::CourtOrder && !court_order_allowed(total, calc.as_of) {
        return Err(vec![refuse(format!(
            "the total {} exceeds the court-order ceiling of 500 000 (ГПК ст.121): file a statement of claim",
            ru(total)
        ))]);
    }
    // A court order goes to the magistrate; a claim by its price (ГПК ст.23, 24), decided per claim.
    let court_of = |total: Decimal| {
        let kind = match (filing, claim_court(total, calc.as_of)) {
            (Filing::CourtOrder, _) | (_, ClaimCourt::Magistrate) => "magistrate",
            (_, ClaimCourt::District) => "district",
        };
        court_for(config, account, kind)
    };
    if filing == Filing::CourtOrder {
        court_of(total).map_err(|r| vec![refuse(r)])?;
    }

    let shares: Vec<Option<Share>> = account.debtors.iter().map(|d| d.share).collect();
    let with_share = shares.iter().filter(|s| s.is_some()).count();
    if with_share != 0 && with_share != shares.len() {
        return Err(vec![refuse(
            "shares are given for some debtors only: give every owner's share, or none for joint liability",
        )]);
    }
    let mut refusals = Vec::new();
    let mut usable = Vec::new();
    for d in &account.debtors {
        let who = Some(d.full_name.clone());
        if let Some(reason) = status_reason(d.status) {
            refusals.push(Refusal {
                debtor: who,
                reason: reason.into(),
            });
        } else if d.full_name.trim().is_empty() {
            refusals.push(Refusal {
                debtor: who,
                reason: "the debtor's name is missing".into(),
            });
        } else if d.residence_address.is_none() && account.premises_address.is_none() {
            refusals.push(Refusal {
                debtor: who,
                reason: "the debtor's residence is unknown (ГПК ст.124 ч.2 п.3)".into(),
            });
        } else {
            usable.push(d);
        }
    }
    if with_share == 0 && !refusals.is_empty() {
        // Joint liability: one application for all or none.
        return Err(refusals);
    }
    // Each owner's part of the sums; when the shares add up to 1 the last owner takes the remainder,
    // so the parts add up to the account's sums to the kopeck.
    let whole_split = shares_sum_to_one(&shares);
    let mut parts: Vec<(Decimal, Decimal)> = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        let part = match share {
            None => (claim_principal, calc.penalty),
            Some(_) if whole_split && i + 1 == shares.len() => {
                let (p, q): (Decimal, Decimal) = (
                    parts.iter().map(|x| x.0).sum(),
                    parts.iter().map(|x| x.1).sum(),
                );
                (claim_principal - p, calc.penalty - q)
            }
            Some(s) => (
                kopecks(claim_principal * s.as_decimal()),
                kopecks(calc.penalty * s.as_decimal()),
            ),
        };
        parts.push(part);
    }
    let mut apps = Vec::new();
    for d in usable {
        let idx = account
            .debtors
            .iter()
            .position(|x| std::ptr::eq(x, d))
            .unwrap_or(0);
        let (principal, penalty) = parts[idx];
        if with_share == 0 && !apps.is_empty() {
            break;
        }
        let total = principal + penalty;
        let (court, court_basis) = match court_of(total) {
            Ok(c) => c,
            Err(r) => {
                refusals.push(refuse(r));
                continue;
            }
        };
        let Some(duty) = state_duty(total, calc.as_of) else {
            refusals.push(refuse(format!(
                "no state-duty scale is known for filing on {}",
                calc.as_of
            )));
            continue;
        };
        apps.push(Application {
            account,
            debtors: if with_share == 0 {
                account.debtors.iter().collect()
            } else {
                vec![d]
            },
            share: d.share,
            court,
            court_basis,
            principal,
            penalty,
            total,
            duty: match filing {
                Filing::CourtOrder => duty.court_order,
                Filing::Claim { credit } => {
                    let credit = d.share.map_or(credit, |s| kopecks(credit * s.as_decimal()));
                    (duty.claim - credit).max(Decimal::ZERO)
                }
            },
            duty_full: match filing {
                Filing::CourtOrder => duty.court_order,
                Filing::Claim { .. } => duty.claim,
            },
            filing,
        });
    }
    if apps.is_empty() {
        Err(refusals)
    } else {
        Ok(apps)
    }
}

/// Whether the shares add up to exactly 1, in integer arithmetic (1/3 + 1/3 + 1/3 does).
fn shares_sum_to_one(shares: &[Option<Share>]) -> bool {
    let (mut num, mut den) = (0u128, 1u128);
    for s in shares.iter().flatten() {
        num = num * u128::from(s.denominator) + u128::from(s.numerator) * den;
        den *= u128::from(s.denominator);
        if den > 1 << 60 {
            return false;
        }
    }
    !shares.is_empty() && num == den
}

/// The debtor block of the header: one line per known fact.
fn debtor_lines(d: &Debtor, account: &Account) -> Vec<String> {
    let mut lines = Vec::new();
    match (d.birth_date, &d.birth_place) {
        (Some(date), Some(place)) => lines.push(format!(
            "дата рождения: {}, место рождения: {place}",
            ru_date(date)
        )),
        (Some(date), None) => lines.push(format!("дата рождения: {}", ru_date(date))),
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
            ru_date(as_of)
        ),
        (None, RateDate::Calculation) => format!(
            "по ключевой ставке Банка России на дату расчёта ({}); с 28.02.2022 по 31.12.2026 — не выше 9,5 % (ПП РФ от 26.03.2022 № 474 с изменениями)",
            ru_date(as_of)
        ),
    };
    let moratoria = if conv.moratoria.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = conv
            .moratoria
            .iter()
            .map(|m| format!("{} ({}–{})", m.name, ru_date(m.from), ru_date(m.to)))
            .collect();
        format!(" Пени не начислялись в дни моратория: {}.", list.join("; "))
    };
    format!(
        "Пени начислены с 31-го по 90-й день просрочки в размере 1/300, с 91-го дня — 1/130 {rate}.{moratoria} Срок оплаты — {} число месяца, следующего за расчётным (с расчётного периода март 2026 г. — 15 число).",
        conv.due_day
    )
}

/// The values of the application and its annex (one `data.json` serves both).
pub fn data(app: &Application, calc: &AccountCalc, conv: &Conventions) -> Value {
    let as_of = calc.as_of;
    let account = app.account;
    let claimed: Vec<_> = calc
        .months
        .iter()
        .filter(|m| !m.debt.is_zero() || !m.penalty.is_zero())
        .collect();
    let with_debt: Vec<_> = claimed
        .iter()
        .filter(|m| !m.debt.is_zero() && m.due < as_of)
        .collect();
    let several = app.debtors.len() > 1;
    let mut demands = Vec::new();
    if app.principal > Decimal::ZERO
        && let (Some(a), Some(b)) = (with_debt.first(), with_debt.last())
    {
        demands.push(format!(
            "задолженности по оплате коммунальных услуг за период {} в размере {} руб.;",
            month_span(a.period, b.period),
            ru(app.principal)
        ));
    }
    let (pen_from, pen_to) = (
        calc.rows.iter().map(|r| r.from).min(),
        calc.rows.iter().map(|r| r.to).max(),
    );
    if app.penalty > Decimal::ZERO
        && let (Some(f), Some(t)) = (pen_from, pen_to)
    {
        demands.push(format!(
            "пеней за период с {} по {} в размере {} руб.;",
            ru_date(f),
            ru_date(t),
            ru(app.penalty)
        ));
    }
    let breach = match (with_debt.first(), with_debt.last()) {
        (Some(a), Some(b)) => format!(
            "Обязанность по оплате коммунальных услуг за период {} не исполнена или исполнена не полностью: задолженность составляет {} руб.",
            month_span(a.period, b.period),
            ru(calc.overdue)
        ),
        _ => "Оплата коммунальных услуг вносилась с нарушением установленного срока.".to_string(),
    };
    let liability = match (app.share, several) {
        (Some(s), _) => format!(
            "Должник является собственником {s} доли в праве общей долевой собственности на помещение и несёт обязанность по оплате коммунальных услуг соразмерно своей доле (ст. 249 ГК РФ, ст. 30, 153 ЖК РФ); требования заявлены в размере, соответствующем доле."
        ),
        (None, true) => "Должники несут солидарную обязанность по оплате коммунальных услуг, предоставленных в помещение (ст. 322 ГК РФ, ч. 3 ст. 31 ЖК РФ).".to_string(),
        (None, false) => "Должник является потребителем коммунальных услуг, предоставляемых в указанное помещение.".to_string(),
    };
    let unknown: Vec<String> = app
        .debtors
        .iter()
        .filter_map(|d| unknown_statement(d, several))
        .collect();
    let mut attachments = vec![
        format!(
            "Расчёт задолженности и пеней по лицевому счёту № {}.",
            account.id
        ),
        format!(
            "Выписка из лицевого счёта № {} (история начислений и оплат).",
            account.id
        ),
        "Документ об уплате государственной пошлины.".to_string(),
        "Копия выписки из ЕГРЮЛ в отношении взыскателя.".to_string(),
    ];
    attachments.push("Копия доверенности представителя.".to_string());
    let claim = matches!(app.filing, Filing::Claim { .. });
    if claim {
        // ГПК ст.132: proof that the copies were sent; the cancelled order for the duty credit.
        attachments.push("Документы, подтверждающие направление ответчику копии искового заявления и приложенных документов (ст. 132 ГПК РФ).".to_string());
        if app.duty < app.duty_full {
            attachments.push("Копия определения об отмене судебного приказа и документ об уплате государственной пошлины за его выдачу (зачёт, пп. 13 п. 1 ст. 333.20 НК РФ).".to_string());
        }
    }
    let sum_listed = |f: fn(&crate::law::account::MonthCalc) -> Decimal| -> String {
        ru(claimed.iter().map(|m| f(m)).sum())
    };
    json!({
        "account": account.id,
        "date": ru_date(as_of),
        "services": services(account),
        "premises": account.premises_address.clone()
            .or_else(|| app.debtors.iter().find_map(|d| d.residence_address.clone()))
            .unwrap_or_default(),
        "liability": liability,
        "breach": breach,
        "method": method(conv, as_of),
        "penalty_period": {
            "from": pen_from.map(ru_date),
            "to": pen_to.map(ru_date),
        },
        "debtors": app.debtors.iter().map(|d| json!({
            "full_name": d.full_name,
            "genitive": crate::names::decline(&d.full_name, crate::names::Case::Genitive),
            "lines": debtor_lines(d, account),
        })).collect::<Vec<_>>(),
        "debtor_label": if several { "Должники" } else { "Должник" },
        "debtor_names": app.debtors.iter().map(|d| d.full_name.as_str()).collect::<Vec<_>>().join(", "),
        "unknown": if unknown.is_empty() { Value::Null } else { Value::from(unknown.join(" ")) },
        // «с должника Иванова Петра Сергеевича»: the debtors by name, in the genitive.
        "from_whom": format!("{} {}", match (claim, several) {
            (false, false) => "с должника",
            (false, true) => "солидарно с должников",
            (true, false) => "с ответчика",
            (true, true) => "солидарно с ответчиков",
        }, super::names_in(&app.debtors, crate::names::Case::Genitive)),
        "claim_period": match (with_debt.first(), with_debt.last(), pen_from, pen_to) {
            (Some(a), Some(b), _, _) => Value::from(format!("{}–{}", a.period, b.period)),
            (_, _, Some(f), Some(t)) => Value::from(format!("{}–{}", ru_date(f), ru_date(t))),
            _ => Value::Null,
        },
        "annex_to": if claim { "к исковому заявлению" } else { "к заявлению о вынесении судебного приказа" },
        "demands": demands,
        "share": app.share.map(|s| s.to_string()),
        "sums": {
            "principal": ru(app.principal),
            "penalty": ru(app.penalty),
            "total": ru(app.total),
            "total_words": words::rubles(app.total),
            "duty": ru(app.duty),
            "duty_full": ru(app.duty_full),
            "duty_credit": ru(app.duty_full - app.duty),
            "has_penalty": app.penalty > Decimal::ZERO,
            "charged": sum_listed(|m| m.charged),
            "paid": sum_listed(|m| m.paid),
            "account_principal": ru(calc.overdue),
            "account_penalty": ru(calc.penalty),
            "account_total": ru(calc.overdue + calc.penalty),
        },
        "months": claimed.iter().map(|m| json!({
            "period": m.period.to_string(),
            "due": ru_date(m.due),
            "charged": ru(m.charged),
            "paid": ru(m.paid),
            "debt": ru(m.debt),
        })).collect::<Vec<_>>(),
        "months_note": if claimed.len() < calc.months.len() {
            Value::from(format!("Месяцы, оплаченные полностью без начисления пеней ({}), в таблицу не включены.", calc.months.len() - claimed.len()))
        } else { Value::Null },
        "rows": calc.rows.iter().map(|r| {
            let rate = r.rate.normalize().to_string().replace('.', ",");
            json!({
                "period": r.period.to_string(),
                "from": ru_date(r.from),
                "to": ru_date(r.to),
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
        }).collect::<Vec<_>>(),
        "attachments": attachments,
    })
}

/// Adds the court-order packages of one account to the batch, or its refusals.
pub fn build(
    config: &Config,
    account: &Account,
    calc: &AccountCalc,
    conv: &Conventions,
    batch: &mut Batch,
) {
    let apps = match plan(config, account, calc) {
        Ok(apps) => apps,
        Err(refusals) => {
            batch.refuse_each(&account.id, KIND, refusals);
            return;
        }
    };
    for app in apps {
        let value = data(&app, calc, conv);
        let period = value["claim_period"].clone();
        let data = batch.data(value);
        push_package(
            batch,
            &app,
            KIND,
            data,
            period,
            ("court-order.typ.j2", APPLICATION, "application"),
        );
    }
}

/// Adds a filing's two PDFs to the batch: its statement (`first`: template, file, document) and the
/// calculation annex, in the application's folder under `courts/`.
/// A claim's statement is also mailed to each defendant (ГПК ст.132 п.6): its meta names them.
pub fn push_package(
    batch: &mut Batch,
    app: &Application,
    kind: &str,
    data: usize,
    period: Value,
    first: (&'static str, &str, &str),
) {
    let mail: Vec<Value> = app
        .debtors
        .iter()
        .map(|d| json!({ "name": d.full_name, "address": d.residence_address.clone().or_else(|| app.account.premises_address.clone()) }))
        .collect();
    let folder = batch.unique_folder(app.folder(false), app.folder(true));
    for (template, file, document) in [first, ("calculation.typ.j2", CALCULATION, "calculation")] {
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/{file}"),
            template,
            office: Some(app.court.id.clone()),
            data,
            files: Vec::new(),
            meta: json!({
                "account": app.account.id,
                "debtors": app.debtors.iter().map(|d| d.full_name.as_str()).collect::<Vec<_>>(),
                "share": app.share.map(|s| s.to_string()),
                "kind": kind,
                "document": document,
                "recipient": app.court.id,
                "court_basis": app.court_basis,
                "principal": fixed2(app.principal),
                "penalty": fixed2(app.penalty),
                "total": fixed2(app.total),
                "duty": fixed2(app.duty),
                "duty_credit": fixed2(app.duty_full - app.duty),
                "period": period,
                "mail": if kind == "claim" && document != "calculation" { Value::from(mail.clone()) } else { Value::Null },
            }),
        });
    }
}
