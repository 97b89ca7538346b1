//! Diagnostics: what went wrong, where (file, row, column) and what to do about it.
//! Printed as `file:row:column: error: what is wrong — how to fix`.

use crate::lang::{Lang, Text, current};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// What vzysk chose where it had to (an encoding, a header row): neither wrong nor doubtful.
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line of the file (the header of a CSV is line 1).
    pub line: Option<u64>,
    /// 1-based column number and the column's name.
    pub column: Option<(usize, String)>,
    pub message: Text,
    pub fix: Text,
    /// The account the problem belongs to, when known (its documents are refused).
    pub account: Option<String>,
}

/// The longest a message may be when it quotes the input: a line a person can read.
const MAX_MESSAGE: usize = 300;

/// `text`, cut to [`MAX_MESSAGE`] characters with «…» where it was longer.
fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl Diagnostic {
    pub fn error(file: &str, message: impl Into<Text>, fix: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: clip(file),
            line: None,
            column: None,
            message: message.into().map(|m| clip(&m)),
            fix: fix.into(),
            account: None,
        }
    }

    pub fn warning(file: &str, message: impl Into<Text>, fix: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message, fix)
        }
    }

    pub fn note(file: &str, message: impl Into<Text>, fix: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message, fix)
        }
    }

    pub fn at(mut self, line: u64) -> Diagnostic {
        self.line = Some(line);
        self
    }

    pub fn col(mut self, number: usize, name: &str) -> Diagnostic {
        self.column = Some((number, clip(name)));
        self
    }

    pub fn account(mut self, account: &str) -> Diagnostic {
        self.account = Some(account.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// `file:row:column: error: column: what — fix`, in `lang`.
    pub fn line(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        if let Some(line) = self.line {
            out += &format!(":{line}");
            // Column 0: a column the file does not have; its name is still said below.
            if let Some((col, _)) = self.column.as_ref().filter(|c| c.0 > 0) {
                out += &format!(":{col}");
            }
        }
        let kind = match self.severity {
            Severity::Error => lang.pick("ошибка", "error"),
            Severity::Warning => lang.pick("предупреждение", "warning"),
            Severity::Note => lang.pick("примечание", "note"),
        };
        out += &format!(": {kind}: ");
        if let Some((_, name)) = &self.column {
            out += &format!("{name}: ");
        }
        out += self.message.get(lang);
        let fix = self.fix.get(lang);
        if !fix.is_empty() {
            out += &format!(" — {fix}");
        }
        out
    }

    /// The line in both languages, for a message that quotes it.
    pub fn text(&self) -> Text {
        Text::new(
            self.message.code(),
            self.line(Lang::Ru),
            self.line(Lang::En),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(current()))
    }
}

/// Sorts diagnostics by file, line and column, errors first within a place.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column.as_ref().map(|c| c.0), a.severity).cmp(&(
            &b.file,
            b.line,
            b.column.as_ref().map(|c| c.0),
            b.severity,
        ))
    });
}
