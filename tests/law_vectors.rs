//! The worked examples of `legal-rules.md` §11 (vectors 1–5), each row of each table, through the
//! whole account calculation (due date, allocation, rate, cap, moratoria, rounding).

mod common;
use common::*;
use vzysk::law::conventions::{Conventions, Rounding};

#[test]
fn vector_1_plain_2019() {
    let c = calc(
        &[
            charge("2019-01", "5000.00"),
            payment("15.06.2019", "5000.00", Some("2019-01")),
        ],
        "31.12.2019",
        &Conventions::default(),
    );
    assert_eq!(
        rows(&c),
        [
            "13.03.2019 11.05.2019 60 1/300 77.50",
            "12.05.2019 15.06.2019 35 1/130 104.33"
        ]
    );
    assert!(c.rows.iter().all(|r| r.rate == dec("7.75")));
    assert_eq!(c.months[0].due, d("10.02.2019"));
    assert_eq!(c.penalty, dec("181.83"));
    assert_eq!(c.principal, dec("0"));
}

#[test]
fn vector_2_pp497_and_the_minimum_rule_both_roundings() {
    let ledger = [charge("2021-11", "10000.00")];
    let c = calc(&ledger, "15.03.2023", &Conventions::default());
    assert_eq!(
        rows(&c),
        [
            "10.01.2022 10.03.2022 60 1/300 150.00",
            "11.03.2022 31.03.2022 21 1/130 121.15",
            "01.04.2022 01.10.2022 184 1/130 0.00 mor",
            "02.10.2022 15.03.2023 165 1/130 951.92",
        ]
    );
    assert!(c.rows.iter().all(|r| r.rate == dec("7.5")));
    assert_eq!(c.penalty, dec("1223.07"));
    let total = Conventions {
        rounding: Rounding::Total,
        ..Conventions::default()
    };
    assert_eq!(calc(&ledger, "15.03.2023", &total).penalty, dec("1223.08"));
}

#[test]
fn vector_3_cap_binds_in_2024_and_the_uncapped_negative() {
    let ledger = [
        charge("2024-03", "3500.00"),
        payment("20.12.2024", "3500.00", None),
    ];
    let c = calc(&ledger, "27.11.2026", &Conventions::default());
    assert_eq!(
        rows(&c),
        [
            "11.05.2024 09.07.2024 60 1/300 66.50",
            "10.07.2024 20.12.2024 164 1/130 419.46"
        ]
    );
    assert!(c.rows.iter().all(|r| r.rate == dec("9.5")));
    assert_eq!(c.penalty, dec("485.96"));
    // Without the cap (the key rate of 21 %) the result would be 1,074.23: the negative test.
    let uncapped = Conventions {
        fixed_rate: Some(dec("21")),
        rounding: Rounding::Total,
        ..Conventions::default()
    };
    let u = calc(&ledger, "27.11.2026", &uncapped);
    assert_eq!(u.penalty, dec("1074.23"));
    assert_ne!(u.penalty, c.penalty);
}

#[test]
fn vector_4_pp424_moratorium() {
    let c = calc(
        &[charge("2020-01", "4000.00")],
        "31.03.2021",
        &Conventions::default(),
    );
    assert_eq!(
        rows(&c),
        [
            "12.03.2020 05.04.2020 25 1/300 15.00",
            "06.04.2020 10.05.2020 35 1/300 0.00 mor",
            "11.05.2020 31.12.2020 235 1/130 0.00 mor",
            "01.01.2021 31.03.2021 90 1/130 124.62",
        ]
    );
    assert!(c.rows.iter().all(|r| r.rate == dec("4.5")));
    assert_eq!(c.penalty, dec("139.62"));
}

#[test]
fn vector_5a_february_2026_still_due_on_the_10th() {
    let c = calc(
        &[charge("2026-02", "6000.00")],
        "31.08.2026",
        &Conventions::default(),
    );
    assert_eq!(c.months[0].due, d("10.03.2026"));
    assert_eq!(
        rows(&c),
        [
            "10.04.2026 08.06.2026 60 1/300 114.00",
            "09.06.2026 31.08.2026 84 1/130 368.31"
        ]
    );
    assert_eq!(c.penalty, dec("482.31"));
}

#[test]
fn vector_5b_march_2026_due_on_the_15th() {
    let c = calc(
        &[charge("2026-03", "6000.00")],
        "30.09.2026",
        &Conventions::default(),
    );
    assert_eq!(c.months[0].due, d("15.04.2026"));
    assert_eq!(
        rows(&c),
        [
            "16.05.2026 14.07.2026 60 1/300 114.00",
            "15.07.2026 30.09.2026 78 1/130 342.00"
        ]
    );
    assert_eq!(c.penalty, dec("456.00"));
}

#[test]
fn all_five_together_on_one_account_add_up() {
    // The vectors are independent months; on one account they must simply add up (as-of after all).
    let conv = Conventions::default();
    let single = |l: &[vzysk::model::Entry]| calc(l, "27.11.2026", &conv).penalty;
    let a = [
        charge("2019-01", "5000.00"),
        payment("15.06.2019", "5000.00", Some("2019-01")),
    ];
    let b = [
        charge("2024-03", "3500.00"),
        payment("20.12.2024", "3500.00", Some("2024-03")),
    ];
    let mut both = a.to_vec();
    both.extend(b.iter().cloned());
    assert_eq!(single(&both), single(&a) + single(&b));
}
