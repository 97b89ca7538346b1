//! The days by which something in a case must be done, computed so that nothing due is forgotten
//! (`legal-rules.md` §5.3, §13): the last day to file for the oldest month still within limitation
//! (ГК ст.196, 200; Пленум ВС № 43), the end of the objection term of an issued court order (ГПК
//! ст.128: 10 days; counted from the issue, as its delivery to the debtor is rarely known), the
//! last day a writ may be presented (229-ФЗ ст.21–22), the day a delivered warning's 20 days run
//! out (Правила № 354 п.119 «а»), the day a warning stops supporting a restriction, and an
//! instalment agreement's next part or the part missed (`agreement.rs`). Pure: the as-of date comes with the case.

use super::calendar::add_days;
use super::case::{Case, OrderState, Presentation, WarningState};
use super::limitation::State;
use super::terms::ORDER_OBJECTION_DAYS;
use crate::lang::Text;
use crate::money::ru;
use crate::tr;
use chrono::NaiveDate;

/// What a deadline is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// File before this day, or the month is lost to limitation.
    Limitation,
    /// The debtor's objection term to a court order ends: the order may be enforced after it.
    Objection,
    /// The writ must be presented by this day.
    WritTerm,
    /// A delivered warning's 20 days run out: a restriction is possible from the next day.
    Warning,
    /// A delivered warning no longer supports a restriction after this day.
    WarningValid,
    /// An instalment agreement's next part, or the part missed (`law::agreement`).
    Agreement,
    /// A restricted service is to be resumed by this day (п.120 Правил № 354).
    Resumption,
    /// The register of a bankruptcy case closes (127-ФЗ ст.213.8 п.2, ст.213.24 п.4): the claim
    /// for the debts before the petition is filed by this day (`law::cutoff`).
    Register,
}

/// A day by which something must be done, and what, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub date: NaiveDate,
    pub what: What,
    pub text: Text,
    /// Within its warning window, or passed: to be acted on now.
    pub urgent: bool,
}

fn day(d: NaiveDate) -> String {
    crate::russian::date(d)
}

/// Every deadline of the case, nearest first.
pub fn deadlines(case: &Case) -> Vec<Deadline> {
    let as_of = case.as_of();
    let terms = case.terms();
    let mut out = Vec::new();
    // The oldest month owed whose limitation runs and that no pending application claims.
    if let Some((m, ends)) = case
        .calc
        .months
        .iter()
        .filter(|m| m.debt > rust_decimal::Decimal::ZERO && m.limitation.state == State::Running)
        .find_map(|m| m.limitation_ends.map(|e| (m, e)))
    {
        out.push(Deadline {
            date: ends,
            what: What::Limitation,
            text: {
                let (by, month, period) = (day(ends), crate::russian::month(m.period), m.period);
                tr!(
                    "deadline.limitation",
                    "подать до {by} — иначе истекает срок исковой давности за {month}",
                    "file by {by}, or the limitation period for {period} runs out"
                )
            },
            urgent: ends <= add_days(as_of, terms.filing_warn_days),
        });
    }
    let issued = match case.order {
        Some(o) if o.state == OrderState::Issued && case.writ.is_none() => Some(o.event),
        Some(o) if o.state == OrderState::Filed => case.unenforced_order(),
        _ => None,
    };
    if let Some(order) = issued {
        let ends = add_days(order.date, ORDER_OBJECTION_DAYS);
        out.push(Deadline {
            date: ends,
            what: What::Objection,
            text: {
                let (number, on) = (order.reference.as_deref().unwrap_or(""), day(ends));
                tr!(
                    "deadline.objection",
                    "срок для возражений на судебный приказ {number} истекает {on} (ГПК ст.128): затем — получить приказ с отметкой о вступлении в силу и предъявить",
                    "the objection term of court order {number} ends {on} (ГПК ст.128): then obtain the order marked enforceable and present it"
                )
            },
            urgent: ends <= as_of,
        });
    }
    if let Some(w) = case.writ.as_ref()
        && let (Some(ends), false) = (
            w.term_ends,
            matches!(w.presentation, Presentation::Out { .. }),
        )
    {
        out.push(Deadline {
            date: ends,
            what: What::WritTerm,
            text: {
                let (number, by) = (w.issued.reference.as_deref().unwrap_or(""), day(ends));
                tr!(
                    "deadline.writ",
                    "предъявить исполнительный документ {number} до {by} (229-ФЗ ст.21)",
                    "present writ {number} by {by} (229-ФЗ ст.21)"
                )
            },
            urgent: ends <= add_days(as_of, terms.filing_warn_days),
        });
    }
    out.extend(warning(case));
    out.extend(agreement(case));
    out.extend(register(case));
    out.extend(resumption(case));
    out.sort_by_key(|d| d.date);
    out
}

/// A delivered warning's 20 days, or the day it stops supporting a restriction.
fn warning(case: &Case) -> Option<Deadline> {
    let as_of = case.as_of();
    let terms = case.terms();
    match case.warning_state() {
        WarningState::Running { restrict_from, .. } => Some(Deadline {
            date: restrict_from,
            what: What::Warning,
            text: {
                let from = day(restrict_from);
                tr!(
                    "deadline.warning",
                    "20 дней после вручения предупреждения истекают: ограничение возможно с {from} (п.119 «а» Правил № 354)",
                    "the warning's 20 days after delivery run out: restriction possible from {from} (п.119 «а» Правил № 354)"
                )
            },
            urgent: false,
        }),
        WarningState::Run(delivered) => {
            let valid = add_days(delivered.date, terms.warning_valid_days);
            Some(Deadline {
                date: valid,
                what: What::WarningValid,
                text: {
                    let (on, until) = (day(delivered.date), day(valid));
                    tr!(
                        "deadline.warning_valid",
                        "предупреждение, врученное {on}, основание для ограничения до {until}; позже — направить новое",
                        "the warning delivered {on} supports a restriction until {until}; after that, send a new one"
                    )
                },
                urgent: valid <= add_days(as_of, 7),
            })
        }
        _ => None,
    }
}

/// The last day to resume a restricted service whose debt is paid or agreed.
fn resumption(case: &Case) -> Option<Deadline> {
    let r = super::gates::resumption_due(case)?;
    let by = day(r.by());
    Some(Deadline {
        date: r.by(),
        what: What::Resumption,
        text: tr!(
            "deadline.resumption",
            "возобновить предоставление услуги не позднее {by} (п.120 Правил № 354)",
            "resume the service by {by} (п.120 Правил № 354)"
        ),
        urgent: true,
    })
}

/// The day the register of the debtor's bankruptcy case closes, while its claim is not filed.
fn register(case: &Case) -> Option<Deadline> {
    let cut = super::cutoff::of(case.account)?;
    let closes = cut.register_closes()?;
    let asked = super::gates::Asked {
        name: "",
        title: "",
    };
    super::gates::REGISTER_CLAIM.allows(case, asked).ok()?;
    let by = day(closes);
    Some(Deadline {
        date: closes,
        what: What::Register,
        text: tr!(
            "deadline.register",
            "подать требование о включении в реестр требований кредиторов до {by} (2 месяца с публикации о введении процедуры, 127-ФЗ ст.213.8 п.2); позже — только за реестром",
            "file the claim for the register of creditors by {by} (2 months from the procedure's publication, 127-ФЗ ст.213.8 п.2); later it ranks after the register"
        ),
        urgent: closes <= add_days(case.as_of(), 14),
    })
}

/// An instalment agreement's part missed, or its next part.
fn agreement(case: &Case) -> Option<Deadline> {
    let s = case.agreement_standing()?;
    if let Some(m) = &s.missed {
        return Some(Deadline {
            date: m.date,
            what: What::Agreement,
            text: {
                let (n, on, due, paid) = (m.n, day(m.date), ru(m.due), ru(m.paid));
                tr!(
                    "deadline.agreement_missed",
                    "платёж № {n} по соглашению о погашении задолженности ({on}) не внесён в срок: к этому дню причиталось {due} руб., внесено {paid} руб. — записать нарушение соглашения (agreement_breached)",
                    "part {n} of the repayment agreement ({on}) is not paid in time: {due} was due by that day, {paid} paid — record the breach (agreement_breached)"
                )
            },
            urgent: true,
        });
    }
    let (n, date, sum) = s.next?;
    Some(Deadline {
        date,
        what: What::Agreement,
        text: {
            let (sum, by) = (ru(sum), day(date));
            tr!(
                "deadline.agreement_next",
                "платёж № {n} по соглашению о погашении задолженности: {sum} руб. до {by}",
                "part {n} of the repayment agreement: {sum} by {by}"
            )
        },
        urgent: false,
    })
}
