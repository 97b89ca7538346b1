//! Moratoria on ЖКУ penalties (`legal-rules.md` §2.1, §2.3): days on which no penalty accrues. The days
//! still count towards the 30/90-day steps; they are only zeroed.

use super::calendar::ymd;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moratorium {
    /// First and last day, inclusive.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub name: String,
    /// When set, the moratorium zeroes only debts due before this date (the "strict" reading of ПП 497:
    /// obligations that arose before it). `None`: every billing month (the safe default).
    pub only_due_before: Option<NaiveDate>,
}

impl Moratorium {
    pub fn covers(&self, day: NaiveDate, due: NaiveDate) -> bool {
        self.from <= day && day <= self.to && self.only_due_before.is_none_or(|limit| due < limit)
    }
}

/// ПП РФ от 02.04.2020 № 424: no penalties 06.04.2020–31.12.2020 for any ЖКУ debt [C].
pub fn pp424() -> Moratorium {
    Moratorium {
        from: ymd(2020, 4, 6),
        to: ymd(2020, 12, 31),
        name: "ПП РФ от 02.04.2020 № 424".into(),
        only_due_before: None,
    }
}

/// ПП РФ от 28.03.2022 № 497: no penalties 01.04.2022–01.10.2022 on obligations that arose before it.
/// UNCONFIRMED (§12 п.5): the bounds (some calculators start 31.03) and whether bills due after
/// 01.04.2022 are covered; default: the whole window for every month (a claim the court will not cut).
pub fn pp497() -> Moratorium {
    Moratorium {
        from: ymd(2022, 4, 1),
        to: ymd(2022, 10, 1),
        name: "ПП РФ от 28.03.2022 № 497".into(),
        only_due_before: None,
    }
}

/// The built-in list, used unless `[penalty] moratoria` replaces it.
pub fn builtin() -> Vec<Moratorium> {
    vec![pp424(), pp497()]
}
