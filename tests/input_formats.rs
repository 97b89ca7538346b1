//! The shapes real exports come in give the same calculation as the canonical CSV files. The
//! fixtures in `tests/fixtures/input/` carry seven accounts of the sample in each shape; they are
//! made by `tests/fixtures/input/make.py` from `samples/ruza`.

mod common;

use common::{generate, pdf_text, scratch, text, unzip, vzysk};
use serde_json::Value;

const AS_OF: &str = "2026-11-27";

fn fixture(name: &str) -> String {
    format!("tests/fixtures/input/{name}")
}

/// `vzysk calc DIR --format json` with extra arguments: the JSON and stderr.
fn calc(dir: &str, extra: &[&str]) -> (Value, String, Option<i32>) {
    let dir = fixture(dir);
    let mut args = vec!["calc", &dir, "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let out = vzysk(&args);
    let err = text(&out.stderr);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{dir}: {e}\n{err}"));
    (json, err, out.status.code())
}

fn canonical() -> Value {
    let (json, err, code) = calc("canonical", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json["accounts"].as_array().unwrap().len(), 7);
    json
}

#[test]
fn a_1c_export_in_windows_1251_gives_the_canonical_calculation() {
    let (json, err, code) = calc("cp1251", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json, canonical());
    // The encoding and the header row were found, and said.
    for file in ["accounts.csv", "ledger.csv", "events.csv"] {
        assert!(
            err.contains(&format!("{file}: note: not UTF-8: read as Windows-1251")),
            "{err}"
        );
    }
    assert!(
        err.contains(
            "accounts.csv:4: note: the header is on line 4; the lines above it are skipped"
        ),
        "{err}"
    );
    assert!(
        err.contains("ledger.csv:3: note: the header is on line 3"),
        "{err}"
    );
}

#[test]
fn forcing_the_wrong_encoding_or_header_row_is_refused_with_the_place() {
    let out = vzysk(&["check", &fixture("cp1251"), "--encoding", "utf-8"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("accounts.csv:1: error: the file is not UTF-8 (--encoding utf-8) — save it as UTF-8, or pass --encoding windows-1251"),
        "{err}"
    );
    // The right encoding, forced, reads the same as detected, without the detection note.
    let (json, err, code) = calc("cp1251", &["--encoding", "cp1251"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("not UTF-8"), "{err}");
    assert_eq!(json, canonical());

    let out = vzysk(&["check", &fixture("cp1251"), "--header-row", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("accounts.csv:1: error: required column \"account\" is missing"),
        "{err}"
    );
    let out = vzysk(&["check", &fixture("cp1251"), "--encoding", "latin-9x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("\"latin-9x\" is not an encoding"));
}

#[test]
fn a_workbook_with_date_cells_and_serial_numbers_gives_the_canonical_calculation() {
    let (json, err, code) = calc("xlsx", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json, canonical());
    assert!(
        err.contains("выгрузка.xlsx [Начисления и оплаты]:3: note: the header is on line 3"),
        "{err}"
    );
}

#[test]
fn an_opendocument_spreadsheet_gives_the_canonical_calculation() {
    let (json, err, code) = calc("ods", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json, canonical());
}

#[test]
fn one_json_file_gives_the_canonical_calculation() {
    let (json, err, code) = calc("json", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json, canonical());
}

#[test]
fn a_turnover_sheet_reads_into_the_ledger_and_its_broken_row_is_named() {
    let (json, err, code) = calc("turnover", &[]);
    let (canon, cerr, ccode) = calc("turnover-canonical", &[]);
    assert_eq!(ccode, Some(0), "{cerr}");
    // The broken row's account is refused; the other six are computed exactly as from the ledger
    // the sheet stands for (charges by month, payments on the month's first day).
    assert_eq!(code, Some(1));
    assert_eq!(json["accounts"], canon["accounts"]);
    assert_eq!(json["accounts"].as_array().unwrap().len(), 6);
    assert_eq!(json["refused"][0]["account"], "1006");
    assert!(
        err.contains("ledger.csv:232:6: error: closing: the row does not add up: 4 631,04 + 4 631,04 − 4 631,04 = 4 631,04, but the closing balance is 4 641,04 (off by 10,00) — correct the row in the billing export; the account is left out until it adds up"),
        "{err}"
    );
    assert!(
        err.contains("note: a turnover sheet without payment dates: each month's payments are dated its first day"),
        "{err}"
    );
}

/// A workspace whose ledger is one row per month with charged and paid (`Начислено`,
/// `Оплачено`, `Дата оплаты`), a turnover sheet opening with an old debt, and bad cells.
#[test]
fn wide_rows_and_their_faults_are_read_and_reported() {
    let dir = scratch("wide");
    std::fs::copy(
        "tests/fixtures/input/canonical/vzysk.toml",
        dir.join("vzysk.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("accounts.csv"),
        "Лицевой счет\tФИО\tАдрес\n7\tИванов Иван Иванович\tг. Руза\n8\tПетрова Анна Ивановна\tг. Руза\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("ledger.csv"),
        "ЛС\tПериод\tНачислено\tОплачено\tДата оплаты\n\
         7\t01.2026\t1 000,00\t\t\n\
         7\t02.2026\t1 000,00\t400,00\t20.03.2026\n\
         8\tмарт 2026\t500,00\t-5,00\t01.04.2026\n\
         8\t04.2026\t500,00\t100,00\t\n",
    )
    .unwrap();
    let ws = dir.to_str().unwrap();
    let out = vzysk(&["calc", ws, "--as-of", AS_OF, "--format", "json"]);
    let err = text(&out.stderr);
    assert!(
        err.contains("ledger.csv:4:4: error: paid: a payment must be positive"),
        "{err}"
    );
    assert!(
        err.contains("ledger.csv:5:5: error: date: a payment needs its date"),
        "{err}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &json["accounts"][0];
    assert_eq!(a["account"], "7");
    assert_eq!(a["principal"], "1600.00");
    // The payment names no month: it goes to the oldest month within limitation (Пленум ВС № 22 п.32).
    assert_eq!(a["periods"][0]["paid"], "400.00");
    assert_eq!(a["periods"][1]["paid"], "0.00");
    assert_eq!(json["refused"][0]["account"], "8");

    std::fs::write(
        dir.join("ledger.csv"),
        "Лицевой счет;Период;Входящее сальдо;Начислено;Оплачено;Исходящее сальдо\n\
         7;01.2026;2 500,00;1 000,00;0;3 500,00\n\
         8;01.2026;0;500,00;500,00;0\n",
    )
    .unwrap();
    let out = vzysk(&["check", ws]);
    let err = text(&out.stderr);
    assert!(
        err.contains("ledger.csv:2:3: warning: opening: account 7 opens with a balance of 2 500,00 from months before the sheet; it is not in the ledger"),
        "{err}"
    );
}

/// Documents made from a workbook name the debtors in the right case, as from the CSV files.
#[test]
fn documents_from_a_workbook_use_the_declined_names() {
    let dir = scratch("xlsx-docs");
    let zip = dir.join("out.zip");
    let ws = std::path::PathBuf::from(fixture("xlsx"));
    // The notice in a run of its own: one run never makes it beside the court filing.
    let mut files = std::collections::BTreeMap::new();
    for docs in ["court-order", "notice"] {
        let out = generate(&ws, &["--docs", docs, "--account", "1001"], &zip);
        assert!(out.status.success(), "{}", text(&out.stderr));
        files.extend(unzip(&zip));
    }
    let (_, app) = files
        .iter()
        .find(|(k, _)| k.contains("Заявление о вынесении"))
        .expect("an application");
    let page = pdf_text(app, &dir);
    assert!(
        page.contains("о взыскании с должника Иванова Петра Сергеевича в пользу"),
        "{page}"
    );
    let (_, notice) = files
        .iter()
        .find(|(k, _)| k.starts_with("notices/"))
        .expect("a notice");
    assert!(pdf_text(notice, &dir).contains("Иванову Петру Сергеевичу"));
}
