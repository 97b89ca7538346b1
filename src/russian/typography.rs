//! Russian typography for document text: a non-breaking space after «№» and the short words of
//! addresses and citations (ст., ч., п., д., кв., г., ул., …), and between a number and «руб.»,
//! «коп.», «г.», so that none of them is left alone at a line's end.

use serde_json::Value;

/// The short words a non-breaking space follows.
const ABBREVIATIONS: &[&str] = &[
    "№",
    "ст.",
    "ч.",
    "п.",
    "пп.",
    "д.",
    "кв.",
    "г.",
    "ул.",
    "корп.",
    "стр.",
    "рп.",
    "пос.",
    "р-н",
    "г.о.",
    "тел.",
    "бик",
    "инн",
    "кпп",
    "огрн",
    "р/с",
    "к/с",
    "л/с",
];

/// `text` with non-breaking spaces where Russian typography wants them.
pub fn nbsp(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let prev = words[i - 1]
                .trim_start_matches(['(', '«', '"'])
                .to_lowercase();
            let glue = ABBREVIATIONS.contains(&prev.as_str())
                || (words[i - 1].ends_with(|c: char| c.is_ascii_digit())
                    && ["руб", "коп", "г.", "%", "л.", "шт."]
                        .iter()
                        .any(|s| w.starts_with(s)));
            out.push(if glue && !w.is_empty() { '\u{a0}' } else { ' ' });
        }
        out.push_str(w);
    }
    out
}

/// Applies [`nbsp`] to every string of a document's values.
pub fn typeset(value: &mut Value) {
    match value {
        Value::String(s) => *s = nbsp(s),
        Value::Array(items) => items.iter_mut().for_each(typeset),
        Value::Object(map) => map.values_mut().for_each(typeset),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_breaking_spaces_where_russian_typography_wants_them() {
        assert_eq!(
            nbsp("ПП РФ № 424, ст. 155"),
            "ПП РФ №\u{a0}424, ст.\u{a0}155"
        );
        assert_eq!(
            nbsp("г. Руза, ул. Солнцева, д. 9, кв. 7"),
            "г.\u{a0}Руза, ул.\u{a0}Солнцева, д.\u{a0}9, кв.\u{a0}7"
        );
        assert_eq!(
            nbsp("в размере 2 000,00 руб. за 2026 г."),
            "в размере 2 000,00\u{a0}руб. за 2026\u{a0}г."
        );
        assert_eq!(nbsp("Иванов Иван"), "Иванов Иван");
        assert_eq!(
            nbsp("БИК 044525225, к/с 301, (2 л.)"),
            "БИК\u{a0}044525225, к/с\u{a0}301, (2\u{a0}л.)"
        );
    }
}
