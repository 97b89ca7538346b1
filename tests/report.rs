//! `vzysk report` on the sample: its figures reconcile with `calc` (the portfolio total is the sum
//! of every account's, and the stages, courts and ages each add up to it), the CSV carries the same
//! figures as the JSON, and the PDF prints them (read back with `pdftotext`).

mod common;
use common::{pdf_text, sample_json, scratch, text, vzysk};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("an amount: {v}"))
        .parse()
        .unwrap()
}

/// `1 234,56` as the PDF prints an amount.
fn printed(v: &Value) -> String {
    let text = dec(v).round_dp(2).to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, whole) = whole.strip_prefix('-').map_or(("", whole), |w| ("-", w));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac:0<2}")
}

fn sum(list: &Value, key: &str) -> Decimal {
    list.as_array().unwrap().iter().map(|x| dec(&x[key])).sum()
}

#[test]
fn the_report_reconciles_with_calc() {
    let report = sample_json("report", &[]);
    let calc = sample_json("calc", &[]);
    let accounts = calc["accounts"].as_array().unwrap();
    let calc_total: Decimal = accounts.iter().map(|a| dec(&a["total"])).sum();
    let calc_principal: Decimal = accounts.iter().map(|a| dec(&a["principal"])).sum();
    let calc_penalty: Decimal = accounts.iter().map(|a| dec(&a["penalty"])).sum();
    let total = &report["total"];
    assert_eq!(total["accounts"], accounts.len());
    assert_eq!(dec(&total["total"]), calc_total);
    assert_eq!(dec(&total["principal"]), calc_principal);
    assert_eq!(dec(&total["penalty"]), calc_penalty);
    assert_eq!(
        dec(&total["principal"]) + dec(&total["penalty"]),
        calc_total
    );
    for list in ["stages", "courts"] {
        assert_eq!(sum(&report[list], "total"), calc_total, "{list}");
        assert_eq!(sum(&report[list], "principal"), calc_principal, "{list}");
        let n: u64 = report[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["accounts"].as_u64().unwrap())
            .sum();
        assert_eq!(n as usize, accounts.len(), "{list}");
    }
    assert_eq!(sum(&report["ages"], "debt"), calc_principal);
    assert_eq!(
        sum(&report["ages"], "previous"),
        dec(&report["previous_total"]["principal"])
    );
    // A month earlier is calc's own figure on that date.
    let before = common::vzysk(&[
        "calc",
        "samples/ruza",
        "--as-of",
        "2026-10-27",
        "--format",
        "json",
    ]);
    let before: Value = serde_json::from_slice(&before.stdout).unwrap();
    let before_total: Decimal = before["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| dec(&a["total"]))
        .sum();
    assert_eq!(dec(&report["previous_total"]["total"]), before_total);
    assert_eq!(dec(&report["change"]["total"]), calc_total - before_total);
    // The stages are plan's, account by account.
    let plan = sample_json("plan", &[]);
    let mut by_stage: BTreeMap<String, u64> = BTreeMap::new();
    for a in plan["accounts"].as_array().unwrap() {
        *by_stage
            .entry(a["stage"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let reported: BTreeMap<String, u64> = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap().to_string(),
                s["accounts"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(reported, by_stage);
    // The journal's filings and their duty (`duty=` of order_filed and claim_filed).
    let journal = std::fs::read_to_string("samples/ruza/events.csv").unwrap();
    let filed: Vec<&str> = journal
        .lines()
        .filter(|l| l.contains(",order_filed,") || l.contains(",claim_filed,"))
        .collect();
    assert_eq!(report["duty"]["filings"], filed.len());
    let spent: Decimal = filed
        .iter()
        .filter_map(|l| l.split("duty=").nth(1))
        .map(|d| {
            d.split([';', '"', ','])
                .next()
                .unwrap()
                .trim()
                .parse::<Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(dec(&report["duty"]["spent"]), spent);
}

#[test]
fn the_csv_has_the_jsons_figures() {
    let report = sample_json("report", &[]);
    let out = vzysk(&[
        "report",
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["section", "key", "label", "measure", "value"]
    );
    let cells: BTreeMap<(String, String, String), String> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            ((rec[0].into(), rec[1].into(), rec[3].into()), rec[4].into())
        })
        .collect();
    let cell = |s: &str, k: &str, m: &str| -> &str {
        cells
            .get(&(s.into(), k.into(), m.into()))
            .unwrap_or_else(|| panic!("no {s}/{k}/{m} in the CSV"))
    };
    for m in ["principal", "overdue", "penalty", "total"] {
        assert_eq!(cell("portfolio", "now", m), report["total"][m]);
        assert_eq!(
            cell("portfolio", "previous", m),
            report["previous_total"][m]
        );
    }
    assert_eq!(
        cell("portfolio", "now", "accounts"),
        report["total"]["accounts"].to_string()
    );
    for (list, key, measures) in [
        (
            "stages",
            "stage",
            &["accounts", "principal", "penalty", "total"][..],
        ),
        ("courts", "court", &["accounts", "total"][..]),
        ("ages", "age", &["debt", "previous", "change"][..]),
        ("trend", "month", &["charged", "paid"][..]),
    ] {
        for x in report[list].as_array().unwrap() {
            for m in measures {
                let want = match &x[*m] {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                assert_eq!(cell(list, x[key].as_str().unwrap(), m), want, "{list}/{m}");
            }
        }
    }
    for e in report["effect"].as_array().unwrap() {
        let step = e["step"].as_str().unwrap();
        assert_eq!(cell("effect", step, "taken"), e["taken"].to_string());
        for w in e["windows"].as_array().unwrap() {
            let key = format!("{step}/{}", w["days"]);
            assert_eq!(cell("effect", &key, "counted"), w["counted"].to_string());
            assert_eq!(cell("effect", &key, "full"), w["full"].to_string());
        }
    }
    for m in ["spent", "awarded", "recovered"] {
        assert_eq!(cell("duty", "all", m), report["duty"][m]);
    }
}

#[test]
fn the_pdf_prints_the_figures() {
    let dir = scratch("report-pdf");
    let out = dir.join("report.pdf");
    let run = vzysk(&[
        "report",
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let pdf = std::fs::read(&out).unwrap();
    let page = pdf_text(&pdf, &dir);
    // The PDF is Russian whatever the language: its figures against the JSON's Russian labels.
    let report = sample_json("report", &["--lang", "ru"]);
    let total = &report["total"];
    assert!(
        page.starts_with("Отчёт о работе с задолженностью"),
        "{page}"
    );
    assert!(page.contains("по состоянию на 27.11.2026"), "{page}");
    assert!(
        page.contains(&format!(
            "Всего задолженность, руб. {} {}",
            printed(&total["total"]),
            printed(&report["previous_total"]["total"])
        )),
        "{page}"
    );
    // Each stage's line: its words, accounts, principal, penalty and total; then the sum.
    for s in report["stages"].as_array().unwrap() {
        let line = format!(
            "{} {} {} {} {}",
            s["label"].as_str().unwrap(),
            s["accounts"],
            printed(&s["principal"]),
            printed(&s["penalty"]),
            printed(&s["total"])
        );
        assert!(page.contains(&line), "{line} not in {page}");
    }
    assert!(page.contains(&format!(
        "Итого {} {} {} {}",
        total["accounts"],
        printed(&total["principal"]),
        printed(&total["penalty"]),
        printed(&total["total"])
    )));
    for a in report["ages"].as_array().unwrap() {
        let line = format!(
            "{} {} {}",
            a["label"].as_str().unwrap(),
            printed(&a["debt"]),
            printed(&a["previous"])
        );
        assert!(page.contains(&line), "{line} not in {page}");
    }
    assert!(page.contains(&format!(
        "Уплачена по {} заявлениям {}",
        report["duty"]["filings"],
        printed(&report["duty"]["spent"])
    )));
    // A PDF needs a file; CSV and JSON go to standard output.
    let refused = vzysk(&["report", "samples/ruza", "--as-of", "2026-11-27"]);
    assert_eq!(refused.status.code(), Some(2));
    // Never over an input.
    let over = vzysk(&[
        "report",
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "-o",
        "samples/ruza/ledger.csv",
    ]);
    assert_eq!(over.status.code(), Some(1), "{}", text(&over.stderr));
    let _ = std::fs::remove_dir_all(dir);
}
