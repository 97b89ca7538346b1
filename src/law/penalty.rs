//! The penalty of ЖК ст.155 ч.14 for one billing month (`legal-rules.md` §1.1–1.4), in the canonical
//! rows of §1.3: a row is a maximal run of days with the same base, rate, fraction and moratorium flag.
//!
//! Delay day k is `due + k`. Days 1–30 owe nothing (no rows); days 31–90 owe 1/300 of the rate a day;
//! day 91 on, 1/130. Moratorium days keep counting towards those steps but owe 0.00 (rows of their own).
//! A payment reduces the base from the day after it (from its own day with `end_inclusive = false`).

use super::allocation::Part;
use super::calendar::{add_days, sub_days};
use super::conventions::{Conventions, RateDate, Rounding};
use super::key_rate::{PenaltyRate, penalty_rate_on};
use crate::model::Period;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The first delay day that owes a penalty, and the first at 1/130.
pub const FIRST_PENALTY_DAY: u64 = 31;
pub const FIRST_1_130_DAY: u64 = 91;

/// Every exact row amount is `base × rate% × days / 300` or `/ 130`; over the common denominator
/// 100 × 3900 it is `base × rate × days × 13` or `× 30`: exact, so a month can be rounded once.
const DENOMINATOR: i64 = 390_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fraction {
    /// 1/300 of the rate: delay days 31–90.
    OneThreeHundredth,
    /// 1/130 of the rate: delay day 91 on.
    OneHundredThirtieth,
}

impl Fraction {
    fn factor(self) -> i64 {
        match self {
            Fraction::OneThreeHundredth => 13,
            Fraction::OneHundredThirtieth => 30,
        }
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Fraction::OneThreeHundredth => "1/300",
            Fraction::OneHundredThirtieth => "1/130",
        })
    }
}

/// One month's debt: what was charged (net of recalculations) and when it fell due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Obligation {
    pub period: Period,
    pub due: NaiveDate,
    pub amount: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub period: Period,
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub days: i64,
    pub base: Decimal,
    pub rate: Decimal,
    pub fraction: Fraction,
    /// The moratorium that zeroes the row.
    pub moratorium: Option<String>,
    /// With `rate_date = payment`: the payment day of the paid part this row belongs to.
    pub paid_on: Option<NaiveDate>,
    /// The exact amount × 390 000 (see `DENOMINATOR`).
    numerator: Decimal,
    /// Rounded to kopecks, half up.
    pub amount: Decimal,
}

impl Row {
    /// The exact amount, before rounding.
    pub fn exact(&self) -> Decimal {
        self.numerator / Decimal::from(DENOMINATOR)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthPenalty {
    pub rows: Vec<Row>,
    /// The month's penalty under the rounding convention.
    pub total: Decimal,
    /// The rates the rows used (for warnings about unconfirmed rates).
    pub rates: Vec<PenaltyRate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PenaltyError {
    /// The key-rate table does not reach back to this rate date.
    NoRate(NaiveDate),
}

/// Rounds half up (away from zero) to kopecks.
pub fn kopecks(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The penalty for one month, given the parts that paid it (dated on or before `as_of`).
pub fn month_penalty(
    ob: &Obligation,
    parts: &[Part],
    as_of: NaiveDate,
    conv: &Conventions,
) -> Result<MonthPenalty, PenaltyError> {
    let accrual_end = |d: NaiveDate| {
        if conv.end_inclusive {
            d
        } else {
            sub_days(d, 1)
        }
    };
    let paid: Decimal = parts.iter().map(|p| p.amount).sum();
    let rest = ob.amount - paid;

    // Each piece of the debt: (amount, last accruing day, rate date, payment day if paid).
    let mut pieces: Vec<(Decimal, NaiveDate, NaiveDate, Option<NaiveDate>)> = parts
        .iter()
        .filter(|p| p.amount > Decimal::ZERO)
        .map(|p| {
            (
                p.amount,
                accrual_end(p.date.min(as_of)),
                p.date,
                Some(p.date),
            )
        })
        .collect();
    if rest > Decimal::ZERO {
        pieces.push((rest, accrual_end(as_of), as_of, None));
    }
    let first = add_days(ob.due, FIRST_PENALTY_DAY);
    pieces.retain(|p| p.1 >= first);

    let rate_on = |date: NaiveDate| -> Result<PenaltyRate, PenaltyError> {
        match conv.fixed_rate {
            Some(rate) => Ok(PenaltyRate {
                rate,
                rate_date: date,
                capped_by: None,
                unconfirmed: false,
            }),
            None => penalty_rate_on(date).ok_or(PenaltyError::NoRate(date)),
        }
    };

    let mut out = MonthPenalty::default();
    if conv.rate_date == RateDate::Payment && conv.fixed_rate.is_none() {
        // Each paid part at the rate of its payment day, the unpaid rest at the as-of date's rate.
        for &(amount, end, rate_date, paid_on) in &pieces {
            let rate = rate_on(rate_date)?;
            out.rows
                .extend(rows(ob, &[(amount, end)], &rate, paid_on, conv));
            out.rates.push(rate);
        }
    } else if !pieces.is_empty() {
        // One rate; rows follow the running balance.
        let rate = rate_on(as_of)?;
        let running: Vec<(Decimal, NaiveDate)> = pieces.iter().map(|p| (p.0, p.1)).collect();
        out.rows = rows(ob, &running, &rate, None, conv);
        out.rates.push(rate);
    }
    out.rows.sort_by_key(|r| r.from); // stable: parts in payment order before the rest
    out.total = match conv.rounding {
        Rounding::Row => out.rows.iter().map(|r| r.amount).sum(),
        Rounding::Total => {
            let numerator: Decimal = out.rows.iter().map(|r| r.numerator).sum();
            kopecks(numerator / Decimal::from(DENOMINATOR))
        }
    };
    Ok(out)
}

/// The canonical rows of a running balance made of `pieces` (amount, last accruing day) at one rate.
fn rows(
    ob: &Obligation,
    pieces: &[(Decimal, NaiveDate)],
    rate: &PenaltyRate,
    paid_on: Option<NaiveDate>,
    conv: &Conventions,
) -> Vec<Row> {
    let first = add_days(ob.due, FIRST_PENALTY_DAY);
    let step = add_days(ob.due, FIRST_1_130_DAY);
    let Some(last) = pieces.iter().map(|p| p.1).max() else {
        return Vec::new();
    };
    if last < first {
        return Vec::new();
    }
    let stop = add_days(last, 1);
    let mut cuts = vec![first, step, stop];
    cuts.extend(pieces.iter().map(|p| add_days(p.1, 1)));
    for m in &conv.moratoria {
        cuts.push(m.from);
        cuts.push(add_days(m.to, 1));
    }
    cuts.retain(|d| first <= *d && *d <= stop);
    cuts.sort();
    cuts.dedup();

    let mut out: Vec<Row> = Vec::new();
    for w in cuts.windows(2) {
        let (from, next) = (w[0], w[1]);
        let base: Decimal = pieces.iter().filter(|p| p.1 >= from).map(|p| p.0).sum();
        if base <= Decimal::ZERO {
            continue;
        }
        let fraction = if from >= step {
            Fraction::OneHundredThirtieth
        } else {
            Fraction::OneThreeHundredth
        };
        let moratorium = conv
            .moratoria
            .iter()
            .find(|m| m.covers(from, ob.due))
            .map(|m| m.name.clone());
        let to = sub_days(next, 1);
        match out.last_mut() {
            Some(prev)
                if add_days(prev.to, 1) == from
                    && prev.base == base
                    && prev.fraction == fraction
                    && prev.moratorium == moratorium =>
            {
                prev.to = to;
            }
            _ => out.push(Row {
                period: ob.period,
                from,
                to,
                days: 0,
                base,
                rate: rate.rate.normalize(),
                fraction,
                moratorium,
                paid_on,
                numerator: Decimal::ZERO,
                amount: Decimal::ZERO,
            }),
        }
    }
    for row in &mut out {
        row.days = (row.to - row.from).num_days() + 1;
        if row.moratorium.is_none() {
            row.numerator = row.base
                * row.rate
                * Decimal::from(row.days)
                * Decimal::from(row.fraction.factor());
        }
        row.amount = kopecks(row.exact());
        row.amount.rescale(2);
    }
    out
}
