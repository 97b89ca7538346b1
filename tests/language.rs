//! One language for the clerk: every command and every page of the workbench, run on the sample,
//! says what it says in Russian by default — no English word outside identifiers, file names and
//! quoted input — and in English with `--lang en` / `VZYSK_LANG=en`, where the only Cyrillic left is
//! the input's names and addresses, the documents' titles and the law's citations. The hostile
//! workspaces are read in Russian by `tests/hostile` (each case's stderr again, with no English).

mod common;
use common::web::{get, start};
use common::words::{english_in, json_text, russian_in, vocabulary};
use common::{copy_sample, scratch, text, unzip};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const AS_OF: &str = "2026-11-27";

/// What one command said: where it ran, and its stdout and stderr.
struct Said {
    what: String,
    text: String,
}

/// `vzysk` in `lang`: English asked for by `VZYSK_LANG`, Russian by nothing at all (the default).
fn vzysk_in(lang: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vzysk"));
    match lang {
        "ru" => c.env_remove("VZYSK_LANG"),
        other => c.env("VZYSK_LANG", other),
    };
    c
}

fn run(lang: &str, args: &[&str]) -> Said {
    let out = vzysk_in(lang)
        .env("VZYSK_TODAY", AS_OF)
        .args(args)
        .output()
        .unwrap();
    Said {
        what: format!("vzysk {}", args.join(" ")),
        text: format!("{}\n{}", text(&out.stdout), text(&out.stderr)),
    }
}

/// `html` without its `<tag …>…</tag>` blocks.
fn without(html: &str, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = html;
    while let Some(a) = rest.find(&open) {
        out.push_str(&rest[..a]);
        rest = rest[a..]
            .find(&close)
            .map_or("", |b| &rest[a + b + close.len()..]);
    }
    out + rest
}

/// A page's words: the HTML without its tags, styles and scripts.
fn words_of(html: &str) -> String {
    let html = without(&without(html, "style"), "script");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Everything a person reads from every command and page, on a copy of the sample.
fn everything(lang: &str, dir: &Path) -> Vec<Said> {
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let w = ws.to_str().unwrap();
    let zip = dir.join("out.zip");
    let z = zip.to_str().unwrap();
    let mut said = vec![run(lang, &["--help"])];
    for sub in [
        "init",
        "check",
        "calc",
        "plan",
        "generate",
        "record",
        "report",
        "serve",
        "templates",
    ] {
        said.push(run(lang, &[sub, "--help"]));
    }
    said.push(run(lang, &["generate"]));
    said.push(run(lang, &["plan", w, "--no-such-flag"]));
    said.push(run(lang, &["calc", w, "--as-of", "27.13.2026"]));
    said.push(run(lang, &["init", dir.join("new").to_str().unwrap()]));
    said.push(run(lang, &["check", w]));
    said.push(run(lang, &["check", dir.join("new").to_str().unwrap()]));
    for format in ["table", "csv"] {
        said.push(run(
            lang,
            &["calc", w, "--as-of", AS_OF, "--format", format],
        ));
        said.push(run(
            lang,
            &["plan", w, "--as-of", AS_OF, "--format", format],
        ));
    }
    for command in ["calc", "plan"] {
        let out = vzysk_in(lang)
            .args([command, w, "--as-of", AS_OF, "--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        said.push(Said {
            what: format!("vzysk {command} --format json"),
            text: format!("{}\n{}", json_text(&json), text(&out.stderr)),
        });
    }
    said.push(run(lang, &["templates", "list"]));
    said.push(run(
        lang,
        &["generate", w, "--as-of", AS_OF, "--docs", "all", "-o", z],
    ));
    let files = unzip(&zip);
    // The reasons of errors.csv, each field as a person reads it (the CSV's quoting undone).
    let mut reasons = csv::ReaderBuilder::new()
        .delimiter(b',')
        .from_reader(&files["errors.csv"][..]);
    said.push(Said {
        what: "errors.csv".into(),
        text: reasons
            .records()
            .map(|r| r.unwrap().iter().collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
            .join("\n"),
    });
    said.push(run(lang, &["record", w, z]));
    said.push(run(lang, &["record", w, z]));
    let report = dir.join("report.csv");
    said.push(run(
        lang,
        &[
            "report",
            w,
            "--as-of",
            AS_OF,
            "--format",
            "csv",
            "-o",
            report.to_str().unwrap(),
        ],
    ));
    said.push(Said {
        what: "report.csv".into(),
        text: std::fs::read_to_string(&report).unwrap_or_default(),
    });
    // The workbench's language by its flag in English, by default in Russian.
    let flag = ["--lang", lang];
    let server = start(&ws, if lang == "ru" { &[] } else { &flag });
    for page in [
        "/",
        "/debtors",
        "/debtors/1004",
        "/debtors/1013",
        "/journal",
        "/templates",
        "/batches",
    ] {
        let answer = get(&server, page);
        assert_eq!(answer.status, 200, "{page}");
        said.push(Said {
            what: format!("the page {page}"),
            text: words_of(&answer.text()),
        });
    }
    said
}

#[test]
fn russian_is_the_default_and_says_everything_in_russian() {
    let dir = scratch("language-ru");
    let mut wrong = Vec::new();
    let said = everything("ru", &dir);
    for s in &said {
        let english = english_in(&s.text);
        if !english.is_empty() {
            wrong.push(format!("{}: {english:?}", s.what));
        }
    }
    // The reasons are Russian indeed, not merely free of English.
    let all: String = said.iter().map(|s| s.text.as_str()).collect();
    for phrase in [
        "Использование",
        "мер ещё не принималось → уведомление",
        "ошибка",
    ] {
        assert!(all.contains(phrase), "no «{phrase}» in the Russian outputs");
    }
    assert!(
        wrong.is_empty(),
        "English in Russian output:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn english_is_asked_for_and_says_everything_in_english() {
    let dir = scratch("language-en");
    let said = everything("en", &dir);
    // What an English output may quote: the input's names, addresses and services, the courts
    // and offices of vzysk.toml, and the documents' titles as the archive names its files.
    let mut allowed = BTreeSet::new();
    for f in common::SAMPLE_FILES {
        allowed.extend(vocabulary(
            &std::fs::read_to_string(Path::new("samples/ruza").join(f)).unwrap(),
        ));
    }
    for k in vzysk::docs::kinds::DocKind::ALL {
        allowed.extend(vocabulary(k.title()));
    }
    for e in vzysk::model::EventKind::ALL {
        allowed.extend(vocabulary(e.label()));
    }
    for name in unzip(&dir.join("out.zip")).keys() {
        allowed.extend(vocabulary(name));
    }
    // The folder the README's walkthrough makes, in `init`'s example; a magistrate as a list
    // names him (the court's name in vzysk.toml is in the dative).
    allowed.extend(["дело", "мировой", "судья"].map(String::from));
    let mut wrong = Vec::new();
    for s in &said {
        let russian = russian_in(&s.text, &allowed);
        if !russian.is_empty() {
            wrong.push(format!("{}: {russian:?}", s.what));
        }
    }
    let all: String = said.iter().map(|s| s.text.as_str()).collect();
    assert!(all.contains("Usage"), "no English help");
    assert!(
        wrong.is_empty(),
        "Russian in English output:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn json_keeps_a_code_beside_the_words() {
    let dir = scratch("language-json");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let w = ws.to_str().unwrap();
    let plans: Vec<serde_json::Value> = ["ru", "en"]
        .iter()
        .map(|lang| {
            let out = vzysk_in(lang)
                .args(["plan", w, "--as-of", AS_OF, "--format", "json"])
                .output()
                .unwrap();
            serde_json::from_slice(&out.stdout).unwrap()
        })
        .collect();
    let rows = |v: &serde_json::Value| v["accounts"].as_array().cloned().unwrap_or_default();
    let (ru, en) = (rows(&plans[0]), rows(&plans[1]));
    assert_eq!(ru.len(), en.len());
    assert!(!ru.is_empty());
    for (r, e) in ru.iter().zip(&en) {
        assert_eq!(r["reason_code"], e["reason_code"], "{r}\n{e}");
        assert!(
            r["reason_code"].as_str().is_some_and(|c| c.contains('.')),
            "{r}"
        );
        assert_ne!(r["reason"], e["reason"], "{r}\n{e}");
    }
}
