//! The case ladder: from an account's case (`law::case`), the next step, the earliest day it may be
//! taken, and why. Pure: the as-of date comes with the case.
//!
//! notice (+ SMS, call) → warning (п.119 Правил № 354, where a service may be restricted) →
//! restriction → court order (within the ceiling) or claim → once the order or writ is enforceable:
//! the debtor's bank (229-ФЗ ст.8), else the bailiffs (ст.30); a writ returned by the bank goes to
//! the bailiffs. A running instalment agreement pauses the ladder; a breach resumes it at the court.
//!
//! The stages are tried from the last one back: the first that has something to say decides.

use crate::kinds::DocKind;
use crate::law::calendar::add_days;
use crate::law::case::{Case, OrderState, Presentation, Route, WarningState};
use crate::law::eligibility::{order_scope, pending_application};
use crate::law::restriction::{self, Ground, earliest_restriction};
use crate::law::terms::ORDER_OBJECTION_DAYS;
use crate::law::thresholds::{COURT_ORDER_CEILING, court_order_allowed};
use crate::money::ru;
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Nothing to do (no debt, or waiting for someone else).
    None,
    Notice,
    Warning,
    /// Restrict the service: an action, no document.
    Restriction,
    CourtOrder,
    Claim,
    Bank,
    Fssp,
}

impl Step {
    /// The document kinds this step needs (`generate --docs auto`).
    pub fn docs(self) -> &'static [DocKind] {
        match self {
            Step::None | Step::Restriction => &[],
            Step::Notice => &[DocKind::Notice, DocKind::Sms, DocKind::Calls],
            Step::Warning => &[DocKind::Warning],
            Step::CourtOrder => &[DocKind::CourtOrder],
            Step::Claim => &[DocKind::Claim],
            Step::Bank => &[DocKind::Bank],
            Step::Fssp => &[DocKind::Fssp],
        }
    }

    /// The step in Russian, as a list of debtors names it.
    pub fn title(self) -> &'static str {
        match self {
            Step::None => "нет",
            Step::Restriction => "Ограничение услуги",
            other => other.docs()[0].title(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Step::None => "none",
            Step::Restriction => "restriction",
            other => other.docs()[0].name(),
        }
    }
}

/// The next step of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    /// Where the case stands (the last event's name, or `debt` / `no-debt`).
    pub stage: String,
    pub step: Step,
    /// The documents the step makes (`generate --docs auto`): the step's own, and after a failed
    /// court order a new application for the months it did not claim.
    pub docs: Vec<DocKind>,
    /// The earliest day the step may be taken (the as-of date or later).
    pub earliest: Option<NaiveDate>,
    pub reason: String,
}

/// A stage's decision: the step, from when, and why.
struct Decided {
    step: Step,
    from: Option<NaiveDate>,
    why: String,
}

fn decided(step: Step, from: Option<NaiveDate>, why: String) -> Option<Decided> {
    Some(Decided { step, from, why })
}

fn wait(why: String) -> Option<Decided> {
    decided(Step::None, None, why)
}

/// The next step of the account whose case this is.
pub fn next_step(case: &Case) -> NextStep {
    let mut d = settled(case)
        .or_else(|| enforcement(case))
        .or_else(|| court(case))
        .or_else(|| agreement(case))
        .or_else(|| restricted(case))
        .or_else(|| contact(case))
        .unwrap_or_else(|| match case.demanded() {
            // A letter asks only for the months within limitation (`Case::within_limitation`).
            d if d <= Decimal::ZERO => Decided {
                step: Step::None,
                from: None,
                why: format!(
                    "debt {} is all past limitation: no letter demands it (ГК ст.196, 199)",
                    ru(case.total())
                ),
            },
            d => Decided {
                step: Step::Notice,
                from: Some(case.as_of()),
                why: format!("debt {} and no step taken yet → notice", ru(d)),
            },
        });
    // A step the journal shows taken after the as-of date is not proposed again.
    if let Some(taken) = d.step.docs().first().and_then(|k| case.already_taken(*k)) {
        d = Decided {
            step: Step::None,
            from: None,
            why: format!("{}; {taken}", d.why),
        };
    }
    let mut docs = d.step.docs().to_vec();
    if let Some(why) = later_months(case, &docs) {
        if d.step == Step::None {
            d.step = Step::CourtOrder;
            d.from = Some(case.as_of());
        }
        docs.push(DocKind::CourtOrder);
        d.why = format!("{}; {why}", d.why);
    }
    NextStep {
        stage: case.stage(),
        step: d.step,
        docs,
        earliest: d.from.map(|day| day.max(case.as_of())),
        reason: d.why,
    }
}

fn day(date: NaiveDate) -> String {
    date.to_string()
}

/// Months owed that no court order claimed, while the case is before a court for others: they go
/// to a new court-order application (ГПК ст.121, 135 ч.1 п.1.1), once they reach the least sum.
fn later_months(case: &Case, docs: &[DocKind]) -> Option<String> {
    if case.order.is_none()
        || docs.contains(&DocKind::CourtOrder)
        || case.already_taken(DocKind::CourtOrder).is_some()
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
    Some(format!(
        "the months {first}–{last} ({}) are in no court order → court order",
        ru(total)
    ))
}

/// Nothing past due, or no debtor the ladder applies to.
fn settled(case: &Case) -> Option<Decided> {
    if case.total() <= Decimal::ZERO {
        return wait("nothing past due".into());
    }
    let d = case.out_of_ladder()?;
    wait(format!(
        "{}: status {:?}; this ladder does not apply",
        d.full_name, d.status
    ))
}

/// The court step for the account's total: a court order within the ceiling, a claim above it.
fn court_step(case: &Case, from: NaiveDate, why: String) -> Option<Decided> {
    let total = case.total();
    let ceiling = COURT_ORDER_CEILING.text_on(case.as_of());
    let min = case.claiming.min_order_claim;
    if total < min {
        return wait(format!(
            "{why}; debt {} is below the least a court order is sought for ({}, [court] min_order_claim)",
            ru(total),
            ru(min)
        ));
    }
    if court_order_allowed(total, case.as_of()) {
        decided(
            Step::CourtOrder,
            Some(from),
            format!("{why} → court order ({} ≤ {ceiling})", ru(total)),
        )
    } else {
        decided(
            Step::Claim,
            Some(from),
            format!(
                "{why} → claim ({} > {ceiling}, the court-order ceiling)",
                ru(total)
            ),
        )
    }
}

/// A writ: presented, returned, or to be presented — to the one place its route allows.
fn enforcement(case: &Case) -> Option<Decided> {
    let w = case.writ.as_ref()?;
    let issued = day(w.issued.date);
    let term = w.term_ends.map(day).unwrap_or_default();
    if let (Presentation::Out { to, since }, false) = (w.presentation, w.expired(case.as_of())) {
        let at = match to {
            Route::Bank => "the bank",
            Route::Bailiffs => "the bailiffs",
        };
        return wait(format!(
            "writ presented to {at} {}; wait for the result",
            day(since.date)
        ));
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
        ) => decided(
            Step::Fssp,
            Some(on.date),
            format!(
                "writ returned by the bank {} → bailiffs (ст.30); presentable to {term}",
                day(on.date)
            ),
        ),
        (Presentation::Returned { on, .. }, _) => decided(
            Step::Bank,
            Some(on.date),
            format!(
                "writ returned by the bailiffs {} → the debtor's bank {bank} (ст.8); presentable to {term}",
                day(on.date)
            ),
        ),
        (_, Route::Bank) => decided(
            Step::Bank,
            Some(w.issued.date),
            format!("writ issued {issued} (valid to {term}) → the debtor's bank {bank} (ст.8)"),
        ),
        (_, Route::Bailiffs) => decided(
            Step::Fssp,
            Some(w.issued.date),
            format!("writ issued {issued} (valid to {term}); no bank known → bailiffs (ст.30)"),
        ),
    }
}

/// A claim or a court order in progress.
fn court(case: &Case) -> Option<Decided> {
    if let Some(j) = case.claim {
        return wait(format!(
            "{} {}; wait for the writ",
            j.kind.name(),
            day(j.date)
        ));
    }
    let order = case.order?;
    let on = day(order.event.date);
    match order.state {
        OrderState::Cancelled | OrderState::Refused => {
            let credit = order
                .duty_paid
                .map(|c| format!(", duty for the order {} to be credited", ru(c)))
                .unwrap_or_default();
            let what = order.state.word();
            decided(
                Step::Claim,
                Some(order.event.date),
                format!("order {what} {on} → claim{credit}"),
            )
        }
        OrderState::Returned => court_step(
            case,
            order.event.date,
            format!("order application returned {on} (ГПК ст.125 ч.1): fix and file again"),
        ),
        OrderState::Issued => decided(
            Step::None,
            Some(add_days(order.event.date, ORDER_OBJECTION_DAYS)),
            format!(
                "order issued {on}; enforceable once the objection term runs (record writ_issued with the certified copy)"
            ),
        ),
        OrderState::Filed => match case.unenforced_order() {
            // The order issued before is not forgotten while the new application waits.
            Some(issued) => decided(
                Step::None,
                Some(add_days(issued.date, ORDER_OBJECTION_DAYS)),
                format!(
                    "order {} issued {} is not yet enforced: once the objection term runs, record writ_issued with the certified copy, then the bank or the bailiffs; the application filed {on} waits for the court",
                    issued.reference.as_deref().unwrap_or(""),
                    day(issued.date)
                ),
            ),
            None => wait(format!("order application filed {on}; wait for the court")),
        },
    }
}

/// An instalment agreement: honoured, it pauses the ladder; breached, the court is next.
fn agreement(case: &Case) -> Option<Decided> {
    let a = case.agreement;
    if a.honoured() {
        let signed = a.signed.map(|s| s.date)?;
        let note = match case.agreement_standing() {
            Some(s) => match (&s.missed, s.next) {
                (Some(m), _) => format!(
                    "; part {} of {} due {} is missed: {} paid toward {} due by then (grace {} days) → record agreement_breached",
                    m.n,
                    s.schedule.len(),
                    day(m.date),
                    ru(m.paid),
                    ru(m.due),
                    case.terms().agreement_grace_days
                ),
                (None, Some((n, date, sum))) => {
                    format!(
                        "; part {n} of {}: {} by {}",
                        s.schedule.len(),
                        ru(sum),
                        day(date)
                    )
                }
                (None, None) => format!("; every part due is paid ({} since signing)", ru(s.paid)),
            },
            None => "; its parts= or day= is not a number: the schedule is not followed".into(),
        };
        return wait(format!(
            "instalment agreement signed {} is running{note}",
            day(signed)
        ));
    }
    let b = a.breached?;
    court_step(case, b.date, format!("agreement breached {}", day(b.date)))
}

/// A service restricted, suspended or resumed: the court is next.
fn restricted(case: &Case) -> Option<Decided> {
    let r = case.restriction?.event;
    court_step(
        case,
        r.date,
        format!(
            "{} {}; debt {}",
            r.kind.name(),
            day(r.date),
            ru(case.total())
        ),
    )
}

/// Co-owners are warned each (Правила № 354 п.119 «а»: delivery to one is not delivery to the
/// others): a warning delivered to some owners and not to others waits for the rest.
fn undelivered_owners(case: &Case) -> Option<String> {
    let delivered = case.warning.delivered?;
    let owners: Vec<&crate::model::Debtor> = case
        .account
        .debtors
        .iter()
        .filter(|d| d.share.is_some() && d.status == crate::model::Status::Active)
        .collect();
    let missing: Vec<&str> = owners
        .iter()
        .filter(|d| case.warning.delivered_to(&d.full_name).is_none())
        .map(|d| d.full_name.as_str())
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "warning delivered {} but not yet to {}: each owner is warned (п.119 «а» Правил № 354)",
            day(delivered.date),
            missing.join(", ")
        )
    })
}

/// `service debt D > 2 × N`: the п.118 ground in words.
fn over_threshold(g: &Ground) -> String {
    format!(
        "{} debt {} > 2 × {}",
        g.service,
        ru(g.debt),
        ru(g.threshold / Decimal::TWO)
    )
}

/// Before the court: the warning delivered, sent, or the notice.
fn contact(case: &Case) -> Option<Decided> {
    let account = case.account;
    let ground = restriction::ground(
        &account.ledger,
        case.calc,
        account.norm_monthly_charge,
        account.building,
    );
    let as_of = case.as_of();
    if let Some(missing) = undelivered_owners(case) {
        return wait(missing);
    }
    match case.warning_state() {
        WarningState::AwaitingDelivery(s) => {
            return wait(format!(
                "warning sent {}; record warning_delivered to start the 20 days",
                day(s.date)
            ));
        }
        WarningState::Running {
            delivered,
            restrict_from,
        } => {
            let on = day(delivered.date);
            return match &ground {
                Ok(_) => decided(
                    Step::None,
                    Some(restrict_from),
                    format!("warning delivered {on}; restriction possible from {restrict_from}"),
                ),
                Err(why) => court_step(case, as_of, format!("warning delivered {on} but {why}")),
            };
        }
        WarningState::Run(delivered) => {
            let on = day(delivered.date);
            return match &ground {
                Ok(g) => decided(
                    Step::Restriction,
                    Some(earliest_restriction(delivered.date)),
                    format!(
                        "warning delivered {on}; 20 days passed; {} → restriction",
                        over_threshold(g)
                    ),
                ),
                Err(why) => court_step(case, as_of, format!("warning delivered {on} but {why}")),
            };
        }
        WarningState::Stale(delivered) => {
            let on = day(delivered.date);
            return match &ground {
                Ok(g) => decided(
                    Step::Warning,
                    Some(as_of),
                    format!(
                        "warning delivered {on} is older than {} days and no longer supports a restriction; {} (п.118) → a new warning",
                        case.terms().warning_valid_days,
                        over_threshold(g)
                    ),
                ),
                Err(why) => court_step(case, as_of, format!("warning delivered {on} but {why}")),
            };
        }
        WarningState::None => {}
    }
    let n = case.notified?;
    let on = day(n.date);
    match &ground {
        Ok(g) => decided(
            Step::Warning,
            Some(n.date),
            format!("notice {on}; {} (п.118) → warning", over_threshold(g)),
        ),
        Err(why) => {
            let grace = case.terms().notice_grace_days;
            let from = add_days(n.date, grace);
            if as_of >= from {
                court_step(case, from, format!("notice {on}; no warning: {why}"))
            } else {
                decided(
                    Step::None,
                    Some(from),
                    format!("notice {on}; wait {grace} days"),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests;
