//! Accounts built in memory for the tests of the case and of the ladder.

use crate::law::calculation::{AccountCalc, calculate};
use crate::law::calendar::ymd;
use crate::law::conventions::Conventions;
use crate::model::{Account, Building, Charge, Debtor, Entry, Event, EventKind, Period};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The as-of date of every fixture.
pub const AS_OF: NaiveDate = ymd(2026, 11, 27);

/// `YYYY-MM-DD`.
pub fn day(text: &str) -> NaiveDate {
    crate::model::parse_date(text).unwrap()
}

/// An event on `date` with `details` (`k=v;k=v`); its line is its place in the list.
pub fn ev(date: &str, kind: EventKind, details: &str) -> (NaiveDate, EventKind, String) {
    (day(date), kind, details.to_string())
}

/// An active debtor living at the premises.
pub fn debtor(name: &str) -> Debtor {
    Debtor {
        line: 2,
        full_name: name.into(),
        birth_date: None,
        birth_place: None,
        residence_address: Some("143103, г. Руза, ул. Солнцева, д. 9, кв. 7".into()),
        work_place: None,
        snils: None,
        inn: None,
        passport: None,
        phone: None,
        email: None,
        sms_consent: None,
        share: None,
        status: Default::default(),
        representative: None,
        answers: Default::default(),
        right: None,
        bankruptcy: None,
        death: None,
        not_in_extract: None,
    }
}

/// An account owing `monthly` of hot water for each month of 2026 up to October, with a
/// norm charge of 1 000 (so the п.118 threshold is 2 000), and these events.
pub fn account(monthly: &str, events: &[(NaiveDate, EventKind, String)]) -> Account {
    let amount: Decimal = monthly.parse().unwrap();
    let mut a = Account::new("1001");
    a.debtors.push(debtor("Иванов Иван Иванович"));
    a.premises_address = Some("143103, г. Руза, ул. Солнцева, д. 9, кв. 7".into());
    a.building = Some(Building::Mkd);
    a.norm_monthly_charge = Some(Decimal::from(1000));
    a.ledger = (1..=10)
        .map(|m| {
            Entry::Charge(Charge {
                line: m + 1,
                period: Period::new(2026, m).unwrap(),
                amount,
                date: None,
                service: Some("горячее водоснабжение".into()),
                due_date: None,
                reference: None,
            })
        })
        .collect();
    a.events = events
        .iter()
        .enumerate()
        .map(|(i, (date, kind, details))| Event {
            line: i as u64 + 2,
            date: *date,
            kind: *kind,
            reference: Some(format!("REF-{}", i + 1)),
            details: details
                .split(';')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        })
        .collect();
    a
}

pub fn calc(a: &Account) -> AccountCalc {
    calculate(&a.ledger, AS_OF, &Conventions::default())
}

/// The default claiming conventions, for the cases of the tests.
pub fn claiming() -> &'static crate::law::conventions::Claiming {
    static DEFAULT: std::sync::LazyLock<crate::law::conventions::Claiming> =
        std::sync::LazyLock::new(Default::default);
    &DEFAULT
}
