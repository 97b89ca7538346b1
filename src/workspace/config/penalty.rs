//! `[penalty]`, `[court]` and `[limitation]`: the conventions the law leaves open, and how debts
//! are taken to court; each bad value an error at its line.

use super::values::{FILE, line_of, toml_date};
use crate::diag::Diagnostic;
use crate::law::conventions::{Allocation, Claiming, Conventions, RateDate, Rounding, TimeBarred};
use crate::law::moratorium::Moratorium;
use crate::model::Period;
use crate::money::parse_amount;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct RawPenalty {
    due_day: Option<Spanned<toml::Value>>,
    fixed_due_from: Option<Spanned<toml::Value>>,
    end_inclusive: Option<Spanned<toml::Value>>,
    rate_date: Option<Spanned<toml::Value>>,
    fixed_rate: Option<Spanned<toml::Value>>,
    allocation: Option<Spanned<toml::Value>>,
    rounding: Option<Spanned<toml::Value>>,
    moratoria: Option<Spanned<toml::Value>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct RawCourt {
    min_order_claim: Option<Spanned<toml::Value>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct RawLimitation {
    claim: Option<Spanned<toml::Value>>,
}

pub(super) fn conventions(
    raw: &RawPenalty,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Conventions {
    let mut c = Conventions::default();
    let mut bad = |v: &Spanned<toml::Value>, key: &str, fix: &str| {
        diags.push(
            Diagnostic::error(
                FILE,
                format!("[penalty] {key} = {} is not valid", v.get_ref()),
                fix,
            )
            .at(line_of(text, v.span().start)),
        );
    };
    if let Some(v) = &raw.due_day {
        match v.get_ref().as_integer() {
            Some(d @ 1..=31) => c.due_day = d as u32,
            _ => bad(v, "due_day", "give a day of the month, 1 to 31"),
        }
    }
    if let Some(v) = &raw.fixed_due_from {
        match v.get_ref().as_str().and_then(Period::parse) {
            Some(p) => c.fixed_due_from = p,
            None => bad(v, "fixed_due_from", "give a billing month, \"2026-03\""),
        }
    }
    if let Some(v) = &raw.end_inclusive {
        match v.get_ref().as_bool() {
            Some(b) => c.end_inclusive = b,
            None => bad(v, "end_inclusive", "write true or false"),
        }
    }
    if let Some(v) = &raw.rate_date {
        match v.get_ref().as_str() {
            Some("payment") => c.rate_date = RateDate::Payment,
            Some("calculation") => c.rate_date = RateDate::Calculation,
            _ => bad(v, "rate_date", "write \"payment\" or \"calculation\""),
        }
    }
    if let Some(v) = &raw.fixed_rate {
        let rate = match v.get_ref() {
            toml::Value::String(s) => parse_amount(s).ok(),
            toml::Value::Integer(i) => Some(Decimal::from(*i)),
            toml::Value::Float(f) => Decimal::from_str_exact(&f.to_string()).ok(),
            _ => None,
        };
        match rate {
            Some(r) if r > Decimal::ZERO && r < Decimal::from(100) => {
                c.fixed_rate = Some(r.normalize())
            }
            _ => bad(v, "fixed_rate", "give a rate in percent, \"9.5\""),
        }
    }
    if let Some(v) = &raw.allocation {
        match v.get_ref().as_str() {
            Some("named-then-oldest") => c.allocation = Allocation::NamedThenOldest,
            Some("oldest") => c.allocation = Allocation::Oldest,
            _ => bad(v, "allocation", "write \"named-then-oldest\" or \"oldest\""),
        }
    }
    if let Some(v) = &raw.rounding {
        match v.get_ref().as_str() {
            Some("row") => c.rounding = Rounding::Row,
            Some("total") => c.rounding = Rounding::Total,
            _ => bad(v, "rounding", "write \"row\" or \"total\""),
        }
    }
    if let Some(v) = &raw.moratoria {
        match moratoria(v.get_ref()) {
            Some(list) => c.moratoria = list,
            None => bad(
                v,
                "moratoria",
                "give a list of { from = 2020-04-06, to = 2020-12-31, name = \"…\" } with from ≤ to, or [] for none",
            ),
        }
    }
    c
}

/// `[court] min_order_claim` and `[limitation] claim`.
pub(super) fn claiming(
    court: RawCourt,
    limitation: RawLimitation,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Claiming {
    let mut c = Claiming::default();
    let mut bad = |v: &Spanned<toml::Value>, key: &str, fix: &str| {
        diags.push(
            Diagnostic::error(FILE, format!("{key} = {} is not valid", v.get_ref()), fix)
                .at(line_of(text, v.span().start)),
        );
    };
    if let Some(v) = &court.min_order_claim {
        let amount = match v.get_ref() {
            toml::Value::String(s) => parse_amount(s).ok(),
            toml::Value::Integer(i) => Some(Decimal::from(*i)),
            _ => None,
        };
        match amount {
            Some(a) if a >= Decimal::ZERO => c.min_order_claim = a,
            _ => bad(
                v,
                "[court] min_order_claim",
                "give an amount in rubles, e.g. 3000",
            ),
        }
    }
    if let Some(v) = &limitation.claim {
        match v.get_ref().as_str() {
            Some("all") => c.time_barred = TimeBarred::All,
            Some("within") => c.time_barred = TimeBarred::Within,
            _ => bad(v, "[limitation] claim", "write \"all\" or \"within\""),
        }
    }
    c
}

fn moratoria(v: &toml::Value) -> Option<Vec<Moratorium>> {
    let mut out = Vec::new();
    for item in v.as_array()? {
        let t = item.as_table()?;
        if t.keys()
            .any(|k| !matches!(k.as_str(), "from" | "to" | "name" | "only_due_before"))
        {
            return None;
        }
        let from = toml_date(t.get("from")?)?;
        let to = toml_date(t.get("to")?)?;
        let only_due_before = match t.get("only_due_before") {
            Some(d) => Some(toml_date(d)?),
            None => None,
        };
        let name = t
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or("мораторий")
            .to_string();
        if from > to {
            return None;
        }
        out.push(Moratorium {
            from,
            to,
            name,
            only_due_before,
        });
    }
    Some(out)
}
