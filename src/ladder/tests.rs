//! Every branch of the ladder, from events in memory. One line a case:
//! `what | monthly charge | bank | events | step | earliest | a fragment of the reason`, where an
//! event is `YYYY-MM-DD event_name k=v;k=v` and several are separated by `,`; `-` is none.

use super::*;
use crate::law::case::fixtures::{account, calc, claiming, day};
use crate::model::{EventKind, Status};

const CASES: &str = "
no debt                       | 0     | -   | - | None | - | nothing past due
no step yet                   | 3000  | -   | - | Notice | 2026-11-27 | no step taken yet → notice
writ expired                  | 3000  | yes | 2023-01-10 writ_issued in_force=2023-01-09 | None | - | its 3-year term ended 09.01.2026
writ at the bank              | 3000  | yes | 2025-07-25 writ_issued, 2025-08-01 writ_sent_bank | None | - | presented to the bank 01.08.2025
writ at the bailiffs          | 3000  | yes | 2025-07-25 writ_issued, 2025-08-01 writ_sent_fssp | None | - | presented to the bailiffs
returned by the bank          | 3000  | yes | 2025-07-25 writ_issued, 2025-08-01 writ_sent_bank, 2026-10-15 writ_returned | Fssp | 2026-11-27 | returned by the bank 15.10.2026 → bailiffs
returned by bailiffs, a bank  | 3000  | yes | 2025-07-25 writ_issued, 2025-08-01 writ_sent_fssp, 2026-10-15 writ_returned | Bank | 2026-11-27 | → the debtor's bank ПАО Сбербанк
returned by bailiffs, no bank | 3000  | -   | 2025-07-25 writ_issued, 2025-08-01 writ_sent_fssp, 2026-10-15 writ_returned | None | - | no bank of the debtor is known
writ, bank known              | 3000  | yes | 2025-07-25 writ_issued in_force=2025-07-24 | Bank | 2026-11-27 | valid to 24.07.2028
writ, no bank                 | 3000  | -   | 2025-07-25 writ_issued | Fssp | 2026-11-27 | no bank known → bailiffs
claim filed                   | 60000 | -   | 2026-10-01 claim_filed | None | - | claim_filed 01.10.2026; wait for the writ
order cancelled               | 3000  | -   | 2025-03-03 order_filed duty=2000.00, 2025-04-21 order_cancelled | Claim | 2026-11-27 | order cancelled 21.04.2025 → claim, duty for the order 2 000,00 to be credited
order refused                 | 3000  | -   | 2025-03-03 order_filed, 2025-04-21 order_refused | Claim | 2026-11-27 | order refused 21.04.2025 → claim
order returned                | 3000  | -   | 2026-11-01 order_filed, 2026-11-10 order_returned | CourtOrder | 2026-11-27 | fix and file again → court order
order issued                  | 3000  | -   | 2026-11-20 order_issued | None | 2026-11-30 | enforceable once the objection term runs
order filed                   | 3000  | -   | 2026-11-20 order_filed | None | - | wait for the court
order filed, a month after it | 3000  | -   | 2026-11-02 order_filed | None | - | order application filed 02.11.2026; wait for the court
agreement running             | 3000  | -   | 2026-10-01 agreement_signed | None | - | signed 01.10.2026 is running
agreement breached            | 3000  | -   | 2025-06-10 agreement_signed, 2025-09-15 agreement_breached | CourtOrder | 2026-11-27 | agreement breached 15.09.2025 → court order
restricted, above the ceiling | 60000 | -   | 2025-12-01 restricted service=горячее водоснабжение | Claim | 2026-11-27 | the court-order ceiling
warning delivered, 20 days on | 3000  | -   | 2026-10-01 warning_delivered | Restriction | 2026-11-27 | 20 days passed; горячее водоснабжение debt
warning delivered, waiting    | 3000  | -   | 2026-11-20 warning_delivered | None | 2026-12-11 | restriction possible from 11.12.2026
warning sent                  | 3000  | -   | 2026-11-20 warning_sent | None | - | record warning_delivered
notice, over the threshold    | 3000  | -   | 2026-09-01 notice_sent | Warning | 2026-11-27 | (п.118) → warning
notice, under it, waiting     | 150   | -   | 2026-11-10 notice_sent | None | 2026-12-10 | wait 30 days
notice, under it, waited      | 150   | -   | 2026-09-01 notice_sent | None | - | below the least a court order is sought for
";

/// `2025-07-25 writ_issued in_force=2025-07-24` → the fixture's event.
fn event(text: &str) -> (chrono::NaiveDate, EventKind, String) {
    let mut words = text.split_whitespace();
    let date = day(words.next().unwrap());
    let kind = EventKind::parse(words.next().unwrap()).unwrap_or_else(|| panic!("{text}"));
    (date, kind, words.collect::<Vec<_>>().join(" "))
}

#[test]
fn each_branch_of_the_ladder() {
    let mut seen = 0;
    for line in CASES.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        let [what, monthly, bank, events, step, earliest, reason] = f[..] else {
            panic!("{line}")
        };
        let events: Vec<_> = match events {
            "-" => Vec::new(),
            list => list.split(',').map(event).collect(),
        };
        let mut a = account(monthly, &events);
        if bank == "yes" {
            a.bank = Some("ПАО Сбербанк".into());
        }
        let c = calc(&a);
        let next = next_step(&Case::of(&a, &c, claiming()));
        assert_eq!(format!("{:?}", next.step), step, "{what}: {}", next.reason);
        let earliest = (earliest != "-").then_some(earliest);
        assert_eq!(
            next.earliest.map(|d| d.to_string()).as_deref(),
            earliest,
            "{what}: {}",
            next.reason
        );
        assert!(
            next.reason.en().replace('\u{a0}', " ").contains(reason),
            "{what}: {}",
            next.reason
        );
        seen += 1;
    }
    assert_eq!(seen, 26);
}

#[test]
fn a_notice_with_no_ground_for_a_warning_goes_to_court_after_30_days() {
    let mut a = account("3000", &[event("2026-09-01 notice_sent")]);
    a.norm_monthly_charge = None;
    let c = calc(&a);
    let next = next_step(&Case::of(&a, &c, claiming()));
    assert_eq!(next.step, Step::CourtOrder, "{}", next.reason);
    assert!(
        next.reason
            .en()
            .contains("no warning: no norm_monthly_charge"),
        "{}",
        next.reason
    );
    assert_eq!(next.earliest, Some(day("2026-11-27")));
}

#[test]
fn after_a_cancelled_order_the_claim_and_a_new_application_for_the_other_months() {
    let a = account(
        "3000",
        &[
            event("2026-05-03 order_filed period=2026-01..2026-03"),
            event("2026-06-21 order_cancelled"),
        ],
    );
    let c = calc(&a);
    let next = next_step(&Case::of(&a, &c, claiming()));
    assert_eq!(next.step, Step::Claim);
    assert_eq!(next.steps, [Step::Claim, Step::CourtOrder]);
}

#[test]
fn co_owners_are_each_warned_before_the_restriction() {
    let mut a = account(
        "3000",
        &[event(
            "2026-10-01 warning_delivered debtor=Иванов Иван Иванович",
        )],
    );
    a.debtors
        .push(crate::law::case::fixtures::debtor("Иванова Анна Петровна"));
    let half = Some(crate::model::Share {
        numerator: 1,
        denominator: 2,
    });
    a.debtors.iter_mut().for_each(|d| d.share = half);
    let c = calc(&a);
    let next = next_step(&Case::of(&a, &c, claiming()));
    assert_eq!(next.step, Step::None);
    assert!(
        next.reason
            .en()
            .contains("not yet to Иванова Анна Петровна"),
        "{}",
        next.reason
    );
    a.events.push(crate::model::Event {
        line: 9,
        date: day("2026-10-02"),
        kind: EventKind::WarningDelivered,
        reference: None,
        details: vec![("debtor".into(), "Иванова Анна Петровна".into())],
    });
    let c = calc(&a);
    let next = next_step(&Case::of(&a, &c, claiming()));
    assert_eq!(next.step, Step::Restriction, "{}", next.reason);
}

#[test]
fn the_ladder_does_not_apply_to_a_deceased_debtor() {
    let mut a = account("3000", &[]);
    a.debtors[0].status = Status::Deceased;
    let c = calc(&a);
    let next = next_step(&Case::of(&a, &c, claiming()));
    assert_eq!(next.step, Step::None);
    assert!(
        next.reason.en().contains("status Deceased"),
        "{}",
        next.reason
    );
    assert_eq!(next.stage.name(), "debt");
}

#[test]
fn a_step_asks_the_gate_its_documents_are_made_under() {
    let gate = |s: Step| s.gate().map(|g| g.taken_by);
    assert_eq!(
        gate(Step::Notice),
        Some(crate::law::gates::LETTERS.taken_by)
    );
    assert_eq!(gate(Step::CourtOrder), Some(&[EventKind::OrderFiled][..]));
    assert_eq!(
        gate(Step::Restriction),
        Some(&[EventKind::Restricted, EventKind::Suspended][..])
    );
    assert_eq!(gate(Step::None), None);
}
