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
pub(crate) mod fixtures {
    use crate::law::calculation::{AccountCalc, calculate};
    use crate::law::calendar::ymd;
    use crate::law::conventions::Conventions;
    use crate::model::{Account, Building, Charge, Debtor, Entry, Event, EventKind, Period};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    /// The as-of date of every fixture.
    pub const AS_OF: NaiveDate = ymd(2026, 11, 27);

    /// `YYYY-MM-DD`.
    pub fn day(text: &str) -> NaiveDate {
        crate::model::parse_date(text).unwrap()
    }

    /// An event on `date` with `details` (`k=v;k=v`); its line is its place in the list.
    pub fn ev(date: &str, kind: EventKind, details: &str) -> (NaiveDate, EventKind, String) {
        (day(date), kind, details.to_string())
    }

    /// An active debtor living at the premises.
    pub fn debtor(name: &str) -> Debtor {
        Debtor {
            line: 2,
            full_name: name.into(),
            birth_date: None,
            birth_place: None,
            residence_address: Some("143103, г. Руза, ул. Солнцева, д. 9, кв. 7".into()),
            work_place: None,
            snils: None,
            inn: None,
            passport: None,
            phone: None,
            email: None,
            sms_consent: None,
            share: None,
            status: Default::default(),
        }
    }

    /// An account owing `monthly` of hot water for each month of 2026 up to October, with a
    /// norm charge of 1 000 (so the п.118 threshold is 2 000), and these events.
    pub fn account(monthly: &str, events: &[(NaiveDate, EventKind, String)]) -> Account {
        let amount: Decimal = monthly.parse().unwrap();
        let mut a = Account::new("1001");
        a.debtors.push(debtor("Иванов Иван Иванович"));
        a.premises_address = Some("143103, г. Руза, ул. Солнцева, д. 9, кв. 7".into());
        a.building = Some(Building::Mkd);
        a.norm_monthly_charge = Some(Decimal::from(1000));
        a.ledger = (1..=10)
            .map(|m| {
                Entry::Charge(Charge {
                    line: m + 1,
                    period: Period::new(2026, m).unwrap(),
                    amount,
                    date: None,
                    service: Some("горячее водоснабжение".into()),
                    due_date: None,
                    reference: None,
                })
            })
            .collect();
        a.events = events
            .iter()
            .enumerate()
            .map(|(i, (date, kind, details))| Event {
                line: i as u64 + 2,
                date: *date,
                kind: *kind,
                reference: Some(format!("REF-{}", i + 1)),
                details: details
                    .split(';')
                    .filter_map(|p| p.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            })
            .collect();
        a
    }

    pub fn calc(a: &Account) -> AccountCalc {
        calculate(&a.ledger, AS_OF, &Conventions::default())
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{AS_OF, account, calc, day, ev};
    use super::*;
    use EventKind as K;

    #[test]
    fn the_stage_is_the_newest_event_and_a_day_is_ordered_by_line() {
        let a = account("3000", &[]);
        let c = calc(&a);
        assert_eq!(Case::of(&a, &c).stage(), "debt");
        let paid = account("0", &[]);
        let pc = calc(&paid);
        assert_eq!(Case::of(&paid, &pc).stage(), "no-debt");
        // Two events of one day: the later line is the newer.
        let a = account(
            "3000",
            &[
                ev("2026-09-01", K::NoticeSent, ""),
                ev("2026-09-01", K::SmsSent, ""),
            ],
        );
        let c = calc(&a);
        let case = Case::of(&a, &c);
        assert_eq!(case.stage(), "sms_sent");
        assert_eq!(case.notified.map(|e| e.kind), Some(K::SmsSent));
        assert_eq!(case.last_contact, Some(day("2026-09-01")));
        assert_eq!(case.total(), Decimal::from(30000) + c.penalty);
        assert_eq!(case.as_of(), AS_OF);
    }

    #[test]
    fn warnings_restrictions_and_agreements() {
        let a = account(
            "3000",
            &[
                ev("2026-09-20", K::WarningSent, ""),
                ev("2026-10-01", K::WarningDelivered, ""),
                ev("2026-10-25", K::Restricted, "service=горячее водоснабжение"),
                ev("2026-11-01", K::AgreementSigned, "parts=6"),
            ],
        );
        let c = calc(&a);
        let case = Case::of(&a, &c);
        assert_eq!(case.warning.sent.map(|e| e.date), Some(day("2026-09-20")));
        assert_eq!(
            case.warning.delivered.map(|e| e.date),
            Some(day("2026-10-01"))
        );
        let r = case.restriction.unwrap();
        assert_eq!(
            (r.event.kind, r.service),
            (K::Restricted, Some("горячее водоснабжение"))
        );
        assert!(case.agreement.honoured());
        assert_eq!(case.last_contact, Some(day("2026-10-01")));
        // A breach after the signing ends it; a signing after the breach is a new agreement.
        for (events, honoured) in [
            (
                vec![
                    ev("2026-06-01", K::AgreementSigned, ""),
                    ev("2026-09-15", K::AgreementBreached, ""),
                ],
                false,
            ),
            (
                vec![
                    ev("2026-06-01", K::AgreementSigned, ""),
                    ev("2026-09-15", K::AgreementBreached, ""),
                    ev("2026-10-01", K::AgreementSigned, ""),
                ],
                true,
            ),
            (vec![ev("2026-09-15", K::AgreementBreached, "")], false),
        ] {
            let a = account("3000", &events);
            let c = calc(&a);
            assert_eq!(
                Case::of(&a, &c).agreement.honoured(),
                honoured,
                "{events:?}"
            );
        }
    }

    #[test]
    fn each_state_of_a_court_order_and_the_duty_paid_for_it() {
        for (events, state, duty) in [
            (
                vec![ev("2026-03-03", K::OrderFiled, "duty=2000.00")],
                OrderState::Filed,
                Some("2000"),
            ),
            (
                vec![
                    ev("2026-03-03", K::OrderFiled, "duty=2000.00"),
                    ev("2026-04-01", K::OrderIssued, ""),
                ],
                OrderState::Issued,
                Some("2000"),
            ),
            (
                vec![
                    ev("2025-03-03", K::OrderFiled, "duty=2000.00"),
                    ev("2025-04-21", K::OrderCancelled, ""),
                ],
                OrderState::Cancelled,
                Some("2000"),
            ),
            (
                // The cancellation's own duty detail wins over the filing's.
                vec![
                    ev("2025-03-03", K::OrderFiled, "duty=2000.00"),
                    ev("2025-04-21", K::OrderCancelled, "duty=2750"),
                ],
                OrderState::Cancelled,
                Some("2750"),
            ),
            (
                vec![
                    ev("2025-03-03", K::OrderFiled, ""),
                    ev("2025-04-21", K::OrderRefused, ""),
                ],
                OrderState::Refused,
                None,
            ),
            (
                vec![
                    ev("2025-03-03", K::OrderFiled, "duty=2000"),
                    ev("2025-03-20", K::OrderReturned, ""),
                ],
                OrderState::Returned,
                Some("2000"),
            ),
        ] {
            let a = account("3000", &events);
            let c = calc(&a);
            let order = Case::of(&a, &c).order.unwrap();
            assert_eq!(order.state, state, "{events:?}");
            assert_eq!(
                order.duty_paid,
                duty.map(|d| d.parse().unwrap()),
                "{events:?}"
            );
            assert_eq!(
                order.failed(),
                matches!(state, OrderState::Cancelled | OrderState::Refused)
            );
        }
    }

    /// Each route a writ takes: where it is, from its events since its issue.
    #[test]
    fn each_route_of_a_writ() {
        let issued = || {
            ev(
                "2025-07-25",
                K::WritIssued,
                "in_force=2025-07-24;sum=12 345,67",
            )
        };
        let route = |events: Vec<(NaiveDate, EventKind, String)>| {
            let a = account("3000", &events);
            let c = calc(&a);
            let w = Case::of(&a, &c).writ.unwrap();
            match w.presentation {
                Presentation::None => "none".to_string(),
                Presentation::Out { to, since } => format!("out {to:?} {}", since.date),
                Presentation::Returned { from, on } => format!("back from {from:?} {}", on.date),
            }
        };
        assert_eq!(route(vec![issued()]), "none");
        assert_eq!(
            route(vec![issued(), ev("2025-08-01", K::WritSentBank, "")]),
            "out Bank 2025-08-01"
        );
        assert_eq!(
            route(vec![issued(), ev("2025-08-01", K::WritSentFssp, "")]),
            "out Bailiffs 2025-08-01"
        );
        assert_eq!(
            route(vec![
                issued(),
                ev("2025-08-01", K::WritSentBank, ""),
                ev("2026-10-15", K::WritReturned, ""),
            ]),
            "back from Bank 2026-10-15"
        );
        assert_eq!(
            route(vec![
                issued(),
                ev("2025-08-01", K::WritSentBank, ""),
                ev("2026-01-15", K::WritReturned, ""),
                ev("2026-02-01", K::WritSentFssp, ""),
            ]),
            "out Bailiffs 2026-02-01"
        );
        // Events before the writ was issued belong to an earlier writ.
        assert_eq!(
            route(vec![ev("2025-01-10", K::WritSentBank, ""), issued()]),
            "none"
        );
        let a = account("3000", &[issued()]);
        let c = calc(&a);
        let w = Case::of(&a, &c).writ.unwrap();
        assert_eq!(
            (w.in_force, w.term_ends),
            (day("2025-07-24"), day("2028-07-24"))
        );
        assert_eq!(w.sum, Some("12345.67".parse().unwrap()));
        assert!(!w.expired(AS_OF) && w.expired(day("2028-07-25")));
        // Without `in_force`, the term runs from the issue.
        let a = account("3000", &[ev("2025-07-25", K::WritIssued, "")]);
        let c = calc(&a);
        assert_eq!(Case::of(&a, &c).writ.unwrap().term_ends, day("2028-07-25"));
    }

    #[test]
    fn a_case_with_nobody_the_ladder_applies_to() {
        let mut a = account("3000", &[]);
        a.debtors[0].status = Status::Deceased;
        let c = calc(&a);
        assert_eq!(
            Case::of(&a, &c).out_of_ladder().map(|d| d.status),
            Some(Status::Deceased)
        );
        a.debtors
            .push(super::fixtures::debtor("Иванова Анна Петровна"));
        let c = calc(&a);
        assert!(
            Case::of(&a, &c).out_of_ladder().is_none(),
            "one active debtor is enough"
        );
    }
}
