//! Reading one table by its header: the delimiter (`;`, tab or `,`) and the header row (the first
//! line naming known columns, below any title rows) are found; columns are found by name or alias,
//! unknown ones are warned about, required ones that are missing are errors. Every cell is reported
//! with its file, line and column.

pub mod lines;
mod records;
pub mod reread;
mod tally;

pub use records::{MAX_CELL, Row, Rows, Unreadable};
pub use tally::Tally;

use super::schema::Schema;
use super::sheet::Record;
use super::source::{Rows as SourceRows, Source};
use crate::diag::Diagnostic;
use crate::tr;
use records::{Located, Records, unreadable};
use std::sync::Arc;

/// A table's header, read; its rows are read again, one at a time, by [`Table::rows`], so a
/// million-row ledger is never held as text cells.
pub struct Table<'a> {
    /// The file (and sheet) the rows come from, as diagnostics name it.
    pub file: Arc<str>,
    /// Column name → 0-based index, for the known columns present.
    columns: Columns,
    body: Body<'a>,
    header_line: u64,
    /// The header's place among the file's non-blank records (0 for the first): the rows are the
    /// records after it, counted as the parser gives them, never by a line number.
    header_at: usize,
    width: usize,
    /// Rows of a workbook: a whole number in a date column is an Excel serial day.
    pub serial_dates: bool,
}

#[derive(Clone, Copy)]
enum Body<'a> {
    Csv {
        text: &'a str,
        /// Bytes of the file before `text` (a byte-order mark).
        base: u64,
        delimiter: u8,
        /// `text` is only the file's head (see `source::Rows::Csv`).
        head: bool,
    },
    Grid(&'a [Record]),
}

/// A cell: its text (trimmed, `None` when empty) and where it is.
#[derive(Clone, Copy)]
pub struct Cell<'a> {
    pub text: Option<&'a str>,
    pub line: u64,
    pub column: usize,
    pub name: &'static str,
    pub file: &'a str,
    /// From a workbook: a whole number in a date column is an Excel serial day.
    pub serial_dates: bool,
}

impl Cell<'_> {
    pub fn error(
        &self,
        message: impl Into<crate::lang::Text>,
        fix: impl Into<crate::lang::Text>,
    ) -> Diagnostic {
        Diagnostic::error(self.file, message, fix)
            .at(self.line)
            .col(self.column, self.name)
    }
    pub fn warning(
        &self,
        message: impl Into<crate::lang::Text>,
        fix: impl Into<crate::lang::Text>,
    ) -> Diagnostic {
        Diagnostic::warning(self.file, message, fix)
            .at(self.line)
            .col(self.column, self.name)
    }
}

impl<'a> Table<'a> {
    /// The data rows after the header, skipping blank and unreadable lines (reported by `parse`).
    pub fn rows(&self) -> Rows<'a> {
        let records: Box<dyn Iterator<Item = Result<Located, Unreadable>> + 'a> = match self.body {
            Body::Csv {
                text, delimiter, ..
            } => Box::new(Records::new(text.as_bytes(), delimiter).map(|r| r.map_err(unreadable))),
            Body::Grid(rows) => {
                let mut non_blank = 0;
                Box::new(rows.iter().map(move |(line, cells)| {
                    let ordinal = cells.iter().any(|c| !c.trim().is_empty()).then(|| {
                        non_blank += 1;
                        non_blank - 1
                    });
                    Ok(Located {
                        cells: csv::StringRecord::from(cells.clone()),
                        line: *line,
                        byte: 0,
                        ordinal,
                    })
                }))
            }
        };
        let base = match self.body {
            Body::Csv { base, .. } => base,
            Body::Grid(_) => 0,
        };
        Rows::new(records, self.header_at, self.width, base)
    }

    /// A CSV table's delimiter; none for a sheet.
    pub fn delimiter(&self) -> Option<u8> {
        match self.body {
            Body::Csv { delimiter, .. } => Some(delimiter),
            Body::Grid(_) => None,
        }
    }

    /// How many columns the header has.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The 1-based column of `name`, 0 when the table has none.
    pub fn column(&self, name: &str) -> usize {
        self.columns.get(name).map_or(0, |i| i + 1)
    }

    pub fn has(&self, name: &str) -> bool {
        self.columns.get(name).is_some()
    }

    pub fn header_line(&self) -> u64 {
        self.header_line
    }

    pub fn cell<'r>(&'r self, row: &'r Row, name: &'static str) -> Cell<'r> {
        let idx = self.columns.get(name);
        let text = idx
            .and_then(|i| row.cells.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty());
        Cell {
            text,
            line: row.line,
            column: idx.map_or(0, |i| i + 1),
            name,
            file: &self.file,
            serial_dates: self.serial_dates,
        }
    }

    /// Each unreadable line of a CSV table's text (not of a file's head, which may end inside a
    /// quoted cell: the rows read from the file say what is wrong in them). (Read on a second
    /// thread beside the journal's rows it made a run slower on two cores, not faster: measured.)
    pub fn unreadable(&self) -> Vec<Diagnostic> {
        let Body::Csv {
            text,
            delimiter,
            head: false,
            ..
        } = &self.body
        else {
            return Vec::new();
        };
        // Most files have none: one record read over and over says so without a record made
        // per row; only a file with one is read again record by record, to place each exactly.
        let mut quick = records::reader(
            crate::workspace::budget::Budgeted::new(text.as_bytes()),
            *delimiter,
        );
        let mut record = csv::StringRecord::new();
        while let Ok(more) = quick.read_record(&mut record) {
            if !more {
                return Vec::new();
            }
        }
        Records::new(text.as_bytes(), *delimiter)
            .filter_map(Result::err)
            .map(|(line, e)| {
                let (why, fix) = records::unreadable_csv(&e);
                Diagnostic::error(&self.file, why, fix).at(line)
            })
            .collect()
    }

    /// Reports each of `names` that the header lacks, as a required column; true when none is.
    pub fn require(&self, names: &[&str], diags: &mut Vec<Diagnostic>) -> bool {
        let mut all = true;
        for name in names.iter().filter(|n| !self.has(n)) {
            all = false;
            diags.push(
                Diagnostic::error(
                    &self.file,
                    tr!(
                        "table.column.missing",
                        "нет обязательной колонки «{name}»",
                        "required column \"{name}\" is missing"
                    ),
                    tr!(
                        "table.column.missing.fix",
                        "добавьте в строку заголовка колонку «{name}»",
                        "add a column named \"{name}\" to the header row"
                    ),
                )
                .at(self.header_line),
            );
        }
        all
    }
}

/// The delimiters a CSV file may use, most likely first for Russian exports.
const DELIMITERS: [u8; 3] = [b';', b'\t', b','];

/// How many lines from the top a header is looked for in: a 1C report puts up to a few dozen title
/// lines (the organisation, the period, the filters) above its columns.
const HEADER_SEARCH: usize = 100;

/// The first `HEADER_SEARCH` non-blank records of a CSV text read with `delimiter`, each with its
/// line; a record's place in the list is its place among the non-blank records.
fn first_records(text: &str, delimiter: u8) -> Vec<Record> {
    Records::new(text.as_bytes(), delimiter)
        .filter_map(Result::ok)
        .filter(|r| r.ordinal.is_some())
        .take(HEADER_SEARCH)
        .map(|r| (r.line, r.cells.iter().map(str::to_string).collect()))
        .collect()
}

/// The header: its place among the non-blank records, its line and its cells.
type Header = (usize, Record);

/// How many cells of a record name a known column.
fn score(schema: &Schema, cells: &[String]) -> usize {
    cells.iter().filter(|c| schema.column(c).is_some()).count()
}

/// The header among `records` and its place in them: the given line, else the first record naming
/// two known columns (or one, for a one-column table), else the first record.
fn header_of(schema: &Schema, records: &[Record], forced: Option<u64>) -> Option<Header> {
    let found = match forced {
        Some(line) => records.iter().position(|(l, _)| *l == line),
        None => records
            .iter()
            .position(|(_, cells)| score(schema, cells) >= 2)
            .or_else(|| {
                records
                    .iter()
                    .position(|(_, cells)| score(schema, cells) >= 1)
            })
            .or((!records.is_empty()).then_some(0)),
    };
    found.map(|i| (i, records[i].clone()))
}

/// Reads the table `source` against `schema`: finds the delimiter and the header (the first line
/// naming known columns, or `header_row`), reports unreadable lines into `diags`; `None` when the
/// table has no header at all. A missing required column is an error, yet the rows are still read.
pub fn parse<'a>(
    source: &'a Source,
    schema: &Schema,
    header_row: Option<u64>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table<'a>> {
    let file: Arc<str> = Arc::from(source.label.as_str());
    let (body, header, first_line) = match &source.rows {
        SourceRows::Csv { text, head, .. } => {
            csv_body(text, &file, schema, header_row, *head, diags)?
        }
        SourceRows::Grid { rows } => {
            let records: Vec<Record> = rows
                .iter()
                .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                .take(HEADER_SEARCH)
                .cloned()
                .collect();
            let header = header_of(schema, &records, header_row);
            (Body::Grid(rows), header, records.first().map(|r| r.0))
        }
    };
    let Some((header_at, (header_line, names))) = header else {
        match header_row {
            Some(line) => diags.push(Diagnostic::error(
                &file,
                tr!(
                    "table.header_row.blank",
                    "строка {line} (--header-row) пуста или находится дальше первых {HEADER_SEARCH} строк",
                    "line {line} (--header-row) is blank or past the first {HEADER_SEARCH} lines"
                ),
                tr!(
                    "table.header_row.blank.fix",
                    "укажите в --header-row строку с названиями колонок",
                    "point --header-row at the line with the column names"
                ),
            )),
            None => diags.push(Diagnostic::error(
                &file,
                tr!("table.empty", "файл пуст", "the file is empty"),
                tr!(
                    "table.empty.fix",
                    "поставьте строку заголовка первой строкой файла",
                    "put the header row on line 1"
                ),
            )),
        }
        return None;
    };
    if header_row.is_none() && first_line.is_some_and(|l| l < header_line) {
        diags.push(
            Diagnostic::note(
                &file,
                tr!(
                    "table.header.below",
                    "заголовок — в строке {header_line}; строки над ним пропущены",
                    "the header is on line {header_line}; the lines above it are skipped"
                ),
                tr!(
                    "table.header.below.fix",
                    "чтобы выбрать другую строку, укажите --header-row",
                    "pass --header-row to choose another line"
                ),
            )
            .at(header_line),
        );
    }

    let columns = columns(schema, &names, &file, header_line, diags);
    let table = Table {
        serial_dates: matches!(body, Body::Grid(_)),
        file,
        columns,
        body,
        header_line,
        header_at,
        width: names.len(),
    };
    diags.extend(table.unreadable());
    // The rows are still read with a required column missing, so every other problem shows too.
    table.require(schema.required, diags);
    Some(table)
}

/// A CSV table's body, header and first line: the delimiter found, a cell cut short or a line
/// unreadable reported (not in a file's `head`, which may end inside a quoted cell: the rows read
/// from the file say what is wrong in them).
fn csv_body<'a>(
    text: &'a str,
    file: &Arc<str>,
    schema: &Schema,
    header_row: Option<u64>,
    head: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Body<'a>, Option<Header>, Option<u64>)> {
    let whole = text.len();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The delimiter whose reading names the most known columns; `;` on a tie.
    let mut best: Option<(usize, u8, Vec<Record>)> = None;
    for d in DELIMITERS {
        let records = first_records(text, d);
        let header = header_of(schema, &records, header_row);
        let s = header.as_ref().map_or(0, |(_, (_, c))| score(schema, c));
        if best.as_ref().is_none_or(|(b, _, _)| s > *b) {
            best = Some((s, d, records));
        }
    }
    let (score, mut delimiter, mut records) = best?;
    if score == 0 {
        // No known column anywhere: the delimiter the first line uses most.
        let first = lines::lines(text)
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        delimiter = DELIMITERS
            .into_iter()
            .rev()
            .max_by_key(|d| first.matches(char::from(*d)).count())
            .unwrap_or(b',');
        records = first_records(text, delimiter);
    }
    let header = header_of(schema, &records, header_row);
    // A file cut short inside a quoted cell reads as if the quote closed at its end.
    let opened = text.rfind('"').unwrap_or(0);
    let opens_a_cell = opened == 0
        || matches!(text.as_bytes().get(opened - 1), Some(b'\n' | b'\r'))
        || text.as_bytes().get(opened - 1) == Some(&delimiter);
    if !head && opens_a_cell && text.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
        let line = lines::line_at(text.as_bytes(), opened);
        diags.push(
            Diagnostic::error(
                file,
                tr!(
                    "table.quote.open",
                    "открытая здесь кавычка не закрыта: возможно, файл обрезан",
                    "a quote opened here is never closed: the file may be cut short"
                ),
                tr!(
                    "table.quote.open.fix",
                    "выгрузите файл заново или закройте кавычку",
                    "export the file again, or close the quote"
                ),
            )
            .at(line),
        );
    }
    let body = Body::Csv {
        text,
        base: (whole - text.len()) as u64,
        delimiter,
        head,
    };
    Some((body, header, records.first().map(|r| r.0)))
}

/// The known columns present and where each is: a dozen at most, looked up for every cell of every
/// row (a hash of the name each time cost a journal of a million rows a tenth of its reading).
#[derive(Clone, Debug, Default)]
pub struct Columns(Vec<(&'static str, usize)>);

impl Columns {
    /// The 0-based place of the column `name`.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, i)| *i)
    }
}

/// Where each known column is, with every duplicate, nameless or unknown column reported.
fn columns(
    schema: &Schema,
    names: &[String],
    file: &Arc<str>,
    header_line: u64,
    diags: &mut Vec<Diagnostic>,
) -> Columns {
    let mut columns = Columns::default();
    for (i, raw) in names.iter().enumerate() {
        let name = raw.trim();
        match schema.column(name) {
            Some(k) if columns.get(k).is_some() => diags.push(
                Diagnostic::error(
                    file,
                    tr!(
                        "table.column.twice",
                        "колонка «{name}» встречается дважды (как «{k}»)",
                        "column \"{name}\" appears twice (as \"{k}\")"
                    ),
                    tr!(
                        "table.column.twice.fix",
                        "удалите одну из них",
                        "delete one of them"
                    ),
                )
                .at(header_line)
                .col(i + 1, name),
            ),
            Some(k) => {
                columns.0.push((k, i));
            }
            None if name.is_empty() => diags.push(
                Diagnostic::warning(
                    file,
                    tr!(
                        "table.column.nameless",
                        "колонка без названия не читается",
                        "a column without a name is ignored"
                    ),
                    tr!(
                        "table.column.nameless.fix",
                        "дайте ей название или удалите её",
                        "name it or delete it"
                    ),
                )
                .at(header_line)
                .col(i + 1, ""),
            ),
            None => diags.push(
                Diagnostic::warning(
                    file,
                    tr!(
                        "table.column.unknown",
                        "неизвестная колонка «{name}» не читается",
                        "unknown column \"{name}\" is ignored"
                    ),
                    tr!(
                        "table.column.unknown.fix",
                        "переименуйте её в одну из: {known}",
                        "rename it to one of: {known}",
                        known = schema.known.join(", ")
                    ),
                )
                .at(header_line)
                .col(i + 1, name),
            ),
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    const SCHEMA: Schema = Schema {
        file: "t.csv",
        known: &["account", "amount"],
        required: &["account"],
        aliases: &[&[("лицевой счет", "account"), ("сумма", "amount")]],
    };

    fn csv(text: &str) -> Source {
        Source {
            label: "t.csv".into(),
            rows: SourceRows::Csv {
                text: text.into(),
                reread: None,
                head: false,
            },
        }
    }

    /// A whole file ending inside a quoted cell was cut short; a file's head may end there.
    #[test]
    fn an_open_quote_is_said_in_a_whole_file_not_in_a_head() {
        let text = "account;amount\n1;\"2\n3;4\n";
        let mut whole = Vec::new();
        assert!(parse(&csv(text), &SCHEMA, None, &mut whole).is_some());
        assert!(
            whole[0].line(Lang::En).contains("never closed"),
            "{whole:?}"
        );
        let mut head = Vec::new();
        let source = Source {
            label: "t.csv".into(),
            rows: SourceRows::Csv {
                text: text.into(),
                reread: None,
                head: true,
            },
        };
        assert!(parse(&source, &SCHEMA, None, &mut head).is_some());
        assert!(head.is_empty(), "{head:?}");
    }

    /// Lines are counted as an editor counts them, blank lines and CRLF included.
    #[test]
    fn a_header_below_title_and_blank_lines_is_found_on_its_own_line() {
        let source = csv("Реестр\r\n\r\n\r\nЛицевой счёт;Сумма\r\n1;2\r\n\r\n3;4\r\n");
        let mut diags = Vec::new();
        let t = parse(&source, &SCHEMA, None, &mut diags).unwrap();
        assert_eq!(t.header_line(), 4);
        let rows: Vec<(u64, String)> = t
            .rows()
            .map(|r| (r.line, t.cell(&r, "amount").text.unwrap().to_string()))
            .collect();
        assert_eq!(rows, [(5, "2".to_string()), (7, "4".to_string())]);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].line(Lang::En),
            "t.csv:4: note: the header is on line 4; the lines above it are skipped — pass --header-row to choose another line"
        );
    }

    #[test]
    fn tabs_and_commas_are_told_apart_by_the_known_columns() {
        for (text, amount) in [
            ("account\tamount\n1\t1 234,56\n", "1 234,56"),
            ("account,amount\n1,\"1 234,56\"\n", "1 234,56"),
            ("account;amount\n1;1,5\n", "1,5"),
        ] {
            let source = csv(text);
            let t = parse(&source, &SCHEMA, None, &mut Vec::new()).unwrap();
            let row = t.rows().next().unwrap();
            assert_eq!(t.cell(&row, "amount").text, Some(amount), "{text}");
        }
    }

    #[test]
    fn header_row_points_at_the_header() {
        // Line 1 names a known column too; --header-row 2 says which line is the header.
        let source = csv("account\naccount;amount\n1;2\n");
        let t = parse(&source, &SCHEMA, Some(2), &mut Vec::new()).unwrap();
        assert_eq!(t.header_line(), 2);
        assert!(t.has("amount"));
        let mut diags = Vec::new();
        assert!(parse(&source, &SCHEMA, Some(9), &mut diags).is_none());
        assert!(
            diags[0].message.en().contains("line 9 (--header-row)"),
            "{}",
            diags[0]
        );
    }
}
