//! `vzysk generate` end to end: the archive, its manifest, the PDFs (checked with qpdf and read back
//! with pdftotext against `vzysk calc`), errors.csv, a hostile debtor name, determinism, atomicity.
//! Needs `qpdf` and `pdftotext` (poppler-utils); `.ci/run` installs them.

mod common;
use common::{generate, pdf_text, sample_json, scratch, text, unzip};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

struct Sample {
    files: BTreeMap<String, Vec<u8>>,
    calc: Value,
    zip: PathBuf,
}

/// The sample generated once for all tests of this file.
fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = scratch("sample");
        let zip = dir.join("ruza.zip");
        let out = generate(Path::new("samples/ruza"), &["--docs", "court-order"], &zip);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        Sample {
            files: unzip(&zip),
            calc: sample_json("calc", &[]),
            zip,
        }
    })
}

fn ru(amount: &str) -> String {
    let (whole, frac) = amount.split_once('.').unwrap();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped},{frac}")
}

#[test]
fn the_manifest_lists_every_file_with_its_hash_and_the_files_match() {
    let s = sample();
    let manifest: Value = serde_json::from_slice(&s.files["manifest.json"]).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let pdfs: Vec<&String> = s.files.keys().filter(|k| k.ends_with(".pdf")).collect();
    // Every file but the manifest and errors.csv is listed: the PDFs and the CSV registries.
    assert_eq!(files.len(), s.files.len() - 2);
    assert_eq!(
        files
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(".pdf"))
            .count(),
        pdfs.len()
    );
    assert!(pdfs.len() >= 30, "{} PDFs", pdfs.len());
    for f in files {
        let path = f["path"].as_str().unwrap();
        let bytes = &s.files[path];
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            vzysk::archive::sha256_hex(bytes),
            "{path}"
        );
        assert_eq!(f["bytes"].as_u64().unwrap(), bytes.len() as u64);
        assert!(
            path.starts_with("courts/s16") || path == "courts/1c_to_kl.txt" || path == "events.csv",
            "{path}"
        );
        if path.ends_with(".pdf") {
            let pages = f["pages"].as_u64().unwrap();
            // The sheet count is in the file name, and a detached signature has its slot.
            assert!(path.ends_with(&format!(" ({pages} л.).pdf")), "{path}");
            assert_eq!(f["signature"].as_str().unwrap(), format!("{path}.sig"));
        }
    }
    assert_eq!(manifest["as_of"], "2026-11-27");
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 4);
}

#[test]
fn every_pdf_passes_qpdf_check() {
    let s = sample();
    let dir = scratch("qpdf");
    for (name, bytes) in s.files.iter().filter(|(k, _)| k.ends_with(".pdf")) {
        let file = dir.join("x.pdf");
        std::fs::write(&file, bytes).unwrap();
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&file)
            .output()
            .expect("qpdf is installed");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(bytes.starts_with(b"%PDF-"));
    }
}

#[test]
fn each_application_states_court_debtor_account_sums_and_duty_as_calc_computes_them() {
    let s = sample();
    let dir = scratch("text");
    let manifest: Value = serde_json::from_slice(&s.files["manifest.json"]).unwrap();
    let accounts = s.calc["accounts"].as_array().unwrap();
    let mut checked = 0;
    for f in manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["account"].is_string())
    {
        let path = f["path"].as_str().unwrap();
        let account = f["account"].as_str().unwrap();
        let calc = accounts.iter().find(|a| a["account"] == account).unwrap();
        let text = pdf_text(&s.files[path], &dir);
        let dec = |v: &Value| {
            v.as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        };
        match f["document"].as_str().unwrap() {
            // The account statement's balance is the ledger's: every unpaid charge less what was
            // overpaid, as calc counts them.
            "account-statement" => {
                let balance = dec(&calc["principal"]) - dec(&calc["credit"]);
                assert_eq!(dec(&f["balance"]), balance, "{path}");
                assert!(
                    text.contains(&format!("{} руб.", ru(&format!("{balance:.2}")))),
                    "{path}: {balance}"
                );
                continue;
            }
            // The duty's payment order pays the application's duty beside it.
            "duty-payment-order" => {
                let folder = path.rsplit_once('/').unwrap().0;
                let filing = manifest["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|g| {
                        g["path"]
                            .as_str()
                            .unwrap()
                            .starts_with(&format!("{folder}/01 "))
                    })
                    .unwrap();
                let sum = &f["payment"]["sum"];
                assert_eq!(sum, &filing["duty"], "{path}");
                let number = f["payment"]["number"].as_u64().unwrap();
                assert!(
                    text.contains(&format!("ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № {number}")),
                    "{path}"
                );
                assert!(
                    text.contains(&sum.as_str().unwrap().replace('.', "-")),
                    "{path}"
                );
                continue;
            }
            _ => {}
        }
        // An application claims the months within limitation (`[limitation] claim`, default
        // "within") that no earlier court order claimed: the order's `period=` in events.csv, or,
        // for 1004's cancelled order that recorded none, the months due before its filing on
        // 03.03.2025 (ГПК ст.135 ч.1 п.1.1).
        let order: Option<(&str, &str)> = match account {
            "1003" => Some(("2023-07", "2026-06")),
            "1006" => Some(("2024-06", "2026-09")),
            "1008" => Some(("2025-01", "2025-04")),
            "1017" => Some(("2025-06", "2025-12")),
            "1018" => Some(("2025-04", "2025-07")),
            _ => None,
        };
        let claimed = |p: &&Value| {
            let period = p["period"].as_str().unwrap();
            let in_order = match order {
                Some((a, b)) => a <= period && period <= b,
                None if account == "1004" => p["due_date"].as_str().unwrap() < "2025-03-03",
                None => false,
            };
            !in_order && p["limitation"]["state"] != "barred"
        };
        let sum = |key: &str| {
            let total: rust_decimal::Decimal = calc["periods"]
                .as_array()
                .unwrap()
                .iter()
                .filter(claimed)
                .filter(|p| key == "penalty" || p["due_date"].as_str().unwrap() < "2026-11-27")
                .map(|p| {
                    p[key]
                        .as_str()
                        .unwrap()
                        .parse::<rust_decimal::Decimal>()
                        .unwrap()
                })
                .sum();
            format!("{:.2}", total)
        };
        let (principal, penalty) = (sum("debt"), sum("penalty"));
        let whole = order.is_none() && account != "1004";
        let barred = calc["periods"].as_array().unwrap().iter().any(|p| {
            p["limitation"]["state"] == "barred" && (p["debt"] != "0.00" || p["penalty"] != "0.00")
        });
        if whole && !barred {
            assert_eq!(principal, calc["principal"].as_str().unwrap(), "{path}");
            assert_eq!(penalty, calc["penalty"].as_str().unwrap(), "{path}");
        }
        let total = format!(
            "{:.2}",
            principal.parse::<rust_decimal::Decimal>().unwrap()
                + penalty.parse::<rust_decimal::Decimal>().unwrap()
        );
        match f["document"].as_str().unwrap() {
            "application" => {
                assert!(
                    text.contains("Мировому судье судебного участка № 16"),
                    "{path}"
                );
                assert!(text.contains(&format!("№ {account}")), "{path}");
                for debtor in f["debtors"].as_array().unwrap() {
                    let debtor = debtor.as_str().unwrap();
                    assert!(text.contains(debtor), "{path}: {debtor}");
                    // And in the prayer, in the genitive (the forms are pinned in names.rs).
                    let genitive = vzysk::russian::names::decline(
                        debtor,
                        vzysk::russian::names::Case::Genitive,
                    );
                    assert_ne!(genitive, debtor);
                    assert!(
                        text.contains(&format!("с должника {genitive} в пользу"))
                            || text.contains(&format!("с должников {genitive}")),
                        "{path}: {genitive}"
                    );
                }
                if account == "1001" {
                    assert!(
                        text.contains("о взыскании с должника Иванова Петра Сергеевича в пользу"),
                        "{path}"
                    );
                }
                if f["share"].is_null() {
                    // The account's own sums, exactly as calc prints them.
                    assert!(text.contains(&format!("{} руб.", ru(&principal))), "{path}");
                    assert!(text.contains(&format!("{} руб.", ru(&penalty))), "{path}");
                    assert!(
                        text.contains(&format!("всего {} руб.", ru(&total))),
                        "{path}"
                    );
                    if whole && !barred {
                        let duty = calc["state_duty"]["court_order"].as_str().unwrap();
                        assert!(
                            text.contains(&format!("Государственная пошлина: {} руб.", ru(duty))),
                            "{path}"
                        );
                    }
                } else {
                    assert!(
                        text.contains(&format!("всего {} руб.", ru(f["total"].as_str().unwrap()))),
                        "{path}"
                    );
                    assert!(text.contains(&format!(
                        "Государственная пошлина: {} руб.",
                        ru(f["duty"].as_str().unwrap())
                    )));
                }
                checked += 1;
            }
            "calculation" => {
                // The annex's total penalty is the calc JSON's penalty of the filing's months.
                let no_penalty = penalty == "0.00";
                let penalty = ru(&penalty);
                assert!(
                    text.contains(&format!("Итого пени {penalty}"))
                        || (no_penalty && text.contains("Пени не начислены")),
                    "{path}: {penalty}"
                );
                assert!(text.contains(&format!("Пени {penalty} руб.")), "{path}");
            }
            other => panic!("unexpected document {other}"),
        }
    }
    // 14: every account the case allows a court order for (1015's debt is below the least one is
    // sought for; 1021's three owners file apart).
    assert!(checked >= 14, "{checked} applications");
}

#[test]
fn shares_add_up_to_the_account_to_the_kopeck() {
    let s = sample();
    let manifest: Value = serde_json::from_slice(&s.files["manifest.json"]).unwrap();
    let accounts = s.calc["accounts"].as_array().unwrap();
    // 1021: three owners of 1/3 each (1006's two owners have an order filed already).
    let account = "1021";
    let apps: Vec<&Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["account"] == account && f["document"] == "application")
        .collect();
    let dec = |v: &Value| {
        v.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    let calc = accounts.iter().find(|a| a["account"] == account).unwrap();
    assert_eq!(apps.len(), 3);
    assert_eq!(
        apps.iter()
            .map(|f| dec(&f["principal"]))
            .sum::<rust_decimal::Decimal>(),
        dec(&calc["principal"])
    );
    assert_eq!(
        apps.iter()
            .map(|f| dec(&f["penalty"]))
            .sum::<rust_decimal::Decimal>(),
        dec(&calc["penalty"])
    );
}

#[test]
fn refused_accounts_are_in_errors_csv_with_their_reasons() {
    let s = sample();
    let errors = String::from_utf8(s.files["errors.csv"].clone()).unwrap();
    let line = |acc: &str| {
        errors
            .lines()
            .find(|l| l.starts_with(&format!("{acc},")))
            .unwrap_or_else(|| panic!("{acc} missing:\n{errors}"))
            .to_string()
    };
    assert!(line("1009").contains("exceeds the court-order ceiling"));
    assert!(line("1010").contains("no magistrate court in vzysk.toml serves"));
    assert!(line("1013").contains("deceased"));
    assert!(line("1012").contains("nothing to collect"));
    // Nothing lost: every account is either in the archive or in errors.csv.
    let manifest: Value = serde_json::from_slice(&s.files["manifest.json"]).unwrap();
    for a in s.calc["accounts"].as_array().unwrap() {
        let id = a["account"].as_str().unwrap();
        let generated = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["account"] == id);
        assert!(
            generated || errors.lines().any(|l| l.starts_with(&format!("{id},"))),
            "{id} is lost"
        );
    }
}

#[test]
fn the_same_inputs_give_a_byte_identical_archive() {
    let s = sample();
    let dir = scratch("again");
    let again = dir.join("again.zip");
    let out = generate(
        Path::new("samples/ruza"),
        &["--docs", "court-order"],
        &again,
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&s.zip).unwrap()
    );
}

#[test]
fn renderer_processes_threads_and_worker_counts_give_the_same_bytes() {
    let s = sample();
    let dir = scratch("modes");
    for (name, extra) in [
        ("threads", &["--in-process"][..]),
        ("one", &["--jobs", "1"][..]),
        ("three", &["--jobs", "3"][..]),
    ] {
        let zip = dir.join(format!("{name}.zip"));
        let mut args = vec!["--docs", "court-order"];
        args.extend_from_slice(extra);
        let out = generate(Path::new("samples/ruza"), &args, &zip);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert_eq!(
            std::fs::read(&zip).unwrap(),
            std::fs::read(&s.zip).unwrap(),
            "{name} differs from the default run"
        );
    }
}

const HOSTILE: &str = "Иванов #panic(\"x\") $x^2$ *b* _i_ @ref <l> [a] \\u{41} ``` // /* = - + #read(\"/etc/passwd\")";

#[test]
fn a_hostile_name_is_printed_verbatim_and_nothing_is_read() {
    let ws = scratch("hostile");
    common::sample_config(&ws);
    let mut w = csv::Writer::from_path(ws.join("accounts.csv")).unwrap();
    w.write_record(["account", "full_name", "residence_address", "work_place"])
        .unwrap();
    w.write_record([
        "9001",
        HOSTILE,
        "Московская обл., г. Руза, ул. Солнцева, д. 1 #image(\"../../x\") $$",
        "= Заголовок\n- пункт",
    ])
    .unwrap();
    w.flush().unwrap();
    std::fs::write(
        ws.join("ledger.csv"),
        "account,kind,period,date,amount\n9001,charge,2026-01,,15000.00\n",
    )
    .unwrap();
    let zip = ws.join("out.zip");
    let out = generate(&ws, &["--docs", "court-order"], &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = unzip(&zip);
    let app = files
        .iter()
        .find(|(k, _)| k.contains("01 Заявление о вынесении судебного приказа"))
        .unwrap();
    let page = pdf_text(app.1, &ws);
    assert!(page.contains(HOSTILE), "{page}");
    assert!(
        page.contains("ул. Солнцева, д. 1 #image(\"../../x\") $$"),
        "{page}"
    );
    assert!(page.contains("место работы: = Заголовок - пункт"), "{page}");
    assert!(!page.contains("root:"), "a file was read");
}

#[test]
fn an_unwritable_destination_leaves_nothing_and_fails_clearly() {
    let dir = scratch("ro");
    let out_path = dir.join("missing-folder").join("x.zip");
    let out = generate(Path::new("samples/ruza"), &["--account", "1001"], &out_path);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("cannot create"),
        "{}",
        text(&out.stderr)
    );
    assert!(!out_path.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn a_workspace_template_overrides_the_built_in_one() {
    let ws = scratch("override");
    for f in ["vzysk.toml", "accounts.csv", "ledger.csv", "shpi.txt"] {
        std::fs::copy(Path::new("samples/ruza").join(f), ws.join(f)).unwrap();
    }
    std::fs::create_dir(ws.join("templates")).unwrap();
    std::fs::write(
        ws.join("templates/court-order.typ.j2"),
        "{% set title = \"T\" %}{% include \"_style.typ.j2\" %}\nСВОЙ ШАБЛОН {{ court.name }} — #d.account\n",
    )
    .unwrap();
    let zip = ws.join("o.zip");
    let out = generate(&ws, &["--docs", "court-order", "--account", "1001"], &zip);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files = unzip(&zip);
    let app = files
        .iter()
        .find(|(k, _)| k.contains("1001_") && k.contains("Заявление"))
        .unwrap();
    let page = pdf_text(app.1, &ws);
    assert!(
        page.contains("СВОЙ ШАБЛОН Мировому судье судебного участка № 165"),
        "{page}"
    );
    assert!(page.contains("— 1001"));

    // A template that tries to read a file, or to include one outside its folder, is refused.
    std::fs::write(
        ws.join("templates/court-order.typ.j2"),
        "#read(\"/etc/passwd\")\n",
    )
    .unwrap();
    let out = generate(&ws, &["--docs", "court-order", "--account", "1001"], &zip);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let csv = String::from_utf8(unzip(&zip)["errors.csv"].clone()).unwrap();
    assert!(
        csv.contains("access denied") || csv.contains("failed to load file"),
        "{csv}"
    );
    std::fs::write(
        ws.join("templates/court-order.typ.j2"),
        "{% include \"../../../etc/passwd\" %}\n",
    )
    .unwrap();
    let out = generate(&ws, &["--docs", "court-order", "--account", "1001"], &zip);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("nothing written") && err.contains("template not found"),
        "{err}"
    );
}
