//! Money thresholds of procedure, as dated tables (`legal-rules.md` §5.1, §5.5, §13.5): the
//! court-order ceiling, the magistrate's limit for claims, the debt above which a travel ban may be
//! asked for.

use super::calendar::ymd;
use crate::model::CourtKind;
use crate::money::ru_with;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A money threshold in force from a date.
#[derive(Clone, Copy, Debug)]
pub struct Threshold {
    pub from: NaiveDate,
    pub rubles: i64,
    pub source: &'static str,
}

/// A dated table of one threshold, oldest first.
#[derive(Clone, Copy, Debug)]
pub struct Thresholds(pub &'static [Threshold]);

impl Thresholds {
    /// The threshold in force on `on`, if any.
    pub fn on(&self, on: NaiveDate) -> Option<Decimal> {
        self.0
            .iter()
            .rev()
            .find(|t| t.from <= on)
            .map(|t| Decimal::from(t.rubles))
    }

    /// The threshold on `on` in whole rubles as a sentence prints it: `500 000`.
    pub fn text_on(&self, on: NaiveDate) -> String {
        self.on(on)
            .map(|r| ru_with(r, ' ').trim_end_matches(",00").to_string())
            .unwrap_or_else(|| "—".into())
    }
}

/// A court order only for claims up to this sum, principal + penalties, duty not counted (ГПК ст.121).
pub const COURT_ORDER_CEILING: Thresholds = Thresholds(&[Threshold {
    from: ymd(2016, 6, 1),
    rubles: 500_000,
    source: "ГПК РФ ст.121 (ред. 45-ФЗ от 02.03.2016)",
}]);

/// A claim up to this price goes to the magistrate, above it to the district court (ГПК ст.23 ч.1
/// п.4, ст.24).
pub const MAGISTRATE_CLAIM_LIMIT: Thresholds = Thresholds(&[Threshold {
    from: ymd(2002, 2, 1),
    rubles: 50_000,
    source: "ГПК РФ ст.23 ч.1 п.4",
}]);

/// A travel ban may be asked for only above this debt (229-ФЗ ст.67 ч.1; [K], `legal-rules.md`
/// §8.5, §13.5). UNCONFIRMED (§12 п.11): the ст.67 thresholds, and the day 30 000 came in — the
/// row is dated by the law's own date, so it answers for any date the tool is used on, not for
/// dates before the amendment.
pub const TRAVEL_BAN_OVER: Thresholds = Thresholds(&[Threshold {
    from: ymd(2007, 10, 2),
    rubles: 30_000,
    source: "229-ФЗ ст.67 ч.1 (UNCONFIRMED since when)",
}]);

/// Whether a court order may be sought for `total` on `filing`.
pub fn court_order_allowed(total: Decimal, filing: NaiveDate) -> bool {
    COURT_ORDER_CEILING.on(filing).is_some_and(|c| total <= c)
}

/// Which court hears a statement of claim for `price` filed on `filing`.
pub fn claim_court(price: Decimal, filing: NaiveDate) -> CourtKind {
    match MAGISTRATE_CLAIM_LIMIT.on(filing) {
        Some(limit) if price <= limit => CourtKind::Magistrate,
        _ => CourtKind::District,
    }
}

/// Whether a debt of `debt` allows asking for a travel ban on `on`.
pub fn travel_ban_allowed(debt: Decimal, on: NaiveDate) -> bool {
    TRAVEL_BAN_OVER.on(on).is_some_and(|t| debt > t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_split_as_section_4_3_says() {
        let on = ymd(2026, 11, 27);
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(claim_court(d("45000"), on), CourtKind::Magistrate);
        assert_eq!(claim_court(d("50000.00"), on), CourtKind::Magistrate);
        assert_eq!(claim_court(d("50000.01"), on), CourtKind::District);
        assert_eq!(claim_court(d("150000"), on), CourtKind::District);
        assert!(court_order_allowed(d("500000.00"), on));
        assert!(!court_order_allowed(d("500000.01"), on));
        assert!(
            !court_order_allowed(d("1"), ymd(2016, 5, 31)),
            "no ceiling known"
        );
        assert!(travel_ban_allowed(d("30000.01"), on));
        assert!(!travel_ban_allowed(d("30000"), on));
        assert_eq!(COURT_ORDER_CEILING.text_on(on), "500 000");
    }
}
