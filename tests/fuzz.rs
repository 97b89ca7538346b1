//! Fuzzing with proptest, so that it runs on the stable toolchain and in CI. Each target mutates
//! real inputs (the corpus: the sample's files and the input fixtures, `tests/fuzz/corpus/`) or
//! draws arbitrary text, and checks that vzysk answers with diagnostics, never a panic, and that
//! what it escapes stays text.
//!
//! CI runs a short pass of each. A long run, each target for that many seconds, printing how many
//! cases it tried: `VZYSK_FUZZ_SECS=600 cargo test --release --test fuzz -- --test-threads 2
//! --nocapture`.
//! A failing input is kept by proptest in `tests/fuzz/corpus/<target>.txt` and replayed first on
//! every later run.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vzysk::money::{fixed2, parse_amount, ru_with};
use vzysk::render::compose::{escape_markup, string_literal};
use vzysk::workspace;

/// Cases per round; a short pass is one round, a long run as many rounds as its seconds allow.
const ROUND: u32 = 64;

fn fuzz<S: Strategy>(
    target: &'static str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let secs: u64 = std::env::var("VZYSK_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let corpus = format!("tests/fuzz/corpus/{target}.txt");
    let corpus: &'static str = Box::leak(corpus.into_boxed_str());
    let mut cases = 0u64;
    loop {
        let mut runner = TestRunner::new(Config {
            cases: ROUND,
            failure_persistence: Some(Box::new(FileFailurePersistence::Direct(corpus))),
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{target}: {e}");
        }
        cases += u64::from(ROUND);
        if Instant::now() >= deadline {
            break;
        }
    }
    eprintln!("fuzz {target}: {cases} cases in {secs} s without a failure");
}

/// A seed file's bytes with a few random edits: bytes replaced, inserted or removed, the tail cut.
fn mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = seed.len().max(1);
    let edits = prop::collection::vec((0..len, 0u8..4, any::<u8>()), 0..12);
    let special = prop::sample::select(vec![
        b'"', b',', b';', b'\t', b'\n', b'\r', b'.', b'-', b'0', b'9', 0xD0, 0xFF, 0,
    ]);
    (edits, prop::collection::vec(special, 12), 0..=len).prop_map(move |(edits, specials, cut)| {
        let mut bytes = seed.clone();
        for (k, (at, op, byte)) in edits.into_iter().enumerate() {
            let at = at.min(bytes.len());
            let b = if k % 2 == 0 {
                specials[k % specials.len()]
            } else {
                byte
            };
            match op {
                0 if at < bytes.len() => bytes[at] = b,
                1 => bytes.insert(at, b),
                2 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        if cut < bytes.len() && cut % 7 == 0 {
            bytes.truncate(cut);
        }
        bytes
    })
}

/// The first `lines` lines of a file, as bytes (the Windows-1251 fixture is not UTF-8).
fn head(path: &str, lines: usize) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    let mut out: Vec<u8> = bytes
        .split(|b| *b == b'\n')
        .take(lines)
        .collect::<Vec<_>>()
        .join(&b'\n');
    out.push(b'\n');
    out
}

/// A workspace folder for one fuzz target, emptied of its tables before each case.
fn folder(target: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vzysk-fuzz-{}-{target}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["vzysk.toml", "shpi.txt"] {
        std::fs::copy(Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
    }
    dir
}

/// Loads `dir` both ways and checks the answer is diagnostics that can be trusted: each names a
/// file, and an account it blames exists or was never read.
fn load_calmly(dir: &Path) -> Result<(), TestCaseError> {
    for indexed in [false, true] {
        let (ws, diags) = if indexed {
            workspace::load_indexed(dir, workspace::source::Options::default())
        } else {
            workspace::load(dir)
        };
        for d in &diags {
            prop_assert!(!d.file.is_empty());
            prop_assert!(
                d.message.ru().chars().count() <= 301 && d.message.en().chars().count() <= 301
            );
        }
        for account in ws.with_errors.keys() {
            prop_assert!(diags.iter().any(|d| d.account.as_deref() == Some(account)));
        }
        if let Some(mut ledger) = ws.ledger {
            for i in 0..ws.accounts.len() {
                prop_assert!(ledger.take(i).is_ok());
            }
        }
    }
    Ok(())
}

#[test]
fn fuzz_csv_tables() {
    let dir = folder("csv");
    let seeds = (
        mutated(head("samples/ruza/accounts.csv", 6)),
        mutated(head("samples/ruza/ledger.csv", 40)),
        mutated(head("tests/fixtures/input/cp1251/ledger.csv", 20)),
    );
    fuzz("csv_tables", seeds, |(accounts, ledger, ledger_1251)| {
        std::fs::write(dir.join("accounts.csv"), &accounts).unwrap();
        let ledger = if ledger.len() % 3 == 0 {
            ledger_1251
        } else {
            ledger
        };
        std::fs::write(dir.join("ledger.csv"), &ledger).unwrap();
        load_calmly(&dir)
    });
}

/// The ledger's every row, read whole and read by offset from its file (a batch's index), with the
/// diagnostics: each account's entries with their lines.
fn both_readings(dir: &Path) -> [(Vec<String>, Vec<String>); 2] {
    [false, true].map(|indexed| {
        let (mut ws, diags) = if indexed {
            workspace::load_indexed(dir, workspace::source::Options::default())
        } else {
            workspace::load(dir)
        };
        let mut entries = Vec::new();
        let mut accounts = ws.accounts();
        while let Ok(Some(a)) = accounts.next_wanted(&|_| true) {
            entries.extend(a.ledger.iter().map(|e| format!("{} {e:?}", a.id)));
        }
        // An exact repeat of a row is said by the whole reading and, for an indexed one, by
        // `check` as it walks the accounts (`workspace::check`): not by the index itself.
        let said = diags
            .iter()
            .filter(|d| d.text().code() != "ledger.repeated_row")
            .map(|d| d.to_string())
            .collect();
        (entries, said)
    })
}

/// The offset index over bytes in any line ending: never a panic, the same rows and diagnostics
/// as the whole reading, and no row left neither used nor reported.
#[test]
fn fuzz_offset_index() {
    let dir = folder("offsets");
    std::fs::copy("samples/ruza/accounts.csv", dir.join("accounts.csv")).unwrap();
    let lf = head("samples/ruza/ledger.csv", 30);
    let text = String::from_utf8(lf.clone()).unwrap();
    let seeds = prop_oneof![
        mutated(lf),
        mutated(text.replace('\n', "\r\n").into_bytes()),
        mutated(text.replace('\n', "\r").into_bytes()),
    ];
    fuzz("offset_index", seeds, |ledger| {
        std::fs::write(dir.join("ledger.csv"), &ledger).unwrap();
        let [whole, indexed] = both_readings(&dir);
        prop_assert_eq!(&indexed, &whole);
        prop_assert!(
            !whole
                .1
                .iter()
                .any(|d| d.contains("neither used nor reported")),
            "{:?}",
            whole.1
        );
        Ok(())
    });
}

#[test]
fn fuzz_workbooks() {
    let dir = folder("xlsx");
    let seed = std::fs::read("tests/fixtures/input/xlsx/выгрузка.xlsx").unwrap();
    fuzz("workbooks", mutated(seed), |book| {
        std::fs::write(dir.join("book.xlsx"), &book).unwrap();
        load_calmly(&dir)
    });
}

#[test]
fn fuzz_json_workspaces() {
    let dir = folder("json");
    let text = std::fs::read_to_string("tests/fixtures/input/json/workspace.json").unwrap();
    // The first rows of each table keep the cases small.
    let seed: String = text
        .lines()
        .filter(|l| !l.starts_with("  ") || l.contains("\"account\": \"1001\""))
        .take(60)
        .collect::<Vec<_>>()
        .join("\n");
    fuzz("json", mutated(seed.into_bytes()), |json| {
        std::fs::write(dir.join("workspace.json"), &json).unwrap();
        load_calmly(&dir)
    });
}

/// Amounts: never a panic; what is read prints back and reads again to the same kopeck.
#[test]
fn fuzz_amounts() {
    let shapes = prop_oneof![
        any::<String>(),
        "[-+]?[0-9 \u{a0}]{0,18}([.,][0-9]{0,4})?",
        "[0-9]{1,3}( [0-9]{3}){0,5},[0-9]{2}",
    ];
    fuzz("amounts", shapes, |text| {
        if let Ok(v) = parse_amount(&text) {
            prop_assert_eq!(parse_amount(&fixed2(v)), Ok(v));
            prop_assert_eq!(parse_amount(&ru_with(v, ' ')), Ok(v));
            prop_assert!(v.scale() <= 2);
        }
        Ok(())
    });
}

/// Dates and months: never a panic; what is read prints back and reads again.
#[test]
fn fuzz_dates_and_months() {
    let shapes = prop_oneof![
        any::<String>(),
        "[0-9]{1,4}[-.][0-9]{1,2}[-.][0-9]{1,4}",
        "(январь|марта|май|Декабрь|ноябрь)? ?[0-9]{0,5} ?(г\\.?)?",
    ];
    fuzz("dates", shapes, |text| {
        if let Some(d) = vzysk::model::parse_date(&text) {
            let back = d.format("%d.%m.%Y").to_string();
            prop_assert_eq!(vzysk::model::parse_date(&back), Some(d));
        }
        if let Some(p) = vzysk::model::Period::parse(&text) {
            prop_assert_eq!(vzysk::model::Period::parse(&p.to_string()), Some(p));
            let _ = (p.first_day(), p.last_day());
        }
        Ok(())
    });
}

/// The escape: whatever the text, escaped for markup it parses as plain text only (no code, no
/// markup, no math, no label), and as a string literal it parses back to itself.
#[test]
fn fuzz_escape() {
    use typst::syntax::{SyntaxKind, SyntaxNode, ast, ast::AstNode};
    fn plain(node: &SyntaxNode) -> Result<(), String> {
        match node.kind() {
            SyntaxKind::Markup => node.children().try_for_each(plain),
            SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::Escape => Ok(()),
            other => Err(format!("{other:?}: {:?}", node.full_text())),
        }
    }
    let shapes = prop_oneof![
        any::<String>(),
        "[#*_$@<>\\[\\]{}()`~=+/\\\\\"' a-zа-я0-9.-]{0,40}",
    ];
    fuzz("escape", shapes, |text| {
        let escaped = escape_markup(&text);
        let tree = typst::syntax::parse(&escaped);
        prop_assert!(tree.errors_and_warnings().0.is_empty(), "{escaped}");
        if let Err(e) = plain(&tree) {
            return Err(TestCaseError::fail(format!("{escaped:?} parses as {e}")));
        }
        let literal = string_literal(&text);
        let code = typst::syntax::parse_code(&literal);
        let str_node = code.children().find(|n| n.kind() == SyntaxKind::Str);
        let value = str_node
            .and_then(ast::Str::from_untyped)
            .map(|s| s.get().to_string());
        let expected: String = text
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
            .collect();
        prop_assert_eq!(value, Some(expected));
        Ok(())
    });
}

/// Names: never a panic, and a three-word Cyrillic name stays three words in every case.
#[test]
fn fuzz_names() {
    use vzysk::russian::names::{Case, decline, initials};
    let shapes = prop_oneof![
        any::<String>(),
        "[А-ЯЁа-яё-]{1,12} [А-ЯЁа-яё]{1,10}( [А-ЯЁа-яё.]{1,12}){0,2}",
    ];
    fuzz("names", shapes, |text| {
        for case in [Case::Genitive, Case::Dative] {
            let d = decline(&text, case);
            let _ = initials(&text, Some(case));
            let words = text.split_whitespace().count();
            if words == 3 {
                prop_assert_eq!(d.split_whitespace().count(), 3, "{} → {}", text, d);
            }
        }
        Ok(())
    });
}
