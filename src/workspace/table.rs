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

/// A table's header, read; its rows are read again, one at a time, by [`Table::rows`], so a
/// million-row ledger is never held as text cells.
pub struct Table<'a> {
    pub file: &'static str,
    /// Column name → 0-based index, for the known columns present.
    columns: HashMap<&'static str, usize>,
    text: &'a str,
    /// Bytes of the file before `text` (a byte-order mark).
    base: u64,
    delimiter: u8,
    header_line: u64,
    width: usize,
}

pub struct Row {
    pub line: u64,
    /// Where the row starts, in bytes from the start of the file.
    pub offset: u64,
    cells: csv::StringRecord,
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

impl<'a> Table<'a> {
    /// The data rows after the header, skipping blank and unreadable lines (reported by `parse`).
    pub fn rows(&self) -> impl Iterator<Item = Row> + 'a {
        let (header_line, width, base) = (self.header_line, self.width, self.base);
        reader(self.text, self.delimiter)
            .into_records()
            .filter_map(Result::ok)
            .filter_map(move |cells| {
                let line = cells.position().map_or(0, |p| p.line());
                if line <= header_line || cells.iter().all(|c| c.trim().is_empty()) {
                    return None;
                }
                let malformed = (cells.len() > width)
                    .then(|| format!("{} cells, but the header has {width}", cells.len()));
                let offset = base + cells.position().map_or(0, |p| p.byte());
                Some(Row {
                    line,
                    offset,
                    cells,
                    malformed,
                })
            })
    }

    /// The header without the text: for reading single rows again later with [`Table::row_at`].
    pub fn detached(&self) -> Table<'static> {
        Table {
            file: self.file,
            columns: self.columns.clone(),
            text: "",
            base: self.base,
            delimiter: self.delimiter,
            header_line: self.header_line,
            width: self.width,
        }
    }

    /// The row that starts at byte `offset` of the file `source` (as [`Table::rows`] gave it).
    pub fn row_at(
        &self,
        source: &mut (impl std::io::Read + std::io::Seek),
        offset: u64,
        line: u64,
    ) -> std::io::Result<Row> {
        source.seek(std::io::SeekFrom::Start(offset))?;
        let mut cells = csv::StringRecord::new();
        csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(source)
            .read_record(&mut cells)
            .map_err(std::io::Error::other)?;
        let malformed = (cells.len() > self.width)
            .then(|| format!("{} cells, but the header has {}", cells.len(), self.width));
        Ok(Row {
            line,
            offset,
            cells,
            malformed,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }

    pub fn cell<'r>(&self, row: &'r Row, name: &'static str) -> Cell<'r> {
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

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Parses `text` (the whole file, UTF-8) against `schema`: finds the header and reports unreadable
/// lines into `diags`; `None` when the table has no header at all. A missing required column is
/// an error, yet the rows are still read.
pub fn parse<'a>(text: &'a str, schema: &Schema, diags: &mut Vec<Diagnostic>) -> Option<Table<'a>> {
    let file = schema.file;
    let whole = text.len();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        diags.push(Diagnostic::error(
            file,
            "the file is empty",
            "put the header row on line 1",
        ));
        return None;
    };
    let delimiter = delimiter(first);
    let mut header: Option<(u64, Vec<String>)> = None;
    for result in reader(text, delimiter).into_records() {
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
        if header.is_none() {
            header = Some((line, record.iter().map(str::to_string).collect()));
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
    // The rows are still read with a required column missing, so every other problem shows too.
    Some(Table {
        file,
        columns,
        text,
        base: (whole - text.len()) as u64,
        delimiter,
        header_line,
        width: names.len(),
    })
}
