//! The language a person reads: Russian by default, English with `--lang en` or `VZYSK_LANG=en`.
//!
//! Everything the engine says to a person — a refusal, the plan's reason, a diagnostic, a
//! command's message — is a [`Text`]: a stable machine code (what JSON and tests hold on to) and
//! its words in both languages, made where the facts are known ([`tr!`]) and printed in the
//! language of the run. Dates in either language are written as the documents write them
//! (`01.07.2025`), sums as `1 234,56`. A leaf: it imports nothing of vzysk.

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    /// `ru` or `en` (case and spaces ignored; `en_US.UTF-8` and the like count as English).
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t == "ru" || t.starts_with("ru_") || t.starts_with("ru-") {
            Some(Lang::Ru)
        } else if t == "en" || t.starts_with("en_") || t.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The one of the two that is in this language.
    pub fn pick<T>(self, ru: T, en: T) -> T {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// The run's language: 0 Russian, 1 English. Set once at start (`cmd::main`), read everywhere.
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language of this run.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Ru,
    }
}

pub fn set(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::Ru => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The environment variable that chooses the language when `--lang` does not.
pub const ENV: &str = "VZYSK_LANG";

/// `ru` or `en` in the run's language: a short phrase for a place that has no [`Text`] of its own.
pub fn say(ru: &'static str, en: &'static str) -> &'static str {
    current().pick(ru, en)
}

/// A message for a person: a stable code and its words in Russian and in English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text {
    code: &'static str,
    ru: String,
    en: String,
}

impl Text {
    pub fn new(code: &'static str, ru: String, en: String) -> Text {
        Text { code, ru, en }
    }

    /// A text that is the same in both languages (a name, a number, quoted input).
    pub fn same(code: &'static str, text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            code,
            ru: text.clone(),
            en: text,
        }
    }

    /// The stable machine code (`warning.awaiting_delivery`), for JSON and for tests.
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn ru(&self) -> &str {
        &self.ru
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.ru, &self.en)
    }

    /// The words in the run's language.
    pub fn as_str(&self) -> &str {
        self.get(current())
    }

    /// `self` then `other`, joined by `sep` in each language (`"; "`, `": "`); the first code kept.
    pub fn join(mut self, sep: &str, other: &Text) -> Text {
        self.ru = format!("{}{sep}{}", self.ru, other.ru);
        self.en = format!("{}{sep}{}", self.en, other.en);
        self
    }

    /// Each language's words changed by `f` (a prefix, a clip), the code kept.
    pub fn map(self, f: impl Fn(String) -> String) -> Text {
        Text {
            code: self.code,
            ru: f(self.ru),
            en: f(self.en),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Text {
    /// The words in the run's language (the code goes beside it where a JSON has room for it).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A [`Text`] from a code and a Russian and an English format string, which may name the
/// caller's variables (`{date}`) and the bindings given after them:
/// `tr!("warning.running", "предупреждение вручено {d}", "the warning delivered {d}", d = day)`.
#[macro_export]
macro_rules! tr {
    ($code:literal, $ru:literal, $en:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        $(#[allow(unused_variables)] let $name = $value;)*
        $crate::lang::Text::new($code, format!($ru), format!($en))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_in_the_runs_language_and_keeps_its_code() {
        let day = "01.07.2025";
        let t = tr!(
            "t.day",
            "с {day} по {to}",
            "from {day} to {to}",
            to = "02.07.2025"
        );
        assert_eq!(t.code(), "t.day");
        assert_eq!(t.ru(), "с 01.07.2025 по 02.07.2025");
        assert_eq!(t.en(), "from 01.07.2025 to 02.07.2025");
        assert_eq!(t.get(Lang::Ru), t.ru());
        let joined = t.clone().join("; ", &Text::same("x", "№ 5"));
        assert_eq!(joined.en(), "from 01.07.2025 to 02.07.2025; № 5");
        assert_eq!(joined.code(), "t.day");
    }

    #[test]
    fn languages_are_read_as_people_write_them() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("ru"), Some(Lang::Ru));
        assert_eq!(Lang::parse("de"), None);
    }
}
