//! State duty in courts of general jurisdiction, НК ст.333.19 п.1 (`legal-rules.md` §4): a claim's duty
//! by the scale in force on the filing date, a court order's 50 % of it, paid in whole rubles.

use super::calendar::ymd;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// `base + percent × (price − over)` for a claim price above `over`.
#[derive(Clone, Copy, Debug)]
pub struct Bracket {
    pub over: i64,
    pub base: i64,
    /// Percent in hundredths (400 = 4 %).
    pub percent_bp: i64,
    pub confirmed: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct DutyScale {
    /// Applications sent to the court from this date (inclusive)…
    pub from: NaiveDate,
    /// …up to this date (inclusive).
    pub to: NaiveDate,
    pub brackets: &'static [Bracket],
    pub minimum: i64,
    pub maximum: i64,
    /// The court order's share of the claim duty, percent (ст.333.19 п.1 пп.2).
    pub court_order_percent: i64,
    pub source: &'static str,
}

const fn b(over: i64, base: i64, percent_bp: i64) -> Bracket {
    Bracket {
        over,
        base,
        percent_bp,
        confirmed: true,
    }
}
const fn unconfirmed(over: i64, base: i64, percent_bp: i64) -> Bracket {
    Bracket {
        over,
        base,
        percent_bp,
        confirmed: false,
    }
}

pub const SCALES: &[DutyScale] = &[
    DutyScale {
        from: ymd(2014, 1, 1),
        to: ymd(2024, 9, 8),
        brackets: &[
            b(0, 0, 400),
            b(20_000, 800, 300),
            b(100_000, 3_200, 200),
            b(200_000, 5_200, 100),
            b(1_000_000, 13_200, 50),
        ],
        minimum: 400,
        maximum: 60_000,
        court_order_percent: 50,
        source: "НК РФ ст.333.19 п.1 пп.1–2 (ред. до 259-ФЗ)",
    },
    DutyScale {
        from: ymd(2024, 9, 9),
        to: NaiveDate::MAX,
        brackets: &[
            b(0, 4_000, 0),
            b(100_000, 4_000, 300),
            b(300_000, 10_000, 250),
            b(500_000, 15_000, 200),
            b(1_000_000, 25_000, 100),
            b(3_000_000, 45_000, 70),
            // UNCONFIRMED (§12 п.8): the brackets above 8 million were not seen in a source.
            unconfirmed(8_000_000, 80_000, 35),
            unconfirmed(24_000_000, 136_000, 30),
            unconfirmed(50_000_000, 214_000, 20),
            b(100_000_000, 314_000, 15),
        ],
        minimum: 4_000,
        maximum: 900_000,
        court_order_percent: 50,
        source: "НК РФ ст.333.19 п.1 пп.1–2 в ред. 259-ФЗ от 08.08.2024 (с 09.09.2024)",
    },
];

impl PartialEq for DutyScale {
    fn eq(&self, other: &Self) -> bool {
        self.from == other.from
    }
}
impl Eq for DutyScale {}

pub fn scale_on(filing: NaiveDate) -> Option<&'static DutyScale> {
    SCALES.iter().find(|s| s.from <= filing && filing <= s.to)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    /// Whole rubles.
    pub claim: Decimal,
    /// Whole rubles; the caller decides whether a court order is possible at all (the ceiling).
    pub court_order: Decimal,
    pub scale: &'static DutyScale,
    /// The price fell in a bracket marked UNCONFIRMED.
    pub unconfirmed: bool,
}

fn rubles(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// The duty for a claim price (principal + penalty as claimed) filed on `filing`.
/// The court-order duty is 50 % of the **exact** claim duty, rounded once (§4.1).
pub fn state_duty(price: Decimal, filing: NaiveDate) -> Option<Duty> {
    let scale = scale_on(filing)?;
    let price = price.max(Decimal::ZERO);
    let bracket = scale
        .brackets
        .iter()
        .rev()
        .find(|b| price > Decimal::from(b.over))
        .unwrap_or(&scale.brackets[0]);
    let exact = Decimal::from(bracket.base)
        + (price - Decimal::from(bracket.over)) * Decimal::new(bracket.percent_bp, 4);
    let exact = exact.clamp(Decimal::from(scale.minimum), Decimal::from(scale.maximum));
    let order = exact * Decimal::new(scale.court_order_percent, 2);
    Some(Duty {
        claim: rubles(exact),
        court_order: rubles(order),
        scale,
        unconfirmed: !bracket.confirmed,
    })
}

/// Why no duty can be computed for a filing on `as_of`: the table knows no scale for that day.
pub fn no_scale(as_of: NaiveDate) -> crate::lang::Text {
    let day = crate::russian::date(as_of);
    crate::tr!(
        "duty.no_scale",
        "шкала госпошлины на дату подачи {day} неизвестна",
        "no state-duty scale is known for filing on {as_of}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `legal-rules.md` §4.3, every row: (price, old claim, old order, new claim, new order).
    #[test]
    fn worked_examples_of_section_4_3() {
        let old = ymd(2024, 9, 8);
        let new = ymd(2024, 9, 9);
        for (price, oc, oo, nc, no) in [
            ("45000.00", 1550, 775, 4000, 2000),
            ("150000.00", 4200, 2100, 5500, 2750),
            ("600000.00", 9200, 4600, 17000, 8500),
            ("45678.90", 1570, 785, 4000, 2000),
            ("12345.67", 494, 247, 4000, 2000),
        ] {
            let price: Decimal = price.parse().unwrap();
            let o = state_duty(price, old).unwrap();
            let n = state_duty(price, new).unwrap();
            assert_eq!(
                (o.claim, o.court_order),
                (oc.into(), oo.into()),
                "old {price}"
            );
            assert_eq!(
                (n.claim, n.court_order),
                (nc.into(), no.into()),
                "new {price}"
            );
        }
    }

    #[test]
    fn minimums_maximums_and_brackets() {
        let new = ymd(2026, 11, 27);
        let old = ymd(2020, 1, 1);
        let d = |p: &str, f| state_duty(p.parse().unwrap(), f).unwrap();
        assert_eq!(d("1.00", new).court_order, Decimal::from(2000));
        assert_eq!(d("1.00", old).claim, Decimal::from(400));
        assert_eq!(d("1.00", old).court_order, Decimal::from(200));
        assert_eq!(d("100000000000", old).claim, Decimal::from(60000));
        assert_eq!(d("10000000000", new).claim, Decimal::from(900000));
        assert_eq!(d("300000", new).claim, Decimal::from(10000));
        assert_eq!(d("500000", new).claim, Decimal::from(15000));
        assert!(d("9000000", new).unconfirmed);
        assert!(!d("500000", new).unconfirmed);
        assert!(state_duty(Decimal::ONE, ymd(2010, 1, 1)).is_none());
    }
}
