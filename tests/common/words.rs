//! Which language a text is in, word by word: the Latin words a Russian output may hold
//! (identifiers, file names, formats), and the Cyrillic words an English one may (names,
//! addresses, document titles, the law's citations).

use std::collections::BTreeSet;

/// Names a person types or reads as they are: the input's columns and values, the events, the
/// kinds, the formats and the tools.
const IDENTIFIERS: &[&str] = &[
    // Formats, tools, units.
    "csv",
    "xlsx",
    "xls",
    "json",
    "toml",
    "utf",
    "pdf",
    "zip",
    "sms",
    "typst",
    "html",
    "http",
    "https",
    "xml",
    "bom",
    "vzysk",
    "minijinja",
    "jinja",
    "sha",
    "png",
    "crlf",
    "qr",
    "gb",
    "mb",
    "kb",
    "api",
    "pid",
    "tmpdir",
    "sigterm",
    "sigkill",
    "fifo",
    "nul",
    "windows",
    "excel",
    "cp",
    "ooxml",
    "stdin",
    "stdout",
    "stderr",
    "lf",
    "cr",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "elvish",
    // Columns and values of the input (README «The workspace»), and the config's sections and keys.
    "account",
    "accounts",
    "ledger",
    "events",
    "event",
    "date",
    "reference",
    "details",
    "kind",
    "period",
    "amount",
    "service",
    "charge",
    "payment",
    "status",
    "active",
    "deceased",
    "bankrupt",
    "share",
    "persons",
    "area",
    "building",
    "mkd",
    "house",
    "court",
    "bank",
    "phone",
    "email",
    "snils",
    "inn",
    "passport",
    "consent",
    "debtor",
    "claimant",
    "agent",
    "signatory",
    "post",
    "penalty",
    "limitation",
    "duty",
    "parts",
    "day",
    "true",
    "false",
    "auto",
    "all",
    "none",
    "credit",
    "principal",
    "total",
    "overdue",
    "warnings",
    "periods",
    "rate",
    "note",
    "fraction",
    "base",
    "from",
    "to",
    "days",
    "ru",
    "en",
    "shpi",
    "index",
    "moratoria",
    "rounding",
    "allocation",
    "oldest",
    "row",
    "claim",
    "names",
    "months",
    "filed",
    "trial",
    "header",
    "sheet",
    "table",
    "format",
    "jobs",
    "listen",
    "token",
    "open",
    "out",
    "dir",
    "docs",
    "lang",
    "help",
    "version",
    "check",
    "calc",
    "plan",
    "generate",
    "record",
    "report",
    "serve",
    "synth",
    "templates",
    "list",
    "export",
    "init",
    "completions",
    "notice",
    "notices",
    "calls",
    "warning",
    "agreement",
    "order",
    "fssp",
    "registry",
    "mail",
    "statement",
    "cover",
    "letter",
    "inventory",
    "form",
    "label",
    "ok",
    "int",
    "str",
    "id",
    "utc",
    "bic",
    "kpp",
    "ogrn",
    "okpo",
    "oktmo",
    "data",
    "courts",
    "terms",
    "input",
    "name",
    "serves",
    "within",
    "restricted",
    "suspended",
    "resumed",
    "judgment",
];

/// Words of the law's citations and of the official names an English message quotes as they are.
const CITATIONS: &[&str] = &[
    "гпк",
    "гк",
    "жк",
    "нк",
    "кас",
    "апк",
    "фз",
    "ст",
    "ч",
    "п",
    "пп",
    "правил",
    "пленум",
    "вс",
    "рф",
    "фссп",
    "инн",
    "снилс",
    "огрн",
    "кпп",
    "шпи",
    "б",
    "н",
    "руб",
    "коп",
    "а",
    "б",
    "в",
    "г",
    "д",
    "е",
    "ф",
    "пао",
    "ооо",
    "ао",
    "мп",
    "ук",
    "рсо",
    "жку",
    "постановление",
    "правительства",
    "ип",
    "лс",
    "ведомость",
    "почта",
    "россии",
    "гас",
    "правосудие",
    "бик",
    "закон",
    "огрнип",
    "октмо",
    "окпо",
];

/// The words of a JSON output a person reads: the values of its text fields (the rest are
/// numbers, dates and machine codes).
pub fn json_text(json: &serde_json::Value) -> String {
    fn walk(v: &serde_json::Value, key: &str, out: &mut String) {
        const TEXT: &[&str] = &[
            "reason",
            "text",
            "deadline_text",
            "warnings",
            "note",
            "why",
            "message",
            "fix",
            "label",
        ];
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| walk(v, k, out)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, key, out)),
            serde_json::Value::String(s) if TEXT.contains(&key) => {
                out.push_str(s);
                out.push('\n');
            }
            _ => {}
        }
    }
    let mut out = String::new();
    walk(json, "", &mut out);
    out
}

/// The Latin words of `text` that are not identifiers, file names, flags or quoted input.
pub fn english_in(text: &str) -> Vec<String> {
    let mut idents: BTreeSet<&str> = IDENTIFIERS.iter().copied().collect();
    // The kinds' names (`restriction-act`) are identifiers, as the registry lists them.
    for kind in vzysk::docs::kinds::DocKind::ALL {
        idents.extend(kind.name().split('-'));
    }
    let mut found = BTreeSet::new();
    for token in unquoted(text).split_whitespace() {
        let t = token.trim_matches(|c: char| "()[]{},;:.!?\"'«»—–…/".contains(c));
        if t.is_empty()
            || t.chars()
                .any(|c| "_./\\=@<>{}[]#$%&*+|~`',;".contains(c) || c.is_ascii_digit())
        {
            continue;
        }
        if t.starts_with('-')
            || t.chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        {
            continue;
        }
        for word in t.split('-') {
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            if letters >= 3 && !idents.contains(word.to_lowercase().as_str()) {
                found.insert(word.to_string());
            }
        }
    }
    found.into_iter().collect()
}

/// The Cyrillic words of `text` that are neither in `allowed` (names, addresses, titles: the input
/// and the archive's file names) nor the law's citations.
pub fn russian_in(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    let citations: BTreeSet<&str> = CITATIONS.iter().copied().collect();
    let mut found = BTreeSet::new();
    for word in cyrillic_words(&unquoted(text)) {
        let lower = word.to_lowercase();
        if !citations.contains(lower.as_str()) && !allowed.contains(&lower) {
            found.insert(word);
        }
    }
    found.into_iter().collect()
}

/// Every Cyrillic word of `text`, lower-cased: what an English output may quote of it.
pub fn vocabulary(text: &str) -> BTreeSet<String> {
    cyrillic_words(text).map(|w| w.to_lowercase()).collect()
}

fn cyrillic_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
}

/// `text` without what it quotes: «…» (the input's values, the documents' titles), "…" (the
/// input's values in English) and `…` (identifiers).
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let (mut code, mut quoted) = (false, false);
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            '`' => code = !code,
            '"' => quoted = !quoted,
            '\n' => {
                // A quote never runs past its line.
                (code, quoted) = (false, false);
                out.push(c);
            }
            _ if depth == 0 && !code && !quoted => out.push(c),
            _ => {}
        }
    }
    out
}
