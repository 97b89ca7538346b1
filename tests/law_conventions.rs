//! What no published vector covers: partial payments named and unnamed, overpayment, recalculation,
//! `end_inclusive = false`, `rate_date = "calculation"`, the ПП 497 window in both readings,
//! limitation, entries after the as-of date, the thresholds. Each figure is worked out in a comment.

mod common;
use common::*;
use vzysk::law::calendar::ymd;
use vzysk::law::conventions::{Allocation, Conventions, RateDate};
use vzysk::law::moratorium::{pp424, pp497};
use vzysk::model::CourtKind as ClaimCourt;

#[test]
fn partial_payment_naming_a_month_pays_that_month_and_splits_its_rows() {
    // 2024-02 due 10.03.2024; first penalty day 10.04.2024; first 1/130 day 09.06.2024.
    let ledger = [
        charge("2024-01", "1000"),
        charge("2024-02", "1000"),
        payment("20.04.2024", "500", Some("2024-02")),
    ];
    let c = calc(&ledger, "31.12.2024", &Conventions::default());
    assert_eq!((c.months[0].paid, c.months[1].paid), (dec("0"), dec("500")));
    let feb = rows(&c);
    // The paid part: 500 × 9.5 % × 11/300 = 1.7416… (rate of 20.04.2024: 16 % capped by ПП 2382).
    // The rest: 500 × 9.5 % × 60/300 = 9.50; 500 × 9.5 % × 206/130 = 75.2692…
    assert!(
        feb.contains(&"10.04.2024 20.04.2024 11 1/300 1.74".to_string()),
        "{feb:?}"
    );
    assert!(
        feb.contains(&"10.04.2024 08.06.2024 60 1/300 9.50".to_string()),
        "{feb:?}"
    );
    assert!(
        feb.contains(&"09.06.2024 31.12.2024 206 1/130 75.27".to_string()),
        "{feb:?}"
    );
    assert_eq!(c.months[1].penalty, dec("86.51"));
    let paid_part = c.rows.iter().find(|r| r.paid_on.is_some()).unwrap();
    assert_eq!(paid_part.paid_on, Some(ymd(2024, 4, 20)));
}

#[test]
fn unnamed_payment_pays_the_oldest_month_and_oldest_mode_ignores_the_name() {
    let unnamed = [
        charge("2024-01", "1000"),
        charge("2024-02", "1000"),
        payment("20.04.2024", "500", None),
    ];
    let c = calc(&unnamed, "31.12.2024", &Conventions::default());
    assert_eq!((c.months[0].paid, c.months[1].paid), (dec("500"), dec("0")));
    let named = [
        charge("2024-01", "1000"),
        charge("2024-02", "1000"),
        payment("20.04.2024", "500", Some("2024-02")),
    ];
    let oldest = Conventions {
        allocation: Allocation::Oldest,
        ..Conventions::default()
    };
    let o = calc(&named, "31.12.2024", &oldest);
    assert_eq!(o.months, c.months);
    assert_eq!(o.penalty, c.penalty);
}

#[test]
fn overpayment_is_credit_never_negative_principal() {
    let c = calc(
        &[
            charge("2024-01", "1000"),
            payment("05.02.2024", "1500", None),
        ],
        "31.12.2024",
        &Conventions::default(),
    );
    assert_eq!(
        (c.principal, c.credit, c.penalty),
        (dec("0"), dec("500"), dec("0"))
    );
    // The credit pays a later month when one is charged.
    let c = calc(
        &[
            charge("2024-01", "1000"),
            payment("05.02.2024", "1500", None),
            charge("2024-02", "700"),
        ],
        "31.12.2024",
        &Conventions::default(),
    );
    assert_eq!((c.principal, c.credit), (dec("200"), dec("0")));
}

#[test]
fn recalculation_reduces_its_month_and_an_excess_becomes_credit() {
    let c = calc(
        &[charge("2024-01", "1000"), charge("2024-01", "-200")],
        "31.12.2024",
        &Conventions::default(),
    );
    assert_eq!((c.months[0].charged, c.principal), (dec("800"), dec("800")));
    assert!(c.rows.iter().all(|r| r.base == dec("800")));

    // 2024-02 recalculated by −300 against 100 charged: 200 credited from 01.03.2024 to the oldest month.
    let c = calc(
        &[
            charge("2024-01", "1000"),
            charge("2024-02", "100"),
            charge("2024-02", "-300"),
        ],
        "31.12.2024",
        &Conventions::default(),
    );
    assert_eq!(c.months[1].charged, dec("-200"));
    assert_eq!(c.months[1].debt, dec("0"));
    assert_eq!(c.months[0].payments, vec![(ymd(2024, 3, 1), dec("200"))]);
    assert_eq!(c.principal, dec("800"));
    assert!(
        c.warnings
            .iter()
            .any(|w| w.en().contains("recalculations exceed")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn end_exclusive_leaves_out_the_payment_day() {
    // Vector 1 without its payment day: 5000 × 7.75 % × 34/130 = 101.3461…
    let conv = Conventions {
        end_inclusive: false,
        ..Conventions::default()
    };
    let c = calc(
        &[
            charge("2019-01", "5000.00"),
            payment("15.06.2019", "5000.00", None),
        ],
        "31.12.2019",
        &conv,
    );
    assert_eq!(
        rows(&c),
        [
            "13.03.2019 11.05.2019 60 1/300 77.50",
            "12.05.2019 14.06.2019 34 1/130 101.35"
        ]
    );
    // …and the as-of day: 4000 × 4.5 % × 89/130 = 123.2307… in vector 4's last row.
    let c = calc(&[charge("2020-01", "4000.00")], "31.03.2021", &conv);
    assert_eq!(
        rows(&c).last().unwrap(),
        "01.01.2021 30.03.2021 89 1/130 123.23"
    );
}

#[test]
fn rate_of_the_calculation_date_follows_the_running_balance() {
    // 5000 due 10.02.2019, 2000 paid 15.06.2019, as-of 31.12.2019: one rate, 6.25 % (from 16.12.2019).
    let ledger = [
        charge("2019-01", "5000.00"),
        payment("15.06.2019", "2000.00", None),
    ];
    let conv = Conventions {
        rate_date: RateDate::Calculation,
        ..Conventions::default()
    };
    let c = calc(&ledger, "31.12.2019", &conv);
    // 5000 × 6.25 % × 60/300 = 62.50; × 35/130 = 84.1346…; 3000 × 6.25 % × 199/130 = 287.0192…
    assert_eq!(
        rows(&c),
        [
            "13.03.2019 11.05.2019 60 1/300 62.50",
            "12.05.2019 15.06.2019 35 1/130 84.13",
            "16.06.2019 31.12.2019 199 1/130 287.02"
        ]
    );
    assert_eq!(c.penalty, dec("433.65"));

    // The default (payment) splits the paid 2000 at 7.75 % from the unpaid 3000 at 6.25 %.
    let p = calc(&ledger, "31.12.2019", &Conventions::default());
    // 2000×7.75%×60/300 = 31.00; 2000×7.75%×35/130 = 41.7307…; 3000×6.25%×60/300 = 37.50;
    // 3000×6.25%×234/130 = 337.50
    assert_eq!(
        rows(&p),
        [
            "13.03.2019 11.05.2019 60 1/300 31.00",
            "13.03.2019 11.05.2019 60 1/300 37.50",
            "12.05.2019 15.06.2019 35 1/130 41.73",
            "12.05.2019 31.12.2019 234 1/130 337.50",
        ]
    );
    assert_eq!(p.penalty, dec("447.73"));
}

#[test]
fn pp497_window_zeroes_all_months_by_default_and_only_older_debts_in_strict_mode() {
    // March 2022: due 10.04.2022, after the moratorium began; first penalty day 11.05.2022.
    let ledger = [charge("2022-03", "10000")];
    let c = calc(&ledger, "15.03.2023", &Conventions::default());
    assert_eq!(
        rows(&c),
        [
            "11.05.2022 09.07.2022 60 1/300 0.00 mor",
            "10.07.2022 01.10.2022 84 1/130 0.00 mor",
            "02.10.2022 15.03.2023 165 1/130 951.92",
        ]
    );
    let strict = pp497();
    let strict = vzysk::law::moratorium::Moratorium {
        only_due_before: Some(ymd(2022, 4, 1)),
        ..strict
    };
    let conv = Conventions {
        moratoria: vec![pp424(), strict],
        ..Conventions::default()
    };
    let s = calc(&ledger, "15.03.2023", &conv);
    // 10000 × 7.5 % × 60/300 = 150.00; × 249/130 = 1436.5384… (10.07.2022–15.03.2023)
    assert_eq!(
        rows(&s),
        [
            "11.05.2022 09.07.2022 60 1/300 150.00",
            "10.07.2022 15.03.2023 249 1/130 1436.54"
        ]
    );
    // A debt due before the window is still zeroed in strict mode: vector 2's rows do not change.
    let v2 = calc(&[charge("2021-11", "10000.00")], "15.03.2023", &conv);
    assert_eq!(v2.penalty, dec("1223.07"));
    // No moratoria at all ([]): vector 2 accrues through the window.
    let none = Conventions {
        moratoria: vec![],
        ..Conventions::default()
    };
    assert!(
        calc(&[charge("2021-11", "10000.00")], "15.03.2023", &none)
            .rows
            .iter()
            .all(|r| r.moratorium.is_none())
    );
}

#[test]
fn time_barred_months_are_kept_and_warned_about() {
    let c = calc(
        &[charge("2022-01", "1000"), charge("2024-01", "1000")],
        "27.11.2026",
        &Conventions::default(),
    );
    assert_eq!(c.principal, dec("2000"));
    assert!(c.months[0].time_barred && !c.months[1].time_barred);
    assert_eq!(c.months[0].limitation_ends, Some(ymd(2025, 2, 10)));
    assert!(
        c.warnings.iter().any(|w| w
            .en()
            .starts_with("2022-01: limitation period ended 2025-02-10")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn entries_after_the_as_of_date_are_left_out_with_a_warning() {
    let c = calc(
        &[
            charge("2024-01", "1000"),
            charge("2025-01", "1000"),
            payment("01.01.2025", "300", None),
        ],
        "31.12.2024",
        &Conventions::default(),
    );
    assert_eq!(c.principal, dec("1000"));
    assert_eq!(c.months.len(), 1);
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
}

#[test]
fn the_ceiling_and_the_magistrate_limit_follow_the_total() {
    let c = calc(
        &[charge("2026-01", "520000.00")],
        "27.11.2026",
        &Conventions::default(),
    );
    assert!(!c.court_order_allowed);
    assert_eq!(c.claim_court, ClaimCourt::District);
    let small = calc(
        &[charge("2026-01", "12000.00")],
        "27.11.2026",
        &Conventions::default(),
    );
    assert!(small.court_order_allowed);
    assert_eq!(small.claim_court, ClaimCourt::Magistrate);
    // Duty on the claim price = principal + penalty, new scale: minimum 4000 / 2000.
    let duty = small.duty.unwrap();
    assert_eq!((duty.claim, duty.court_order), (dec("4000"), dec("2000")));
}
