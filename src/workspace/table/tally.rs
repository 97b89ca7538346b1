//! What a loader did with each row of a table, counted against the rows the parser read: nothing
//! read is dropped without a word.

use super::records::{Row, Rows};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::tr;

/// What a loader did with each row of a table: used it, or reported it (a diagnostic at it). A row
/// neither used nor reported is lost, which [`Tally::settle`] turns into an error naming the file:
/// nothing read is dropped without a word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// The file, as diagnostics name it.
    pub file: String,
    /// Non-blank records after the header, as the parser gave them.
    pub records: usize,
    /// Rows used (an account's debtor, a ledger entry, an event).
    pub used: usize,
    /// Rows not used, each with a diagnostic at it.
    pub reported: usize,
    /// Unreadable lines, each said with its line.
    pub unreadable: usize,
    first_lost: Option<u64>,
}

impl Tally {
    pub fn new(file: &str) -> Tally {
        Tally {
            file: file.to_string(),
            ..Tally::default()
        }
    }

    /// One row: `used`, or not; `said` whether the loader reported something at it (the
    /// diagnostics grew from `before`).
    pub fn row(&mut self, row: &Row, used: bool, diags: &[Diagnostic], before: usize) {
        if used {
            self.used += 1;
        } else if diags.len() > before {
            self.reported += 1;
        } else {
            self.first_lost.get_or_insert(row.line);
        }
    }

    /// The end of the rows: every record the parser gave after the header must have been used or
    /// reported, once; any other is said as an error naming the file (and the first lost row's
    /// line, when the loader told of each row).
    pub fn settle(&mut self, rows: &Rows, diags: &mut Vec<Diagnostic>) {
        self.records = rows.records();
        let lost = self.records.saturating_sub(self.used + self.reported);
        if lost > 0 {
            let records = self.records;
            let mut d = Diagnostic::error(
                &self.file,
                tr!(
                    "tally.lost",
                    "из {records} строк файла прочитаны, но не использованы и не отклонены с объяснением: {lost}; ничего не должно теряться, поэтому запуск остановлен",
                    "{lost} of its {records} rows were read but neither used nor reported: nothing may be lost, so this run stops"
                ),
                tr!(
                    "tally.lost.fix",
                    "это ошибка программы: пришлите файл её разработчикам",
                    "a defect of vzysk: send the file to its developers"
                ),
            );
            if let Some(line) = self.first_lost {
                d = d.at(line);
            }
            diags.push(d);
        }
    }

    /// As `check` prints it: «ledger.csv: 2881 rows (2881 used, 0 refused)».
    pub fn summary(&self) -> Text {
        let (file, records, used, refused) = (&self.file, self.records, self.used, self.reported);
        let n = self.unreadable;
        let tail = match n {
            0 => Text::default(),
            _ => tr!(
                "tally.summary.unreadable",
                ", нечитаемых строк: {n}",
                ", {n} unreadable lines"
            ),
        };
        let (tail_ru, tail_en) = (tail.ru(), tail.en());
        tr!(
            "tally.summary",
            "{file}: строк — {records} (использовано: {used}, отклонено: {refused}{tail_ru})",
            "{file}: {records} rows ({used} used, {refused} refused{tail_en})"
        )
    }
}
