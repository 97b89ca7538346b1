//! The case: what an account's history (`events.csv`) and its sums say about where it stands, derived
//! once. The ladder (`ladder.rs`) and every document kind read this and nothing else of the events.
//! Pure: no I/O, no clock — the as-of date comes with the calculation.
//!
//! "The newest event" is the latest by date, then by its line in `events.csv` (two events of one day
//! keep the order they were written in).

use super::calculation::AccountCalc;
use super::writ_term::writ_term_ends;
use crate::model::{Account, Event, EventKind, Status, parse_date};
use crate::money::parse_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One account's case on the calculation's as-of date.
pub struct Case<'a> {
    pub account: &'a Account,
    pub calc: &'a AccountCalc,
    /// The newest event of any kind: it names the stage.
    pub last: Option<&'a Event>,
    /// The newest debt notice or SMS.
    pub notified: Option<&'a Event>,
    /// The day of the newest contact with the debtor (a notice, an SMS, a warning sent or delivered).
    pub last_contact: Option<NaiveDate>,
    pub warning: Warning<'a>,
    /// The newest restriction, suspension or resumption of a service.
    pub restriction: Option<Restriction<'a>>,
    pub agreement: Agreement<'a>,
    /// The court order, from its newest event.
    pub order: Option<CourtOrder<'a>>,
    /// The newest claim filed or judgment given.
    pub claim: Option<&'a Event>,
    /// The newest writ (or court order in force) and where it is.
    pub writ: Option<Writ<'a>>,
}

/// The п.119 warning: the newest sent and the newest delivered.
#[derive(Clone, Copy, Debug, Default)]
pub struct Warning<'a> {
    pub sent: Option<&'a Event>,
    pub delivered: Option<&'a Event>,
}

#[derive(Clone, Copy, Debug)]
pub struct Restriction<'a> {
    pub event: &'a Event,
    /// The service restricted (`service=` in the details), where the event says.
    pub service: Option<&'a str>,
}

/// The instalment agreement: the newest signed and the newest breach.
#[derive(Clone, Copy, Debug, Default)]
pub struct Agreement<'a> {
    pub signed: Option<&'a Event>,
    pub breached: Option<&'a Event>,
}

impl Agreement<'_> {
    /// Signed and not breached since: the ladder waits, and the debt is acknowledged (ГК ст.203).
    pub fn honoured(&self) -> bool {
        self.signed
            .is_some_and(|s| !self.breached.is_some_and(|b| newer(b, s)))
    }
}

/// Where a court order stands (ГПК ст.121–130, `legal-rules.md` §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderState {
    /// Applied for; the court has not answered.
    Filed,
    /// Issued; enforceable once the objection term runs.
    Issued,
    /// Cancelled on the debtor's objection (ст.129): the claim is open.
    Cancelled,
    /// Refused (ст.125 ч.3): the claim is open.
    Refused,
    /// Returned (ст.125 ч.1): may be filed again once the defect is fixed.
    Returned,
}

#[derive(Clone, Copy, Debug)]
pub struct CourtOrder<'a> {
    /// The order's newest event, which gives its state.
    pub event: &'a Event,
    pub state: OrderState,
    /// The duty paid for it (`duty=` of the cancellation or refusal, else of the filing), credited
    /// to a claim once the order is cancelled or refused (`law::duty_credit`).
    pub duty_paid: Option<Decimal>,
}

impl CourtOrder<'_> {
    /// Cancelled or refused: the debt is now claimed by a statement of claim.
    pub fn failed(&self) -> bool {
        matches!(self.state, OrderState::Cancelled | OrderState::Refused)
    }
}

/// Where the original of a writ is presented: the debtor's bank (229-ФЗ ст.8) or the bailiffs (ст.30).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Bank,
    Bailiffs,
}

/// What happened to the writ since it was issued.
#[derive(Clone, Copy, Debug)]
pub enum Presentation<'a> {
    /// Not presented yet.
    None,
    /// Presented and not back.
    Out { to: Route, since: &'a Event },
    /// Presented and returned to the claimant.
    Returned { from: Route, on: &'a Event },
}

/// The enforceable document: a writ of execution, or a court order's copy in force.
#[derive(Clone, Copy, Debug)]
pub struct Writ<'a> {
    /// Its `writ_issued` event: the number is its reference.
    pub issued: &'a Event,
    /// The act's entry into force (`in_force=`), else the day it was issued.
    pub in_force: NaiveDate,
    /// The last day it may be presented (229-ФЗ ст.21).
    pub term_ends: NaiveDate,
    /// The sum awarded, where the event gives it (`sum=`).
    pub sum: Option<Decimal>,
    pub presentation: Presentation<'a>,
}

impl Writ<'_> {
    pub fn expired(&self, as_of: NaiveDate) -> bool {
        as_of > self.term_ends
    }
}

/// Whether `a` is newer than `b`.
fn newer(a: &Event, b: &Event) -> bool {
    (a.date, a.line) > (b.date, b.line)
}

/// The newest event of these kinds.
fn latest<'a>(events: &'a [Event], kinds: &[EventKind]) -> Option<&'a Event> {
    events
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .max_by_key(|e| (e.date, e.line))
}

/// The newer of two events.
fn newest<'a>(a: Option<&'a Event>, b: Option<&'a Event>) -> Option<&'a Event> {
    match (a, b) {
        (Some(a), Some(b)) if newer(b, a) => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

impl<'a> Case<'a> {
    /// The case of `account` with its calculation `calc`.
    pub fn of(account: &'a Account, calc: &'a AccountCalc) -> Case<'a> {
        use EventKind as K;
        let ev = &account.events[..];
        Case {
            account,
            calc,
            last: ev.iter().max_by_key(|e| (e.date, e.line)),
            notified: latest(ev, &[K::NoticeSent, K::SmsSent]),
            last_contact: ev
                .iter()
                .filter(|e| {
                    matches!(
                        e.kind,
                        K::NoticeSent | K::SmsSent | K::WarningSent | K::WarningDelivered
                    )
                })
                .map(|e| e.date)
                .max(),
            warning: Warning {
                sent: latest(ev, &[K::WarningSent]),
                delivered: latest(ev, &[K::WarningDelivered]),
            },
            restriction: latest(ev, &[K::Restricted, K::Suspended, K::Resumed]).map(|e| {
                Restriction {
                    event: e,
                    service: e.detail("service"),
                }
            }),
            agreement: Agreement {
                signed: latest(ev, &[K::AgreementSigned]),
                breached: latest(ev, &[K::AgreementBreached]),
            },
            order: court_order(ev),
            claim: latest(ev, &[K::Judgment, K::ClaimFiled]),
            writ: writ(ev),
        }
    }

    /// What is owed and past due on the as-of date: the principal past due and the penalty.
    pub fn total(&self) -> Decimal {
        self.calc.overdue + self.calc.penalty
    }

    pub fn as_of(&self) -> NaiveDate {
        self.calc.as_of
    }

    /// Where the case stands: the newest event's name, else `debt` or `no-debt`.
    pub fn stage(&self) -> String {
        match self.last {
            Some(e) => e.kind.name().to_string(),
            None if self.total() > Decimal::ZERO => "debt".into(),
            None => "no-debt".into(),
        }
    }

    /// A debtor who is not active, when none is: the ladder does not apply to the account.
    pub fn out_of_ladder(&self) -> Option<&'a crate::model::Debtor> {
        let debtors = &self.account.debtors;
        let all_out = debtors.iter().all(|d| d.status != Status::Active);
        debtors
            .iter()
            .find(|d| d.status != Status::Active)
            .filter(|_| all_out)
    }
}

fn court_order(ev: &[Event]) -> Option<CourtOrder<'_>> {
    use EventKind as K;
    let event = latest(
        ev,
        &[
            K::OrderFiled,
            K::OrderIssued,
            K::OrderCancelled,
            K::OrderRefused,
            K::OrderReturned,
        ],
    )?;
    let state = match event.kind {
        K::OrderIssued => OrderState::Issued,
        K::OrderCancelled => OrderState::Cancelled,
        K::OrderRefused => OrderState::Refused,
        K::OrderReturned => OrderState::Returned,
        _ => OrderState::Filed,
    };
    let duty = |e: &Event| e.detail("duty").and_then(|v| parse_amount(v).ok());
    let duty_paid = latest(ev, &[K::OrderCancelled, K::OrderRefused, K::OrderFiled])
        .and_then(duty)
        .or_else(|| latest(ev, &[K::OrderFiled]).and_then(duty));
    Some(CourtOrder {
        event,
        state,
        duty_paid,
    })
}

fn writ(ev: &[Event]) -> Option<Writ<'_>> {
    use EventKind as K;
    let issued = latest(ev, &[K::WritIssued])?;
    let since_issue = |kind| latest(ev, &[kind]).filter(|e| newer(e, issued));
    let sent = newest(since_issue(K::WritSentBank), since_issue(K::WritSentFssp));
    let returned = since_issue(K::WritReturned);
    let route = |e: &Event| {
        if e.kind == K::WritSentBank {
            Route::Bank
        } else {
            Route::Bailiffs
        }
    };
    let presentation = match (sent, returned) {
        (Some(s), Some(r)) if newer(r, s) => Presentation::Returned {
            from: route(s),
            on: r,
        },
        (Some(s), _) => Presentation::Out {
            to: route(s),
            since: s,
        },
        (None, _) => Presentation::None,
    };
    let in_force = issued
        .detail("in_force")
        .and_then(parse_date)
        .unwrap_or(issued.date);
    Some(Writ {
        issued,
        in_force,
        term_ends: writ_term_ends(in_force),
        sum: issued.detail("sum").and_then(|v| parse_amount(v).ok()),
        presentation,
    })
}

/// Accounts built in memory for the tests of the case and of the ladder.
#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
