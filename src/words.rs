//! Amounts in words (сумма прописью) with Russian agreement: «одна тысяча», «две тысячи», «один рубль»,
//! «два рубля», «пять рублей», «21 копейка».

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const UNITS_M: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const UNITS_F: [&str; 10] = [
    "",
    "одна",
    "две",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

/// The form of a noun after `n`: (one, few, many) → «рубль», «рубля», «рублей».
pub fn plural<'a>(n: u64, forms: (&'a str, &'a str, &'a str)) -> &'a str {
    match (n % 10, n % 100) {
        (_, 11..=14) => forms.2,
        (1, _) => forms.0,
        (2..=4, _) => forms.1,
        _ => forms.2,
    }
}

fn triple(n: u64, feminine: bool, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    if h > 0 {
        out.push(HUNDREDS[h]);
    }
    if t == 1 {
        out.push(TEENS[u]);
        return;
    }
    if t > 1 {
        out.push(TENS[t]);
    }
    if u > 0 {
        out.push(if feminine { UNITS_F[u] } else { UNITS_M[u] });
    }
}

/// A whole number in words, masculine (as with «рубль»): 1234 → «одна тысяча двести тридцать четыре».
pub fn number(n: u64) -> String {
    if n == 0 {
        return "ноль".into();
    }
    const SCALES: [(u64, bool, (&str, &str, &str)); 4] = [
        (
            1_000_000_000_000,
            false,
            ("триллион", "триллиона", "триллионов"),
        ),
        (
            1_000_000_000,
            false,
            ("миллиард", "миллиарда", "миллиардов"),
        ),
        (1_000_000, false, ("миллион", "миллиона", "миллионов")),
        (1_000, true, ("тысяча", "тысячи", "тысяч")),
    ];
    let mut words = Vec::new();
    let mut rest = n;
    for (scale, feminine, forms) in SCALES {
        let k = rest / scale;
        if k > 0 {
            let mut group = Vec::new();
            triple(k % 1000, feminine, &mut group);
            if k >= 1000 {
                // Beyond trillions: say the count in digits rather than invent words.
                return format!("{n}");
            }
            words.extend(group);
            words.push(plural(k, forms));
        }
        rest %= scale;
    }
    triple(rest, false, &mut words);
    words.join(" ")
}

/// `57773.75` → «пятьдесят семь тысяч семьсот семьдесят три рубля 75 копеек».
pub fn rubles(amount: Decimal) -> String {
    let amount = amount.abs().round_dp(2);
    let whole = amount.trunc().to_u64().unwrap_or(0);
    let kop = ((amount - amount.trunc()) * Decimal::from(100))
        .to_u64()
        .unwrap_or(0);
    format!(
        "{} {} {:02} {}",
        number(whole),
        plural(whole, ("рубль", "рубля", "рублей")),
        kop,
        plural(kop, ("копейка", "копейки", "копеек"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_on_the_boundaries() {
        for (n, w) in [
            (0, "ноль"),
            (1, "один"),
            (2, "два"),
            (10, "десять"),
            (11, "одиннадцать"),
            (19, "девятнадцать"),
            (20, "двадцать"),
            (21, "двадцать один"),
            (100, "сто"),
            (101, "сто один"),
            (999, "девятьсот девяносто девять"),
            (1000, "одна тысяча"),
            (1001, "одна тысяча один"),
            (2000, "две тысячи"),
            (5000, "пять тысяч"),
            (11000, "одиннадцать тысяч"),
            (21000, "двадцать одна тысяча"),
            (22000, "двадцать две тысячи"),
            (111_111, "сто одиннадцать тысяч сто одиннадцать"),
            (500_000, "пятьсот тысяч"),
            (1_000_000, "один миллион"),
            (2_000_002, "два миллиона два"),
            (
                1_234_567_891,
                "один миллиард двести тридцать четыре миллиона пятьсот шестьдесят семь тысяч восемьсот девяносто один",
            ),
        ] {
            assert_eq!(number(n), w, "{n}");
        }
    }

    #[test]
    fn rubles_and_kopecks_agree_with_their_numbers() {
        let r = |s: &str| rubles(s.parse().unwrap());
        assert_eq!(r("1.01"), "один рубль 01 копейка");
        assert_eq!(r("2.02"), "два рубля 02 копейки");
        assert_eq!(r("5.05"), "пять рублей 05 копеек");
        assert_eq!(r("11.11"), "одиннадцать рублей 11 копеек");
        assert_eq!(r("21.21"), "двадцать один рубль 21 копейка");
        assert_eq!(r("112.14"), "сто двенадцать рублей 14 копеек");
        assert_eq!(r("0.50"), "ноль рублей 50 копеек");
        assert_eq!(r("2000"), "две тысячи рублей 00 копеек");
        assert_eq!(
            r("57773.75"),
            "пятьдесят семь тысяч семьсот семьдесят три рубля 75 копеек"
        );
        assert_eq!(r("1000000.00"), "один миллион рублей 00 копеек");
    }
}
