//! The README's walkthrough, run exactly as it is printed (the block after `<!-- walkthrough -->`),
//! in a temporary folder holding a copy of `samples/ruza`, with each step's result checked.

mod common;

use std::path::Path;
use std::process::Command;

fn walkthrough() -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (_, after) = readme
        .split_once("<!-- walkthrough -->")
        .expect("the marker");
    let block = after
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a sh block after the marker");
    block
        .lines()
        .map(|l| l.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The sample copied; with `crlf`, its tables with every line ended in CR LF, as Excel's «CSV
/// UTF-8», 1C and Python's `csv` save them.
fn copy_dir(from: &Path, to: &Path, crlf: bool) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let path = e.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(e.file_name()), crlf);
            continue;
        }
        if crlf && path.extension().is_some_and(|x| x == "csv") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(to.join(e.file_name()), text.replace('\n', "\r\n")).unwrap();
        } else {
            std::fs::copy(&path, to.join(e.file_name())).unwrap();
        }
    }
}

/// The README's walkthrough, as printed and again on a CR LF copy of the sample: every step's
/// result as checked below, and the CR LF copy's calculation, plan and archive the same.
#[test]
fn the_readme_walkthrough_runs_as_printed() {
    let lf = walk(false);
    let crlf = walk(true);
    // check, calc and plan print the same (check's counts included); the same documents.
    for step in [4, 5, 6] {
        assert_eq!(lf.0[step], crlf.0[step], "step {}", step + 1);
    }
    assert_eq!(lf.1.len(), crlf.1.len());
    for (name, bytes) in &lf.1 {
        if name != "manifest.json" {
            assert!(crlf.1[name] == *bytes, "{name} differs with CR LF");
        }
    }
}

type Results = Vec<(Option<i32>, String, String)>;

fn walk(crlf: bool) -> (Results, std::collections::BTreeMap<String, Vec<u8>>) {
    let steps = walkthrough();
    assert_eq!(steps.len(), 8, "{steps:#?}");
    let dir = std::env::temp_dir().join(format!("vzysk-walkthrough-{}-{crlf}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new("samples/ruza"), &dir.join("samples/ruza"), crlf);
    let bin = env!("CARGO_BIN_EXE_vzysk");
    let mut results = Vec::new();
    for step in &steps {
        let line = match step.strip_prefix("vzysk ") {
            Some(rest) => format!("'{bin}' {rest}"),
            None => step.clone(),
        };
        let out = Command::new("bash")
            .env("VZYSK_LANG", "en")
            .args(["-c", &line])
            .current_dir(&dir)
            .output()
            .unwrap();
        results.push((
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    let ws = dir.join("дело");
    // 1. init: the skeleton.
    assert_eq!(results[0].0, Some(0), "{}", results[0].2);
    for f in [
        "vzysk.toml",
        "accounts.csv",
        "ledger.csv",
        "events.csv",
        "templates/README.txt",
    ] {
        assert!(ws.join(f).is_file(), "{f}");
    }
    // 2. check names the placeholders and fails.
    assert_eq!(results[1].0, Some(1));
    assert!(
        results[1].2.contains(
            "vzysk.toml:12: error: claimant.inn is still the placeholder «ЗАМЕНИТЕ: ИНН, 10 цифр» — write the real value"
        ),
        "{}",
        results[1].2
    );
    // 3. the files are filled in.
    assert_eq!((results[2].0, results[3].0), (Some(0), Some(0)));
    // 4. check passes.
    assert_eq!(results[4].0, Some(0), "{}", results[4].2);
    assert!(results[4].2.contains("25 accounts"), "{}", results[4].2);
    assert!(
        results[4]
            .2
            .contains("ledger.csv: 2881 rows (2881 used, 0 refused)"),
        "{}",
        results[4].2
    );
    assert!(results[4].2.contains("; 0 error(s), "), "{}", results[4].2);
    // 5. calc of one account.
    assert_eq!(results[5].0, Some(0), "{}", results[5].2);
    assert!(
        results[5]
            .1
            .contains("Account 1001 — Иванов Пётр Сергеевич"),
        "{}",
        results[5].1
    );
    // 6. plan: every account with its next step.
    assert_eq!(results[6].0, Some(0), "{}", results[6].2);
    assert!(results[6].1.contains("1001"), "{}", results[6].1);
    // 7. generate: the archive, with its manifest and a court-order application.
    assert_eq!(results[7].0, Some(0), "{}", results[7].2);
    let files = common::unzip(&dir.join("дело.zip"));
    assert!(files.contains_key("manifest.json"));
    assert!(
        files
            .keys()
            .any(|n| n.contains("Заявление о вынесении судебного приказа")),
        "{:?}",
        files.keys()
    );
    // init never writes into a folder that holds anything.
    let again = Command::new(bin)
        .env("VZYSK_LANG", "en")
        .args(["init", "дело"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
    let _ = std::fs::remove_dir_all(&dir);
    (results, files)
}
