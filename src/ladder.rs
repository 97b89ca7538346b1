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
use crate::law::case::{Case, OrderState, Presentation, Route, Writ};
use crate::law::restriction::{self, Ground, earliest_restriction};
use crate::law::terms::{NOTICE_GRACE_DAYS, ORDER_OBJECTION_DAYS};
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
    let d = settled(case)
        .or_else(|| enforcement(case))
        .or_else(|| court(case))
        .or_else(|| agreement(case))
        .or_else(|| restricted(case))
        .or_else(|| contact(case))
        .unwrap_or_else(|| Decided {
            step: Step::Notice,
            from: Some(case.as_of()),
            why: format!("debt {} and no step taken yet → notice", ru(case.total())),
        });
    NextStep {
        stage: case.stage(),
        step: d.step,
        earliest: d.from.map(|day| day.max(case.as_of())),
        reason: d.why,
    }
}

fn day(date: NaiveDate) -> String {
    date.to_string()
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

/// A writ: presented, returned, or to be presented — the bank first where it is known.
fn enforcement(case: &Case) -> Option<Decided> {
    let w: &Writ = case.writ.as_ref()?;
    let issued = day(w.issued.date);
    let term = w.term_ends;
    if w.expired(case.as_of()) {
        return wait(format!(
            "writ of {issued} expired {term} (229-ФЗ ст.21): it cannot be presented"
        ));
    }
    let bank = case.account.bank.as_ref();
    match (w.presentation, bank) {
        (Presentation::Out { to, since }, _) => wait(format!(
            "writ presented to {} {}; wait for the result",
            match to {
                Route::Bank => "the bank",
                Route::Bailiffs => "the bailiffs",
            },
            day(since.date)
        )),
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
                "writ returned by the bank {} → bailiffs (ст.30)",
                day(on.date)
            ),
        ),
        (Presentation::Returned { on, .. }, Some(b)) => decided(
            Step::Bank,
            Some(on.date),
            format!(
                "writ returned by the bailiffs {} → the debtor's bank {b} (ст.8)",
                day(on.date)
            ),
        ),
        (Presentation::Returned { on, .. }, None) => wait(format!(
            "writ returned by the bailiffs {}; no bank of the debtor is known",
            day(on.date)
        )),
        (Presentation::None, Some(b)) => decided(
            Step::Bank,
            Some(w.issued.date),
            format!("writ issued {issued} (valid to {term}) → the debtor's bank {b} (ст.8)"),
        ),
        (Presentation::None, None) => decided(
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
            let what = if order.state == OrderState::Cancelled {
                "cancelled"
            } else {
                "refused"
            };
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
        OrderState::Filed => wait(format!("order application filed {on}; wait for the court")),
    }
}

/// An instalment agreement: honoured, it pauses the ladder; breached, the court is next.
fn agreement(case: &Case) -> Option<Decided> {
    let a = case.agreement;
    if a.honoured() {
        let signed = a.signed.map(|s| day(s.date)).unwrap_or_default();
        return wait(format!("instalment agreement signed {signed} is running"));
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
    if let Some(w) = case.warning.delivered {
        let from = earliest_restriction(w.date);
        let on = day(w.date);
        return match &ground {
            Ok(g) if as_of >= from => decided(
                Step::Restriction,
                Some(from),
                format!(
                    "warning delivered {on}; 20 days passed; {} → restriction",
                    over_threshold(g)
                ),
            ),
            Ok(_) => decided(
                Step::None,
                Some(from),
                format!("warning delivered {on}; restriction possible from {from}"),
            ),
            Err(why) => court_step(case, as_of, format!("warning delivered {on} but {why}")),
        };
    }
    if let Some(w) = case.warning.sent {
        return wait(format!(
            "warning sent {}; record warning_delivered to start the 20 days",
            day(w.date)
        ));
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
            let from = add_days(n.date, NOTICE_GRACE_DAYS);
            if as_of >= from {
                court_step(case, from, format!("notice {on}; no warning: {why}"))
            } else {
                decided(
                    Step::None,
                    Some(from),
                    format!("notice {on}; wait {NOTICE_GRACE_DAYS} days"),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::case::fixtures::{account, calc, ev};
    use crate::model::{EventKind as K, Status};

    /// One case per branch of the ladder: (what, monthly charge, bank known, events, step,
    /// earliest, a fragment of the reason).
    #[test]
    fn each_branch_of_the_ladder() {
        let writ = || ev("2025-07-25", K::WritIssued, "in_force=2025-07-24");
        let cases: Vec<(&str, &str, bool, Vec<_>, Step, Option<&str>, &str)> = vec![
            (
                "no debt",
                "0",
                false,
                vec![],
                Step::None,
                None,
                "nothing past due",
            ),
            (
                "no step yet",
                "3000",
                false,
                vec![],
                Step::Notice,
                Some("2026-11-27"),
                "no step taken yet → notice",
            ),
            (
                "writ expired",
                "3000",
                true,
                vec![ev("2023-01-10", K::WritIssued, "in_force=2023-01-09")],
                Step::None,
                None,
                "expired 2026-01-09",
            ),
            (
                "writ at the bank",
                "3000",
                true,
                vec![writ(), ev("2025-08-01", K::WritSentBank, "")],
                Step::None,
                None,
                "presented to the bank 2025-08-01",
            ),
            (
                "writ at the bailiffs",
                "3000",
                true,
                vec![writ(), ev("2025-08-01", K::WritSentFssp, "")],
                Step::None,
                None,
                "presented to the bailiffs",
            ),
            (
                "returned by the bank",
                "3000",
                true,
                vec![
                    writ(),
                    ev("2025-08-01", K::WritSentBank, ""),
                    ev("2026-10-15", K::WritReturned, ""),
                ],
                Step::Fssp,
                Some("2026-11-27"),
                "returned by the bank 2026-10-15 → bailiffs",
            ),
            (
                "returned by the bailiffs, bank known",
                "3000",
                true,
                vec![
                    writ(),
                    ev("2025-08-01", K::WritSentFssp, ""),
                    ev("2026-10-15", K::WritReturned, ""),
                ],
                Step::Bank,
                Some("2026-11-27"),
                "→ the debtor's bank ПАО Сбербанк",
            ),
            (
                "returned by the bailiffs, no bank",
                "3000",
                false,
                vec![
                    writ(),
                    ev("2025-08-01", K::WritSentFssp, ""),
                    ev("2026-10-15", K::WritReturned, ""),
                ],
                Step::None,
                None,
                "no bank of the debtor is known",
            ),
            (
                "writ, bank known",
                "3000",
                true,
                vec![writ()],
                Step::Bank,
                Some("2026-11-27"),
                "valid to 2028-07-24",
            ),
            (
                "writ, no bank",
                "3000",
                false,
                vec![writ()],
                Step::Fssp,
                Some("2026-11-27"),
                "no bank known → bailiffs",
            ),
            (
                "claim filed",
                "60000",
                false,
                vec![ev("2026-10-01", K::ClaimFiled, "")],
                Step::None,
                None,
                "claim_filed 2026-10-01; wait for the writ",
            ),
            (
                "order cancelled",
                "3000",
                false,
                vec![
                    ev("2025-03-03", K::OrderFiled, "duty=2000.00"),
                    ev("2025-04-21", K::OrderCancelled, ""),
                ],
                Step::Claim,
                Some("2026-11-27"),
                "order cancelled 2025-04-21 → claim, duty for the order 2\u{a0}000,00 to be credited",
            ),
            (
                "order refused",
                "3000",
                false,
                vec![
                    ev("2025-03-03", K::OrderFiled, ""),
                    ev("2025-04-21", K::OrderRefused, ""),
                ],
                Step::Claim,
                Some("2026-11-27"),
                "order refused 2025-04-21 → claim",
            ),
            (
                "order returned",
                "3000",
                false,
                vec![
                    ev("2026-11-01", K::OrderFiled, ""),
                    ev("2026-11-10", K::OrderReturned, ""),
                ],
                Step::CourtOrder,
                Some("2026-11-27"),
                "fix and file again → court order",
            ),
            (
                "order issued",
                "3000",
                false,
                vec![ev("2026-11-20", K::OrderIssued, "")],
                Step::None,
                Some("2026-11-30"),
                "enforceable once the objection term runs",
            ),
            (
                "order filed",
                "3000",
                false,
                vec![ev("2026-11-02", K::OrderFiled, "")],
                Step::None,
                None,
                "wait for the court",
            ),
            (
                "agreement running",
                "3000",
                false,
                vec![ev("2026-10-01", K::AgreementSigned, "")],
                Step::None,
                None,
                "signed 2026-10-01 is running",
            ),
            (
                "agreement breached",
                "3000",
                false,
                vec![
                    ev("2025-06-10", K::AgreementSigned, ""),
                    ev("2025-09-15", K::AgreementBreached, ""),
                ],
                Step::CourtOrder,
                Some("2026-11-27"),
                "agreement breached 2025-09-15 → court order",
            ),
            (
                "restricted, above the ceiling",
                "60000",
                false,
                vec![ev(
                    "2025-12-01",
                    K::Restricted,
                    "service=горячее водоснабжение",
                )],
                Step::Claim,
                Some("2026-11-27"),
                "the court-order ceiling",
            ),
            (
                "warning delivered, 20 days passed",
                "3000",
                false,
                vec![ev("2026-10-01", K::WarningDelivered, "")],
                Step::Restriction,
                Some("2026-11-27"),
                "20 days passed; горячее водоснабжение debt",
            ),
            (
                "warning delivered, within 20 days",
                "3000",
                false,
                vec![ev("2026-11-20", K::WarningDelivered, "")],
                Step::None,
                Some("2026-12-11"),
                "restriction possible from 2026-12-11",
            ),
            (
                "warning sent",
                "3000",
                false,
                vec![ev("2026-11-20", K::WarningSent, "")],
                Step::None,
                None,
                "record warning_delivered",
            ),
            (
                "notice, over the threshold",
                "3000",
                false,
                vec![ev("2026-09-01", K::NoticeSent, "")],
                Step::Warning,
                Some("2026-11-27"),
                "(п.118) → warning",
            ),
            (
                "notice, below the threshold, waiting",
                "150",
                false,
                vec![ev("2026-11-10", K::NoticeSent, "")],
                Step::None,
                Some("2026-12-10"),
                "wait 30 days",
            ),
            (
                "notice, below the threshold, waited",
                "150",
                false,
                vec![ev("2026-09-01", K::NoticeSent, "")],
                Step::CourtOrder,
                Some("2026-11-27"),
                "no warning: the debt for горячее водоснабжение",
            ),
        ];
        for (what, monthly, bank, events, step, earliest, reason) in cases {
            let mut a = account(monthly, &events);
            if bank {
                a.bank = Some("ПАО Сбербанк".into());
            }
            let c = calc(&a);
            let next = next_step(&Case::of(&a, &c));
            assert_eq!(next.step, step, "{what}: {}", next.reason);
            assert_eq!(
                next.earliest.map(|d| d.to_string()).as_deref(),
                earliest,
                "{what}: {}",
                next.reason
            );
            assert!(next.reason.contains(reason), "{what}: {}", next.reason);
        }
    }

    #[test]
    fn the_ladder_does_not_apply_to_a_deceased_debtor() {
        let mut a = account("3000", &[]);
        a.debtors[0].status = Status::Deceased;
        let c = calc(&a);
        let next = next_step(&Case::of(&a, &c));
        assert_eq!(next.step, Step::None);
        assert!(next.reason.contains("status Deceased"), "{}", next.reason);
        assert_eq!(next.stage, "debt");
    }

    #[test]
    fn steps_name_the_kinds_they_make() {
        assert_eq!(Step::CourtOrder.name(), "court-order");
        assert_eq!(Step::Restriction.name(), "restriction");
        assert_eq!(
            Step::Notice.docs(),
            [DocKind::Notice, DocKind::Sms, DocKind::Calls]
        );
        assert!(Step::None.docs().is_empty());
    }
}
