//! `egrn.csv` (an extract keyed in, one row per right holder, by account) and the XML extract a
//! debtor's `extract` names, read from the workspace.

use super::egrn::{Extract, Holder};
use super::lists::optional_date;
use crate::diag::Diagnostic;
use crate::model::RightKind;
use crate::tr;
use crate::workspace::parse;
use crate::workspace::rows::{malformed, text};
use crate::workspace::schema::Schema;
use crate::workspace::table::{Table, Tally};
use std::collections::HashMap;
use std::path::Path;

/// `egrn.csv`: an extract's fields, one row per right holder.
pub const EGRN: Schema = Schema {
    file: "egrn.csv",
    known: &[
        "account",
        "cadastral_number",
        "address",
        "holder",
        "birth_date",
        "snils",
        "right",
        "share",
        "record",
        "record_date",
        "ended",
        "extract_number",
        "extract_date",
    ],
    required: &["account", "holder", "right"],
    aliases: &[&[
        ("лицевой счет", "account"),
        ("кадастровый номер", "cadastral_number"),
        ("адрес", "address"),
        ("адрес объекта", "address"),
        ("правообладатель", "holder"),
        ("фио правообладателя", "holder"),
        ("дата рождения", "birth_date"),
        ("снилс", "snils"),
        ("вид права", "right"),
        ("доля", "share"),
        ("номер регистрации", "record"),
        ("номер записи", "record"),
        ("дата регистрации", "record_date"),
        ("дата прекращения", "ended"),
        ("номер выписки", "extract_number"),
        ("дата выписки", "extract_date"),
    ]],
};

/// The rows of `egrn.csv`, gathered into one extract per account.
pub fn read_csv(t: &Table, diags: &mut Vec<Diagnostic>) -> (HashMap<String, Extract>, Tally) {
    let mut tally = Tally::new(&t.file);
    let mut out: HashMap<String, Extract> = HashMap::new();
    let mut rows = t.rows();
    for row in &mut rows {
        let first = diags.len();
        malformed(t, &row, diags);
        let used = (|| {
            let account = text(t.cell(&row, "account"))?;
            let holder = text(t.cell(&row, "holder"))?;
            let cell = t.cell(&row, "right");
            let word = cell.text?;
            let Some(kind) = RightKind::parse(word).or_else(|| {
                word.to_lowercase().contains("собственност").then_some(RightKind::Ownership)
            }) else {
                diags.push(cell.error(
                    tr!("egrn.right.unknown", "неизвестный вид права «{word}»", "unknown right «{word}»"),
                    tr!(
                        "egrn.right.unknown.fix",
                        "впишите вид права, как в выписке: собственность, общая долевая собственность, общая совместная собственность",
                        "write the right as the extract does: собственность, общая долевая собственность, общая совместная собственность"
                    ),
                ));
                return None;
            };
            let share = parse::share(t.cell(&row, "share")).unwrap_or_else(|d| {
                diags.push(d);
                None
            });
            let h = Holder {
                name: holder.split_whitespace().collect::<Vec<_>>().join(" "),
                born: optional_date(t, &row, "birth_date", diags),
                snils: text(t.cell(&row, "snils")),
                kind,
                share,
                record: text(t.cell(&row, "record")),
                registered: optional_date(t, &row, "record_date", diags),
                ended: optional_date(t, &row, "ended", diags),
                line: row.line,
            };
            let e = out.entry(account).or_insert_with(|| Extract {
                file: t.file.to_string(),
                line: row.line,
                ..Extract::default()
            });
            e.cadastral = e.cadastral.take().or(text(t.cell(&row, "cadastral_number")));
            e.address = e.address.take().or(text(t.cell(&row, "address")));
            e.number = e.number.take().or(text(t.cell(&row, "extract_number")));
            e.date = e.date.or(optional_date(t, &row, "extract_date", diags));
            e.holders.push(h);
            Some(())
        })()
        .is_some();
        if !used && diags.len() == first {
            diags.push(
                Diagnostic::error(
                    &t.file,
                    tr!(
                        "egrn.row.incomplete",
                        "строка без лицевого счёта, правообладателя или вида права",
                        "a row without the account, the holder or the right"
                    ),
                    tr!(
                        "egrn.row.incomplete.fix",
                        "заполните account, holder и right, как в выписке",
                        "fill in account, holder and right from the extract"
                    ),
                )
                .at(row.line),
            );
        }
        tally.row(&row, used, diags, first);
    }
    tally.settle(&rows, diags);
    (out, tally)
}

/// The XML extract `file` (relative to the workspace `dir`, never outside it).
pub fn read_file(dir: &Path, file: &str) -> Result<Extract, Diagnostic> {
    let rel = Path::new(file);
    let inside = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let missing = |why: crate::lang::Text| {
        Diagnostic::error(
            file,
            why,
            tr!(
                "egrn.file.fix",
                "положите XML-файл выписки в папку с данными и укажите в колонке `extract` путь к нему внутри неё",
                "put the extract's XML in the workspace and give its path inside it in the `extract` column"
            ),
        )
    };
    if !inside {
        return Err(missing(tr!(
            "egrn.file.outside",
            "путь к выписке ведёт за пределы папки с данными",
            "the extract's path leads outside the workspace"
        )));
    }
    let path = dir.join(rel);
    match crate::workspace::budget::read_file(&path, file) {
        Ok(Some(bytes)) => {
            let text = String::from_utf8(bytes).map_err(|_| {
                super::egrn::unreadable(file, "файл не в UTF-8 (Росреестр выдаёт XML в UTF-8)")
            })?;
            super::egrn::read_xml(file, text.trim_start_matches('\u{feff}'))
        }
        Ok(None) => {
            // Not an error: the papers take the basis from accounts.csv, as without an extract.
            let mut d = missing(tr!(
                "egrn.file.missing",
                "файла выписки нет: основание обязанности взято из accounts.csv",
                "the extract's file is not there: the basis of liability is taken from accounts.csv"
            ));
            d.severity = crate::diag::Severity::Warning;
            Err(d)
        }
        Err(d) => Err(d),
    }
}
