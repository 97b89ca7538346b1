//! The binary as a clerk runs it: `vzysk check` and `vzysk calc` on fixture workspaces and the sample.

mod common;
use common::{sample_json, scratch, text, vzysk};
use std::path::Path;

#[test]
fn check_reports_a_bad_date_a_bad_amount_an_unknown_account_and_a_broken_row_at_once() {
    let out = vzysk(&["check", "tests/fixtures/bad_ledger"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for line in [
        "ledger.csv:3:4: error: date: \"2026-02-31\" is not a date — write it as YYYY-MM-DD",
        "ledger.csv:4:5: error: amount: \"15O0.00\" is not a number — write it as 1234.56 or 1 234,56",
        "ledger.csv:5:1: error: account: account \"7003\" is not in accounts.csv — add the account",
        "ledger.csv:6: error: 6 cells, but the header has 5 — quote values",
    ] {
        assert!(err.contains(line), "missing «{line}» in:\n{err}");
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn check_reports_a_missing_amount_column_and_still_reads_the_rows() {
    let out = vzysk(&["check", "tests/fixtures/no_amount"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ledger.csv:1: error: required column \"amount\" is missing — add a column named \"amount\""), "{err}");
    assert!(
        err.contains("ledger.csv:1:5: warning: sum: unknown column \"sum\" is ignored"),
        "{err}"
    );
    assert!(
        err.contains("ledger.csv:4:1: error: account: account \"7009\" is not in accounts.csv"),
        "{err}"
    );
}

#[test]
fn calc_refuses_to_guess_when_a_required_column_is_missing() {
    let out = vzysk(&[
        "calc",
        "tests/fixtures/no_amount",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("cannot calculate"));
}

#[test]
fn an_error_outside_any_account_stops_calc() {
    let out = vzysk(&[
        "calc",
        "tests/fixtures/bad_ledger",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ]);
    // The row of unknown account 7003 may be a typo of a real account: nothing is calculated.
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("7003"));
}

#[test]
fn calc_refuses_only_the_accounts_with_bad_rows() {
    let dir = scratch("cli-refused");
    std::fs::copy(
        "tests/fixtures/bad_ledger/accounts.csv",
        dir.join("accounts.csv"),
    )
    .unwrap();
    std::fs::write(
        dir.join("ledger.csv"),
        "account,kind,period,date,amount\n7001,charge,2026-01,,1500.00\n7001,payment,,2026-02-31,500\n7002,charge,2026-01,,800.00\n",
    )
    .unwrap();
    let out = vzysk(&[
        "calc",
        dir.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(j["accounts"][0]["account"], "7002");
    assert_eq!(j["accounts"][0]["principal"], "800.00");
    assert_eq!(j["refused"][0]["account"], "7001");
    assert!(text(&out.stderr).contains("account 7001 refused"));
}

#[test]
fn check_passes_on_the_sample() {
    let out = vzysk(&["check", "samples/ruza"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("25 accounts (28 debtors)"));
}

#[test]
fn calc_json_follows_the_contract_on_the_sample() {
    let j = sample_json("calc", &[]);
    assert_eq!(j["as_of"], "2026-11-27");
    assert_eq!(j["conventions"]["rate_date"], "payment");
    let accounts = j["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 25);
    let two_decimals = |v: &serde_json::Value| {
        let s = v.as_str().unwrap_or_else(|| panic!("{v} is not a string"));
        let (_, frac) = s.split_once('.').unwrap();
        frac.len() == 2
    };
    for a in accounts {
        for key in ["principal", "penalty", "total"] {
            assert!(two_decimals(&a[key]), "{key} of {}", a["account"]);
        }
        let dec = |v: &serde_json::Value| {
            v.as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        };
        assert_eq!(dec(&a["total"]), dec(&a["principal"]) + dec(&a["penalty"]));
        // Periods in date order; rows in date order within a period; the penalty is the sum of the rows.
        let periods = a["periods"].as_array().unwrap();
        let months: Vec<&str> = periods
            .iter()
            .map(|p| p["period"].as_str().unwrap())
            .collect();
        assert!(months.windows(2).all(|w| w[0] < w[1]));
        let rows = a["penalty_rows"].as_array().unwrap();
        let row_sum: rust_decimal::Decimal = rows.iter().map(|r| dec(&r["amount"])).sum();
        assert_eq!(row_sum, dec(&a["penalty"]), "account {}", a["account"]);
        for p in periods {
            let mine: Vec<&serde_json::Value> =
                rows.iter().filter(|r| r["period"] == p["period"]).collect();
            assert!(
                mine.windows(2)
                    .all(|w| w[0]["from"].as_str() <= w[1]["from"].as_str())
            );
            for key in ["charged", "paid", "debt", "penalty"] {
                assert!(two_decimals(&p[key]));
            }
        }
        for r in rows {
            assert!(["1/300", "1/130"].contains(&r["fraction"].as_str().unwrap()));
            assert!(r["days"].as_i64().unwrap() > 0);
        }
        assert!(a["state_duty"]["claim"].is_string());
        assert!(a["warnings"].is_array());
    }
    let by_id = |id: &str| accounts.iter().find(|a| a["account"] == id).unwrap();
    // The debt above 500,000: no court order, so no court-order duty.
    assert!(by_id("1009")["state_duty"]["court_order"].is_null());
    assert_eq!(by_id("1009")["claim_court"], "district");
    // Overpayment is credit, not negative principal.
    assert_eq!(by_id("1012")["principal"], "0.00");
    assert_eq!(by_id("1012")["credit"], "8700.00");
    // Both moratoria zero rows of the debt since 2019.
    let rows = by_id("1004")["penalty_rows"].as_array().unwrap();
    for name in ["№ 424", "№ 497"] {
        assert!(
            rows.iter()
                .any(|r| r["note"].as_str().unwrap().contains(name) && r["amount"] == "0.00")
        );
    }
    // Time-barred months are kept and warned about.
    assert!(
        by_id("1004")["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("limitation period ended"))
    );
}

#[test]
fn calc_account_filter_and_formats() {
    let out = vzysk(&[
        "calc",
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "--format",
        "csv",
        "--account",
        "1001",
        "--account",
        "1009",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("account,full_name,periods,principal"));
    assert!(lines[1].starts_with("1001,Иванов Пётр Сергеевич,2022-01..2026-10,"));

    let out = vzysk(&[
        "calc",
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "--account",
        "1001",
    ]);
    let table = text(&out.stdout);
    assert!(table.lines().all(|l| l.chars().count() <= 100), "{table}");
    assert!(table.contains("Account 1001 — Иванов Пётр Сергеевич"));

    let out = vzysk(&[
        "calc",
        "samples/ruza",
        "--as-of",
        "2026-11-27",
        "--account",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--account nope: no such account"));
}

#[test]
fn a_bad_as_of_date_is_a_usage_error() {
    let out = vzysk(&["calc", "samples/ruza", "--as-of", "31.02.2026"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a date"));
    assert!(Path::new("samples/ruza/vzysk.toml").exists());
}
