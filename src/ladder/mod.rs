//! The case ladder: from an account's case (`law::case`), the next step, the earliest day it may be
//! taken, and why. Pure: the as-of date comes with the case.
//!
//! notice (+ SMS, call) → warning (п.119 Правил № 354, where a service may be restricted) →
//! restriction → court order (within the ceiling) or claim → once the order or writ is enforceable:
//! the debtor's bank (229-ФЗ ст.8), else the bailiffs (ст.30); a writ returned by the bank goes to
//! the bailiffs. A running instalment agreement pauses the ladder; a breach resumes it at the court.
//!
//! The stages are tried from the last one back: the first that has something to say decides.
//! `step.rs` holds the step and a decision, `contact.rs` the stages before the court.

use crate::lang::Text;
use crate::law::calendar::add_days;
use crate::law::case::{Case, OrderState, Presentation, Route, Stage};
use crate::law::eligibility::{order_scope, pending_application};
use crate::law::gates;
use crate::law::terms::ORDER_OBJECTION_DAYS;
use crate::law::thresholds::court_order_allowed;
use crate::money::ru;
use crate::tr;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The next step of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    /// Where the case stands (at its last event, or in debt or not).
    pub stage: Stage,
    pub step: Step,
    /// The steps whose documents `generate --docs auto` makes: the step's own, and after a failed
    /// court order a new application for the months it did not claim (`Step::CourtOrder`).
    pub steps: Vec<Step>,
    /// The earliest day the step may be taken (the as-of date or later).
    pub earliest: Option<NaiveDate>,
    pub reason: Text,
}

/// The next step of the account whose case this is.
pub fn next_step(case: &Case) -> NextStep {
    let mut d = resumption(case)
        .or_else(|| settled(case))
        .or_else(|| enforcement(case))
        .or_else(|| court(case))
        .or_else(|| agreement(case))
        .or_else(|| restricted(case))
        .or_else(|| contact(case))
        .unwrap_or_else(|| match case.demanded() {
            // A letter asks only for the months within limitation (`Case::within_limitation`).
            d if d <= Decimal::ZERO => {
                let debt = ru(case.total());
                Decided {
                    step: Step::None,
                    from: None,
                    why: tr!(
                        "ladder.all_barred",
                        "долг {debt} целиком за пределами срока исковой давности: письмом он не требуется (ГК ст.196, 199)",
                        "debt {debt} is all past limitation: no letter demands it (ГК ст.196, 199)"
                    ),
                }
            }
            d => {
                let debt = ru(d);
                Decided {
                    step: Step::Notice,
                    from: Some(case.as_of()),
                    why: tr!(
                        "ladder.notice",
                        "долг {debt}, мер ещё не принималось → уведомление",
                        "debt {debt} and no step taken yet → notice"
                    ),
                }
            }
        });
    // A step the journal shows taken after the as-of date is not proposed again.
    if let Some(taken) = d.step.gate().and_then(|g| g.taken(case)) {
        d = Decided {
            step: Step::None,
            from: None,
            why: d.why.join("; ", &taken),
        };
    }
    let mut steps = vec![d.step];
    // The months before a bankruptcy or a death: the papers that replace the court order.
    for (step, why) in split_steps(case) {
        if d.step == Step::None {
            (d.step, d.from, d.why) = (step, Some(case.as_of()), why);
            steps = vec![step];
        } else {
            steps.push(step);
            d.why = d.why.join("; ", &why);
        }
    }
    if let Some(why) = later_months(case, &steps) {
        if d.step == Step::None {
            d.step = Step::CourtOrder;
            d.from = Some(case.as_of());
            steps.clear();
        }
        steps.push(Step::CourtOrder);
        d.why = d.why.join("; ", &why);
    }
    NextStep {
        stage: case.stage(),
        step: d.step,
        steps,
        earliest: d.from.map(|day| day.max(case.as_of())),
        reason: d.why,
    }
}

/// The steps for the months before a bankruptcy or a death (`law::cutoff`) whose gates open, each
/// with why.
fn split_steps(case: &Case) -> Vec<(Step, Text)> {
    let Some(cut) = crate::law::cutoff::of(case.account) else {
        return Vec::new();
    };
    let owed = ru(cut.owed_before(&case.account.ledger));
    let day = day(cut.day);
    let open = |s: Step| {
        s.gate().is_some_and(|g| {
            let asked = gates::Asked {
                name: "",
                title: "",
            };
            g.allows(case, asked).is_ok()
        })
    };
    let mut out = Vec::new();
    match cut.why {
        crate::law::cutoff::Why::Bankruptcy(b) => {
            let case_no = b.case_number.clone().unwrap_or_default();
            let closes = cut.register_closes();
            let late = closes.is_some_and(|d| d < case.as_of());
            let until = closes.map(|d| match late {
                false => format!(", подать до {}", self::day(d)),
                true => format!(
                    "; срок включения в реестр (2 месяца с публикации) истёк {}: требование, поданное позже, удовлетворяется после реестровых (127-ФЗ ст.142 п.4, ст.213.27 п.4)",
                    self::day(d)
                ),
            });
            let until_en = closes.map(|d| match late {
                false => format!(", file by {}", self::day(d)),
                true => format!(
                    "; the register closed {} (2 months from publication): a later claim is paid after the register's (127-ФЗ ст.142 п.4, ст.213.27 п.4)",
                    self::day(d)
                ),
            });
            let (until, until_en) = (until.unwrap_or_default(), until_en.unwrap_or_default());
            if open(Step::RegisterClaim) {
                out.push((Step::RegisterClaim, tr!(
                    "ladder.register_claim",
                    "долг до принятия заявления о банкротстве {day} ({owed} без пеней) → требование о включении в реестр требований кредиторов (127-ФЗ ст.71, 213.8), дело № {case_no}{until}",
                    "debt before the bankruptcy petition's acceptance {day} ({owed} before penalties) → claim for the register of creditors (127-ФЗ ст.71, 213.8), case № {case_no}{until_en}"
                )));
            }
        }
        crate::law::cutoff::Why::Death(_) => {
            for (step, why) in [
                (
                    Step::EstateClaim,
                    tr!(
                        "ladder.estate_claim",
                        "долг умершего на {day} ({owed} без пеней) → претензия кредитора нотариусу наследственного дела (ГК ст.1175 ч.3)",
                        "the deceased's debt on {day} ({owed} before penalties) → creditor's claim to the notary of the inheritance case (ГК ст.1175 ч.3)"
                    ),
                ),
                (
                    Step::HeirsClaim,
                    tr!(
                        "ladder.heirs_claim",
                        "наследники известны → требование к наследникам в пределах стоимости наследственного имущества (ГК ст.1175 ч.1)",
                        "the heirs are known → claim to the heirs within the value of the inheritance (ГК ст.1175 ч.1)"
                    ),
                ),
            ] {
                if open(step) {
                    out.push((step, why));
                }
            }
        }
    }
    out
}

/// Months owed that no court order claimed, while the case is before a court for others: they go
/// to a new court-order application (ГПК ст.121, 135 ч.1 п.1.1), once they reach the least sum.
fn later_months(case: &Case, steps: &[Step]) -> Option<Text> {
    if case.order.is_none()
        || steps.contains(&Step::CourtOrder)
        || gates::COURT_ORDER.taken(case).is_some()
        || case.agreement.honoured()
        || case.out_of_ladder().is_some()
        || pending_application(case).is_some()
    {
        return None;
    }
    let scope = order_scope(case);
    let total = scope.total();
    let enough = total >= case.claiming.min_order_claim && total > Decimal::ZERO;
    if !enough || !court_order_allowed(total, case.as_of()) {
        return None;
    }
    let (first, last) = (scope.months.first()?, scope.months.last()?);
    let total = ru(total);
    Some(tr!(
        "ladder.later_months",
        "месяцы {first}–{last} ({total}) не вошли ни в один судебный приказ → судебный приказ",
        "the months {first}–{last} ({total}) are in no court order → court order"
    ))
}

/// Nothing past due, or no debtor the ladder applies to.
fn settled(case: &Case) -> Option<Decided> {
    if case.total() <= Decimal::ZERO {
        return wait(tr!(
            "ladder.nothing_due",
            "просроченной задолженности нет",
            "nothing past due"
        ));
    }
    let d = case.out_of_ladder()?;
    let (name, ru, en) = (&d.full_name, d.status.word_ru(), format!("{:?}", d.status));
    if d.death.is_some() || d.bankruptcy.is_some() {
        // What a register says of him, with the rule (`workspace::registers`).
        let why = crate::law::eligibility::status_reason(d)?;
        let (w_ru, w_en) = (why.ru(), why.en());
        return wait(tr!(
            "ladder.out_of_ladder.listed",
            "{name}: {w_ru}; эта последовательность мер к нему не применяется",
            "{name}: {w_en}; this ladder does not apply"
        ));
    }
    wait(tr!(
        "ladder.out_of_ladder",
        "{name}: статус «{ru}»; эта последовательность мер к нему не применяется",
        "{name}: status {en}; this ladder does not apply"
    ))
}

/// A writ: presented, returned, or to be presented — to the one place its route allows.
fn enforcement(case: &Case) -> Option<Decided> {
    let w = case.writ.as_ref()?;
    let issued = day(w.issued.date);
    let term = w.term_ends.map(day).unwrap_or_default();
    if let (Presentation::Out { to, since }, false) = (w.presentation, w.expired(case.as_of())) {
        let since = day(since.date);
        return wait(match to {
            Route::Bank => tr!(
                "ladder.writ_out",
                "исполнительный документ предъявлен в банк {since}; ждём результата",
                "writ presented to the bank {since}; wait for the result"
            ),
            Route::Bailiffs => tr!(
                "ladder.writ_out",
                "исполнительный документ предъявлен приставам {since}; ждём результата",
                "writ presented to the bailiffs {since}; wait for the result"
            ),
        });
    }
    let route = match case.writ_route() {
        Ok(route) => route,
        Err(why) => return wait(why),
    };
    let bank = case.account.bank.as_deref().unwrap_or("");
    match (w.presentation, route) {
        (
            Presentation::Returned {
                from: Route::Bank,
                on,
            },
            _,
        ) => {
            let on_day = day(on.date);
            decided(
                Step::Fssp,
                Some(on.date),
                tr!(
                    "ladder.writ_bank_returned",
                    "исполнительный документ возвращён банком {on_day} → приставам (ст.30); может быть предъявлен до {term}",
                    "writ returned by the bank {on_day} → bailiffs (ст.30); presentable to {term}"
                ),
            )
        }
        (Presentation::Returned { on, .. }, _) => {
            let on_day = day(on.date);
            decided(
                Step::Bank,
                Some(on.date),
                tr!(
                    "ladder.writ_bailiffs_returned",
                    "исполнительный документ возвращён приставами {on_day} → в банк должника {bank} (ст.8); может быть предъявлен до {term}",
                    "writ returned by the bailiffs {on_day} → the debtor's bank {bank} (ст.8); presentable to {term}"
                ),
            )
        }
        (_, Route::Bank) => decided(
            Step::Bank,
            Some(w.issued.date),
            tr!(
                "ladder.writ_to_bank",
                "исполнительный документ выдан {issued} (срок предъявления до {term}) → в банк должника {bank} (ст.8)",
                "writ issued {issued} (valid to {term}) → the debtor's bank {bank} (ст.8)"
            ),
        ),
        (_, Route::Bailiffs) => decided(
            Step::Fssp,
            Some(w.issued.date),
            tr!(
                "ladder.writ_to_bailiffs",
                "исполнительный документ выдан {issued} (срок предъявления до {term}); банк неизвестен → приставам (ст.30)",
                "writ issued {issued} (valid to {term}); no bank known → bailiffs (ст.30)"
            ),
        ),
    }
}

/// A claim or a court order in progress.
fn court(case: &Case) -> Option<Decided> {
    if let Some(j) = case.claim {
        let (event, label, on) = (j.kind.name(), j.kind.label(), day(j.date));
        return wait(tr!(
            "ladder.claim_pending",
            "«{label}» {on}; ждём исполнительного листа",
            "{event} {on}; wait for the writ"
        ));
    }
    let order = case.order?;
    let on = day(order.event.date);
    match order.state {
        OrderState::Cancelled | OrderState::Refused => {
            let (credit_ru, credit_en) = match order.duty_paid {
                Some(c) => (
                    format!(", с зачётом пошлины за приказ {}", ru(c)),
                    format!(", duty for the order {} to be credited", ru(c)),
                ),
                None => Default::default(),
            };
            let (what_ru, what_en) = (order.state.word_ru(), order.state.word());
            decided(
                Step::Claim,
                Some(order.event.date),
                tr!(
                    "ladder.order_failed",
                    "судебный приказ {what_ru} {on} → исковое заявление{credit_ru}",
                    "order {what_en} {on} → claim{credit_en}"
                ),
            )
        }
        OrderState::Returned => court_step(
            case,
            order.event.date,
            tr!(
                "ladder.order_returned",
                "заявление о вынесении судебного приказа возвращено {on} (ГПК ст.125 ч.1): исправить и подать снова",
                "order application returned {on} (ГПК ст.125 ч.1): fix and file again"
            ),
        ),
        OrderState::Issued => decided(
            Step::None,
            Some(add_days(order.event.date, ORDER_OBJECTION_DAYS)),
            tr!(
                "ladder.order_issued",
                "судебный приказ вынесен {on}; подлежит исполнению после срока на возражения (запишите writ_issued с заверенной копией)",
                "order issued {on}; enforceable once the objection term runs (record writ_issued with the certified copy)"
            ),
        ),
        OrderState::Filed => match case.unenforced_order() {
            // The order issued before is not forgotten while the new application waits.
            Some(issued) => {
                let number = issued.reference.as_deref().unwrap_or("");
                let issued_on = day(issued.date);
                decided(
                    Step::None,
                    Some(add_days(issued.date, ORDER_OBJECTION_DAYS)),
                    tr!(
                        "ladder.order_unenforced",
                        "судебный приказ {number} от {issued_on} ещё не предъявлен: после срока на возражения запишите writ_issued с заверенной копией, затем — банк или приставы; заявление, поданное {on}, ждёт суда",
                        "order {number} issued {issued_on} is not yet enforced: once the objection term runs, record writ_issued with the certified copy, then the bank or the bailiffs; the application filed {on} waits for the court"
                    ),
                )
            }
            None => wait(tr!(
                "ladder.order_filed",
                "заявление о вынесении судебного приказа подано {on}; ждём суда",
                "order application filed {on}; wait for the court"
            )),
        },
    }
}

/// An instalment agreement: honoured, it pauses the ladder; breached, the court is next.
fn agreement(case: &Case) -> Option<Decided> {
    let a = case.agreement;
    if a.honoured() {
        let signed = day(a.signed.map(|s| s.date)?);
        let note = match case.agreement_standing() {
            Some(s) => match (&s.missed, s.next) {
                (Some(m), _) => {
                    let (n, of, due_on) = (m.n, s.schedule.len(), day(m.date));
                    let (paid, due) = (ru(m.paid), ru(m.due));
                    let grace = case.terms().agreement_grace_days;
                    tr!(
                        "ladder.agreement_missed",
                        "; платёж {n} из {of} со сроком {due_on} пропущен: уплачено {paid} из {due}, причитавшихся к этому сроку (льготных дней: {grace}) → запишите agreement_breached",
                        "; part {n} of {of} due {due_on} is missed: {paid} paid toward {due} due by then (grace {grace} days) → record agreement_breached"
                    )
                }
                (None, Some((n, date, sum))) => {
                    let (of, sum, by) = (s.schedule.len(), ru(sum), day(date));
                    tr!(
                        "ladder.agreement_next",
                        "; платёж {n} из {of}: {sum} до {by}",
                        "; part {n} of {of}: {sum} by {by}"
                    )
                }
                (None, None) => {
                    let paid = ru(s.paid);
                    tr!(
                        "ladder.agreement_paid",
                        "; все наступившие платежи внесены ({paid} с подписания)",
                        "; every part due is paid ({paid} since signing)"
                    )
                }
            },
            None => tr!(
                "ladder.agreement_unreadable",
                "; его parts= или day= — не число: график не отслеживается",
                "; its parts= or day= is not a number: the schedule is not followed"
            ),
        };
        let (n_ru, n_en) = (note.ru(), note.en());
        return wait(tr!(
            "ladder.agreement_running",
            "соглашение о рассрочке от {signed} исполняется{n_ru}",
            "instalment agreement signed {signed} is running{n_en}"
        ));
    }
    let b = a.breached?;
    let on = day(b.date);
    court_step(
        case,
        b.date,
        tr!(
            "ladder.agreement_breached",
            "соглашение нарушено {on}",
            "agreement breached {on}"
        ),
    )
}

mod contact;
mod step;
use contact::{contact, restricted, resumption};
pub use step::Step;
use step::{Decided, court_step, day, decided, wait};

#[cfg(test)]
mod tests;
