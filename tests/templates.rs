//! `vzysk templates`: the built-ins listed and exported, a workspace's overrides checked with the
//! place of each error, `generate` refusing before it writes, and the data a template receives.

mod common;

use common::{scratch, text, vzysk};
use std::path::Path;

/// A copy of the sample workspace with `templates/court-order.typ.j2` = the built-in one changed
/// by `edit`.
fn workspace_with(name: &str, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    workspace_overriding(name, "court-order.typ.j2", edit)
}

/// A copy of the sample workspace with `templates/FILE` = the built-in one changed by `edit`.
fn workspace_overriding(
    name: &str,
    file: &str,
    edit: impl Fn(&str) -> String,
) -> std::path::PathBuf {
    let dir = scratch(name);
    let ws = dir.join("ws");
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    common::copy_sample(&ws, |_, text| text);
    let built_in = std::fs::read_to_string(Path::new("templates").join(file)).unwrap();
    std::fs::write(ws.join("templates").join(file), edit(&built_in)).unwrap();
    ws
}

/// `vzysk templates check WS --as-of 2026-11-27`, and its stderr.
fn check(ws: &Path) -> (std::process::Output, String) {
    let out = vzysk(&[
        "templates",
        "check",
        ws.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
    ]);
    let err = text(&out.stderr);
    (out, err)
}

#[test]
fn a_syntax_error_is_placed_and_generate_writes_nothing() {
    let ws = workspace_with("tpl-syntax", |t| {
        let mut lines: Vec<&str> = t.lines().collect();
        lines.insert(2, "#let broken = [");
        lines.join("\n")
    });
    let w = ws.to_str().unwrap();
    let (out, err) = check(&ws);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l == "templates/court-order.typ.j2:3:15: unclosed delimiter"),
        "{err}"
    );
    assert!(
        err.contains("1 overridden template(s) (court-order.typ.j2); 1 error(s)"),
        "{err}"
    );

    let zip = ws.parent().unwrap().join("out.zip");
    let out = vzysk(&[
        "generate",
        w,
        "--as-of",
        "2026-11-27",
        "-o",
        zip.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("vzysk: nothing written: the workspace's templates have errors")),
        "{err}"
    );
    assert!(
        err.contains("templates/court-order.typ.j2:3:15: unclosed delimiter"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(ws.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the workspace: {left:?}");
}

#[test]
fn a_broken_sms_template_is_placed_too() {
    let ws = workspace_with("tpl-sms", str::to_string);
    std::fs::write(
        ws.join("templates/sms.txt.j2"),
        "{{ sender }: {{ account }}\n",
    )
    .unwrap();
    let (out, err) = check(&ws);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("templates/sms.txt.j2:1: syntax error")),
        "{err}"
    );
}

#[test]
fn an_error_only_compiling_finds_is_placed_too() {
    let ws = workspace_with("tpl-compile", |t| {
        t.replace("#d.liability", "#d.liability.nothing")
    });
    let (out, err) = check(&ws);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = std::fs::read_to_string(ws.join("templates/court-order.typ.j2"))
        .unwrap()
        .lines()
        .position(|l| l.contains(".nothing"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "templates/court-order.typ.j2:{line}:14: cannot access fields on type string"
        )),
        "{err}"
    );
}

/// A folder of templates alone (no accounts): they are compiled with the sample's documents.
#[test]
fn templates_without_a_workspace_are_compiled_with_the_sample() {
    let dir = scratch("tpl-alone");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    let built_in = std::fs::read_to_string("templates/court-order.typ.j2").unwrap();
    std::fs::write(
        dir.join("templates/court-order.typ.j2"),
        built_in.replace("#d.liability", "#d.liability.nothing"),
    )
    .unwrap();
    let (out, err) = check(&dir);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(": cannot access fields on type string"),
        "{err}"
    );
    assert!(
        !dir.join("vzysk.toml").exists(),
        "nothing written into the folder"
    );
}

#[test]
fn an_unchanged_export_checks_clean() {
    let dir = scratch("tpl-export");
    let out = vzysk(&["templates", "export", dir.join("t").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported: Vec<_> = std::fs::read_dir(dir.join("t")).unwrap().collect();
    assert_eq!(exported.len(), vzysk::templates::TEMPLATES.len());
    // Exporting again over them is refused without --force.
    let again = vzysk(&["templates", "export", dir.join("t").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    // The whole set, put in a workspace, is the built-in set: no error.
    let ws = workspace_with("tpl-clean", str::to_string);
    for e in std::fs::read_dir(dir.join("t")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), ws.join("templates").join(e.file_name())).unwrap();
    }
    let (out, err) = check(&ws);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let all = vzysk::templates::TEMPLATES.len();
    assert!(
        err.contains(&format!("{all} overridden template(s)")),
        "{err}"
    );
    assert!(err.contains("; 0 error(s)"), "{err}");
}

#[test]
fn list_and_data_show_what_a_template_receives() {
    let out = vzysk(&["templates", "list"]);
    let list = text(&out.stdout);
    assert!(
        list.lines()
            .any(|l| l.starts_with("court-order.typ.j2") && l.contains("genitive")),
        "{list}"
    );
    assert_eq!(
        list.lines().filter(|l| l.contains(".j2")).count(),
        vzysk::templates::TEMPLATES.len()
    );

    let out = vzysk(&[
        "templates",
        "data",
        "court-order",
        "samples/ruza",
        "--account",
        "1001",
        "--as-of",
        "2026-11-27",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs[0]["template"], "court-order.typ.j2");
    assert_eq!(docs[0]["d"]["account"], "1001");
    assert_eq!(
        docs[0]["d"]["debtors"][0]["genitive"],
        "Иванова Петра Сергеевича"
    );
    assert_eq!(docs[1]["template"], "calculation.typ.j2");
    assert!(
        docs[0]["composed_with"]["claimant"]["name"]
            .as_str()
            .unwrap()
            .contains("Рузская теплосеть")
    );
}

/// `line-row` (`_style.typ.j2`) gives the one-line rows of the tables a fixed height so that Typst
/// lays them out once instead of twice. It is a speed-up only: every document made from the sample
/// (all kinds, calculations with wrapped moratorium rows, a notice with no month in its table) is
/// byte-identical to the one made with `auto` rows.
#[test]
fn fixed_height_rows_change_no_document() {
    let ws = workspace_overriding("tpl-rows", "_style.typ.j2", |t| {
        let auto = t
            .lines()
            .map(|l| {
                if l.starts_with("#let line-row = ") {
                    "#let line-row = auto"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_ne!(auto, t.trim_end(), "_style.typ.j2 defines line-row");
        auto
    });
    let dir = ws.parent().unwrap();
    // Both claim the time-barred months too, so that the calculations reach back to the
    // moratoria of 2020 and 2022 and a moratorium row that wraps is among them.
    let with_all = |ws: &Path| {
        let toml = ws.join("vzysk.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        std::fs::write(&toml, format!("{text}\n[limitation]\nclaim = \"all\"\n")).unwrap();
    };
    let plain = dir.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    common::copy_sample(&plain, |_, text| text);
    with_all(&plain);
    with_all(&ws);
    let (fixed, auto) = (dir.join("fixed.zip"), dir.join("auto.zip"));
    for (ws, zip) in [(plain.as_path(), &fixed), (ws.as_path(), &auto)] {
        let out = common::generate(ws, &["--docs", "all"], zip);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let (fixed, auto) = (common::unzip(&fixed), common::unzip(&auto));
    let pdfs: Vec<&String> = fixed.keys().filter(|n| n.ends_with(".pdf")).collect();
    // The sample makes 94 PDFs of every kind (what its cases allow); far fewer would leave the
    // comparison hollow.
    assert!(pdfs.len() > 90, "{} PDFs", pdfs.len());
    let calculation = pdfs
        .iter()
        .find(|n| n.contains("ruza-district/1004_") && n.contains("Расчёт"))
        .expect("account 1004's calculation");
    let shown = common::pdf_text(&fixed[*calculation], dir);
    // Wrapped: the row's second line («№ 424)») comes after the amount of its first.
    assert!(
        shown.contains("мораторий (ПП 02.04.2020 0,00 № 424)"),
        "a moratorium row that wraps, in account 1004's calculation"
    );
    for name in pdfs {
        assert!(fixed[name] == auto[name], "{name} differs with auto rows");
    }
}
