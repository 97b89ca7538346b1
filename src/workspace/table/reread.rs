//! A table's rows read again from its file: all of them one at a time (a batch's accounts and
//! ledger, whose tables hold only the file's head), or a run of them at its byte offset (an
//! account's rows, `AccountIndex::take`, `LedgerIndex::take`).

use super::{Body, Row, Table, blank, malformed, reader};

impl Table<'_> {
    /// The rows of this table's CSV file at `path`, read from the file one at a time (the table
    /// itself may hold only the file's head): each row, or what made a line unreadable (its line and
    /// why). The lines up to the header are skipped.
    pub fn file_rows(
        &self,
        path: &std::path::Path,
    ) -> std::io::Result<impl Iterator<Item = Result<Row, (u64, String, &'static str)>> + use<>>
    {
        let Body::Csv {
            base, delimiter, ..
        } = self.body
        else {
            return Err(std::io::Error::other(
                "only a CSV file's rows can be read from the file",
            ));
        };
        let file = std::fs::File::open(path)?;
        let mut source = std::io::BufReader::with_capacity(1 << 16, file);
        // The byte-order mark, which the table's text starts after.
        std::io::copy(
            &mut std::io::Read::take(&mut source, base),
            &mut std::io::sink(),
        )?;
        let (header_line, width) = (self.header_line, self.width);
        let mut records =
            reader(crate::workspace::budget::Budgeted::new(source), delimiter).into_records();
        let mut failed = false;
        Ok(std::iter::from_fn(move || {
            loop {
                if failed {
                    return None;
                }
                let cells = match records.next()? {
                    Ok(cells) => cells,
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        if let csv::ErrorKind::Io(io) = e.kind() {
                            // The file cannot be read on (or is past its budget): nothing after it is.
                            failed = true;
                            let over = io.get_ref().and_then(|e| {
                                e.downcast_ref::<crate::workspace::budget::OverBudget>()
                            });
                            return Some(Err((
                                over.map_or(line, |o| o.line),
                                io.to_string(),
                                "check the file: an export's row is a few hundred bytes",
                            )));
                        }
                        return Some(Err((
                            line,
                            format!("unreadable CSV: {e}"),
                            "check the quotes on this line",
                        )));
                    }
                };
                let (line, byte) = cells.position().map_or((0, 0), |p| (p.line(), p.byte()));
                if line <= header_line || blank(&cells) {
                    continue;
                }
                let malformed = malformed(&cells, width);
                return Some(Ok(Row {
                    line,
                    offset: base + byte,
                    cells,
                    malformed,
                }));
            }
        }))
    }

    /// The header without the text: for reading single rows again later with [`Table::row_at`].
    pub fn detached(&self) -> Table<'static> {
        let body = match self.body {
            Body::Csv {
                base, delimiter, ..
            } => Body::Csv {
                text: "",
                base,
                delimiter,
            },
            Body::Grid(_) => Body::Grid(&[]),
        };
        Table {
            file: self.file.clone(),
            columns: self.columns.clone(),
            body,
            header_line: self.header_line,
            width: self.width,
            serial_dates: self.serial_dates,
        }
    }

    /// A reader of this table's CSV file `source`, for [`Table::row_at`]: built once, since
    /// building one costs more than reading a row.
    pub fn reader<R: std::io::Read>(&self, source: R) -> std::io::Result<csv::Reader<R>> {
        let Body::Csv { delimiter, .. } = self.body else {
            return Err(std::io::Error::other(
                "only a CSV file's rows can be read again",
            ));
        };
        Ok(reader(source, delimiter))
    }

    /// The rows of `run` (as [`Table::file_rows`] gave them) from the file `reader` reads. Runs
    /// read in file order are read straight on, without seeking.
    pub fn run_at<R: std::io::Read + std::io::Seek>(
        &self,
        reader: &mut csv::Reader<R>,
        run: crate::workspace::runs::Run,
    ) -> std::io::Result<Vec<Row>> {
        let offset = u64::from(run.offset);
        if reader.position().byte() != offset {
            let mut at = csv::Position::new();
            at.set_byte(offset).set_line(run.line.into());
            reader.seek(at).map_err(std::io::Error::other)?;
        }
        let mut rows = Vec::with_capacity(run.count as usize);
        while rows.len() < run.count as usize {
            let mut cells = csv::StringRecord::new();
            if !reader
                .read_record(&mut cells)
                .map_err(std::io::Error::other)?
            {
                return Err(std::io::Error::other("the file ends before the row"));
            }
            if blank(&cells) {
                continue;
            }
            let (line, byte) = cells.position().map_or((0, 0), |p| (p.line(), p.byte()));
            let malformed = malformed(&cells, self.width);
            rows.push(Row {
                line,
                offset: byte,
                cells,
                malformed,
            });
        }
        Ok(rows)
    }
}
