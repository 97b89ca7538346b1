//! A table's rows read again from its file: all of them one at a time (a batch's accounts and
//! ledger, whose tables hold only the file's head), or a run of them at its byte offset (an
//! account's rows, `AccountIndex::take`, `LedgerIndex::take`). Offsets and lines are where the
//! parser's records really start (`lines::Breaks`), never counted from an assumed line ending; a
//! row not found again where it was is an error, and so is a file changed since it was read.

use super::records::{Records, Row, Rows, blank, reader, unreadable};
use super::{Body, Table};
use crate::lang::Text;
use crate::tr;
use crate::workspace::budget::Budgeted;
use std::path::Path;

/// A file as it was when its rows were indexed: its length and modification time. A file edited
/// during a run (its line endings converted, a row added) no longer matches, and its rows are not
/// read again at offsets that now point elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub fn of(file: &std::fs::File) -> std::io::Result<Stamp> {
        let meta = file.metadata()?;
        Ok(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    /// `Err` with the reason when `file` is no longer the file stamped.
    pub fn check(&self, file: &std::fs::File, label: &str) -> Result<(), Text> {
        match Stamp::of(file) {
            Ok(now) if now == *self => Ok(()),
            Ok(_) => Err(tr!(
                "table.reread.changed",
                "{label}: файл изменился после проверки (его правили или сохранили заново во время запуска); запустите заново",
                "{label}: the file changed since it was checked (edited or saved again during the run); run again"
            )),
            Err(e) => Err(cannot_be_read_again(label, &e)),
        }
    }
}

/// «cannot be read again: …», naming the file (and its line).
fn cannot_be_read_again(label: &str, e: &dyn std::fmt::Display) -> Text {
    tr!(
        "table.reread.unreadable",
        "{label}: файл не читается повторно: {e}",
        "{label}: cannot be read again: {e}"
    )
}

/// A reader of a table's file for [`Table::run_at`].
pub type FileReader = csv::Reader<Budgeted<std::fs::File>>;

impl Table<'_> {
    /// The rows of this table's CSV file at `path`, read from the file one at a time (the table
    /// itself may hold only the file's head), with the file's [`Stamp`] as it was opened: each
    /// row, or what made a line unreadable ([`Rows::next_row`]). The lines up to the header are
    /// skipped, as [`Table::rows`] skips them.
    pub fn file_rows(&self, path: &Path) -> std::io::Result<(Rows<'static>, Stamp)> {
        let Body::Csv {
            base, delimiter, ..
        } = self.body
        else {
            return Err(std::io::Error::other(
                tr!(
                    "table.reread.not_csv",
                    "построчно из файла читается только CSV-файл",
                    "only a CSV file's rows can be read from the file"
                )
                .to_string(),
            ));
        };
        let file = std::fs::File::open(path)?;
        let stamp = Stamp::of(&file)?;
        let mut source = std::io::BufReader::with_capacity(1 << 16, file);
        // The byte-order mark, which the table's text starts after.
        std::io::copy(
            &mut std::io::Read::take(&mut source, base),
            &mut std::io::sink(),
        )?;
        let records = Records::new(source, delimiter).map(|r| r.map_err(unreadable));
        Ok((
            Rows::new(Box::new(records), self.header_at, self.width, base),
            stamp,
        ))
    }

    /// The header without the text: for reading single rows again later with [`Table::run_at`].
    pub fn detached(&self) -> Table<'static> {
        let body = match self.body {
            Body::Csv {
                base, delimiter, ..
            } => Body::Csv {
                text: "",
                base,
                delimiter,
                head: true,
            },
            Body::Grid(_) => Body::Grid(&[]),
        };
        Table {
            file: self.file.clone(),
            columns: self.columns.clone(),
            body,
            header_line: self.header_line,
            header_at: self.header_at,
            width: self.width,
            serial_dates: self.serial_dates,
        }
    }

    /// A reader of this table's CSV file at `path`, for [`Table::run_at`] (built once, since
    /// building one costs more than reading a row), `Err` when the file is not the one stamped.
    pub fn reader(&self, path: &Path, stamp: Stamp) -> Result<FileReader, Text> {
        let Body::Csv { delimiter, .. } = self.body else {
            let file = &self.file;
            return Err(tr!(
                "table.reread.not_csv_again",
                "{file}: повторно читаются строки только CSV-файла",
                "{file}: only a CSV file's rows can be read again"
            ));
        };
        let io = |e: std::io::Error| cannot_be_read_again(&self.file, &e);
        let file = std::fs::File::open(path).map_err(io)?;
        stamp.check(&file, &self.file)?;
        Ok(reader(Budgeted::new(file), delimiter))
    }

    /// The rows of `run` (as [`Table::file_rows`] gave them) from the file `reader` reads, which
    /// must still be the file `stamp`ed. Runs read in file order are read straight on, without
    /// seeking. The run's first row must start where and on the line it started when the file was
    /// indexed.
    pub fn run_at(
        &self,
        reader: &mut FileReader,
        run: crate::workspace::runs::Run,
        stamp: Stamp,
    ) -> Result<Vec<Row>, Text> {
        stamp.check(reader.get_ref().get_ref(), &self.file)?;
        let offset = u64::from(run.offset);
        let (file, indexed) = (&self.file, run.line);
        let moved = |line: u64| {
            tr!(
                "table.reread.moved",
                "{file}:{line}: строки, найденной при проверке в строке {indexed} (байт {offset}), там больше нет: файл изменился после проверки; запустите заново",
                "{file}:{line}: the row indexed at line {indexed} (byte {offset}) is not there any more: the file changed since it was checked; run again"
            )
        };
        let at = reader.position().byte();
        if reader.get_mut().breaks().locate(at).1 != offset {
            let mut to = csv::Position::new();
            to.set_byte(offset).set_line(run.line.into());
            reader
                .seek_raw(std::io::SeekFrom::Start(offset), to)
                .map_err(|e| cannot_be_read_again(&self.file, &e))?;
            reader.get_mut().restart(offset, run.line.into());
        }
        let mut rows = Vec::with_capacity(run.count as usize);
        let mut cells = csv::StringRecord::new();
        while rows.len() < run.count as usize {
            let read = reader.read_record(&mut cells).map_err(|e| {
                let line = reader.get_mut().breaks().line();
                cannot_be_read_again(&format!("{}:{line}", self.file), &e)
            })?;
            if !read {
                return Err(moved(u64::from(run.line)));
            }
            let byte = cells.position().map_or(0, csv::Position::byte);
            let (line, byte) = reader.get_mut().breaks().locate(byte);
            if blank(&cells) {
                continue;
            }
            if rows.is_empty() && (byte != offset || line != u64::from(run.line)) {
                return Err(moved(line));
            }
            rows.push(Row::new(line, byte, cells.clone(), self.width));
        }
        Ok(rows)
    }
}
