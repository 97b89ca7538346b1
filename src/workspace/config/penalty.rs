//! `[penalty]`, `[court]` and `[limitation]`: the conventions the law leaves open, and how debts
//! are taken to court; each bad value an error at its line.

use super::values::{FILE, line_of, toml_date};
use crate::diag::Diagnostic;
use crate::lang::Text;
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

/// `[terms]`: each key of `Terms::KEYS`, a number of days.
pub(super) type RawTerms = std::collections::BTreeMap<String, Spanned<toml::Value>>;

/// The longest term a `[terms]` key takes: ten years of days.
const MAX_TERM_DAYS: i64 = 3650;

pub(super) fn conventions(
    raw: &RawPenalty,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Conventions {
    let mut c = Conventions::default();
    let mut bad = |v: &Spanned<toml::Value>, key: &str, fix: Text| {
        let value = v.get_ref();
        diags.push(
            Diagnostic::error(
                FILE,
                crate::tr!(
                    "config.penalty.invalid",
                    "[penalty] `{key} = {value}`: недопустимое значение",
                    "[penalty] {key} = {value} is not valid"
                ),
                fix,
            )
            .at(line_of(text, v.span().start)),
        );
    };
    due(raw, &mut c, &mut bad);
    rate(raw, &mut c, &mut bad);
    if let Some(v) = &raw.allocation {
        match v.get_ref().as_str() {
            Some("named-then-within-limitation") => {
                c.allocation = Allocation::NamedThenWithinLimitation
            }
            Some("named-then-oldest") => c.allocation = Allocation::NamedThenOldest,
            Some("oldest") => c.allocation = Allocation::Oldest,
            _ => bad(
                v,
                "allocation",
                crate::tr!(
                    "config.penalty.allocation.fix",
                    "укажите `\"named-then-within-limitation\"`, `\"named-then-oldest\"` или `\"oldest\"`",
                    "write \"named-then-within-limitation\", \"named-then-oldest\" or \"oldest\""
                ),
            ),
        }
    }
    if let Some(v) = &raw.rounding {
        match v.get_ref().as_str() {
            Some("row") => c.rounding = Rounding::Row,
            Some("total") => c.rounding = Rounding::Total,
            _ => bad(
                v,
                "rounding",
                crate::tr!(
                    "config.penalty.rounding.fix",
                    "укажите `\"row\"` или `\"total\"`",
                    "write \"row\" or \"total\""
                ),
            ),
        }
    }
    if let Some(v) = &raw.moratoria {
        match moratoria(v.get_ref()) {
            Some(list) => c.moratoria = list,
            None => bad(
                v,
                "moratoria",
                crate::tr!(
                    "config.penalty.moratoria.fix",
                    "укажите список `{{ from = 2020-04-06, to = 2020-12-31, name = \"…\" }}`, где from ≤ to, или [], если мораториев нет",
                    "give a list of {{ from = 2020-04-06, to = 2020-12-31, name = \"…\" }} with from ≤ to, or [] for none"
                ),
            ),
        }
    }
    c
}

/// Reports a bad value of `[penalty]` at its line: its key and the fix.
type Bad<'a> = dyn FnMut(&Spanned<toml::Value>, &str, Text) + 'a;

/// `due_day`, `fixed_due_from`, `end_inclusive`: when a month's charge falls due, and whether a
/// payment's own day still bears penalty.
fn due(raw: &RawPenalty, c: &mut Conventions, bad: &mut Bad) {
    if let Some(v) = &raw.due_day {
        match v.get_ref().as_integer() {
            Some(d @ 1..=31) => c.due_day = d as u32,
            _ => bad(
                v,
                "due_day",
                crate::tr!(
                    "config.penalty.due_day.fix",
                    "укажите число месяца от 1 до 31",
                    "give a day of the month, 1 to 31"
                ),
            ),
        }
    }
    if let Some(v) = &raw.fixed_due_from {
        match v.get_ref().as_str().and_then(Period::parse) {
            Some(p) => c.fixed_due_from = p,
            None => bad(
                v,
                "fixed_due_from",
                crate::tr!(
                    "config.penalty.fixed_due_from.fix",
                    "укажите расчётный месяц, например \"2026-03\"",
                    "give a billing month, \"2026-03\""
                ),
            ),
        }
    }
    if let Some(v) = &raw.end_inclusive {
        match v.get_ref().as_bool() {
            Some(b) => c.end_inclusive = b,
            None => bad(
                v,
                "end_inclusive",
                crate::tr!(
                    "config.penalty.end_inclusive.fix",
                    "укажите true или false",
                    "write true or false"
                ),
            ),
        }
    }
}

/// `rate_date`, `fixed_rate`: which day's key rate a penalty is counted at, or a rate of its own.
fn rate(raw: &RawPenalty, c: &mut Conventions, bad: &mut Bad) {
    if let Some(v) = &raw.rate_date {
        match v.get_ref().as_str() {
            Some("payment") => c.rate_date = RateDate::Payment,
            Some("calculation") => c.rate_date = RateDate::Calculation,
            _ => bad(
                v,
                "rate_date",
                crate::tr!(
                    "config.penalty.rate_date.fix",
                    "укажите `\"payment\"` или `\"calculation\"`",
                    "write \"payment\" or \"calculation\""
                ),
            ),
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
            _ => bad(
                v,
                "fixed_rate",
                crate::tr!(
                    "config.penalty.fixed_rate.fix",
                    "укажите ставку в процентах, например \"9.5\"",
                    "give a rate in percent, \"9.5\""
                ),
            ),
        }
    }
}

/// `[court] min_order_claim`, `[limitation] claim` and `[terms]`.
pub(super) fn claiming(
    court: RawCourt,
    limitation: RawLimitation,
    terms: RawTerms,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Claiming {
    let mut c = Claiming::default();
    let mut bad = |v: &Spanned<toml::Value>, key: &str, fix: Text| {
        let value = v.get_ref();
        diags.push(
            Diagnostic::error(
                FILE,
                crate::tr!(
                    "config.claiming.invalid",
                    "`{key} = {value}`: недопустимое значение",
                    "{key} = {value} is not valid"
                ),
                fix,
            )
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
                crate::tr!(
                    "config.court.min_order_claim.fix",
                    "укажите сумму в рублях, например 3000",
                    "give an amount in rubles, e.g. 3000"
                ),
            ),
        }
    }
    if let Some(v) = &limitation.claim {
        match v.get_ref().as_str() {
            Some("all") => c.time_barred = TimeBarred::All,
            Some("within") => c.time_barred = TimeBarred::Within,
            _ => bad(
                v,
                "[limitation] claim",
                crate::tr!(
                    "config.limitation.claim.fix",
                    "укажите `\"all\"` или `\"within\"`",
                    "write \"all\" or \"within\""
                ),
            ),
        }
    }
    let mut unknown = Vec::new();
    for (key, v) in &terms {
        let Some(slot) = c.terms.get_mut(key) else {
            unknown.push((key, v));
            continue;
        };
        match v.get_ref().as_integer() {
            Some(days) if (1..=MAX_TERM_DAYS).contains(&days) => *slot = days as u64,
            _ => bad(
                v,
                &format!("[terms] {key}"),
                crate::tr!(
                    "config.terms.days.fix",
                    "укажите число дней от 1 до {MAX_TERM_DAYS}",
                    "give a number of days from 1 to {MAX_TERM_DAYS}"
                ),
            ),
        }
    }
    for (key, v) in unknown {
        diags.push(
            Diagnostic::warning(
                FILE,
                crate::tr!(
                    "config.key.unknown",
                    "неизвестный ключ «terms.{key}» не учитывается",
                    "unknown key \"terms.{key}\" is ignored"
                ),
                crate::tr!(
                    "config.terms.unknown.fix",
                    "ключи `[terms]`: {keys}",
                    "the keys of [terms] are {keys}",
                    keys = crate::law::terms::Terms::KEYS.join(", ")
                ),
            )
            .at(line_of(text, v.span().start)),
        );
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

#[cfg(test)]
mod tests {
    use crate::law::terms::Terms;

    #[test]
    fn terms_are_read_with_their_defaults_and_bad_ones_said_at_their_line() {
        let mut diags = Vec::new();
        let config = super::super::parse(
            "[agreement]\nparts = 4\nday = 20\n\n[terms]\nwarning_valid_days = 60\nagreement_grace_days = 5\n",
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let t = config.claiming.terms;
        assert_eq!(
            (
                t.warning_valid_days,
                t.agreement_grace_days,
                t.notice_grace_days
            ),
            (60, 5, Terms::default().notice_grace_days)
        );
        assert_eq!((t.agreement_parts, t.agreement_day), (4, 20));
        let mut diags = Vec::new();
        let config = super::super::parse(
            "[terms]\nfiling_warn_days = 0\nwarning_valid = 60\n",
            &mut diags,
        );
        assert_eq!(config.claiming.terms, Terms::default());
        let said: Vec<String> = diags
            .iter()
            .map(|d| d.line(crate::lang::Lang::En))
            .collect();
        assert!(
            said[0].starts_with("vzysk.toml:2: error: [terms] filing_warn_days = 0 is not valid"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with(
                "vzysk.toml:3: warning: unknown key \"terms.warning_valid\" is ignored"
            ),
            "{said:?}"
        );
    }
}
