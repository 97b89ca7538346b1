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
            crate::tr!(
                "book.damaged",
                "этот файл не удалось разобрать как книгу: он повреждён",
                "the workbook reader failed on this file: it is damaged"
            ),
            save_again(),
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
                crate::tr!(
                    "book.unreadable",
                    "не читается как книга электронных таблиц: «{e}»",
                    "cannot be read as a workbook: {e}"
                ),
                save_again(),
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
                    crate::tr!(
                        "book.sheet.unreadable",
                        "лист не читается: «{e}»",
                        "the sheet cannot be read: {e}"
                    ),
                    crate::tr!(
                        "book.sheet.unreadable.fix",
                        "откройте книгу и сохраните её заново как .xlsx",
                        "open the workbook and save it again as .xlsx"
                    ),
                ));
                continue;
            }
        };
        unsaved_formulas(&mut book, &name, &range, file, diags);
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

/// A damaged workbook's fix.
fn save_again() -> crate::lang::Text {
    crate::tr!(
        "book.save_again",
        "откройте его в Excel или другой программе для таблиц и сохраните заново как .xlsx",
        "open it in Excel or LibreOffice and save it again as .xlsx"
    )
}

/// A formula whose value the workbook does not hold (made by a program that does not compute, or
/// never saved after a change) reads as an empty cell: said as what it is, at its cell.
fn unsaved_formulas<R: Reader<std::io::BufReader<std::fs::File>>>(
    book: &mut R,
    name: &str,
    values: &calamine::Range<Data>,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Ok(formulas) = book.worksheet_formula(name) else {
        return;
    };
    let (r0, c0) = formulas.start().unwrap_or((0, 0));
    let mut said = 0;
    for (r, c, formula) in formulas.used_cells() {
        let at = (r0 + r as u32, c0 + c as u32);
        let empty = values
            .get_value(at)
            .is_none_or(|v| matches!(v, Data::Empty));
        if formula.is_empty() || !empty {
            continue;
        }
        said += 1;
        if said > 20 {
            break;
        }
        diags.push(
            Diagnostic::error(
                &format!("{file} [{name}]"),
                crate::tr!(
                    "book.formula.unsaved",
                    "в ячейке формула (`={formula}`), но нет сохранённого значения",
                    "the cell holds a formula (={formula}) but no saved value"
                ),
                crate::tr!(
                    "book.formula.unsaved.fix",
                    "откройте книгу в Excel или другой программе для таблиц и сохраните её, чтобы значения были записаны",
                    "open the workbook in Excel or LibreOffice and save it, so that its values are stored"
                ),
            )
            .at(u64::from(at.0) + 1)
            .col(at.1 as usize + 1, crate::lang::say("формула", "formula")),
        );
    }
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
