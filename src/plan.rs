//! The case ladder: from an account's sums and its events, the stage it is at, the next step, the
//! earliest date that step may be taken, and why. Pure: the as-of date is an argument.
//!
//! notice (+ SMS, call) → warning (п.119 Правил № 354, where a service may be restricted) →
//! restriction → court order (≤ 500 000) or claim → once the order or writ is enforceable: the
//! debtor's bank (229-ФЗ ст.8), else the bailiffs (ст.30); a writ returned by the bank goes to the
//! bailiffs. A running instalment agreement pauses the ladder; a breach resumes it at the court.

use crate::law::account::AccountCalc;
use crate::law::calendar::add_days;
use crate::law::limits::{court_order_allowed, writ_term_ends};
use crate::law::restriction::{self, earliest_restriction};
use crate::model::{Account, Event, EventKind, Status};
use crate::money::ru;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// Days after a debt notice before the case moves on when no warning applies.
pub const NOTICE_GRACE_DAYS: u64 = 30;
/// Days for objections to a court order after its issue (ГПК ст.128: 10 days from receipt).
pub const ORDER_OBJECTION_DAYS: u64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
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
    pub fn docs(self) -> &'static [&'static str] {
        match self {
            Step::None | Step::Restriction => &[],
            Step::Notice => &["notice", "sms", "calls"],
            Step::Warning => &["warning"],
            Step::CourtOrder => &["court-order"],
            Step::Claim => &["claim"],
            Step::Bank => &["bank"],
            Step::Fssp => &["fssp"],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Step::None => "none",
            Step::Notice => "notice",
            Step::Warning => "warning",
            Step::Restriction => "restriction",
            Step::CourtOrder => "court-order",
            Step::Claim => "claim",
            Step::Bank => "bank",
            Step::Fssp => "fssp",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Where the case stands (the last event's name, or `debt` / `no-debt`).
    pub stage: String,
    pub next: Step,
    /// The earliest day the next step may be taken (today or later).
    pub earliest: Option<NaiveDate>,
    pub reason: String,
}

fn latest<'a>(events: &'a [Event], kinds: &[EventKind]) -> Option<&'a Event> {
    events
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .max_by_key(|e| (e.date, e.line))
}

fn after(a: Option<&Event>, b: Option<&Event>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a.date, a.line) > (b.date, b.line),
        (Some(_), None) => true,
        _ => false,
    }
}

/// The duty credited to a claim from a court order that was cancelled or refused (НК ст.333.20
/// п.1 пп.13, §4.4): `duty=` in the details of the cancellation or of the filing.
pub fn order_duty_credit(events: &[Event]) -> Option<Decimal> {
    let filed = latest(
        events,
        &[
            EventKind::OrderCancelled,
            EventKind::OrderRefused,
            EventKind::OrderFiled,
        ],
    );
    let from = |e: &Event| {
        e.details
            .iter()
            .find(|(k, _)| k == "duty")
            .and_then(|(_, v)| crate::money::parse_amount(v).ok())
    };
    filed
        .and_then(from)
        .or_else(|| latest(events, &[EventKind::OrderFiled]).and_then(from))
}

/// The court step for a total: a court order within the ceiling, a claim above it.
fn court_step(calc: &AccountCalc, total: Decimal, why: String) -> (Step, String) {
    if court_order_allowed(total, calc.as_of) {
        (
            Step::CourtOrder,
            format!("{why} → court order ({} ≤ 500 000)", ru(total)),
        )
    } else {
        (
            Step::Claim,
            format!(
                "{why} → claim ({} > 500 000, the court-order ceiling)",
                ru(total)
            ),
        )
    }
}

/// The next step of one account.
pub fn plan(account: &Account, calc: &AccountCalc) -> Plan {
    let as_of = calc.as_of;
    let total = calc.overdue + calc.penalty;
    let ev = &account.events[..];
    let last = ev.iter().max_by_key(|e| (e.date, e.line));
    let stage = last.map_or_else(
        || {
            if total > Decimal::ZERO {
                "debt".into()
            } else {
                "no-debt".into()
            }
        },
        |e| e.kind.name().to_string(),
    );
    let done = |next: Step, earliest: Option<NaiveDate>, reason: String| Plan {
        stage: stage.clone(),
        next,
        earliest: earliest.map(|d| d.max(as_of)),
        reason,
    };
    if total <= Decimal::ZERO {
        return done(Step::None, None, "nothing past due".into());
    }
    if let Some(d) = account.debtors.iter().find(|d| d.status != Status::Active)
        && account.debtors.iter().all(|d| d.status != Status::Active)
    {
        return done(
            Step::None,
            None,
            format!(
                "{}: status {:?}; this ladder does not apply",
                d.full_name, d.status
            ),
        );
    }
    let d = |e: &Event| e.date.to_string();

    // Enforcement: the newest writ and what happened to it.
    let writ = latest(ev, &[EventKind::WritIssued]);
    if let Some(w) = writ {
        let sent_bank = latest(ev, &[EventKind::WritSentBank]).filter(|s| after(Some(s), Some(w)));
        let sent_fssp = latest(ev, &[EventKind::WritSentFssp]).filter(|s| after(Some(s), Some(w)));
        let returned = latest(ev, &[EventKind::WritReturned]).filter(|r| after(Some(r), Some(w)));
        let term = writ_term_ends(w.date);
        if as_of > term {
            return done(
                Step::None,
                None,
                format!(
                    "writ of {} expired {} (229-ФЗ ст.21): it cannot be presented",
                    d(w),
                    term
                ),
            );
        }
        let last_sent = if after(sent_fssp, sent_bank) {
            sent_fssp
        } else {
            sent_bank
        };
        match (last_sent, returned) {
            (Some(s), r) if !after(r, Some(s)) => {
                let at = if s.kind == EventKind::WritSentBank {
                    "the bank"
                } else {
                    "the bailiffs"
                };
                return done(
                    Step::None,
                    None,
                    format!("writ presented to {at} {}; wait for the result", d(s)),
                );
            }
            (Some(s), Some(r)) if s.kind == EventKind::WritSentBank => {
                return done(
                    Step::Fssp,
                    Some(r.date),
                    format!("writ returned by the bank {} → bailiffs (ст.30)", d(r)),
                );
            }
            (Some(_), Some(r)) => {
                return match &account.bank {
                    Some(b) => done(
                        Step::Bank,
                        Some(r.date),
                        format!(
                            "writ returned by the bailiffs {} → the debtor's bank {b} (ст.8)",
                            d(r)
                        ),
                    ),
                    None => done(
                        Step::None,
                        None,
                        format!(
                            "writ returned by the bailiffs {}; no bank of the debtor is known",
                            d(r)
                        ),
                    ),
                };
            }
            _ => {
                return match &account.bank {
                    Some(b) => done(
                        Step::Bank,
                        Some(w.date),
                        format!(
                            "writ issued {} (valid to {term}) → the debtor's bank {b} (ст.8)",
                            d(w)
                        ),
                    ),
                    None => done(
                        Step::Fssp,
                        Some(w.date),
                        format!(
                            "writ issued {} (valid to {term}); no bank known → bailiffs (ст.30)",
                            d(w)
                        ),
                    ),
                };
            }
        }
    }
    if let Some(j) = latest(ev, &[EventKind::Judgment, EventKind::ClaimFiled]) {
        return done(
            Step::None,
            None,
            format!("{} {}; wait for the writ", j.kind.name(), d(j)),
        );
    }
    let order = latest(
        ev,
        &[
            EventKind::OrderFiled,
            EventKind::OrderIssued,
            EventKind::OrderCancelled,
            EventKind::OrderRefused,
            EventKind::OrderReturned,
        ],
    );
    if let Some(o) = order {
        match o.kind {
            EventKind::OrderCancelled | EventKind::OrderRefused => {
                let credit = order_duty_credit(ev)
                    .map(|c| format!(", duty for the order {} to be credited", ru(c)))
                    .unwrap_or_default();
                return done(
                    Step::Claim,
                    Some(o.date),
                    format!(
                        "order {} {} → claim{credit}",
                        if o.kind == EventKind::OrderCancelled {
                            "cancelled"
                        } else {
                            "refused"
                        },
                        d(o)
                    ),
                );
            }
            EventKind::OrderReturned => {
                let (s, why) = court_step(
                    calc,
                    total,
                    format!(
                        "order application returned {} (ГПК ст.125 ч.1): fix and file again",
                        d(o)
                    ),
                );
                return done(s, Some(o.date), why);
            }
            EventKind::OrderIssued => {
                let ready = add_days(o.date, ORDER_OBJECTION_DAYS);
                return done(
                    Step::None,
                    Some(ready),
                    format!(
                        "order issued {}; enforceable once the objection term runs (record writ_issued with the certified copy)",
                        d(o)
                    ),
                );
            }
            _ => {
                return done(
                    Step::None,
                    None,
                    format!("order application filed {}; wait for the court", d(o)),
                );
            }
        }
    }
    let signed = latest(ev, &[EventKind::AgreementSigned]);
    let breached = latest(ev, &[EventKind::AgreementBreached]);
    if signed.is_some() && !after(breached, signed) {
        return done(
            Step::None,
            None,
            format!(
                "instalment agreement signed {} is running",
                signed.map(d).unwrap_or_default()
            ),
        );
    }
    if let Some(b) = breached {
        let (s, why) = court_step(calc, total, format!("agreement breached {}", d(b)));
        return done(s, Some(b.date), why);
    }
    if let Some(r) = latest(
        ev,
        &[
            EventKind::Restricted,
            EventKind::Suspended,
            EventKind::Resumed,
        ],
    ) {
        let (s, why) = court_step(
            calc,
            total,
            format!("{} {}; debt {}", r.kind.name(), d(r), ru(total)),
        );
        return done(s, Some(r.date), why);
    }
    let ground = restriction::ground(
        &account.ledger,
        calc,
        account.norm_monthly_charge,
        account.building,
    );
    if let Some(w) = latest(ev, &[EventKind::WarningDelivered]) {
        let from = earliest_restriction(w.date);
        return match &ground {
            Ok(g) if as_of >= from => done(
                Step::Restriction,
                Some(from),
                format!(
                    "warning delivered {}; 20 days passed; {} debt {} > 2 × {} → restriction",
                    d(w),
                    g.service,
                    ru(g.debt),
                    ru(g.threshold / Decimal::TWO)
                ),
            ),
            Ok(_) => done(
                Step::None,
                Some(from),
                format!(
                    "warning delivered {}; restriction possible from {from}",
                    d(w)
                ),
            ),
            Err(why) => {
                let (s, r) =
                    court_step(calc, total, format!("warning delivered {} but {why}", d(w)));
                done(s, Some(as_of), r)
            }
        };
    }
    if let Some(w) = latest(ev, &[EventKind::WarningSent]) {
        return done(
            Step::None,
            None,
            format!(
                "warning sent {}; record warning_delivered to start the 20 days",
                d(w)
            ),
        );
    }
    if let Some(n) = latest(ev, &[EventKind::NoticeSent, EventKind::SmsSent]) {
        return match &ground {
            Ok(g) => done(
                Step::Warning,
                Some(n.date),
                format!(
                    "notice {}; {} debt {} > 2 × {} (п.118) → warning",
                    d(n),
                    g.service,
                    ru(g.debt),
                    ru(g.threshold / Decimal::TWO)
                ),
            ),
            Err(why) => {
                let from = add_days(n.date, NOTICE_GRACE_DAYS);
                let (s, r) = court_step(calc, total, format!("notice {}; no warning: {why}", d(n)));
                if as_of >= from {
                    done(s, Some(from), r)
                } else {
                    done(
                        Step::None,
                        Some(from),
                        format!("notice {}; wait {NOTICE_GRACE_DAYS} days", d(n)),
                    )
                }
            }
        };
    }
    done(
        Step::Notice,
        Some(as_of),
        format!("debt {} and no step taken yet → notice", ru(total)),
    )
}
