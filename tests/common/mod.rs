//! Helpers shared by the integration tests: ledgers built in a line, rows printed as the tables of
//! `legal-rules.md` print them.
#![allow(dead_code)]

pub mod web;
pub mod words;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use vzysk::law::calculation::{AccountCalc, calculate};
use vzysk::law::conventions::Conventions;
use vzysk::model::Period;
use vzysk::model::{Charge, Entry, Payment};

pub fn d(text: &str) -> NaiveDate {
    vzysk::model::parse_date(text).expect(text)
}

pub fn dec(text: &str) -> Decimal {
    text.parse().expect(text)
}

pub fn charge(period: &str, amount: &str) -> Entry {
    Entry::Charge(Charge {
        line: 0,
        period: Period::parse(period).expect(period),
        amount: dec(amount),
        date: None,
        service: None,
        due_date: None,
        reference: None,
    })
}

pub fn payment(date: &str, amount: &str, named: Option<&str>) -> Entry {
    Entry::Payment(Payment {
        line: 0,
        date: d(date),
        amount: dec(amount),
        period: named.map(|p| Period::parse(p).expect(p)),
        service: None,
        reference: None,
    })
}

pub fn calc(ledger: &[Entry], as_of: &str, conv: &Conventions) -> AccountCalc {
    calculate(ledger, d(as_of), conv)
}

/// Rows as `from to days fraction amount` with Russian dates, as legal-rules.md prints them.
pub fn rows(c: &AccountCalc) -> Vec<String> {
    c.rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {}{}",
                r.from.format("%d.%m.%Y"),
                r.to.format("%d.%m.%Y"),
                r.days,
                r.fraction,
                r.amount,
                if r.moratorium.is_some() { " mor" } else { "" }
            )
        })
        .collect()
}

/// Copies the sample's settings into the workspace `dir`: `vzysk.toml` and the ШПИ list it names.
pub fn sample_config(dir: &std::path::Path) {
    for f in ["vzysk.toml", "shpi.txt"] {
        std::fs::copy(std::path::Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
    }
}

/// The sample workspace's files.
pub const SAMPLE_FILES: [&str; 5] = [
    "vzysk.toml",
    "accounts.csv",
    "ledger.csv",
    "events.csv",
    "shpi.txt",
];

/// The sample workspace copied into `dir`, each file passed through `edit` (its name, its text).
pub fn copy_sample(dir: &std::path::Path, edit: impl Fn(&str, String) -> String) {
    std::fs::create_dir_all(dir).unwrap();
    for f in SAMPLE_FILES {
        let original =
            std::fs::read_to_string(std::path::Path::new("samples/ruza").join(f)).unwrap();
        std::fs::write(dir.join(f), edit(f, original)).unwrap();
    }
    // The registers beside the tables: the lists of bankruptcies and deaths, the ЕГРН extract.
    let sample = std::path::Path::new("samples/ruza");
    for f in ["bankruptcies.csv", "deaths.csv", "extracts/1004.xml"] {
        std::fs::create_dir_all(dir.join(f).parent().unwrap()).unwrap();
        std::fs::copy(sample.join(f), dir.join(f)).unwrap();
    }
}

/// Runs the built binary from the repository's root on the day `today` (`VZYSK_TODAY`): a rehearsal
/// of months that have not come yet.
pub fn vzysk_on(today: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env("VZYSK_LANG", "en")
        .args(args)
        .env("VZYSK_TODAY", today)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// Runs the built binary from the repository's root.
pub fn vzysk(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env("VZYSK_LANG", "en")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// `vzysk COMMAND samples/ruza --as-of 2026-11-27 --format json [extra…]`, which must succeed: its
/// JSON.
pub fn sample_json(command: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        command,
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = vzysk(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// `vzysk generate WS --as-of 2026-11-27 [extra…] -o OUT`; on the repository's own sample, which
/// tests share while they run at once, a `--trial` run that reserves no numbers in it.
pub fn generate(
    ws: &std::path::Path,
    extra: &[&str],
    out: &std::path::Path,
) -> std::process::Output {
    let mut args = vec!["generate", ws.to_str().unwrap(), "--as-of", "2026-11-27"];
    if ws == std::path::Path::new("samples/ruza") {
        args.push("--trial");
    }
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", out.to_str().unwrap()]);
    vzysk(&args)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh, empty folder for one test.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vzysk-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every entry of a ZIP, by name.
pub fn unzip(path: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().expect("a UTF-8 name").to_string(), bytes)
        })
        .collect()
}

/// `pdftotext -layout` of a PDF, with non-breaking spaces and line breaks folded into single spaces.
pub fn pdf_text(bytes: &[u8], dir: &std::path::Path) -> String {
    let file = dir.join("doc.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cells of one CSV line (`,`-separated, quotes as CSV has them).
pub fn cells(line: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The archive of `--docs all` with the letters that `all` leaves out beside an account's court
/// filing (letters agree with the case) taken from a run of the letters alone: every template's
/// output, for the tests that review them all. The manifest lists the files of both; `errors.csv`
/// is `all`'s.
pub fn all_and_letters(
    ws: &std::path::Path,
    dir: &std::path::Path,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let run = |docs: &str, name: &str| {
        let zip = dir.join(name);
        let out = generate(ws, &["--docs", docs], &zip);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        unzip(&zip)
    };
    let mut files = run("all", "all.zip");
    let letters = run("notice,warning,sms,calls,agreement", "letters.zip");
    let mut manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let theirs: serde_json::Value = serde_json::from_slice(&letters["manifest.json"]).unwrap();
    for (path, bytes) in letters {
        if path.ends_with(".pdf") && !files.contains_key(&path) {
            if let Some(entry) = theirs["files"]
                .as_array()
                .and_then(|list| list.iter().find(|f| f["path"] == path.as_str()))
            {
                manifest["files"]
                    .as_array_mut()
                    .unwrap()
                    .push(entry.clone());
            }
            files.insert(path, bytes);
        }
    }
    files.insert(
        "manifest.json".into(),
        serde_json::to_vec_pretty(&manifest).unwrap(),
    );
    files
}

/// The sample, with `edit` applied to its settings, in a folder of its own.
pub fn sample_settings(name: &str, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let dir = scratch(name).join("ws");
    copy_sample(
        &dir,
        |f, text| {
            if f == "vzysk.toml" { edit(text) } else { text }
        },
    );
    dir
}

/// The sample without the line of its settings starting with `key = `.
pub fn sample_without(name: &str, key: &str) -> std::path::PathBuf {
    let start = format!("{key} = ");
    sample_settings(name, |t| {
        t.lines()
            .filter(|l| !l.starts_with(&start))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The text of the one PDF of a run on `ws` (with `extra` arguments) whose path starts with `prefix`
/// and holds `part`.
pub fn page_of(ws: &std::path::Path, extra: &[&str], prefix: &str, part: &str) -> String {
    let zip = ws.parent().unwrap().join("out.zip");
    let out = generate(ws, extra, &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = unzip(&zip);
    let (_, pdf) = files
        .iter()
        .find(|(name, _)| name.starts_with(prefix) && name.contains(part) && name.ends_with(".pdf"))
        .unwrap_or_else(|| panic!("no {prefix}…{part}"));
    pdf_text(pdf, ws.parent().unwrap())
}

/// `errors.csv` of a run on `ws` with `extra` arguments.
pub fn errors_of(ws: &std::path::Path, extra: &[&str]) -> String {
    let zip = ws.parent().unwrap().join("out.zip");
    let out = generate(ws, extra, &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&unzip(&zip)["errors.csv"])
}

/// The sample's row of account 1002 (Руза, court № 165) as account `id` of `name`, with these
/// columns changed: a debtor of a workspace of a test's own.
#[allow(dead_code)]
pub fn person_row(id: &str, name: &str, changed: &[(&str, &str)]) -> String {
    let mut sample = csv::Reader::from_path("samples/ruza/accounts.csv").unwrap();
    let head = sample.headers().unwrap().clone();
    let row = sample
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "1002")
        .unwrap();
    let mut fields: Vec<String> = row.iter().map(str::to_string).collect();
    let mut set = |column: &str, value: &str| {
        let i = head.iter().position(|h| h == column).unwrap();
        fields[i] = value.to_string();
    };
    set("account", id);
    set("full_name", name);
    for (column, value) in changed {
        set(column, value);
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&fields).unwrap();
    String::from_utf8(out.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_string()
}

/// `vzysk COMMAND WS --as-of DAY --format json [extra…]`, which must succeed: its first account.
#[allow(dead_code)]
pub fn first_account(
    command: &str,
    ws: &std::path::Path,
    day: &str,
    extra: &[&str],
) -> serde_json::Value {
    let mut args = vec![
        command,
        ws.to_str().unwrap(),
        "--as-of",
        day,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = vzysk(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    all["accounts"][0].clone()
}
