//! Files as departments save them: the same tables with LF, CR LF (Excel's «CSV UTF-8», 1C, Python's
//! `csv`), a lone CR (old Mac, some 1C exports) and a mix of the three, with and without a byte-order
//! mark, in Windows-1251, and with quoted cells that hold line breaks, read exactly as the LF
//! original: the same `calc --format json`, `plan`, `check` (its lines and counts) and the same
//! documents. A differential test: the LF file is the oracle of every other shape.

mod common;

use common::{scratch, text, unzip, vzysk};
use std::collections::BTreeMap;
use std::path::Path;

const AS_OF: &str = "2026-11-27";

/// A line ending, or a mix of them (the n-th record's ending chosen in turn).
#[derive(Clone, Copy, Debug)]
enum Eol {
    Lf,
    CrLf,
    Cr,
    Mixed,
}

const EOLS: [Eol; 4] = [Eol::Lf, Eol::CrLf, Eol::Cr, Eol::Mixed];

/// `text` (LF-ended) with each record's ending replaced by `eol`; line breaks inside quoted cells
/// are kept as they are, as Excel keeps them. The last line keeps its ending when `last` is set.
fn with_eol(text: &str, eol: Eol, last: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let (mut quoted, mut n) = (false, 0usize);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            '\n' if !quoted => {
                out.push_str(match eol {
                    Eol::Lf => "\n",
                    Eol::CrLf => "\r\n",
                    Eol::Cr => "\r",
                    // Never a CR before a LF ending: the two would make one CR LF.
                    Eol::Mixed => ["\n", "\r", "\r\n"][n % 3],
                });
                n += 1;
            }
            _ => out.push(c),
        }
    }
    if !last {
        while out.ends_with(['\r', '\n']) {
            out.pop();
        }
    }
    out
}

/// Each CSV file of the workspace `from` copied into `to` in this shape: `eol`, a byte-order mark,
/// Windows-1251; other files as they are.
fn shaped(from: &Path, to: &Path, eol: Eol, bom: bool, cp1251: bool, last: bool) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap();
        if path.is_dir() {
            shaped(&path, &to.join(name), eol, bom, cp1251, last);
            continue;
        }
        if path.extension().is_none_or(|x| x != "csv") {
            std::fs::copy(&path, to.join(name)).unwrap();
            continue;
        }
        let original = std::fs::read(&path).unwrap();
        let decoded = match std::str::from_utf8(&original) {
            Ok(t) => t.trim_start_matches('\u{feff}').replace("\r\n", "\n"),
            Err(_) => {
                let (t, _, _) = encoding_rs::WINDOWS_1251.decode(&original);
                t.replace("\r\n", "\n")
            }
        };
        let text = with_eol(&decoded, eol, last);
        let bytes = if cp1251 {
            encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
        } else if bom {
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
        } else {
            text.into_bytes()
        };
        std::fs::write(to.join(name), bytes).unwrap();
    }
}

/// What a workspace reads as: `calc --format json`, `plan --format json` and `check`'s stderr
/// (with the folder's name taken out), each with its exit code.
fn readings(ws: &Path) -> BTreeMap<&'static str, (Option<i32>, String)> {
    let ws_str = ws.to_str().unwrap();
    let mut out = BTreeMap::new();
    for (name, args) in [
        (
            "calc",
            vec!["calc", ws_str, "--as-of", AS_OF, "--format", "json"],
        ),
        (
            "plan",
            vec!["plan", ws_str, "--as-of", AS_OF, "--format", "json"],
        ),
        ("check", vec!["check", ws_str, "--as-of", AS_OF]),
    ] {
        let o = vzysk(&args);
        let shown = if name == "check" {
            text(&o.stderr)
        } else {
            text(&o.stdout)
        };
        out.insert(name, (o.status.code(), shown.replace(ws_str, "WS")));
    }
    out
}

/// Only what the shape itself says: the notes on the encoding and on a mark inside the file.
fn without_encoding_notes(check: &str) -> String {
    check
        .lines()
        .filter(|l| !l.contains("read as Windows-1251"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The workspaces to read in every shape: the sample and the input fixtures in CSV.
const WORKSPACES: [&str; 6] = [
    "samples/ruza",
    "tests/fixtures/input/canonical",
    "tests/fixtures/input/cp1251",
    "tests/fixtures/input/turnover",
    "tests/fixtures/bad_ledger",
    "tests/fixtures/no_amount",
];

#[test]
fn every_workspace_reads_the_same_in_every_line_ending() {
    let root = scratch("eol-readings");
    for ws in WORKSPACES {
        let name = ws.replace('/', "_");
        let lf = root.join(format!("{name}-lf"));
        shaped(Path::new(ws), &lf, Eol::Lf, false, false, true);
        let want = readings(&lf);
        assert!(
            want["check"].1.contains(" rows ("),
            "check prints each table's rows: {}",
            want["check"].1
        );
        for eol in EOLS {
            for (bom, cp1251, last) in [
                (false, false, true),
                (true, false, true),
                (false, false, false),
                (false, true, true),
            ] {
                let dir = root.join(format!("{name}-{eol:?}-{bom}-{cp1251}-{last}"));
                shaped(Path::new(ws), &dir, eol, bom, cp1251, last);
                let got = readings(&dir);
                let what =
                    format!("{ws} with {eol:?}, bom {bom}, cp1251 {cp1251}, last eol {last}");
                assert_eq!(got["calc"], want["calc"], "calc: {what}");
                assert_eq!(got["plan"], want["plan"], "plan: {what}");
                assert_eq!(
                    (got["check"].0, without_encoding_notes(&got["check"].1)),
                    (want["check"].0, without_encoding_notes(&want["check"].1)),
                    "check: {what}"
                );
                std::fs::remove_dir_all(&dir).ok();
            }
        }
    }
    std::fs::remove_dir_all(&root).ok();
}

/// The sample with quoted cells that hold line breaks (a reference over two lines on every ninth
/// ledger row, every cell of the accounts quoted): each line ending reads as LF does, and the rows
/// after a multi-line cell keep their editor's line numbers.
#[test]
fn quoted_cells_with_line_breaks_read_the_same_in_every_line_ending() {
    let root = scratch("eol-quoted");
    let base = root.join("base");
    std::fs::create_dir_all(&base).unwrap();
    for f in common::SAMPLE_FILES {
        std::fs::copy(Path::new("samples/ruza").join(f), base.join(f)).unwrap();
    }
    let ledger = std::fs::read_to_string(base.join("ledger.csv")).unwrap();
    let mut edited = String::new();
    for (n, line) in ledger.lines().enumerate() {
        let row = match line.strip_suffix(',') {
            Some(start) if n > 0 && n % 9 == 0 => format!("{start},\"п/п {n}\nстрока 2\""),
            _ => line.to_string(),
        };
        edited.push_str(&row);
        edited.push('\n');
    }
    // A row whose amount cannot be read, after the multi-line cells: its line as an editor shows it.
    edited.push_str("1001,charge,2026-10,,сто,отопление,,\n");
    let bad_line = edited.split('\n').count() - 1;
    std::fs::write(base.join("ledger.csv"), &edited).unwrap();
    let accounts = std::fs::read_to_string(base.join("accounts.csv")).unwrap();
    let quoted: String = accounts
        .lines()
        .map(|l| {
            let cells: Vec<String> = common::cells(l)
                .iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect();
            cells.join(",") + "\n"
        })
        .collect();
    std::fs::write(base.join("accounts.csv"), quoted).unwrap();

    let lf = root.join("lf");
    shaped(&base, &lf, Eol::Lf, false, false, true);
    let want = readings(&lf);
    assert_eq!(want["check"].0, Some(1), "{}", want["check"].1);
    assert!(
        want["check"]
            .1
            .contains(&format!("ledger.csv:{bad_line}:5:")),
        "the bad amount at line {bad_line}: {}",
        want["check"].1
    );
    for eol in EOLS {
        let dir = root.join(format!("{eol:?}"));
        shaped(&base, &dir, eol, false, false, true);
        let got = readings(&dir);
        assert_eq!(got, want, "{eol:?}");
    }
    std::fs::remove_dir_all(&root).ok();
}

/// Every document of `--docs all` and every registry, list and journal of the archive: the same
/// bytes in every line ending (the manifest's hashes of the inputs aside).
#[test]
fn the_archive_is_the_same_in_every_line_ending() {
    let root = scratch("eol-archive");
    let archive = |eol: Eol| {
        let dir = root.join(format!("{eol:?}"));
        shaped(Path::new("samples/ruza"), &dir, eol, false, false, true);
        let out = dir.with_extension("zip");
        let o = common::generate(&dir, &["--docs", "all"], &out);
        assert_eq!(o.status.code(), Some(0), "{eol:?}: {}", text(&o.stderr));
        let mut files = unzip(&out);
        let manifest: serde_json::Value =
            serde_json::from_slice(&files.remove("manifest.json").unwrap()).unwrap();
        (files, without_inputs(manifest))
    };
    let (want, want_manifest) = archive(Eol::Lf);
    assert!(want.len() > 50, "{}", want.len());
    for eol in [Eol::CrLf, Eol::Cr, Eol::Mixed] {
        let (got, manifest) = archive(eol);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{eol:?}"
        );
        for (name, bytes) in &want {
            assert!(got[name] == *bytes, "{eol:?}: {name} differs");
        }
        assert_eq!(manifest, want_manifest, "{eol:?}");
    }
    std::fs::remove_dir_all(&root).ok();
}

/// The manifest without what names the input files' bytes.
fn without_inputs(mut manifest: serde_json::Value) -> serde_json::Value {
    if let Some(m) = manifest.as_object_mut() {
        m.remove("inputs");
    }
    manifest
}

/// A workspace written as Python's `csv` module writes (CR LF) with one account gives that account.
#[test]
fn one_account_in_crlf_tables_is_that_account() {
    let dir = scratch("eol-one");
    common::sample_config(&dir);
    std::fs::write(
        dir.join("accounts.csv"),
        "account,full_name,premises_address\r\n7,Петров Пётр Петрович,\"143103, Московская обл., г. Руза, ул. Солнцева, д. 4, кв. 1\"\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("ledger.csv"),
        "account,kind,period,date,amount\r\n7,charge,2026-01,,1000.00\r\n7,payment,,2026-03-05,400.00\r\n",
    )
    .unwrap();
    let o = vzysk(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&o.stderr);
    assert!(
        err.contains("1 accounts (1 debtors), 2 ledger rows"),
        "{err}"
    );
    assert!(
        err.contains("accounts.csv: 1 rows (1 used, 0 refused)"),
        "{err}"
    );
    assert!(
        err.contains("ledger.csv: 2 rows (2 used, 0 refused)"),
        "{err}"
    );
    let o = vzysk(&[
        "calc",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["accounts"][0]["account"], "7");
    assert_eq!(json["accounts"][0]["principal"], "600.00");
    std::fs::remove_dir_all(&dir).ok();
}

mod streaming {
    //! The indexed, streaming read (a batch's tables left in their files, read again by offset)
    //! against the whole-file read and against the test's own count of the lines it wrote, over
    //! random small workspaces: random line endings per line, quoting, blank lines, column order,
    //! multi-line cells and a bad row.

    use proptest::prelude::*;
    use std::path::Path;
    use vzysk::model::Entry;
    use vzysk::workspace::{self, source::Options};

    /// One ledger row as written: its account, month, amount in kopecks and reference (which may
    /// hold a line break); or a row whose amount cannot be read.
    #[derive(Clone, Debug)]
    struct LedgerRow {
        account: usize,
        month: u32,
        kopecks: u32,
        reference: Option<String>,
        bad: bool,
    }

    #[derive(Clone, Debug)]
    struct Shape {
        accounts: usize,
        rows: Vec<LedgerRow>,
        /// Per written line: its ending (0 LF, 1 CR LF, 2 CR), whether a blank line follows,
        /// whether its cells are quoted.
        lines: Vec<(u8, bool, bool)>,
        /// The ledger's columns in this order (a permutation of 0..6).
        order: Vec<usize>,
        bom: bool,
        last_eol: bool,
    }

    fn shape() -> impl Strategy<Value = Shape> {
        (1usize..5, 0usize..40).prop_flat_map(|(accounts, n)| {
            let row = (
                0..accounts,
                1u32..=12,
                1u32..500_000,
                prop::option::of(prop::sample::select(vec![
                    "п/п 1".to_string(),
                    "две\nстроки".to_string(),
                    "две\r\nстроки".to_string(),
                    "две\rстроки".to_string(),
                    "в \"кавычках\"; и с ;".to_string(),
                ])),
                prop::bool::weighted(0.05),
            )
                .prop_map(|(account, month, kopecks, reference, bad)| LedgerRow {
                    account,
                    month,
                    kopecks,
                    reference,
                    bad,
                });
            (
                Just(accounts),
                prop::collection::vec(row, n),
                prop::collection::vec(
                    (0u8..3, prop::bool::weighted(0.15), any::<bool>()),
                    n + accounts + 2,
                ),
                Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|(accounts, rows, lines, order, bom, last_eol)| Shape {
                    accounts,
                    rows,
                    lines,
                    order,
                    bom,
                    last_eol,
                })
        })
    }

    /// Writes `records` (cells each) with the shape's endings, blank lines and quoting; returns the
    /// bytes and the line each record starts on, counted as an editor counts them.
    fn write(records: &[Vec<String>], shape: &Shape, first: usize) -> (Vec<u8>, Vec<u64>) {
        let mut out = String::new();
        let mut starts = Vec::new();
        let mut line = 1u64;
        for (i, cells) in records.iter().enumerate() {
            let (eol, blank, quoted) = shape.lines[(first + i) % shape.lines.len()];
            starts.push(line);
            let text: Vec<String> = cells
                .iter()
                .map(|c| {
                    let must = c.contains([',', '"', '\n', '\r']);
                    if quoted || must {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect();
            let text = text.join(",");
            // The line breaks inside quoted cells are lines too.
            line += vzysk::workspace::table::lines::line_at(text.as_bytes(), text.len()) - 1;
            out.push_str(&text);
            let last = i + 1 == records.len();
            if last && !shape.last_eol {
                break;
            }
            out.push_str(["\n", "\r\n", "\r"][eol as usize]);
            line += 1;
            if blank && !last {
                // A blank line's LF right after a lone CR would make one CR LF: CR LF instead.
                let next = match (eol, (eol + 1) % 3) {
                    (2, 0) => 1,
                    (_, e) => e,
                };
                out.push_str(["\n", "\r\n", "\r"][next as usize]);
                line += 1;
            }
        }
        let mut bytes = Vec::new();
        if shape.bom {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        bytes.extend_from_slice(out.as_bytes());
        (bytes, starts)
    }

    /// What a reading gave: each account's number and debtors, each ledger row's account, month,
    /// amount and line, and the diagnostics as printed.
    type Reading = (
        Vec<(String, Vec<String>)>,
        Vec<(String, u32, String, u32)>,
        Vec<String>,
    );

    fn read(dir: &Path, indexed: bool) -> Reading {
        let options = Options::default();
        let (mut ws, diags) = if indexed {
            workspace::load_indexed(dir, options)
        } else {
            workspace::load_as(dir, options)
        };
        let mut accounts = Vec::new();
        let mut ledger = Vec::new();
        let mut all = ws.accounts();
        while let Some(a) = all.next_wanted(&|_| true).expect("read again") {
            for e in &a.ledger {
                if let Entry::Charge(c) = e {
                    ledger.push((a.id.clone(), c.period.month, c.amount.to_string(), c.line));
                }
            }
            accounts.push((
                a.id.clone(),
                a.debtors.iter().map(|d| d.full_name.clone()).collect(),
            ));
        }
        ledger.sort();
        (
            accounts,
            ledger,
            diags.iter().map(|d| d.to_string()).collect(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn the_streaming_read_is_the_whole_read_and_the_lines_written(s in shape()) {
            let dir = std::env::temp_dir().join(format!(
                "vzysk-eol-prop-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let mut accounts = vec![vec!["account".to_string(), "full_name".to_string()]];
            for a in 0..s.accounts {
                accounts.push(vec![format!("{}", 100 + a), format!("Должник Номер {a}")]);
            }
            let (bytes, _) = write(&accounts, &s, 0);
            std::fs::write(dir.join("accounts.csv"), bytes).unwrap();

            let names = ["account", "kind", "period", "date", "amount", "reference"];
            let mut records = vec![s.order.iter().map(|&i| names[i].to_string()).collect::<Vec<_>>()];
            for r in &s.rows {
                let cells = [
                    format!("{}", 100 + r.account),
                    "charge".to_string(),
                    format!("2025-{:02}", r.month),
                    String::new(),
                    if r.bad { "сто".to_string() } else { format!("{}.{:02}", r.kopecks / 100, r.kopecks % 100) },
                    r.reference.clone().unwrap_or_default(),
                ];
                records.push(s.order.iter().map(|&i| cells[i].clone()).collect());
            }
            let (bytes, starts) = write(&records, &s, 7);
            std::fs::write(dir.join("ledger.csv"), bytes).unwrap();

            let whole = read(&dir, false);
            let streamed = read(&dir, true);
            prop_assert_eq!(&streamed, &whole);
            // Every account, and every good row on the line it was written on.
            prop_assert_eq!(whole.0.len(), s.accounts);
            let mut want: Vec<(String, u32, String, u32)> = s
                .rows
                .iter()
                .zip(&starts[1..])
                .filter(|(r, _)| !r.bad)
                .map(|(r, line)| {
                    let amount = rust_decimal::Decimal::new(i64::from(r.kopecks), 2);
                    (format!("{}", 100 + r.account), r.month, amount.to_string(), *line as u32)
                })
                .collect();
            want.sort();
            prop_assert_eq!(&whole.1, &want);
            // Each bad row said at its line; nothing said lost.
            for (r, line) in s.rows.iter().zip(&starts[1..]) {
                if r.bad {
                    let at = format!("ledger.csv:{line}:");
                    prop_assert!(whole.2.iter().any(|d| d.starts_with(&at)), "{} in {:?}", at, whole.2);
                }
            }
            prop_assert!(!whole.2.iter().any(|d| d.contains("neither used nor reported")), "{:?}", whole.2);
            std::fs::remove_dir_all(&dir).ok();
        }
    }
}
