//! Restriction and suspension of a utility for debt, Правила № 354 п.117–119 (`legal-rules.md` §7).
//!
//! "Неполная оплата" (п.118): the debt for **one** service exceeds 2 monthly charges for it at the
//! norm; no honoured repayment agreement. Heating is never suspended, nor cold water in an apartment
//! block (п.119 "в"). The warning gives 20 days from delivery; restriction follows, then suspension
//! 10 days later (ГК ст.191: each term starts the day after its event).

use super::calculation::AccountCalc;
use super::calendar::add_days;
use crate::model::Period;
use crate::model::{Building, Entry};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Days from the warning's delivery the debtor has to pay (п.119 "а").
pub const WARNING_TERM_DAYS: u64 = 20;
/// Days from restriction to suspension (п.119 "в").
pub const SUSPENSION_AFTER_DAYS: u64 = 10;
/// Calendar days to resume the service once the debt is paid or an agreement signed (п.120) [K].
pub const RESUMPTION_DAYS: u64 = 2;
/// The threshold in monthly charges at the norm (п.118).
pub const THRESHOLD_MONTHS: i64 = 2;

/// The earliest day a service may be restricted after a warning delivered on `delivered`.
pub fn earliest_restriction(delivered: NaiveDate) -> NaiveDate {
    add_days(delivered, WARNING_TERM_DAYS + 1)
}

/// Whether a service may be suspended at all: never heating; never cold water in an apartment block.
pub fn restrictable(service: &str, building: Option<Building>) -> bool {
    let s = service.to_lowercase();
    if s.contains("отоплен") || s.contains("heating") {
        return false;
    }
    let cold_water = s.contains("холодн") || s.contains("хвс") || s.contains("cold water");
    !(cold_water && building != Some(Building::House))
}

/// A service's share of the account's debt: each month's debt split over the services in proportion
/// to what each was charged that month (payments are not earmarked by service in the ledger). The
/// months whose limitation has ended are left out: a warning never threatens a restriction for a
/// debt the debtor could plead time-barred (ГК ст.196, 199; a choice of this tool, as Правила № 354
/// are silent — the careful side, and the letters agree with what the court would be asked).
pub fn service_debts(ledger: &[Entry], calc: &AccountCalc) -> BTreeMap<String, Decimal> {
    let mut charged: BTreeMap<Period, BTreeMap<String, Decimal>> = BTreeMap::new();
    for e in ledger {
        if let Entry::Charge(c) = e {
            let service = c
                .service
                .as_deref()
                .unwrap_or("коммунальные услуги")
                .to_string();
            *charged
                .entry(c.period)
                .or_default()
                .entry(service)
                .or_default() += c.amount;
        }
    }
    let mut out: BTreeMap<String, Decimal> = BTreeMap::new();
    for m in calc
        .months
        .iter()
        .filter(|m| m.debt > Decimal::ZERO && m.charged > Decimal::ZERO && !m.time_barred)
    {
        let Some(services) = charged.get(&m.period) else {
            continue;
        };
        for (service, amount) in services {
            if *amount > Decimal::ZERO {
                *out.entry(service.clone()).or_default() += m.debt * *amount / m.charged;
            }
        }
    }
    out.values_mut()
        .for_each(|v| *v = super::penalty::kopecks(*v));
    out
}

/// The service a warning may name: restrictable, with a debt above 2 norm charges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ground {
    pub service: String,
    pub debt: Decimal,
    pub threshold: Decimal,
}

/// The first restrictable service whose debt exceeds the п.118 threshold, or why there is none.
pub fn ground(
    ledger: &[Entry],
    calc: &AccountCalc,
    norm_monthly_charge: Option<Decimal>,
    building: Option<Building>,
) -> Result<Ground, crate::lang::Text> {
    use crate::tr;
    let Some(norm) = norm_monthly_charge.filter(|n| *n > Decimal::ZERO) else {
        return Err(tr!(
            "restriction.no_norm",
            "нет norm_monthly_charge: порог п.118 проверить нельзя",
            "no norm_monthly_charge: the п.118 threshold cannot be checked"
        ));
    };
    let threshold = norm * Decimal::from(THRESHOLD_MONTHS);
    let debts = service_debts(ledger, calc);
    if debts.values().all(|d| d.is_zero()) {
        return Err(tr!(
            "restriction.only_penalties",
            "просроченного долга ни по одной услуге нет (только пени): оснований для предупреждения нет (п.118)",
            "no service has a debt past due (only penalties are owed): no ground for a warning (п.118)"
        ));
    }
    let mut candidates: Vec<(&String, &Decimal)> = debts
        .iter()
        .filter(|(s, _)| restrictable(s, building))
        .collect();
    if candidates.is_empty() {
        return Err(tr!(
            "restriction.nothing_restrictable",
            "нет услуги, которую можно ограничить (отопление — никогда; холодное водоснабжение — не в многоквартирном доме)",
            "no service that may be restricted (heating never; cold water not in an apartment block)"
        ));
    }
    candidates.sort_by(|a, b| b.1.cmp(a.1));
    let (service, debt) = candidates[0];
    if *debt > threshold {
        Ok(Ground {
            service: service.clone(),
            debt: *debt,
            threshold,
        })
    } else {
        let (debt_ru, threshold_ru) = (crate::money::ru(*debt), crate::money::ru(threshold));
        Err(crate::tr!(
            "restriction.below_threshold",
            "долг по услуге «{service}» ({debt_ru}) не превышает двух месячных размеров платы по нормативу ({threshold_ru})",
            "the debt for {service} ({debt}) does not exceed 2 monthly charges at the norm ({threshold})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heating_never_cold_water_only_in_a_house() {
        assert!(!restrictable("отопление", Some(Building::House)));
        assert!(restrictable("горячее водоснабжение", Some(Building::Mkd)));
        assert!(!restrictable("холодное водоснабжение", Some(Building::Mkd)));
        assert!(!restrictable("холодное водоснабжение", None));
        assert!(restrictable(
            "холодное водоснабжение",
            Some(Building::House)
        ));
        assert!(restrictable("электроснабжение", None));
    }

    #[test]
    fn the_term_is_counted_from_the_day_after_delivery() {
        let d = super::super::calendar::ymd(2026, 10, 1);
        assert_eq!(
            earliest_restriction(d),
            super::super::calendar::ymd(2026, 10, 22)
        );
    }
}
