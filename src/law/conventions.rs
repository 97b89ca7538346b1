//! The conventions the law leaves open, with their documented defaults (`[penalty]` of `vzysk.toml`,
//! README «Penalty conventions»). Reading them from TOML lives in `workspace::config`; this is the pure value.

use super::calendar::{DEFAULT_DUE_DAY, FIXED_DUE_FROM};
use super::moratorium::{self, Moratorium};
use crate::model::Period;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RateDate {
    /// Each paid part at the rate of its payment day, the unpaid rest at the as-of date's rate.
    Payment,
    /// One rate for everything: the as-of date's.
    Calculation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Allocation {
    /// The default (Пленум ВС РФ № 22 п.32; ГК ст.319.1, 199; `allocation.rs`): a payment goes first
    /// to the month the payer named, the rest to the oldest unpaid months whose limitation has not
    /// run on the payment day; what they do not need is an advance.
    NamedThenWithinLimitation,
    /// The old convention: the month named, the rest to the oldest unpaid months, barred or not.
    NamedThenOldest,
    /// Every payment to the oldest unpaid months, whatever it names.
    Oldest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Each table row to kopecks, half up (court practice).
    Row,
    /// Each month's exact sum, rounded once.
    Total,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conventions {
    pub due_day: u32,
    /// First billing month due on the fixed 15th (177-ФЗ); UNCONFIRMED transition, see `calendar`.
    pub fixed_due_from: Period,
    pub end_inclusive: bool,
    pub rate_date: RateDate,
    /// Percent; replaces the key-rate table and the cap.
    pub fixed_rate: Option<Decimal>,
    pub allocation: Allocation,
    pub rounding: Rounding,
    pub moratoria: Vec<Moratorium>,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            due_day: DEFAULT_DUE_DAY,
            fixed_due_from: FIXED_DUE_FROM,
            end_inclusive: true,
            rate_date: RateDate::Payment,
            fixed_rate: None,
            allocation: Allocation::NamedThenWithinLimitation,
            rounding: Rounding::Row,
            moratoria: moratorium::builtin(),
        }
    }
}

impl Conventions {
    /// The conventions as printed in every output, so a result can be reproduced.
    pub fn describe(&self) -> serde_json::Value {
        serde_json::json!({
            "due_day": self.due_day,
            "fixed_due_from": self.fixed_due_from.to_string(),
            "end_inclusive": self.end_inclusive,
            "rate_date": self.rate_date,
            "fixed_rate": self.fixed_rate.map(|r| r.normalize().to_string()),
            "allocation": self.allocation,
            "rounding": self.rounding,
            "moratoria": self.moratoria.iter().map(|m| serde_json::json!({
                "from": m.from.to_string(),
                "to": m.to.to_string(),
                "name": m.name,
                "only_due_before": m.only_due_before.map(|d| d.to_string()),
            })).collect::<Vec<_>>(),
        })
    }
}

/// Whether documents claim the months whose limitation has ended (`[limitation] claim`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeBarred {
    /// Claim them too: the court applies limitation only on the debtor's plea (ГК ст.199 ч.2),
    /// and the claimant keeps its right to the whole debt.
    All,
    /// Claim only the months within limitation (the default): a court order must be undisputed
    /// (ГПК ст.121, 125 ч.3), and one time-barred month invites the objection that cancels the
    /// whole order; in a claim the part refused on the debtor's plea costs its share of the duty
    /// (ГПК ст.98). A month's penalty follows its month (the penalty's own per-day limitation is
    /// not modelled: leaving it out is the careful side).
    Within,
}

/// How debts are taken to court where the law leaves the choice to the claimant (`[court]`,
/// `[limitation]` of `vzysk.toml`), and the ladder's terms (`[terms]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claiming {
    /// The least total a court order is sought for (`[court] min_order_claim`). Below it the
    /// duty (at least 2 000 since 09.09.2024) and the cost of filing and enforcing outweigh the
    /// debt; the default, 3 000, is a choice of this tool, not a rule of law.
    pub min_order_claim: Decimal,
    pub time_barred: TimeBarred,
    /// The day terms the law leaves open (`[terms]`).
    pub terms: super::terms::Terms,
}

impl Default for Claiming {
    fn default() -> Self {
        Claiming {
            min_order_claim: Decimal::from(3000),
            time_barred: TimeBarred::Within,
            terms: super::terms::Terms::default(),
        }
    }
}
