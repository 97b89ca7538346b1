//! Money as `rust_decimal`: reading amounts as people write them, printing them as contracts and
//! Russian documents expect.

use rust_decimal::Decimal;

/// Why a text is not an amount: said after the quoted text («"12.345" has more than two
/// decimals»), in either language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Separators,
    NotANumber,
    Decimals,
    TooLarge,
}

impl AmountError {
    /// The stable code of the reason.
    pub fn code(self) -> &'static str {
        match self {
            AmountError::Empty => "amount.empty",
            AmountError::Separators => "amount.separators",
            AmountError::NotANumber => "amount.not_a_number",
            AmountError::Decimals => "amount.decimals",
            AmountError::TooLarge => "amount.too_large",
        }
    }

    /// In Russian, after the quoted text: «"abc" — не число».
    pub fn ru(self) -> &'static str {
        match self {
            AmountError::Empty => "— пустое значение",
            AmountError::Separators => "содержит больше одного десятичного разделителя",
            AmountError::NotANumber => "— не число",
            AmountError::Decimals => "содержит больше двух знаков после запятой (копеек)",
            AmountError::TooLarge => "— слишком большое число",
        }
    }

    /// In English, after the quoted text: «"abc" is not a number».
    pub fn en(self) -> &'static str {
        match self {
            AmountError::Empty => "is empty",
            AmountError::Separators => "has more than one decimal separator",
            AmountError::NotANumber => "is not a number",
            AmountError::Decimals => "has more than two decimals (kopecks)",
            AmountError::TooLarge => "is too large",
        }
    }

    /// The reason as a [`crate::lang::Text`] of its own.
    pub fn text(self) -> crate::lang::Text {
        crate::lang::Text::new(self.code(), self.ru().to_string(), self.en().to_string())
    }
}

impl std::fmt::Display for AmountError {
    /// The words in the run's language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::lang::say(self.ru(), self.en()))
    }
}

/// Parses `1234.56`, `1234,56`, `1 234,56` (also with non-breaking or narrow spaces), `-12.3`.
/// At most two decimals: a kopeck is the smallest unit, a third digit is a mistake, not rounding.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    if cleaned.is_empty() {
        return Err(AmountError::Empty);
    }
    let (sign, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let normalized = digits.replace(',', ".");
    let mut parts = normalized.split('.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    if parts.next().is_some() {
        return Err(AmountError::Separators);
    }
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        if f.len() > 2 {
            return Err(AmountError::Decimals);
        }
    }
    if whole.len() > 15 {
        return Err(AmountError::TooLarge);
    }
    let value: Decimal = normalized.parse().map_err(|_| AmountError::NotANumber)?;
    Ok(if sign < 0 { -value } else { value })
}

/// `1234.5` → `"1234.50"`: the contract's form of an amount.
pub fn fixed2(value: Decimal) -> String {
    let mut v = value.round_dp(2);
    v.rescale(2);
    v.to_string()
}

/// `132361.8` → `"132 361,80"` with non-breaking spaces: the form of a Russian document.
pub fn ru(value: Decimal) -> String {
    ru_with(value, '\u{a0}')
}

/// As [`ru`], with a chosen group separator (an ordinary space for terminals).
pub fn ru_with(value: Decimal, sep: char) -> String {
    let text = fixed2(value);
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, frac) = text.split_once('.').unwrap_or((text, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_write_them() {
        let ok = |s: &str, v: &str| {
            assert_eq!(
                parse_amount(s).unwrap(),
                v.parse::<Decimal>().unwrap(),
                "{s}"
            )
        };
        ok("1234.56", "1234.56");
        ok("1234,56", "1234.56");
        ok("1 234,56", "1234.56");
        ok("1\u{a0}234\u{a0}567,8", "1234567.8");
        ok("-350,00", "-350");
        ok("0", "0");
        ok(" 12 ", "12");
        for bad in [
            "", "abc", "1,2,3", "1.234,56", "12.345", "1e5", "--1", ",5", "5,",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn printing() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(fixed2(d("1234.5")), "1234.50");
        assert_eq!(fixed2(d("0")), "0.00");
        assert_eq!(ru(d("132361.8")), "132\u{a0}361,80");
        assert_eq!(ru_with(d("-1000"), ' '), "-1 000,00");
        assert_eq!(ru_with(d("999.99"), ' '), "999,99");
    }
}
