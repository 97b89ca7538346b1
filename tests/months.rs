//! Month after month on a copy of the sample, as a department lives it: generate, record the archive
//! as sent, record the post's tracking and the court's outcomes, generate again. Across the months
//! no ШПИ, outgoing number or payment-order number (within its year) is given twice, no filing is
//! made twice, two archives made before either is recorded share no number, a step the journal
//! shows taken after the run's day is not made again, and what contradicts the case's history is
//! refused with the journal left as it was.

mod common;

use common::{copy_sample, scratch, text, unzip, vzysk};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Row = BTreeMap<String, String>;

/// The rows of an archive's `events.csv` (`;`-separated, as generate writes it).
fn journal_of(zip: &Path) -> Vec<Row> {
    let files = unzip(zip);
    // An archive that starts no step has no journal.
    let Some(bytes) = files.get("events.csv") else {
        return Vec::new();
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[..]);
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            header
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn detail<'a>(row: &'a Row, key: &str) -> Option<&'a str> {
    row["details"]
        .split(';')
        .find_map(|p| p.strip_prefix(&format!("{key}=")))
}

/// The numbers an archive gave: its ШПИ, outgoing numbers, and payment orders with their year.
fn numbers(rows: &[Row], year: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let shpi = rows
        .iter()
        .filter_map(|r| detail(r, "rpo"))
        .map(str::to_string)
        .collect();
    let letters = rows
        .iter()
        .filter(|r| matches!(r["event"].as_str(), "notice_sent" | "warning_sent"))
        .map(|r| r["reference"].clone())
        .chain(
            rows.iter()
                .filter_map(|r| detail(r, "letter").map(str::to_string)),
        )
        .collect();
    let payments = rows
        .iter()
        .filter_map(|r| detail(r, "po"))
        .map(|n| format!("{year}/{n}"))
        .collect();
    (shpi, letters, payments)
}

fn generate(ws: &Path, as_of: &str, extra: &[&str], out: &Path) {
    let mut args = vec!["generate", ws.to_str().unwrap(), "--as-of", as_of];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let o = vzysk(&args);
    assert_eq!(o.status.code(), Some(0), "{as_of}: {}", text(&o.stderr));
}

/// `record WS SOURCE [extra…]` as if on 2027-01-31: the months this file lives may not have come yet.
fn record(ws: &Path, source: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["record", ws.to_str().unwrap(), source.to_str().unwrap()];
    args.extend_from_slice(extra);
    common::vzysk_on("2027-01-31", &args)
}

/// Every value of `all` once; else the ones repeated.
fn repeated(all: &[String]) -> Vec<&String> {
    let mut seen = BTreeSet::new();
    all.iter().filter(|v| !seen.insert(*v)).collect()
}

#[test]
fn three_months_repeat_no_number_and_no_filing() {
    let dir = scratch("months");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let (mut shpi, mut letters, mut payments) = (Vec::new(), Vec::new(), Vec::new());
    let mut filings = Vec::new();
    let mut take = |zip: &Path, year: &str| {
        let rows = journal_of(zip);
        let (s, l, p) = numbers(&rows, year);
        shpi.extend(s);
        letters.extend(l);
        payments.extend(p);
        for r in rows
            .iter()
            .filter(|r| matches!(r["event"].as_str(), "order_filed" | "claim_filed"))
        {
            filings.push(format!(
                "{} {} {} {}",
                r["account"],
                detail(r, "debtor").unwrap_or(""),
                r["event"],
                detail(r, "period").unwrap_or("")
            ));
        }
    };

    // November: every step due, sent on 30.11; the post's tracking in December.
    let nov = dir.join("nov.zip");
    generate(&ws, "2026-11-27", &[], &nov);
    take(&nov, "2026");
    let o = record(&ws, &nov, &["--date", "2026-11-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let tracking = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ruza-december/tracking.csv");
    let o = record(&ws, &tracking, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    // Two December archives made before either is recorded (warnings, then notices): no number
    // shared; the first made again is byte for byte the same archive.
    let (dec_a, dec_b, dec_a2) = (
        dir.join("dec-a.zip"),
        dir.join("dec-b.zip"),
        dir.join("dec-a2.zip"),
    );
    generate(&ws, "2026-12-28", &["--docs", "warning"], &dec_a);
    generate(&ws, "2026-12-28", &["--docs", "notice,warning"], &dec_b);
    generate(&ws, "2026-12-28", &["--docs", "warning"], &dec_a2);
    assert_eq!(
        std::fs::read(&dec_a).unwrap(),
        std::fs::read(&dec_a2).unwrap(),
        "the same run made again"
    );
    let (a, b) = (
        numbers(&journal_of(&dec_a), "2026"),
        numbers(&journal_of(&dec_b), "2026"),
    );
    assert!(!a.0.is_empty() && !b.0.is_empty(), "{a:?} {b:?}");
    for s in &a.0 {
        assert!(!b.0.contains(s), "ШПИ {s} in both unrecorded archives");
    }
    for l in &a.1 {
        assert!(!b.1.contains(l), "{l} in both unrecorded archives");
    }
    // The court answers in December; the warnings archive is sent, the other thrown away.
    let outcomes = dir.join("outcomes.csv");
    std::fs::write(
        &outcomes,
        "account,date,event,reference,details\n\
         1006,2026-12-10,order_issued,2-1301/2026,court=s165\n\
         1017,2026-12-11,order_issued,2-1333/2026,court=s166\n",
    )
    .unwrap();
    let o = record(&ws, &outcomes, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    take(&dec_a, "2026");
    let o = record(&ws, &dec_a, &["--date", "2026-12-29"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let dec = dir.join("dec.zip");
    generate(&ws, "2026-12-28", &[], &dec);
    take(&dec, "2026");
    let o = record(&ws, &dec, &["--date", "2026-12-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    // January: a new year of payment orders.
    let jan = dir.join("jan.zip");
    generate(&ws, "2027-01-28", &[], &jan);
    take(&jan, "2027");

    for (what, all) in [
        ("ШПИ", &shpi),
        ("outgoing number", &letters),
        ("payment order", &payments),
    ] {
        assert!(
            repeated(all).is_empty(),
            "{what} repeated: {:?}",
            repeated(all)
        );
    }
    assert!(shpi.len() >= 8 && letters.len() >= 12 && payments.len() >= 9);
    assert!(
        repeated(&filings).is_empty(),
        "a filing made twice: {:?}",
        repeated(&filings)
    );
    // The January payment orders start the year's sequence again.
    let jan_po: Vec<&String> = payments.iter().filter(|p| p.starts_with("2027/")).collect();
    assert!(
        jan_po.is_empty() || jan_po.iter().any(|p| *p == "2027/1"),
        "{jan_po:?}"
    );
}

/// A filing recorded as sent after the run's day is not made again by a run of that day.
#[test]
fn a_step_taken_after_the_runs_day_is_not_made_again() {
    let dir = scratch("months-later");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let first = dir.join("first.zip");
    generate(&ws, "2026-11-27", &["--docs", "court-order"], &first);
    let made: BTreeSet<String> = journal_of(&first)
        .iter()
        .map(|r| r["account"].clone())
        .collect();
    assert!(made.len() >= 5, "{made:?}");
    let o = record(&ws, &first, &["--date", "2026-11-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let again = dir.join("again.zip");
    generate(&ws, "2026-11-27", &["--docs", "court-order"], &again);
    assert!(journal_of(&again).is_empty(), "{:?}", journal_of(&again));
    let errors = text(&unzip(&again)["errors.csv"]);
    for account in &made {
        assert!(
            errors.lines().any(|l| l.starts_with(&format!("{account},"))
                && l.contains("order_filed on 30.11.2026, after the as-of date 27.11.2026")),
            "{account}: {errors}"
        );
    }
}

fn plan_json(ws: &Path, as_of: &str) -> (serde_json::Value, String) {
    let o = vzysk(&[
        "plan",
        ws.to_str().unwrap(),
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    (serde_json::from_slice(&o.stdout).unwrap(), text(&o.stderr))
}

fn account<'a>(plan: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    plan["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == id)
        .unwrap()
}

/// What is due is never left to memory: the last day to file before a month is lost to limitation
/// (1004's September 2023 ends on 28.11.2026, the example of the issue), the objection term of an
/// issued order, the writ's term; an order issued and not enforced stays in view after a new
/// application is filed (1003); a warning delivered two years ago no longer supports a
/// restriction; a ledger that was not exported again is said by every command.
#[test]
fn deadlines_are_computed_and_nothing_due_is_forgotten() {
    let dir = scratch("months-deadlines");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let (plan, _) = plan_json(&ws, "2026-11-27");
    let limitation = &account(&plan, "1004")["deadlines"][0];
    assert_eq!(limitation["what"], "limitation");
    assert_eq!(limitation["date"], "2026-11-28");
    assert_eq!(limitation["urgent"], true);
    assert_eq!(
        limitation["text"],
        "file by 28.11.2026, or the limitation period for 2023-09 runs out"
    );
    assert_eq!(account(&plan, "1004")["deadline"], "2026-11-28");
    let objection = account(&plan, "1003")["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["what"] == "objection")
        .unwrap()
        .clone();
    assert_eq!(objection["date"], "2026-11-30", "20.11.2026 + 10 days");
    let writ = account(&plan, "1008")["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["what"] == "writ_term")
        .unwrap()
        .clone();
    assert_eq!(writ["date"], "2028-07-24");
    // The table shows what is urgent under its account, in Russian as a clerk reads it.
    let o = vzysk(&[
        "plan",
        ws.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
        "--lang",
        "ru",
    ]);
    assert!(
        text(&o.stdout).contains(
            "! подать до 28.11.2026 — иначе истекает срок исковой давности за сентябрь 2023"
        ),
        "{}",
        text(&o.stdout)
    );

    // 1003's application for its later months is recorded: order 2-1187/2026 is still to enforce.
    let filed = dir.join("filed.csv");
    std::fs::write(
        &filed,
        "account,date,event,reference,details\n1003,2026-11-30,order_filed,,court=s165;duty=2000.00;period=2026-07..2026-10\n",
    )
    .unwrap();
    let o = record(&ws, &filed, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let (plan, stale) = plan_json(&ws, "2026-12-28");
    let p1003 = account(&plan, "1003");
    let reason = p1003["reason"].as_str().unwrap();
    assert!(
        reason.contains("order 2-1187/2026 issued 20.11.2026 is not yet enforced")
            && reason.contains("the application filed 30.11.2026 waits for the court"),
        "{reason}"
    );
    assert_eq!(p1003["earliest"], "2026-12-28");
    // The ledger ends in October 2026: as of 28.12.2026, November's charges are missing.
    assert!(
        stale.contains("the ledger's last charged month is 2026-10, older than 2026-11 (the month before the as-of date 28.12.2026)"),
        "{stale}"
    );
    let (_, fresh) = plan_json(&ws, "2026-11-27");
    assert!(!fresh.contains("last charged month"), "{fresh}");

    // A warning delivered on 25.11.2024 supports no restriction in November 2026: a new warning.
    let old = dir.join("old");
    copy_sample(&old, |name, t| match name {
        "events.csv" => t
            .replace(
                "1014,2026-10-05,warning_sent",
                "1014,2024-11-11,warning_sent",
            )
            .replace(
                "1014,2026-10-20,warning_delivered",
                "1014,2024-11-25,warning_delivered",
            ),
        _ => t,
    });
    let (plan, _) = plan_json(&old, "2026-11-27");
    let p1014 = account(&plan, "1014");
    assert_eq!(p1014["next"], "warning", "{p1014}");
    assert!(
        p1014["reason"]
            .as_str()
            .unwrap()
            .contains("warning delivered 25.11.2024 is older than 90 days"),
        "{p1014}"
    );
    let (plan, _) = plan_json(&ws, "2026-11-27");
    assert_eq!(account(&plan, "1014")["next"], "restriction");
}
