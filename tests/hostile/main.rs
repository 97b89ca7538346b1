//! Hostile input: each file in `tests/hostile/cases/` is a workspace built to hurt, the command run
//! on it, and what must come out: the exact diagnostic lines, the exit code, the literal text of a
//! document, or the archive's file names. Nothing may panic, run, escape or vanish.
//!
//! A case file:
//! ```text
//! # what it tries
//! args: generate --docs court-order --as-of 2026-11-27   (the workspace goes after the command)
//! exit: 1                                                (default 0)
//! --- accounts.csv                                       (a file of the workspace, to the next ---/===)
//! …
//! === stderr                                             (lines stderr must hold, each in full)
//! === pdf Заявление                                      (text a PDF whose path holds this must show)
//! === errors                                             (text errors.csv in the archive must hold)
//! === files                                              (the archive's paths must all be safe and unique,
//! …                                                       and begin so, one each)
//! === nozip                                              (no archive may be left at the destination)
//! ```
//! A file's section may carry one attribute: `[escaped]` (`\xNN` bytes), `[cp1251]` (written in
//! Windows-1251), `[no-newline]`, `[huge-cell]` or `[empty-lines]` (made here: a million-character
//! cell, a million empty lines after the content), `[truncated-xlsx]` (the first half of the input
//! fixture's workbook), `[replace OLD => NEW]` (the sample's file with one change). Without
//! `accounts.csv` or `ledger.csv` none is written; `vzysk.toml` is the sample's unless given.
//! `HOSTILE_CASE=name` runs one case; `HOSTILE_SHOW=1` prints what each command said.

#[path = "../common/mod.rs"]
mod common;

use common::words::english_in;
use common::{pdf_text, scratch, text, unzip, vzysk};
use std::collections::BTreeSet;
use std::path::Path;

struct Case {
    name: String,
    args: Vec<String>,
    exit: i32,
    files: Vec<(String, Vec<u8>)>,
    stderr: Vec<String>,
    pdf: Vec<(String, Vec<String>)>,
    /// Text `errors.csv` in the archive must hold.
    errors: Vec<String>,
    /// Paths the archive must hold (each the start of one).
    paths: Vec<String>,
    check_files: bool,
    nozip: bool,
}

fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') && i + 3 < b.len() {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap_or("");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn file_bytes(name: &str, attr: &str, body: &str) -> Vec<u8> {
    let with_newline = format!("{body}\n");
    match attr {
        "" => with_newline.into_bytes(),
        "escaped" => unescape(body),
        "no-newline" => body.as_bytes().to_vec(),
        "cp1251" => encoding_rs::WINDOWS_1251
            .encode(&with_newline)
            .0
            .into_owned(),
        "huge-cell" => {
            let mut s = String::from("account,full_name\n1,\"Иванов ");
            s.push_str(&"Я".repeat(1_000_000));
            s.push_str("\"\n");
            s.into_bytes()
        }
        "empty-lines" => {
            let mut s = with_newline;
            s.push_str(&"\n".repeat(1_000_000));
            s.into_bytes()
        }
        "truncated-xlsx" => {
            let book = std::fs::read("tests/fixtures/input/xlsx/выгрузка.xlsx").unwrap();
            book[..book.len() / 2].to_vec()
        }
        a if a.starts_with("replace ") => {
            let (old, new) = a["replace ".len()..].split_once(" => ").unwrap();
            let sample = std::fs::read_to_string(Path::new("samples/ruza").join(name)).unwrap();
            assert!(sample.contains(old), "{name}: {old}");
            sample.replace(old, new).into_bytes()
        }
        other => panic!("unknown attribute [{other}]"),
    }
}

fn parse(name: &str, text: &str) -> Case {
    let mut case = Case {
        name: name.to_string(),
        args: Vec::new(),
        exit: 0,
        files: Vec::new(),
        stderr: Vec::new(),
        pdf: Vec::new(),
        errors: Vec::new(),
        paths: Vec::new(),
        check_files: false,
        nozip: false,
    };
    enum Section {
        Head,
        File(String, String, Vec<String>),
        Stderr,
        Pdf,
        Errors,
        Files,
    }
    let mut section = Section::Head;
    let finish = |section: Section, case: &mut Case| {
        if let Section::File(name, attr, lines) = section {
            let bytes = file_bytes(&name, &attr, &lines.join("\n"));
            case.files.push((name, bytes));
        }
    };
    for line in text.lines() {
        if let Some(spec) = line.strip_prefix("--- ") {
            let (file, attr) = match spec.split_once(" [") {
                Some((f, a)) => (f.to_string(), a.trim_end_matches(']').to_string()),
                None => (spec.to_string(), String::new()),
            };
            finish(
                std::mem::replace(&mut section, Section::File(file, attr, Vec::new())),
                &mut case,
            );
        } else if let Some(spec) = line.strip_prefix("=== ") {
            finish(std::mem::replace(&mut section, Section::Head), &mut case);
            section = match spec.split_once(' ') {
                Some(("pdf", needle)) => {
                    case.pdf.push((needle.to_string(), Vec::new()));
                    Section::Pdf
                }
                _ if spec == "stderr" => Section::Stderr,
                _ if spec == "errors" => {
                    case.check_files = true;
                    Section::Errors
                }
                _ if spec == "files" => {
                    case.check_files = true;
                    Section::Files
                }
                _ if spec == "nozip" => {
                    case.nozip = true;
                    Section::Head
                }
                _ => panic!("{name}: unknown section {spec}"),
            };
        } else {
            match &mut section {
                Section::Head => {
                    if let Some(a) = line.strip_prefix("args: ") {
                        case.args = a.split_whitespace().map(str::to_string).collect();
                    } else if let Some(e) = line.strip_prefix("exit: ") {
                        case.exit = e.trim().parse().unwrap();
                    } else {
                        assert!(line.starts_with('#') || line.is_empty(), "{name}: {line}");
                    }
                }
                Section::File(_, _, lines) => lines.push(line.to_string()),
                Section::Stderr => {
                    if !line.is_empty() {
                        case.stderr.push(line.to_string());
                    }
                }
                Section::Pdf => {
                    if let Some((_, lines)) = case.pdf.last_mut() {
                        lines.push(line.to_string());
                    }
                }
                Section::Errors => {
                    if !line.is_empty() {
                        case.errors.push(line.to_string());
                    }
                }
                Section::Files => {
                    if !line.is_empty() {
                        case.paths.push(line.to_string());
                    }
                }
            }
        }
    }
    finish(section, &mut case);
    case
}

/// A path inside the archive that cannot leave it or trouble a file system.
fn safe(path: &str) -> bool {
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    !path.starts_with('/')
        && !path.contains('\0')
        && !path.contains('\\')
        && path.split('/').all(|part| {
            let stem = part.split('.').next().unwrap_or("").to_uppercase();
            !part.is_empty()
                && part != ".."
                && part != "."
                && part.len() <= 255
                && !RESERVED.contains(&stem.as_str())
        })
}

/// The case's workspace laid out in `dir/ws`, and the command's arguments (the archive to
/// `dir/out.zip`).
fn lay(case: &Case, dir: &Path) -> Vec<String> {
    let ws = dir.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    if !case.files.iter().any(|(n, _)| n == "vzysk.toml") {
        std::fs::copy("samples/ruza/vzysk.toml", ws.join("vzysk.toml")).unwrap();
    }
    if !case.files.iter().any(|(n, _)| n == "shpi.txt") {
        std::fs::copy("samples/ruza/shpi.txt", ws.join("shpi.txt")).unwrap();
    }
    for (name, bytes) in &case.files {
        let path = ws.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let zip = dir.join("out.zip");
    let mut args: Vec<String> = Vec::new();
    args.push(case.args[0].clone());
    args.push(ws.to_str().unwrap().to_string());
    args.extend(case.args[1..].iter().cloned());
    if case.args[0] == "generate" {
        args.extend(["-o".to_string(), zip.to_str().unwrap().to_string()]);
    }
    args
}

/// The same case in Russian (the default): English words left in what it says, if any.
fn english_left(case: &Case) -> Vec<String> {
    let dir = scratch(&format!("hostile-ru-{}", case.name));
    let args = lay(case, &dir);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .args(&args)
        .env_remove("VZYSK_LANG")
        .output()
        .unwrap();
    let mut said = text(&out.stderr);
    if let Some(errors) = dir
        .join("out.zip")
        .is_file()
        .then(|| unzip(&dir.join("out.zip")))
    {
        said += &errors
            .get("errors.csv")
            .map(|b| text(b))
            .unwrap_or_default();
    }
    let english = english_in(&said);
    let _ = std::fs::remove_dir_all(&dir);
    if english.is_empty() {
        Vec::new()
    } else {
        vec![format!("English in its Russian words: {english:?}\n{said}")]
    }
}

fn run(case: &Case) -> Result<(), String> {
    let dir = scratch(&format!("hostile-{}", case.name));
    let ws = dir.join("ws");
    let zip = dir.join("out.zip");
    let args = lay(case, &dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vzysk(&args);
    let err = text(&out.stderr);
    if std::env::var_os("HOSTILE_SHOW").is_some() {
        // For writing a case: what the command said.
        eprintln!("==== {} (exit {:?})\n{err}", case.name, out.status.code());
    }
    let mut wrong = Vec::new();
    if err.contains("panicked") || out.status.code().is_none() {
        wrong.push("it panicked or was killed".to_string());
    }
    if out.status.code() != Some(case.exit) {
        wrong.push(format!("exit {:?}, not {}", out.status.code(), case.exit));
    }
    let ws_text = ws.to_str().unwrap();
    for want in &case.stderr {
        let want = want.replace("$WS", ws_text);
        if !err.lines().any(|l| l == want) {
            wrong.push(format!("stderr lacks the line: {want}"));
        }
    }
    if case.nozip && (zip.exists() || std::fs::read_dir(&dir).unwrap().count() != 1) {
        wrong.push("something was left at the destination".into());
    }
    if case.check_files || !case.pdf.is_empty() {
        if !zip.exists() {
            wrong.push("no archive".into());
        } else {
            let files = unzip(&zip);
            let unique: BTreeSet<String> = files.keys().map(|k| k.to_lowercase()).collect();
            if unique.len() != files.len() {
                wrong.push("two paths differ only in case".into());
            }
            for path in files.keys().filter(|p| !safe(p)) {
                wrong.push(format!("unsafe path in the archive: {path:?}"));
            }
            for want in &case.paths {
                if !files.keys().any(|k| k.starts_with(want.as_str())) {
                    let have: Vec<&String> = files.keys().collect();
                    wrong.push(format!("the archive lacks {want}: {have:?}"));
                }
            }
            let errors = files.get("errors.csv").map(|b| text(b)).unwrap_or_default();
            for want in &case.errors {
                if !errors.contains(want.as_str()) {
                    wrong.push(format!("errors.csv lacks «{want}»: {errors}"));
                }
            }
            for (needle, lines) in &case.pdf {
                let Some((_, pdf)) = files.iter().find(|(k, _)| k.contains(needle.as_str())) else {
                    wrong.push(format!("no PDF with «{needle}» in its path"));
                    continue;
                };
                let page = pdf_text(pdf, &dir);
                for line in lines.iter().filter(|l| !l.is_empty()) {
                    if !page.contains(line.as_str()) {
                        wrong.push(format!("the PDF does not show «{line}»"));
                    }
                }
            }
        }
    }
    wrong.extend(english_left(case));
    if wrong.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    } else {
        Err(format!(
            "{}:\n  {}\n  stderr:\n{err}",
            case.name,
            wrong.join("\n  ")
        ))
    }
}

#[test]
fn every_hostile_case_is_met_calmly() {
    let mut names: Vec<_> = std::fs::read_dir("tests/hostile/cases")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    names.sort();
    assert!(names.len() >= 40, "{} cases", names.len());
    let only = std::env::var("HOSTILE_CASE").ok();
    let mut failures = Vec::new();
    for path in &names {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let case = parse(&name, &std::fs::read_to_string(path).unwrap());
        if let Err(e) = run(&case) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A full disk, made by a file-size limit (`ulimit -f`, with SIGXFSZ ignored so that a write past
/// it fails with EFBIG as it would with ENOSPC): the run fails with a clear message, exits non-zero,
/// and leaves nothing at the destination, neither the archive nor a temporary file.
#[test]
fn a_full_disk_leaves_nothing_and_says_so() {
    let dir = scratch("full-disk");
    let zip = dir.join("out.zip");
    let script = format!(
        "ulimit -f 256; trap '' XFSZ; exec '{}' generate samples/ruza --as-of 2026-11-27 --docs court-order -o '{}'",
        env!("CARGO_BIN_EXE_vzysk"),
        zip.display()
    );
    let out = std::process::Command::new("bash")
        .env("VZYSK_LANG", "en")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The input's warnings are counted first; then the failure, with nothing else in between.
    assert!(
        err.lines()
            .any(|l| l.starts_with("vzysk: nothing written: ")),
        "{err}"
    );
    assert!(err.contains("File too large (os error 27)"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(left.is_empty(), "left at the destination: {left:?}");
}
