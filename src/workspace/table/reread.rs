//! A table's rows read again from its file: all of them one at a time (the batch ledger, whose
//! table holds only the file's head), or one at its byte offset (`LedgerIndex::take`).

use super::{Body, Row, Table, blank, malformed, reader};

impl Table<'_> {
    /// The rows of this table's CSV file at `path`, read from the file one at a time (the table
    /// itself may hold only the file's head): each row, or what made a line unreadable (its line and
    /// why). The lines up to the header are skipped.
    pub fn file_rows(
        &self,
        path: &std::path::Path,
    ) -> std::io::Result<impl Iterator<Item = Result<Row, (u64, String)>> + use<>> {
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
        let mut records = reader(source, delimiter).into_records();
        Ok(std::iter::from_fn(move || {
            loop {
                let cells = match records.next()? {
                    Ok(cells) => cells,
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        return Some(Err((line, format!("unreadable CSV: {e}"))));
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

    /// The row that starts at byte `offset` of the file `reader` reads (as [`Table::rows`] gave
    /// it). Rows read in file order are read straight on, without seeking.
    pub fn row_at<R: std::io::Read + std::io::Seek>(
        &self,
        reader: &mut csv::Reader<R>,
        offset: u64,
        line: u64,
    ) -> std::io::Result<Row> {
        if reader.position().byte() != offset {
            let mut at = csv::Position::new();
            at.set_byte(offset).set_line(line);
            reader.seek(at).map_err(std::io::Error::other)?;
        }
        let mut cells = csv::StringRecord::new();
        reader
            .read_record(&mut cells)
            .map_err(std::io::Error::other)?;
        let malformed = malformed(&cells, self.width);
        Ok(Row {
            line,
            offset,
            cells,
            malformed,
        })
    }
}
