//! Invariants of the penalty over random ledgers (proptest), checked against an independent day-by-day
//! oracle where one is needed.

mod common;
use chrono::{Days, NaiveDate};
use common::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use vzysk::law::calculation::AccountCalc;
use vzysk::law::calendar::ymd;
use vzysk::law::conventions::{Conventions, RateDate, Rounding};
use vzysk::law::key_rate::penalty_rate_on;
use vzysk::model::Period;
use vzysk::model::{Charge, Entry, Payment};

#[derive(Clone, Debug)]
struct Ledger {
    entries: Vec<Entry>,
    as_of: NaiveDate,
}

fn kop(k: i64) -> Decimal {
    Decimal::new(k, 2)
}

/// 1–8 months from 2016–2026 (some across moratoria and the cap), up to 8 payments, an as-of date
/// 0–1500 days after the first month.
fn ledger() -> impl Strategy<Value = Ledger> {
    (
        (2016i32..2026, 1u32..=12),
        prop::collection::vec(1i64..600_000, 1..8),
        prop::collection::vec(
            (0u64..1400, 1i64..500_000, prop::option::of(0usize..8)),
            0..8,
        ),
        0u64..1500,
    )
        .prop_map(|((y, m), charges, payments, as_of_days)| {
            let start = Period::new(y, m).unwrap();
            let mut entries = Vec::new();
            let mut p = start;
            let mut months = Vec::new();
            for k in charges {
                entries.push(Entry::Charge(Charge {
                    line: 0,
                    period: p,
                    amount: kop(k),
                    date: None,
                    service: None,
                    due_date: None,
                    reference: None,
                }));
                months.push(p);
                p = p.next();
            }
            let first = start.first_day();
            for (days, k, named) in payments {
                entries.push(Entry::Payment(Payment {
                    line: 0,
                    date: first + Days::new(days),
                    amount: kop(k),
                    period: named.and_then(|i| months.get(i).copied()),
                    service: None,
                    reference: None,
                }));
            }
            Ledger {
                entries,
                as_of: first + Days::new(as_of_days + 40),
            }
        })
}

/// The penalty by brute force: every day of every month, exact, rounded once per month.
fn day_by_day(c: &AccountCalc, conv: &Conventions) -> Decimal {
    let mut total = Decimal::ZERO;
    for m in &c.months {
        let mut numerator = Decimal::ZERO;
        let amount = m.charged.max(Decimal::ZERO);
        let paid_by = |day: NaiveDate| -> Decimal {
            m.payments
                .iter()
                .filter(|(d, _)| *d < day)
                .map(|(_, a)| *a)
                .sum()
        };
        let mut day = m.due + Days::new(1);
        let mut k = 1u64;
        while day <= c.as_of {
            let frac = if k >= 91 { 30 } else { 13 };
            let zero = k < 31 || conv.moratoria.iter().any(|mo| mo.covers(day, m.due));
            if !zero {
                // Pieces paid on or after this day accrue at their own payment day's rate.
                for (d, a) in &m.payments {
                    if *d >= day {
                        let rate = match (conv.fixed_rate, conv.rate_date) {
                            (Some(r), _) => r,
                            (None, RateDate::Payment) => penalty_rate_on(*d).unwrap().rate,
                            (None, RateDate::Calculation) => penalty_rate_on(c.as_of).unwrap().rate,
                        };
                        numerator += *a * rate * Decimal::from(frac);
                    }
                }
                let rest = amount - paid_by(c.as_of + Days::new(1));
                if rest > Decimal::ZERO {
                    let rate = conv
                        .fixed_rate
                        .unwrap_or_else(|| penalty_rate_on(c.as_of).unwrap().rate);
                    numerator += rest * rate * Decimal::from(frac);
                }
            }
            day = day + Days::new(1);
            k += 1;
        }
        total += (numerator / Decimal::from(390_000))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn penalty_is_never_negative(l in ledger()) {
        let c = calc_at(&l, &Conventions::default());
        prop_assert!(c.penalty >= Decimal::ZERO);
        prop_assert!(c.rows.iter().all(|r| r.amount >= Decimal::ZERO && r.days > 0));
        prop_assert!(c.principal >= Decimal::ZERO && c.credit >= Decimal::ZERO);
    }

    #[test]
    fn with_a_fixed_rate_the_penalty_never_falls_as_the_as_of_date_moves_later(l in ledger(), later in 1u64..400) {
        let conv = Conventions { fixed_rate: Some(dec("9.5")), ..Conventions::default() };
        let a = calc_at(&l, &conv);
        let b = vzysk::law::calculation::calculate(&l.entries, l.as_of + Days::new(later), &conv);
        prop_assert!(b.penalty >= a.penalty, "{} < {}", b.penalty, a.penalty);
    }

    #[test]
    fn nothing_accrues_in_the_grace_days_or_on_moratorium_days(l in ledger()) {
        let conv = Conventions::default();
        let c = calc_at(&l, &conv);
        for r in &c.rows {
            let m = c.months.iter().find(|m| m.period == r.period).unwrap();
            prop_assert!(r.from >= m.due + Days::new(31), "row from {} before delay day 31 of due {}", r.from, m.due);
            let in_moratorium = |d: NaiveDate| conv.moratoria.iter().any(|mo| mo.covers(d, m.due));
            if r.moratorium.is_some() {
                prop_assert_eq!(r.amount, Decimal::ZERO);
                prop_assert!(in_moratorium(r.from) && in_moratorium(r.to));
            } else {
                prop_assert!(!in_moratorium(r.from) && !in_moratorium(r.to));
                for mo in &conv.moratoria {
                    prop_assert!(!(r.from < mo.from && r.to > mo.to), "row spans a moratorium");
                }
            }
        }
    }

    #[test]
    fn a_month_paid_in_full_by_delay_day_30_owes_none(l in ledger()) {
        let c = calc_at(&l, &Conventions::default());
        for m in &c.months {
            let on_time: Decimal = m.payments.iter().filter(|(d, _)| *d <= m.due + Days::new(30)).map(|(_, a)| *a).sum();
            if m.charged > Decimal::ZERO && on_time >= m.charged {
                prop_assert_eq!(m.penalty, Decimal::ZERO);
                prop_assert!(c.rows.iter().all(|r| r.period != m.period));
            }
        }
    }

    #[test]
    fn total_rounding_equals_the_day_by_day_sum_and_ignores_how_a_payment_is_split(l in ledger(), split in 1i64..99) {
        for rate_date in [RateDate::Payment, RateDate::Calculation] {
            let conv = Conventions { rounding: Rounding::Total, rate_date, ..Conventions::default() };
            let c = calc_at(&l, &conv);
            prop_assert_eq!(c.penalty, day_by_day(&c, &conv));

            // Split the first payment into two on the same day.
            let mut split_entries = Vec::new();
            let mut done = false;
            for e in &l.entries {
                match e {
                    Entry::Payment(p) if !done && p.amount > Decimal::new(1, 2) => {
                        let one = (p.amount * Decimal::new(split, 2)).round_dp(2).max(Decimal::new(1, 2)).min(p.amount - Decimal::new(1, 2));
                        split_entries.push(Entry::Payment(Payment { amount: one, ..p.clone() }));
                        split_entries.push(Entry::Payment(Payment { amount: p.amount - one, ..p.clone() }));
                        done = true;
                    }
                    other => split_entries.push(other.clone()),
                }
            }
            let s = vzysk::law::calculation::calculate(&split_entries, l.as_of, &conv);
            prop_assert_eq!(s.penalty, c.penalty);
            prop_assert_eq!(s.principal, c.principal);
        }
    }
}

fn calc_at(l: &Ledger, conv: &Conventions) -> AccountCalc {
    vzysk::law::calculation::calculate(&l.entries, l.as_of, conv)
}

#[test]
fn the_oracle_itself_reproduces_vector_2() {
    // Guard the oracle: it must give the published exact-total result (1,223.08).
    let conv = Conventions {
        rounding: Rounding::Total,
        ..Conventions::default()
    };
    let c = calc(&[charge("2021-11", "10000.00")], "15.03.2023", &conv);
    assert_eq!(day_by_day(&c, &conv), dec("1223.08"));
    assert_eq!(c.as_of, ymd(2023, 3, 15));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn an_instalment_schedule_always_sums_to_the_debt(kop in 1i64..100_000_000, parts in 1u32..=60, day in 1u32..=31) {
        let amount = Decimal::new(kop, 2);
        let s = vzysk::law::agreement::schedule(amount, parts, day, ymd(2026, 11, 27));
        prop_assert_eq!(s.len(), parts as usize);
        prop_assert_eq!(s.iter().map(|p| p.1).sum::<Decimal>(), amount);
        prop_assert!(s.iter().all(|p| p.1 >= Decimal::ZERO && p.1.scale() <= 2));
        // Equal parts; only the last differs, by less than one kopeck per part.
        prop_assert!(s.windows(2).all(|w| w[0].0 < w[1].0));
        prop_assert!(s[..s.len() - 1].iter().all(|p| p.1 == s[0].1));
        prop_assert!(s[s.len() - 1].1 - s[0].1 < Decimal::new(parts as i64, 2));
    }
}
