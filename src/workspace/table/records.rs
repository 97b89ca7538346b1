//! The records of a CSV stream as every table reads them: each located by its line breaks
//! (`lines::Breaks`: where it really starts and on which line), blank ones told apart, unreadable
//! ones with their line; a table's rows after its header ([`Rows`]), each checked for cells that
//! cannot be trusted.

use crate::lang::Text;
use crate::tr;
use crate::workspace::budget::Budgeted;

/// A row of a table: where it is, its cells, and what makes it untrustworthy, if anything.
pub struct Row {
    /// The line the row starts on, as an editor counts lines (LF, CR LF and a lone CR each end
    /// one; a quoted cell's line breaks count too).
    pub line: u64,
    /// Where the row starts, in bytes from the start of the file.
    pub offset: u64,
    pub(super) cells: csv::StringRecord,
    /// What is wrong with the row, and what to do about it (more cells than the header, a control
    /// character, a cell too long): the loader reports it with the row's account, which must not be
    /// calculated from a row that cannot be trusted.
    pub malformed: Option<(Text, Text)>,
}

/// The longest a cell may be, in characters: an address is under 300; a longer cell is a broken
/// export (a quote left open swallows the rest of the file into one cell).
pub const MAX_CELL: usize = 2000;

/// Why a row cannot be trusted, and the fix: more cells than the header, a control character, or
/// a cell beyond [`MAX_CELL`].
fn malformed(cells: &csv::StringRecord, width: usize) -> Option<(Text, Text)> {
    if cells.len() > width {
        let n = cells.len();
        return Some((
            tr!(
                "table.row.too_wide",
                "ячеек в строке: {n}, а в заголовке: {width}",
                "{n} cells, but the header has {width}"
            ),
            tr!(
                "table.row.too_wide.fix",
                "заключите в кавычки значения, в которых есть разделитель, например \"1 200,50\"",
                "quote values that contain the delimiter, e.g. \"1 200,50\""
            ),
        ));
    }
    for (i, cell) in cells.iter().enumerate() {
        // A control character is below U+0020, U+007F, or U+0080–U+009F (0xC2 then 0x80–0x9F):
        // a cell without those bytes has none, and is not decoded.
        let suspect = cell.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2);
        if !suspect {
            continue;
        }
        if let Some(c) = cell
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            let (n, code) = (i + 1, format!("{:04X}", u32::from(c)));
            return Some((
                tr!(
                    "table.cell.control",
                    "в ячейке {n} управляющий символ (U+{code}), который не напечатать ни в одном документе",
                    "cell {n} holds a control character (U+{code}), which no document can print"
                ),
                tr!(
                    "table.cell.control.fix",
                    "удалите этот символ; возможно, выгрузка повреждена",
                    "delete the character; the export may be damaged"
                ),
            ));
        }
    }
    // A cell's characters are never more than its bytes: only a long one is counted.
    let (column, longest) = cells
        .iter()
        .map(|c| {
            if c.len() > MAX_CELL {
                c.chars().count()
            } else {
                c.len().min(MAX_CELL)
            }
        })
        .enumerate()
        .max_by_key(|(_, n)| *n)?;
    (longest > MAX_CELL).then(|| {
        let n = column + 1;
        (
            tr!(
                "table.cell.too_long",
                "в ячейке {n} символов: {longest} — больше {MAX_CELL}: не закрыта кавычка?",
                "cell {n} holds {longest} characters, more than {MAX_CELL}: a quote left open?"
            ),
            tr!(
                "table.cell.too_long.fix",
                "закройте кавычку, которой начинается ячейка, или выгрузите файл заново",
                "close the quote that opens the cell, or export the file again"
            ),
        )
    })
}

impl Row {
    pub(super) fn new(line: u64, offset: u64, cells: csv::StringRecord, width: usize) -> Row {
        Row {
            line,
            offset,
            malformed: malformed(&cells, width),
            cells,
        }
    }
}

pub(super) fn blank(cells: &csv::StringRecord) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// An unreadable line of a file read row by row: its line, what is wrong, and the fix.
pub type Unreadable = (u64, Text, Text);

/// The rows of a table after its header, in order, blank ones skipped. It counts the non-blank
/// records the parser gave past the header ([`Rows::records`]), before any filter of its own, so
/// that a loader can prove that each was used or reported (`Tally`).
pub struct Rows<'a> {
    records: Box<dyn Iterator<Item = Result<Located, Unreadable>> + 'a>,
    header_at: usize,
    width: usize,
    base: u64,
    /// Non-blank records the parser gave, the header and the lines above it included.
    non_blank: usize,
}

impl<'a> Rows<'a> {
    pub(super) fn new(
        records: Box<dyn Iterator<Item = Result<Located, Unreadable>> + 'a>,
        header_at: usize,
        width: usize,
        base: u64,
    ) -> Rows<'a> {
        Rows {
            records,
            header_at,
            width,
            base,
            non_blank: 0,
        }
    }

    /// The next row, or an unreadable line (the file could not be read on, a record is not
    /// UTF-8): a file read row by row says these itself (`Table::file_rows`).
    pub fn next_row(&mut self) -> Option<Result<Row, Unreadable>> {
        loop {
            let r = match self.records.next()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            if r.ordinal.is_some() {
                self.non_blank += 1;
            }
            if r.ordinal.is_none_or(|o| o <= self.header_at) {
                continue;
            }
            return Some(Ok(Row::new(
                r.line,
                self.base + r.byte,
                r.cells,
                self.width,
            )));
        }
    }

    /// How many non-blank records the parser gave after the header, so far.
    pub fn records(&self) -> usize {
        self.non_blank.saturating_sub(self.header_at + 1)
    }
}

impl Iterator for Rows<'_> {
    type Item = Row;
    /// The next row; unreadable lines are skipped (a table's text had them said by `parse`).
    fn next(&mut self) -> Option<Row> {
        loop {
            if let Ok(row) = self.next_row()? {
                return Some(row);
            }
        }
    }
}

/// A record of a CSV stream: its cells, the line and byte it starts at, and its place among the
/// non-blank records (`None` for a blank one).
pub(super) struct Located {
    pub(super) cells: csv::StringRecord,
    pub(super) line: u64,
    pub(super) byte: u64,
    pub(super) ordinal: Option<usize>,
}

/// The records of a CSV stream read through [`Budgeted`], each located by its line breaks
/// (`lines::Breaks`): the one reading of CSV records every table's rows and header come from.
/// An unreadable record gives its line and the error.
pub(super) struct Records<R> {
    reader: csv::Reader<Budgeted<R>>,
    non_blank: usize,
    /// The stream failed (it cannot be read on, or passed its budget): nothing after is read.
    failed: bool,
}

impl<R: std::io::Read> Records<R> {
    pub(super) fn new(source: R, delimiter: u8) -> Records<R> {
        Records {
            reader: reader(Budgeted::new(source), delimiter),
            non_blank: 0,
            failed: false,
        }
    }
}

/// An unreadable record as a row's reader says it: its line, why, and the fix; a file that
/// cannot be read on (or is past its budget) stops there.
pub(super) fn unreadable((line, e): (u64, csv::Error)) -> Unreadable {
    if let csv::ErrorKind::Io(io) = e.kind() {
        let over = io
            .get_ref()
            .and_then(|e| e.downcast_ref::<crate::workspace::budget::OverBudget>());
        let why = match over {
            Some(o) => o.why.clone(),
            None => tr!(
                "table.unreadable.io",
                "файл не читается дальше: {io}",
                "{io}"
            ),
        };
        return (
            over.map_or(line, |o| o.line),
            why,
            crate::workspace::budget::over_budget_fix(),
        );
    }
    let (why, fix) = unreadable_csv(&e);
    (line, why, fix)
}

/// A CSV record that cannot be read: why, and the fix.
pub(super) fn unreadable_csv(e: &csv::Error) -> (Text, Text) {
    (
        tr!(
            "table.unreadable.csv",
            "строка CSV не читается: {e}",
            "unreadable CSV: {e}"
        ),
        tr!(
            "table.unreadable.csv.fix",
            "проверьте кавычки в этой строке",
            "check the quotes on this line"
        ),
    )
}

impl<R: std::io::Read> Iterator for Records<R> {
    type Item = Result<Located, (u64, csv::Error)>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut cells = csv::StringRecord::new();
        match self.reader.read_record(&mut cells) {
            Ok(false) => None,
            Ok(true) => {
                let byte = cells.position().map_or(0, csv::Position::byte);
                let (line, byte) = self.reader.get_mut().breaks().locate(byte);
                let ordinal = (!blank(&cells)).then(|| {
                    self.non_blank += 1;
                    self.non_blank - 1
                });
                Some(Ok(Located {
                    cells,
                    line,
                    byte,
                    ordinal,
                }))
            }
            Err(e) => {
                self.failed = matches!(e.kind(), csv::ErrorKind::Io(_));
                let breaks = self.reader.get_mut().breaks();
                let line = match e.position() {
                    Some(p) => breaks.locate(p.byte()).0,
                    None => breaks.line(),
                };
                Some(Err((line, e)))
            }
        }
    }
}

/// A reader of CSV records with `delimiter`: no header row (the header is found among the records)
/// and any number of cells (a row's width is checked against the header's by [`malformed`]).
pub(super) fn reader<R: std::io::Read>(source: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(source)
}
