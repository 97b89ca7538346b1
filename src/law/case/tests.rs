//! The case derived from events in memory: the stage, the warnings, the agreement, each state of
//! a court order, each route of a writ.

use super::fixtures::{AS_OF, account, calc, claiming, day, ev};
use super::*;
use crate::model::Status;
use EventKind as K;

#[test]
fn the_stage_is_the_newest_event_and_a_day_is_ordered_by_line() {
    let a = account("3000", &[]);
    let c = calc(&a);
    assert_eq!(Case::of(&a, &c, claiming()).stage(), Stage::Debt);
    let paid = account("0", &[]);
    let pc = calc(&paid);
    assert_eq!(Case::of(&paid, &pc, claiming()).stage().name(), "no-debt");
    // Two events of one day: the later line is the newer.
    let a = account(
        "3000",
        &[
            ev("2026-09-01", K::NoticeSent, ""),
            ev("2026-09-01", K::SmsSent, ""),
        ],
    );
    let c = calc(&a);
    let case = Case::of(&a, &c, claiming());
    assert_eq!(case.stage(), Stage::At(EventKind::SmsSent));
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
    let case = Case::of(&a, &c, claiming());
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
            Case::of(&a, &c, claiming()).agreement.honoured(),
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
        let order = Case::of(&a, &c, claiming()).order.unwrap();
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
        let w = Case::of(&a, &c, claiming()).writ.unwrap();
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
    let w = Case::of(&a, &c, claiming()).writ.unwrap();
    assert_eq!(
        (w.in_force, w.term_ends),
        (day("2025-07-24"), Some(day("2028-07-24")))
    );
    assert_eq!(w.sum, Some("12345.67".parse().unwrap()));
    assert!(!w.expired(AS_OF) && w.expired(day("2028-07-25")));
    // Without `in_force`, the term runs from the issue.
    let a = account("3000", &[ev("2025-07-25", K::WritIssued, "")]);
    let c = calc(&a);
    assert_eq!(
        Case::of(&a, &c, claiming()).writ.unwrap().term_ends,
        Some(day("2028-07-25"))
    );
}

#[test]
fn a_case_with_nobody_the_ladder_applies_to() {
    let mut a = account("3000", &[]);
    a.debtors[0].status = Status::Deceased;
    let c = calc(&a);
    assert_eq!(
        Case::of(&a, &c, claiming())
            .out_of_ladder()
            .map(|d| d.status),
        Some(Status::Deceased)
    );
    a.debtors
        .push(super::fixtures::debtor("Иванова Анна Петровна"));
    let c = calc(&a);
    assert!(
        Case::of(&a, &c, claiming()).out_of_ladder().is_none(),
        "one active debtor is enough"
    );
}

/// The papers name what the enforceable document is (229-ФЗ ст.12 ч.1): a court order after an
/// order issued, a writ of execution after a claim or judgment, as the journal says when it does.
#[test]
fn a_writ_is_a_court_order_or_a_writ_of_execution_never_guessed() {
    let form = |events: Vec<(NaiveDate, EventKind, String)>| {
        let a = account("3000", &events);
        let c = calc(&a);
        Case::of(&a, &c, claiming()).writ.unwrap().form
    };
    let writ = |details: &str| ev("2025-07-25", K::WritIssued, details);
    let order = ev("2025-07-01", K::OrderIssued, "");
    assert_eq!(form(vec![order.clone(), writ("")]), Form::CourtOrder);
    let judgment = ev("2025-06-20", K::Judgment, "");
    assert_eq!(
        form(vec![judgment, writ("series=ФС")]),
        Form::WritOfExecution {
            series: Some("ФС".into())
        }
    );
    // The journal says what it is: that wins over what the events suggest.
    assert_eq!(
        form(vec![order, writ("document=list;series=ВС")]),
        Form::WritOfExecution {
            series: Some("ВС".into())
        }
    );
    // Nothing says which: the generic name, not a guess.
    assert_eq!(form(vec![writ("")]), Form::Unknown);
    assert_eq!(
        Form::CourtOrder.words(),
        [
            "судебный приказ",
            "судебного приказа",
            "судебному приказу",
            "судебном приказе"
        ]
    );
}
