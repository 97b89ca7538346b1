//! Limitation and jurisdiction thresholds (`legal-rules.md` §1.7, §5.1, §5.5), as dated values.

use super::calendar::ymd;
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

/// Limitation (исковая давность): 3 years (ГК ст.196), counted for each monthly payment separately
/// from the day after its due date (ГК ст.200; Пленум ВС РФ № 43 п.24). The debtor must plead it
/// (ГК ст.199 ч.2): time-barred months are warned about, never dropped.
pub const LIMITATION_YEARS: u32 = 3;

/// The last day of the limitation period of a payment due on `due` (ГК ст.192 ч.3: a term in years
/// ends on the corresponding day of its last year).
pub fn limitation_ends(due: NaiveDate) -> NaiveDate {
    due.checked_add_months(Months::new(12 * LIMITATION_YEARS))
        .unwrap_or(NaiveDate::MAX)
}

pub fn time_barred(due: NaiveDate, as_of: NaiveDate) -> bool {
    as_of > limitation_ends(due)
}

/// Term to present a writ or court order for enforcement: 3 years (229-ФЗ ст.21) from the date
/// given (its entry into force, or issue where that is all that is known).
pub const WRIT_TERM_YEARS: u32 = 3;

pub fn writ_term_ends(from: NaiveDate) -> NaiveDate {
    from.checked_add_months(Months::new(12 * WRIT_TERM_YEARS))
        .unwrap_or(NaiveDate::MAX)
}

/// A travel ban may be asked for only above this debt (229-ФЗ ст.67 ч.1; [K], legal-rules §8.5).
pub const TRAVEL_BAN_OVER: i64 = 30_000;

/// A dated money threshold.
#[derive(Clone, Copy, Debug)]
pub struct Threshold {
    pub from: NaiveDate,
    pub rubles: i64,
    pub source: &'static str,
}

/// A court order only for claims up to this sum, principal + penalties, duty not counted (ГПК ст.121).
pub const COURT_ORDER_CEILING: &[Threshold] = &[Threshold {
    from: ymd(2016, 6, 1),
    rubles: 500_000,
    source: "ГПК РФ ст.121 (ред. 45-ФЗ от 02.03.2016)",
}];

/// A claim up to this price goes to the magistrate, above it to the district court (ГПК ст.23 ч.1 п.4, ст.24).
pub const MAGISTRATE_CLAIM_LIMIT: &[Threshold] = &[Threshold {
    from: ymd(2002, 2, 1),
    rubles: 50_000,
    source: "ГПК РФ ст.23 ч.1 п.4",
}];

fn in_force(table: &[Threshold], on: NaiveDate) -> Option<&Threshold> {
    table.iter().rev().find(|t| t.from <= on)
}

/// Whether a court order may be sought for `total` on `filing`.
pub fn court_order_allowed(total: Decimal, filing: NaiveDate) -> bool {
    in_force(COURT_ORDER_CEILING, filing).is_some_and(|t| total <= Decimal::from(t.rubles))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimCourt {
    Magistrate,
    District,
}

/// Which court hears a statement of claim for `price` filed on `filing`.
pub fn claim_court(price: Decimal, filing: NaiveDate) -> ClaimCourt {
    match in_force(MAGISTRATE_CLAIM_LIMIT, filing) {
        Some(t) if price <= Decimal::from(t.rubles) => ClaimCourt::Magistrate,
        _ => ClaimCourt::District,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limitation_is_three_years_from_the_day_after_due() {
        let due = ymd(2023, 2, 10);
        assert_eq!(limitation_ends(due), ymd(2026, 2, 10));
        assert!(!time_barred(due, ymd(2026, 2, 10)));
        assert!(time_barred(due, ymd(2026, 2, 11)));
    }

    #[test]
    fn thresholds_split_as_section_4_3_says() {
        let on = ymd(2026, 11, 27);
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(claim_court(d("45000"), on), ClaimCourt::Magistrate);
        assert_eq!(claim_court(d("50000.00"), on), ClaimCourt::Magistrate);
        assert_eq!(claim_court(d("50000.01"), on), ClaimCourt::District);
        assert_eq!(claim_court(d("150000"), on), ClaimCourt::District);
        assert!(court_order_allowed(d("500000.00"), on));
        assert!(!court_order_allowed(d("500000.01"), on));
    }
}
