//! The Bank of Russia key rate (= refinancing rate since 01.01.2016, Указание 3894-У) and the ПП 474
//! cap on the rate used for ЖКУ penalties, as dated tables with their sources (`legal-rules.md` §2.2, §3).

use super::calendar::ymd;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One row of the key-rate table: the rate in force from `from` (the **effective** date, not the
/// board's decision date) until the next row.
#[derive(Clone, Copy, Debug)]
pub struct RateRow {
    pub from: NaiveDate,
    /// Percent per annum, in hundredths (1100 = 11.00 %).
    pub basis_points: i64,
    pub source: &'static str,
    /// `false` where `legal-rules.md` marks the row UNCONFIRMED.
    pub confirmed: bool,
}

impl RateRow {
    pub fn rate(&self) -> Decimal {
        Decimal::new(self.basis_points, 2).normalize()
    }
}

const fn row(from: NaiveDate, basis_points: i64, source: &'static str) -> RateRow {
    RateRow {
        from,
        basis_points,
        source,
        confirmed: true,
    }
}
const fn unconfirmed(from: NaiveDate, basis_points: i64, source: &'static str) -> RateRow {
    RateRow {
        from,
        basis_points,
        source,
        confirmed: false,
    }
}

const DATASET: &str =
    "ЦБ РФ, ключевая ставка; effective dates from a public code dataset (legal-rules §3)";

/// The table, oldest first. Before 2016 only the refinancing rate matters (old debts).
pub const KEY_RATES: &[RateRow] = &[
    row(
        ymd(2012, 9, 14),
        825,
        "ставка рефинансирования 8,25 % (Указание ЦБ 2873-У) [K]",
    ),
    row(
        ymd(2016, 1, 1),
        1100,
        "ключевая ставка 11 % с 03.08.2015 = ставка рефинансирования с 01.01.2016 (3894-У) [K]",
    ),
    row(ymd(2016, 6, 14), 1050, DATASET),
    row(ymd(2016, 9, 19), 1000, DATASET),
    row(ymd(2017, 3, 27), 975, DATASET),
    row(ymd(2017, 5, 2), 925, DATASET),
    row(ymd(2017, 6, 19), 900, DATASET),
    row(ymd(2017, 9, 18), 850, DATASET),
    row(ymd(2017, 10, 30), 825, DATASET),
    row(ymd(2017, 12, 18), 775, DATASET),
    row(ymd(2018, 2, 12), 750, DATASET),
    row(ymd(2018, 3, 26), 725, DATASET),
    row(ymd(2018, 9, 17), 750, DATASET),
    row(ymd(2018, 12, 17), 775, DATASET),
    row(ymd(2019, 6, 17), 750, DATASET),
    row(ymd(2019, 7, 29), 725, DATASET),
    row(ymd(2019, 9, 9), 700, DATASET),
    row(ymd(2019, 10, 28), 650, DATASET),
    row(ymd(2019, 12, 16), 625, DATASET),
    row(ymd(2020, 2, 10), 600, DATASET),
    row(ymd(2020, 4, 27), 550, DATASET),
    row(ymd(2020, 6, 22), 450, DATASET),
    row(ymd(2020, 7, 27), 425, DATASET),
    row(ymd(2021, 3, 22), 450, "vladcons.ru [C]"),
    row(ymd(2021, 4, 26), 500, DATASET),
    row(ymd(2021, 6, 15), 550, DATASET),
    row(ymd(2021, 7, 26), 650, DATASET),
    row(ymd(2021, 9, 13), 675, DATASET),
    row(ymd(2021, 10, 25), 750, "kvartalspb.ru [C]"),
    row(ymd(2021, 12, 20), 850, DATASET),
    row(
        ymd(2022, 2, 14),
        950,
        "the rate of 27.02.2022 used by ПП 474",
    ),
    row(ymd(2022, 2, 28), 2000, "extraordinary decision"),
    row(ymd(2022, 4, 11), 1700, DATASET),
    row(ymd(2022, 5, 4), 1400, DATASET),
    row(ymd(2022, 5, 27), 1100, "extraordinary decision"),
    row(ymd(2022, 6, 14), 950, DATASET),
    row(ymd(2022, 7, 25), 800, "1c.ru [C]"),
    row(ymd(2022, 9, 19), 750, "roskvartal [C]"),
    row(ymd(2023, 7, 24), 850, DATASET),
    row(ymd(2023, 8, 15), 1200, "extraordinary decision"),
    row(ymd(2023, 9, 18), 1300, DATASET),
    row(ymd(2023, 10, 30), 1500, DATASET),
    row(ymd(2023, 12, 18), 1600, DATASET),
    row(ymd(2024, 7, 29), 1800, DATASET),
    row(ymd(2024, 9, 16), 1900, DATASET),
    row(ymd(2024, 10, 28), 2100, DATASET),
    row(ymd(2025, 6, 9), 2000, DATASET),
    row(ymd(2025, 7, 28), 1800, DATASET),
    row(ymd(2025, 9, 15), 1700, "risk.econlib [C]"),
    row(ymd(2025, 10, 27), 1650, "lenta.ru 28.10.2025 [C]"),
    row(
        ymd(2025, 12, 22),
        1600,
        "decision 19.12.2025, kommersant.ru/doc/8312056 [C]",
    ),
    row(ymd(2026, 2, 16), 1550, "decision 13.02.2026, ria.ru [C]"),
    unconfirmed(ymd(2026, 3, 23), 1500, "UNCONFIRMED: one code dataset only"),
    unconfirmed(ymd(2026, 4, 27), 1450, "UNCONFIRMED: one code dataset only"),
    unconfirmed(ymd(2026, 6, 22), 1425, "UNCONFIRMED: one code dataset only"),
    unconfirmed(ymd(2026, 7, 27), 1400, "UNCONFIRMED: one code dataset only"),
];

/// After the last row nothing is known: a rate for a later date is the last row's, flagged.
pub const KEY_RATES_KNOWN_THROUGH: NaiveDate = ymd(2026, 7, 27);

/// The key-rate row in force on `date`; `None` before the table starts.
pub fn key_rate_on(date: NaiveDate) -> Option<&'static RateRow> {
    let idx = KEY_RATES.partition_point(|r| r.from <= date);
    idx.checked_sub(1).map(|i| &KEY_RATES[i])
}

/// How the ПП 474 family limits the rate on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapKind {
    /// The rate of 27.02.2022 (9.5 %) whatever the key rate is (ПП 474, original wording).
    Fixed,
    /// min(9.5 %, key rate) (wording of ПП 1681 and its extensions).
    Minimum,
}

#[derive(Clone, Copy, Debug)]
pub struct CapRule {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: CapKind,
    pub act: &'static str,
    pub confirmed: bool,
}

/// 9.5 %: the key rate on 27.02.2022.
pub const CAP_BASIS_POINTS: i64 = 950;

/// The cap windows, keyed to the **date of the rate** (payment or calculation date), §2.2.
pub const CAP_RULES: &[CapRule] = &[
    CapRule {
        from: ymd(2022, 2, 28),
        to: ymd(2022, 9, 18),
        kind: CapKind::Fixed,
        act: "ПП РФ от 26.03.2022 № 474",
        // UNCONFIRMED: the day ПП 1681 took effect (§12 п.2); 19.09.2022 per legal-rules §2.2.
        confirmed: false,
    },
    CapRule {
        from: ymd(2022, 9, 19),
        to: ymd(2022, 12, 31),
        kind: CapKind::Minimum,
        act: "ПП РФ от 26.03.2022 № 474 в ред. ПП от 23.09.2022 № 1681",
        confirmed: false,
    },
    CapRule {
        from: ymd(2023, 1, 1),
        to: ymd(2023, 12, 31),
        kind: CapKind::Minimum,
        act: "ПП РФ № 474 в ред. ПП от 28.12.2022 № 2479",
        confirmed: true,
    },
    CapRule {
        from: ymd(2024, 1, 1),
        to: ymd(2024, 12, 31),
        kind: CapKind::Minimum,
        act: "ПП РФ № 474 в ред. ПП от 29.12.2023 № 2382",
        confirmed: true,
    },
    CapRule {
        from: ymd(2025, 1, 1),
        to: ymd(2026, 12, 31),
        kind: CapKind::Minimum,
        // UNCONFIRMED (§12 п.1): fixed or minimum wording; both give 9.5 % while the key rate ≥ 9.5 %.
        act: "ПП РФ № 474 в ред. ПП от 18.03.2025 № 329",
        confirmed: false,
    },
];

pub fn cap_rule_on(date: NaiveDate) -> Option<&'static CapRule> {
    CAP_RULES.iter().find(|r| r.from <= date && date <= r.to)
}

/// The rate a penalty uses when its rate date is `date`: the key rate, limited by the cap in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PenaltyRate {
    pub rate: Decimal,
    pub rate_date: NaiveDate,
    /// The act that set the rate below the key rate (or fixed it), if any.
    pub capped_by: Option<&'static str>,
    /// The key rate came from a row (or from beyond the table) that is not confirmed, and the cap did
    /// not make it irrelevant.
    pub unconfirmed: bool,
}

/// `rate_for(row) = cap(rate_table.at(rate_date))` (§1.4). `None` before the table starts.
pub fn penalty_rate_on(date: NaiveDate) -> Option<PenaltyRate> {
    let key = key_rate_on(date)?;
    let key_rate = key.rate();
    let key_uncertain = !key.confirmed || date > KEY_RATES_KNOWN_THROUGH;
    let cap = Decimal::new(CAP_BASIS_POINTS, 2).normalize();
    let (rate, capped_by, unconfirmed) = match cap_rule_on(date) {
        Some(rule) if rule.kind == CapKind::Fixed => (cap, Some(rule.act), false),
        Some(rule) if key_rate >= cap => (cap, Some(rule.act), false),
        Some(_) => (key_rate, None, key_uncertain),
        None => (key_rate, None, key_uncertain),
    };
    Some(PenaltyRate {
        rate,
        rate_date: date,
        capped_by,
        unconfirmed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_lookups_follow_effective_dates() {
        assert!(KEY_RATES.windows(2).all(|w| w[0].from < w[1].from));
        assert_eq!(
            key_rate_on(ymd(2019, 6, 15)).unwrap().rate().to_string(),
            "7.75"
        );
        assert_eq!(
            key_rate_on(ymd(2019, 6, 17)).unwrap().rate().to_string(),
            "7.5"
        );
        assert_eq!(
            key_rate_on(ymd(2021, 3, 31)).unwrap().rate().to_string(),
            "4.5"
        );
        assert!(key_rate_on(ymd(2012, 1, 1)).is_none());
    }

    #[test]
    fn cap_follows_the_window_and_its_wording() {
        // vector 2: 15.03.2023, key 7.5 → min(9.5, 7.5)
        let r = penalty_rate_on(ymd(2023, 3, 15)).unwrap();
        assert_eq!((r.rate.to_string(), r.capped_by), ("7.5".into(), None));
        // vector 3: 20.12.2024, key 21 → 9.5
        let r = penalty_rate_on(ymd(2024, 12, 20)).unwrap();
        assert_eq!(r.rate.to_string(), "9.5");
        assert!(r.capped_by.unwrap().contains("2382"));
        // original ПП 474 wording: 9.5 even while the key rate was 8 %
        assert_eq!(
            penalty_rate_on(ymd(2022, 8, 1)).unwrap().rate.to_string(),
            "9.5"
        );
        // no cap before 28.02.2022 or after 2026
        assert_eq!(
            penalty_rate_on(ymd(2022, 2, 27)).unwrap().rate.to_string(),
            "9.5"
        );
        assert_eq!(
            penalty_rate_on(ymd(2021, 12, 20)).unwrap().rate.to_string(),
            "8.5"
        );
        let r = penalty_rate_on(ymd(2027, 1, 1)).unwrap();
        assert_eq!(r.rate.to_string(), "14");
        assert!(r.unconfirmed);
        // the unconfirmed 2026 rows do not matter under the cap
        assert!(!penalty_rate_on(ymd(2026, 11, 27)).unwrap().unconfirmed);
    }
}
