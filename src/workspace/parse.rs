#![allow(clippy::result_large_err)] // the error is a full diagnostic, on a cold path
//! Cell parsers shared by the tables: dates, periods, amounts, flags and shares, each returning the
//! diagnostic a clerk can act on.

use super::table::Cell;
use crate::diag::Diagnostic;
use crate::model::{Period, Share, parse_date};
use crate::money::parse_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub fn date(cell: Cell) -> Result<Option<NaiveDate>, Diagnostic> {
    let Some(text) = cell.text else {
        return Ok(None);
    };
    let serial = || {
        // A workbook's date cell without a date format arrives as its serial day number.
        let n: f64 = text.parse().ok().filter(|_| cell.serial_dates)?;
        super::sheet::serial_date(n).and_then(|d| parse_date(&d))
    };
    parse_date(text).or_else(serial).map(Some).ok_or_else(|| {
        cell.error(
            crate::tr!(
                "cell.date.invalid",
                "«{text}» не является датой",
                "\"{text}\" is not a date"
            ),
            crate::tr!(
                "cell.date.invalid.fix",
                "запишите дату как ГГГГ-ММ-ДД (2024-03-15) или ДД.ММ.ГГГГ (15.03.2024)",
                "write it as YYYY-MM-DD (2024-03-15) or DD.MM.YYYY (15.03.2024)"
            ),
        )
    })
}

pub fn period(cell: Cell) -> Result<Option<Period>, Diagnostic> {
    let Some(text) = cell.text else {
        return Ok(None);
    };
    Period::parse(text).map(Some).ok_or_else(|| {
        cell.error(
            crate::tr!(
                "cell.period.invalid",
                "«{text}» не является расчётным месяцем",
                "\"{text}\" is not a billing month"
            ),
            crate::tr!(
                "cell.period.invalid.fix",
                "запишите месяц как ГГГГ-ММ (2024-03), ММ.ГГГГ или «март 2024»",
                "write it as YYYY-MM (2024-03), MM.YYYY or «март 2024»"
            ),
        )
    })
}

pub fn amount(cell: Cell) -> Result<Option<Decimal>, Diagnostic> {
    let Some(text) = cell.text else {
        return Ok(None);
    };
    parse_amount(text).map(Some).map_err(|why| {
        let (why_ru, why) = (why.ru(), why.en());
        cell.error(
            crate::tr!(
                "cell.amount.invalid",
                "«{text}» {why_ru}",
                "\"{text}\" {why}"
            ),
            crate::tr!(
                "cell.amount.invalid.fix",
                "запишите сумму как 1234.56 или 1 234,56",
                "write it as 1234.56 or 1 234,56"
            ),
        )
    })
}

/// An amount that cannot be negative (an area, a monthly norm).
pub fn positive_amount(cell: Cell) -> Result<Option<Decimal>, Diagnostic> {
    match amount(cell)? {
        Some(v) if v < Decimal::ZERO => {
            let text = cell.text.unwrap_or("");
            Err(cell.error(
                crate::tr!(
                    "cell.amount.negative",
                    "«{text}» меньше нуля",
                    "\"{text}\" is negative"
                ),
                crate::tr!(
                    "cell.amount.negative.fix",
                    "площадь и месячный норматив не бывают отрицательными: проверьте знак",
                    "an area or a monthly norm is never negative: check the sign"
                ),
            ))
        }
        other => Ok(other),
    }
}

pub fn flag(cell: Cell) -> Result<Option<bool>, Diagnostic> {
    let Some(text) = cell.text else {
        return Ok(None);
    };
    match text.to_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "да" | "д" | "+" => Ok(Some(true)),
        "0" | "no" | "n" | "false" | "нет" | "н" | "-" => Ok(Some(false)),
        _ => Err(cell.error(
            crate::tr!(
                "cell.flag.invalid",
                "«{text}» не означает ни «да», ни «нет»",
                "\"{text}\" is not yes or no"
            ),
            crate::tr!(
                "cell.flag.invalid.fix",
                "запишите да/нет или 1/0",
                "write yes/no (да/нет) or 1/0"
            ),
        )),
    }
}

pub fn share(cell: Cell) -> Result<Option<Share>, Diagnostic> {
    let Some(text) = cell.text else {
        return Ok(None);
    };
    let bad = || {
        cell.error(
            crate::tr!("cell.share.invalid", "«{text}» не является долей", "\"{text}\" is not a share"),
            crate::tr!(
                "cell.share.invalid.fix",
                "запишите дробь, например 1/2, или оставьте ячейку пустой, если должник отвечает по всему лицевому счёту",
                "write a fraction such as 1/2, or leave it empty for the whole account"
            ),
        )
    };
    let (n, d) = text.split_once('/').ok_or_else(bad)?;
    let (n, d): (u32, u32) = (
        n.trim().parse().map_err(|_| bad())?,
        d.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || d == 0 || n > d {
        return Err(bad());
    }
    Ok(Some(Share {
        numerator: n,
        denominator: d,
    }))
}

pub fn count(cell: Cell) -> Result<Option<u32>, Diagnostic> {
    let Some(text) = cell.text else {
        return Ok(None);
    };
    text.parse().map(Some).map_err(|_| {
        cell.error(
            crate::tr!(
                "cell.count.invalid",
                "«{text}» не является целым числом",
                "\"{text}\" is not a whole number"
            ),
            crate::tr!(
                "cell.count.invalid.fix",
                "запишите число, например 3",
                "write a number such as 3"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(
            parse_date("2024-03-15"),
            NaiveDate::from_ymd_opt(2024, 3, 15)
        );
        assert_eq!(
            parse_date("15.03.2024"),
            NaiveDate::from_ymd_opt(2024, 3, 15)
        );
        // 01.01.0000: found by fuzz_dates_and_months (it printed back as a month vzysk refused).
        for bad in [
            "2024-02-30",
            "15.3.24",
            "2024/03/15",
            "",
            "31.04.2024",
            "01.01.0000",
            "0999-12-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
