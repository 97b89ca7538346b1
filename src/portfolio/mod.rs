//! The portfolio as the principal (the utility that hired the centre) and the head of the legal
//! department read it, for `vzysk report`: accounts and sums by stage of the ladder and by court,
//! the debt by age and how it moved in a month, what each step achieved (`effect.rs`), the month's
//! documents and filings with the duty spent and recovered (`filings.rs`), and the trend of charges
//! and payments by month.
//!
//! Gathered account by account (nothing of an account is kept: memory does not grow with the
//! portfolio), exact to the kopeck. The stage sums, the court sums and the ages each add up to the
//! portfolio's, which is the sum of `vzysk calc` over the same accounts on the same date.

pub mod deadlines;
pub mod effect;
pub mod filings;
pub mod labels;
pub mod output;

use crate::law::calculation::AccountCalc;
use crate::law::jurisdiction::court_for;
use crate::model::{Account, CourtKind, Entry, EventKind, Office, Period};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Accounts and their sums.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub accounts: usize,
    /// Every unpaid charge (`calc`'s principal).
    pub principal: Decimal,
    /// The part of it past due.
    pub overdue: Decimal,
    pub penalty: Decimal,
    /// Principal and penalty.
    pub total: Decimal,
}

impl Sums {
    fn add(&mut self, c: &AccountCalc) {
        self.accounts += 1;
        self.principal += c.principal;
        self.overdue += c.overdue;
        self.penalty += c.penalty;
        self.total += c.total;
    }
}

/// The ages of a debt: a month's unpaid charge by the whole months since it fell due (a charge not
/// yet due is in the first).
pub const AGES: [(&str, &str, &str, u32); 5] = [
    ("0-3m", "до 3 месяцев", "up to 3 months", 3),
    ("3-6m", "3–6 месяцев", "3–6 months", 6),
    ("6-12m", "6–12 месяцев", "6–12 months", 12),
    ("1-3y", "1–3 года", "1–3 years", 36),
    ("3y+", "свыше 3 лет", "over 3 years", u32::MAX),
];

/// Whole months from `due` to `as_of` (none when it is not yet due).
fn months_since(due: NaiveDate, as_of: NaiveDate) -> u32 {
    if due >= as_of {
        return 0;
    }
    let mut months = (as_of.year() - due.year()) * 12 + as_of.month() as i32 - due.month() as i32;
    if as_of.day() < due.day() {
        months -= 1;
    }
    months.max(0) as u32
}

/// The age bucket (index into [`AGES`]) of a charge due on `due`.
pub fn age(due: NaiveDate, as_of: NaiveDate) -> usize {
    let months = months_since(due, as_of);
    AGES.iter()
        .position(|(_, _, _, under)| months < *under)
        .unwrap_or(AGES.len() - 1)
}

/// The principal of `calc` by age.
fn ages(calc: &AccountCalc) -> [Decimal; 5] {
    let mut out = [Decimal::ZERO; 5];
    for m in &calc.months {
        out[age(m.due, calc.as_of)] += m.debt;
    }
    out
}

/// The court an account's case is before (the newest filing's `court=`), else the court it would go
/// to (a magistrate for a court order, by the claim's price for a claim); empty when none is found.
pub fn court_of(account: &Account, calc: &AccountCalc, courts: &[Office]) -> String {
    let filed = account
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::OrderFiled | EventKind::ClaimFiled))
        .filter(|e| e.date <= calc.as_of)
        .max_by_key(|e| (e.date, e.line))
        .and_then(|e| e.detail("court"));
    if let Some(court) = filed {
        return court.to_string();
    }
    let kind = if calc.court_order_allowed {
        CourtKind::Magistrate
    } else {
        calc.claim_court
    };
    court_for(courts, account, kind).map_or(String::new(), |(office, _)| office.id.clone())
}

/// How many months of charges and payments the trend shows.
pub const TREND_MONTHS: u32 = 12;

/// A month of the trend: charged for it (its billing period) and paid in it (by payment date).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    pub charged: Decimal,
    pub paid: Decimal,
}

/// One account as the report takes it: its calculations on the report's date and a month before,
/// the stage of its case, the court its case is before or would go to, and its calculation on any
/// other day (for what the steps achieved).
pub struct Seen<'a> {
    pub account: &'a Account,
    pub now: &'a AccountCalc,
    pub before: &'a AccountCalc,
    pub stage: &'a str,
    /// The court's id; empty where none could be found.
    pub court: &'a str,
    pub calc_on: &'a dyn Fn(NaiveDate) -> AccountCalc,
    /// The case's deadlines (`law::deadlines`).
    pub deadlines: &'a [crate::law::deadlines::Deadline],
}

/// The portfolio's figures.
#[derive(Debug)]
pub struct Portfolio {
    pub as_of: NaiveDate,
    /// A month before the report's date: what the movement is measured from.
    pub previous: NaiveDate,
    pub total: Sums,
    pub previous_total: Sums,
    /// By stage (the ladder's order, `labels::stage_order`).
    pub stages: BTreeMap<usize, Sums>,
    /// By court id ("" — none found).
    pub courts: BTreeMap<String, Sums>,
    pub ages: [Decimal; 5],
    pub previous_ages: [Decimal; 5],
    pub effect: effect::Effect,
    pub filings: filings::Filings,
    /// The last [`TREND_MONTHS`] months, oldest first.
    pub trend: BTreeMap<Period, Flow>,
    /// Accounts left out: their rows have errors (`vzysk check` lists them).
    pub refused: usize,
    pub deadlines: deadlines::Deadlines,
}

impl Portfolio {
    pub fn new(as_of: NaiveDate) -> Portfolio {
        let previous = as_of.checked_sub_months(Months::new(1)).unwrap_or(as_of);
        let mut trend = BTreeMap::new();
        let mut p = Period::of(as_of);
        for _ in 0..TREND_MONTHS {
            trend.insert(p, Flow::default());
            p = p.prev();
        }
        Portfolio {
            as_of,
            previous,
            total: Sums::default(),
            previous_total: Sums::default(),
            stages: BTreeMap::new(),
            courts: BTreeMap::new(),
            ages: [Decimal::ZERO; 5],
            previous_ages: [Decimal::ZERO; 5],
            effect: effect::Effect::default(),
            filings: filings::Filings::new(as_of, previous),
            trend,
            deadlines: deadlines::Deadlines::default(),
            refused: 0,
        }
    }

    /// Adds one account.
    pub fn add(&mut self, seen: &Seen) {
        let now = seen.now;
        self.deadlines.add(&seen.account.id, seen.deadlines);
        self.total.add(now);
        self.previous_total.add(seen.before);
        self.stages
            .entry(labels::stage_order(seen.stage))
            .or_default()
            .add(now);
        self.courts
            .entry(seen.court.to_string())
            .or_default()
            .add(now);
        for (into, add) in [
            (&mut self.ages, ages(now)),
            (&mut self.previous_ages, ages(seen.before)),
        ] {
            for (a, b) in into.iter_mut().zip(add) {
                *a += b;
            }
        }
        for entry in &seen.account.ledger {
            let (period, flow) = match entry {
                Entry::Charge(c) => (
                    c.period,
                    Flow {
                        charged: c.amount,
                        paid: Decimal::ZERO,
                    },
                ),
                Entry::Payment(p) if p.date <= self.as_of => (
                    Period::of(p.date),
                    Flow {
                        charged: Decimal::ZERO,
                        paid: p.amount,
                    },
                ),
                Entry::Payment(_) => continue,
            };
            if let Some(month) = self.trend.get_mut(&period) {
                month.charged += flow.charged;
                month.paid += flow.paid;
            }
        }
        self.effect.add(seen.account, self.as_of, seen.calc_on);
        self.filings.add(seen.account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ages_count_whole_months_since_the_due_date() {
        let as_of = d(2026, 11, 27);
        assert_eq!(age(d(2026, 12, 10), as_of), 0, "not yet due");
        assert_eq!(age(d(2026, 8, 28), as_of), 0, "2 months and 30 days");
        assert_eq!(age(d(2026, 8, 27), as_of), 1, "3 whole months");
        assert_eq!(age(d(2026, 5, 28), as_of), 1);
        assert_eq!(age(d(2026, 5, 27), as_of), 2, "6 months");
        assert_eq!(age(d(2025, 11, 27), as_of), 3, "12 months");
        assert_eq!(age(d(2023, 11, 28), as_of), 3);
        assert_eq!(age(d(2023, 11, 27), as_of), 4, "36 months");
        assert_eq!(age(d(2010, 1, 1), as_of), 4);
    }
}
