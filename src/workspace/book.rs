//! A workbook (XLSX, XLSM, XLSB, XLS, ODS by `calamine`): every sheet as rows of text cells, numbered
//! as the spreadsheet numbers them (row 1 is the first row, column A is 1).

use super::sheet::{Sheets, number_text, serial_date};
use crate::diag::Diagnostic;
use calamine::{Data, Reader};
use std::path::Path;

/// The sheets of the workbook at `path` (`file` names it), or `None` with the reason in `diags`.
/// A reader that panics on a damaged file (a workbook is a zip of XML from anywhere) is caught
/// and reported like any unreadable file.
pub fn read(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Sheets> {
    let mut inner = Vec::new();
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_unguarded(path, file, &mut inner)
    }));
    diags.append(&mut inner);
    read.unwrap_or_else(|_| {
        diags.push(Diagnostic::error(
            file,
            "the workbook reader failed on this file: it is damaged",
            "open it in Excel or LibreOffice and save it again as .xlsx",
        ));
        None
    })
}

fn read_unguarded(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Sheets> {
    let mut book = match calamine::open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                file,
                format!("cannot be read as a workbook: {e}"),
                "open it in Excel or LibreOffice and save it again as .xlsx",
            ));
            return None;
        }
    };
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                diags.push(Diagnostic::error(
                    &format!("{file} [{name}]"),
                    format!("the sheet cannot be read: {e}"),
                    "open the workbook and save it again as .xlsx",
                ));
                continue;
            }
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut text = vec![String::new(); col0 as usize];
                text.extend(cells.iter().map(cell_text));
                (u64::from(row0) + i as u64 + 1, text)
            })
            .collect();
        sheets.push((name, rows));
    }
    Some(sheets)
}

/// A cell as the text a CSV file would hold: dates as `YYYY-MM-DD`, numbers by [`number_text`].
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            serial_date(dt.as_f64()).unwrap_or_else(|| number_text(dt.as_f64()))
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
