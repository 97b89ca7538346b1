//! Reading one CSV table by its header: columns are found by name, unknown ones are warned about,
//! required ones that are missing are errors. Every cell is reported with its file, line and column.

use crate::diag::Diagnostic;
use std::collections::HashMap;

/// The columns a table knows; `required` ones must be present in the header.
pub struct Schema {
    pub file: &'static str,
    pub known: &'static [&'static str],
    pub required: &'static [&'static str],
}

pub struct Table {
    pub file: &'static str,
    /// Column name → 0-based index, for the known columns present.
    columns: HashMap<&'static str, usize>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub line: u64,
    cells: Vec<String>,
    /// More cells than the header: the loader reports it with the row's account, which must not be
    /// calculated from a row that cannot be trusted.
    pub malformed: Option<String>,
}

/// A cell: its text (trimmed, `None` when empty) and where it is.
#[derive(Clone, Copy)]
pub struct Cell<'a> {
    pub text: Option<&'a str>,
    pub line: u64,
    pub column: usize,
    pub name: &'static str,
    pub file: &'static str,
}

impl Cell<'_> {
    pub fn error(&self, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file, message, fix)
            .at(self.line)
            .col(self.column, self.name)
    }
    pub fn warning(&self, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.file, message, fix)
            .at(self.line)
            .col(self.column, self.name)
    }
}

impl Table {
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }

    pub fn cell<'a>(&self, row: &'a Row, name: &'static str) -> Cell<'a> {
        let idx = self.columns.get(name).copied();
        let text = idx
            .and_then(|i| row.cells.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty());
        Cell {
            text,
            line: row.line,
            column: idx.map_or(0, |i| i + 1),
            name,
            file: self.file,
        }
    }
}

/// `;` when the header has more semicolons than commas (1C and Russian Excel), else `,`.
fn delimiter(header_line: &str) -> u8 {
    let semicolons = header_line.matches(';').count();
    let commas = header_line.matches(',').count();
    if semicolons > commas { b';' } else { b',' }
}

/// Parses `text` (the whole file, UTF-8) against `schema`. Diagnostics go to `diags`; `None` when the
/// table has no header at all. A missing required column is an error, yet the rows are still read.
pub fn parse(text: &str, schema: &Schema, diags: &mut Vec<Diagnostic>) -> Option<Table> {
    let file = schema.file;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        diags.push(Diagnostic::error(
            file,
            "the file is empty",
            "put the header row on line 1",
        ));
        return None;
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());

    let mut records = reader.records();
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut rows = Vec::new();
    for result in &mut records {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags.push(
                    Diagnostic::error(
                        file,
                        format!("unreadable CSV: {e}"),
                        "check the quotes on this line",
                    )
                    .at(line),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if header.is_none() {
            header = Some((line, cells));
        } else {
            rows.push(Row {
                line,
                cells,
                malformed: None,
            });
        }
    }
    let (header_line, names) = header?;

    let mut columns = HashMap::new();
    for (i, raw) in names.iter().enumerate() {
        let name = raw.trim().to_lowercase();
        match schema.known.iter().find(|k| **k == name) {
            Some(k) if columns.contains_key(k) => diags.push(
                Diagnostic::error(
                    file,
                    format!("column \"{name}\" appears twice"),
                    "delete one of them",
                )
                .at(header_line)
                .col(i + 1, &name),
            ),
            Some(k) => {
                columns.insert(*k, i);
            }
            None if name.is_empty() => diags.push(
                Diagnostic::warning(
                    file,
                    "a column without a name is ignored",
                    "name it or delete it",
                )
                .at(header_line)
                .col(i + 1, ""),
            ),
            None => diags.push(
                Diagnostic::warning(
                    file,
                    format!("unknown column \"{}\" is ignored", raw.trim()),
                    format!("rename it to one of: {}", schema.known.join(", ")),
                )
                .at(header_line)
                .col(i + 1, raw.trim()),
            ),
        }
    }
    let missing: Vec<&str> = schema
        .required
        .iter()
        .copied()
        .filter(|r| !columns.contains_key(r))
        .collect();
    for name in &missing {
        diags.push(
            Diagnostic::error(
                file,
                format!("required column \"{name}\" is missing"),
                format!("add a column named \"{name}\" to the header row"),
            )
            .at(header_line),
        );
    }
    for row in &mut rows {
        if row.cells.len() > names.len() {
            row.malformed = Some(format!(
                "{} cells, but the header has {}",
                row.cells.len(),
                names.len()
            ));
        }
    }
    // The rows are still read with a required column missing, so every other problem shows too.
    Some(Table {
        file,
        columns,
        rows,
    })
}
