//! Month after month: the archive says what it starts (`events.csv`), `vzysk record` appends it to
//! the workspace's journal, then the post's tracking results, and the next month's plan follows on
//! from them. Recording the same source twice changes nothing; what contradicts the journal is
//! refused.

mod common;
use common::{copy_sample, generate, scratch, text, unzip, vzysk};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The rows of a `;` or `,` separated events table, as maps of its columns.
fn rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let text = text(bytes);
    let delimiter = if text.lines().next().unwrap_or("").contains(';') {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// `record WS SOURCE [extra…]` as if on 2026-12-31: the months this file lives may not have come yet.
fn record(ws: &Path, source: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["record", ws.to_str().unwrap(), source.to_str().unwrap()];
    args.extend_from_slice(extra);
    common::vzysk_on("2026-12-31", &args)
}

/// `plan WS --as-of DATE --format json`: each account's next step.
fn next_steps(ws: &Path, as_of: &str) -> BTreeMap<String, String> {
    let out = vzysk(&[
        "plan",
        ws.to_str().unwrap(),
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    plan["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let f = |k: &str| a[k].as_str().unwrap_or("").to_string();
            (f("account"), f("next"))
        })
        .collect()
}

#[test]
fn two_months_close_the_loop() {
    let dir = scratch("journal-two-months");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let before = std::fs::read(ws.join("events.csv")).unwrap();

    // November: the archive says what it starts.
    let nov = dir.join("nov.zip");
    let out = generate(&ws, &[], &nov);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = unzip(&nov);
    let started = rows(&files["events.csv"]);
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert!(
        manifest.to_string().contains("\"events.csv\""),
        "the manifest lists events.csv"
    );
    let of = |kind: &str| -> Vec<&BTreeMap<String, String>> {
        started.iter().filter(|r| r["event"] == kind).collect()
    };
    let notices = of("notice_sent");
    let warnings = of("warning_sent");
    assert!(notices.len() >= 5, "{started:?}");
    assert!(!warnings.is_empty(), "{started:?}");
    for r in notices.iter().chain(&warnings) {
        assert_eq!(r["date"], "2026-11-27");
        assert!(r["reference"].starts_with("ЕРЦ-261127-"), "{r:?}");
        assert!(r["details"].contains("run=2026-11-27"), "{r:?}");
    }
    // The sample's ШПИ list numbers the letters: each warning carries its own.
    for w in &warnings {
        let rpo = w["details"].split(';').find_map(|p| p.strip_prefix("rpo="));
        assert!(rpo.is_some_and(|r| r.len() == 14), "{w:?}");
    }
    let filed = of("order_filed");
    assert!(!filed.is_empty(), "{started:?}");
    for f in &filed {
        for key in ["court=", "duty=", "period="] {
            assert!(f["details"].contains(key), "{f:?}");
        }
    }
    let bank = of("writ_sent_bank");
    assert_eq!(bank.len(), 1, "{started:?}");
    assert_eq!(bank[0]["account"], "1008");
    assert_eq!(bank[0]["reference"], "2-702/2025", "the writ's number");

    // Recorded as sent on 30.11.2026: every row, once.
    let out = record(&ws, &nov, &["--date", "2026-11-30"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("added {} event(s)", started.len())),
        "{err}"
    );
    assert_eq!(std::fs::read(ws.join("events.csv.bak")).unwrap(), before);
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    assert!(
        journal.starts_with(&before),
        "the old rows stay as they were"
    );
    let all = rows(&journal);
    assert_eq!(all.len(), rows(&before).len() + started.len());
    assert!(
        all.iter()
            .rev()
            .take(started.len())
            .all(|r| r["date"] == "2026-11-30")
    );
    let out = record(&ws, &nov, &["--date", "2026-11-30"]);
    assert!(
        text(&out.stderr).contains("added 0 event(s)"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(ws.join("events.csv")).unwrap(),
        journal,
        "nothing twice"
    );

    // The post delivers the warnings on 03.12.2026 (and reports a letter still on its way).
    let mut tracking = String::from("ШПИ;Операция;Дата операции\n");
    for w in &warnings {
        let rpo = w["details"]
            .split(';')
            .find_map(|p| p.strip_prefix("rpo="))
            .unwrap();
        tracking.push_str(&format!(
            "{rpo};Приём;28.11.2026 10:15\n{rpo};Вручение адресату;03.12.2026 12:40\n"
        ));
    }
    let track = dir.join("tracking.csv");
    std::fs::write(&track, &tracking).unwrap();
    let out = record(&ws, &track, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "added {} event(s) (warning_delivered {})",
            warnings.len(),
            warnings.len()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{} skipped", warnings.len())),
        "{err}"
    );
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let out = record(&ws, &track, &[]);
    assert!(text(&out.stderr).contains("added 0 event(s)"));
    assert_eq!(
        std::fs::read(ws.join("events.csv")).unwrap(),
        journal,
        "nothing twice"
    );

    // December: no notice again; a restriction where 20 days have passed since delivery.
    let steps = next_steps(&ws, "2026-12-28");
    for n in &notices {
        assert_ne!(steps[&n["account"]], "notice", "{n:?}: {steps:?}");
    }
    for w in &warnings {
        assert_eq!(steps[&w["account"]], "restriction", "{w:?}: {steps:?}");
    }
    let dec = dir.join("dec.zip");
    let mut args = vec!["generate", ws.to_str().unwrap(), "--as-of", "2026-12-28"];
    args.extend_from_slice(&["-o", dec.to_str().unwrap()]);
    let out = vzysk(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let december = rows(&unzip(&dec)["events.csv"]);
    assert!(
        december.iter().all(|r| r["event"] != "notice_sent"
            || !notices.iter().any(|n| n["account"] == r["account"])),
        "no notice repeated: {december:?}"
    );
}

#[test]
fn what_contradicts_the_journal_is_refused() {
    let dir = scratch("journal-refused");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let before = std::fs::read(ws.join("events.csv")).unwrap();
    let outcomes = dir.join("outcomes.csv");
    std::fs::write(
        &outcomes,
        "account,date,event,reference,details\n\
         1006,2026-12-10,order_issued,2-1301/2026,court=s165\n\
         1002,2026-12-10,order_issued,2-1302/2026,court=s165\n\
         9999,2026-12-10,order_filed,,court=s165\n\
         ,2026-12-12,order_cancelled,2-1187/2026,court=s165\n",
    )
    .unwrap();
    let out = record(&ws, &outcomes, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("outcomes.csv:3: error: order_issued on 10.12.2026 has nothing before it to follow: no order_filed on or before that day"),
        "{err}"
    );
    assert!(
        err.contains("outcomes.csv:4: error: account 9999 is not in accounts.csv"),
        "{err}"
    );
    assert!(
        err.contains("added 2 event(s) (order_issued 1, order_cancelled 1)"),
        "{err}"
    );
    let journal = rows(&std::fs::read(ws.join("events.csv")).unwrap());
    let last = &journal[journal.len() - 1];
    assert_eq!(last["account"], "1003", "the case number found the account");
    assert_eq!(last["event"], "order_cancelled");
    assert_eq!(std::fs::read(ws.join("events.csv.bak")).unwrap(), before);

    // A delivery of a letter the journal never sent.
    let track = dir.join("tracking.csv");
    std::fs::write(
        &track,
        "ШПИ,Операция,Дата\n14310099999999,Вручение адресату,2026-12-03\n",
    )
    .unwrap();
    let out = record(&ws, &track, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no letter with ШПИ 14310099999999 in the journal"),
        "{err}"
    );

    // The case's one history: each contradiction refused with the event it contradicts, and the
    // journal unchanged. Order 2-1187/2026 (account 1003) is cancelled above, on 12.12.2026.
    for (row, said) in [
        (
            "1003,2026-12-14,writ_issued,2-1187/2026,court=s165;case=2-1187/2026",
            "writ_issued on 14.12.2026: the order 2-1187/2026 was cancelled on 12.12.2026",
        ),
        (
            "1003,2026-12-14,order_refused,2-1187/2026,court=s165",
            "the court answered this application already — order_issued 2-1187/2026 on 20.11.2026",
        ),
        (
            // The writ of 2-201/2026 (account 1017) is with the bailiffs since 20.05.2026.
            "1017,2026-12-01,writ_sent_bank,2-201/2026,bank=ПАО Сбербанк",
            "the original of the writ 2-201/2026 is with the bailiffs since 20.05.2026",
        ),
        (
            "1008,2026-12-01,writ_returned,2-702/2025,by=bank",
            "the writ 2-702/2025 is not presented anywhere",
        ),
    ] {
        let before = std::fs::read(ws.join("events.csv")).unwrap();
        let file = dir.join("contradiction.csv");
        std::fs::write(
            &file,
            format!("account,date,event,reference,details\n{row}\n"),
        )
        .unwrap();
        let out = record(&ws, &file, &[]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{row}: {err}");
        assert!(err.contains(said), "{row}: {err}");
        assert_eq!(
            std::fs::read(ws.join("events.csv")).unwrap(),
            before,
            "{row}"
        );
    }
    // A journal edited by hand into a contradiction: `check` names the line and the line it
    // contradicts, and refuses the account.
    let mut journal = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    let lines = journal.lines().count();
    journal.push_str("1017,2026-12-01,writ_sent_bank,2-201/2026,bank=ПАО Сбербанк\n");
    std::fs::write(ws.join("events.csv"), journal).unwrap();
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-12-31"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "events.csv:{}:3: error: event: writ_sent_bank on 01.12.2026: the original of the writ 2-201/2026 is with the bailiffs since 20.05.2026 (line 25)",
            lines + 1
        )),
        "{err}"
    );
}

/// The sample's second month (`samples/ruza-december`): its journal is exactly what recording the
/// November archive (as sent on 30.11.2026) and the post's tracking file makes of `samples/ruza`.
#[test]
fn the_samples_december_journal_is_what_recording_makes() {
    let dir = scratch("journal-sample-december");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let nov = dir.join("nov.zip");
    let out = generate(&ws, &[], &nov);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = record(&ws, &nov, &["--date", "2026-11-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let tracking = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ruza-december/tracking.csv");
    let out = record(&ws, &tracking, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("added 1 event(s) (warning_delivered 1)"),
        "{err}"
    );
    assert!(
        err.contains("«Прибыло в место вручения» is neither a delivery nor a return"),
        "{err}"
    );
    let made = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ruza-december/events.csv"),
    )
    .unwrap();
    assert_eq!(made, sample);
    assert!(made.ends_with(
        "1001,2026-12-03,warning_delivered,ЕРЦ-261127-0001,channel=registered_mail;rpo=14310311000082;debtor=Иванов Пётр Сергеевич\n"
    ));
    let steps = next_steps(&ws, "2026-12-28");
    assert_eq!(steps["1001"], "restriction");
    let _ = std::fs::remove_dir_all(dir);
}

/// A workbook of one sheet «Отслеживание» holding `rows` as inline strings (as a tracking service
/// exports them), made by hand: the smallest XLSX a spreadsheet program opens.
fn workbook(rows: &[Vec<String>]) -> Vec<u8> {
    use std::io::Write;
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            sheet.push_str(&format!(
                r#"<c r="{col}{}" t="inlineStr"><is><t>{}</t></is></c>"#,
                r + 1,
                escape(cell)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Отслеживание" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The post's tracking results as a workbook are read like the CSV: the same journal.
#[test]
fn tracking_results_in_a_workbook_record_as_the_csv_does() {
    let dir = scratch("journal-tracking-xlsx");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let nov = dir.join("nov.zip");
    assert_eq!(generate(&ws, &[], &nov).status.code(), Some(0));
    assert_eq!(
        record(&ws, &nov, &["--date", "2026-11-30"]).status.code(),
        Some(0)
    );
    let csv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ruza-december/tracking.csv"),
    )
    .unwrap();
    let rows: Vec<Vec<String>> = csv
        .lines()
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect();
    let book = dir.join("Отслеживание.xlsx");
    std::fs::write(&book, workbook(&rows)).unwrap();
    let out = record(&ws, &book, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("added 1 event(s) (warning_delivered 1)"),
        "{err}"
    );
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ruza-december/events.csv"),
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(ws.join("events.csv")).unwrap(),
        sample
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Trust of the journal (the hostile round): an event recorded again with its details spaced
/// otherwise adds nothing, and a journal holding one twice counts it once and says so; dates from
/// nowhere are refused; the journal's lock is in the workspace, so a run with another `$TMPDIR`
/// waits for it too.
#[test]
fn the_journal_is_recorded_by_meaning_within_dates_under_one_lock() {
    let dir = scratch("journal-trust");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let outcomes = |name: &str, details: &str| {
        let file = dir.join(name);
        std::fs::write(
            &file,
            format!("account,date,event,reference,details\n1006,2026-11-25,order_issued,2-1301/2026,{details}\n"),
        )
        .unwrap();
        file
    };
    let out = record(&ws, &outcomes("a.csv", "court=s165;mark=force"), &[]);
    assert!(
        text(&out.stderr).contains("added 1 event(s)"),
        "{}",
        text(&out.stderr)
    );
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    for (name, details) in [
        ("b.csv", "\"court=s165 ; mark=force\""),
        ("c.csv", "\"mark=force;court=s165;\""),
    ] {
        let out = record(&ws, &outcomes(name, details), &[]);
        let err = text(&out.stderr);
        assert!(
            err.contains("added 0 event(s)") && err.contains("1 already in the journal"),
            "{details}: {err}"
        );
        assert_eq!(
            std::fs::read(ws.join("events.csv")).unwrap(),
            journal,
            "{details}"
        );
    }
    // A row repeated by hand: said, and counted once.
    let mut text_ = String::from_utf8(journal.clone()).unwrap();
    let lines = text_.lines().count();
    text_.push_str("1006,2026-11-25,order_issued,2-1301/2026,mark=force; court=s165\n");
    std::fs::write(ws.join("events.csv"), &text_).unwrap();
    let o = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "events.csv:{}:3: warning: event: the same event as line {lines}: counted once",
            lines + 1
        )),
        "{err}"
    );
    std::fs::write(ws.join("events.csv"), &journal).unwrap();

    // Dates from nowhere: an archive of 27.11.2026 «sent» in 2001; a delivery in 2099.
    let nov = dir.join("nov.zip");
    let o = generate(&ws, &["--docs", "notice"], &nov);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = record(&ws, &nov, &["--date", "2001-01-01"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is dated 01.01.2001, before the run of 27.11.2026 that made its document"),
        "{err}"
    );
    assert!(err.contains("added 0 event(s)"), "{err}");
    let later = outcomes("later.csv", "court=s165");
    std::fs::write(
        &later,
        "account,date,event,reference,details\n1006,2099-01-01,order_issued,2-9/2099,court=s165\n",
    )
    .unwrap();
    let o = record(&ws, &later, &[]);
    let err = text(&o.stderr);
    assert!(err.contains("is dated 01.01.2099, after today"), "{err}");
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);

    // The journal's lock, held here, stops a run whatever its $TMPDIR.
    let lock =
        vzysk::archive::guard::Lock::at(&ws.join(".vzysk/journal.lock"), &ws.join("events.csv"))
            .unwrap();
    let other_tmp = dir.join("tmp");
    std::fs::create_dir_all(&other_tmp).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env("VZYSK_LANG", "en")
        .args(["record", ws.to_str().unwrap()])
        .arg(outcomes("d.csv", "court=s166"))
        .env("TMPDIR", &other_tmp)
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("another vzysk run is writing"), "{err}");
    drop(lock);
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
}

/// A journal `check` accepts is written in its own layout — columns in another order, TAB between
/// them, a title line above a `;` header — and `check` accepts it after; a value with no column to
/// go to refuses the recording instead of leaving a mixed file.
#[test]
fn the_journal_is_written_in_its_own_layout() {
    let dir = scratch("journal-layout");
    let source = dir.join("outcomes.csv");
    std::fs::write(
        &source,
        "account,date,event,reference,details\n1006,2026-11-25,order_issued,2-1301/2026,court=s165\n",
    )
    .unwrap();
    let sample = std::fs::read_to_string("samples/ruza/events.csv").unwrap();
    let rows: Vec<Vec<String>> = sample.lines().map(common::cells).collect();
    let reorder = |r: &Vec<String>| {
        vec![
            r[2].clone(),
            r[0].clone(),
            r[1].clone(),
            r[4].clone(),
            r[3].clone(),
        ]
    };
    let layouts: [(&str, String, &str); 3] = [
        (
            "reordered",
            rows.iter().map(|r| reorder(r).join(",") + "\n").collect(),
            "order_issued,1006,2026-11-25,court=s165,2-1301/2026\n",
        ),
        (
            "tabs",
            rows.iter().map(|r| r.join("\t") + "\n").collect(),
            "1006\t2026-11-25\torder_issued\t2-1301/2026\tcourt=s165\n",
        ),
        (
            "titled",
            format!(
                "Журнал событий по делам;;;;\n{}",
                rows.iter()
                    .map(|r| r
                        .iter()
                        .map(|c| if c.contains(';') {
                            format!("\"{c}\"")
                        } else {
                            c.clone()
                        })
                        .collect::<Vec<_>>()
                        .join(";")
                        + "\n")
                    .collect::<String>()
            ),
            "1006;2026-11-25;order_issued;2-1301/2026;court=s165\n",
        ),
    ];
    for (name, journal, added) in layouts {
        let ws = dir.join(name);
        copy_sample(&ws, |f, t| {
            if f == "events.csv" {
                journal.clone()
            } else {
                t
            }
        });
        let before = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
        assert_eq!(
            before.status.code(),
            Some(0),
            "{name}: {}",
            text(&before.stderr)
        );
        let out = record(&ws, &source, &[]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let written = std::fs::read_to_string(ws.join("events.csv")).unwrap();
        assert_eq!(written, format!("{journal}{added}"), "{name}");
        let after = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
        assert_eq!(
            after.status.code(),
            Some(0),
            "{name}: {}",
            text(&after.stderr)
        );
        assert!(
            text(&after.stderr).contains("33 events"),
            "{name}: {}",
            text(&after.stderr)
        );
    }
    // No `reference` column: an outgoing number to record is refused, the journal left as it was.
    let ws = dir.join("narrow");
    let narrow = "account,date,event,details\n1001,2025-09-05,notice_sent,\n".to_string();
    copy_sample(
        &ws,
        |f, t| if f == "events.csv" { narrow.clone() } else { t },
    );
    let source = dir.join("notice.csv");
    std::fs::write(
        &source,
        "account,date,event,reference,details\n1002,2026-11-20,notice_sent,ЕРЦ-7,channel=hand\n",
    )
    .unwrap();
    let out = record(&ws, &source, &[]);
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("events.csv has no column \"reference\" for «ЕРЦ-7»"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("events.csv")).unwrap(),
        narrow
    );
}

/// Links planted by an insider at the backup's or the temporary's name are removed, never
/// followed: the file they point at is untouched; the journal keeps its mode.
#[cfg(unix)]
#[test]
fn record_never_writes_through_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("journal-links");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, ws.join("events.csv.bak")).unwrap();
    std::fs::set_permissions(
        ws.join("events.csv"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let source = dir.join("notice.csv");
    std::fs::write(
        &source,
        "account,date,event,reference,details\n1002,2026-11-20,notice_sent,ЕРЦ-7,channel=hand\n",
    )
    .unwrap();
    let out = record(&ws, &source, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let bak = std::fs::symlink_metadata(ws.join("events.csv.bak")).unwrap();
    assert!(bak.file_type().is_file(), "the backup is a file of its own");
    let mode = std::fs::metadata(ws.join("events.csv"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640, "the journal keeps its mode");
}

/// An archive's journal within the budgets every input has: a folder whose `events.csv` is a pipe
/// is refused at once (never hangs), and a ZIP whose `events.csv` inflates past the budget is
/// refused whole (never cut at the budget with its last rows dropped).
#[cfg(unix)]
#[test]
fn an_archives_journal_is_read_within_its_budget() {
    let dir = scratch("journal-budget");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let folder = dir.join("archive");
    std::fs::create_dir_all(&folder).unwrap();
    let fifo = folder.join("events.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = record(&ws, &folder, &["--date", "2026-11-30"]);
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("is not a regular file"), "{err}");

    // 300 MB of one repeated row, a few hundred KB once deflated.
    let zip_path = dir.join("bomb.zip");
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("events.csv", options).unwrap();
        zip.write_all(b"account,date,event,reference,details\n")
            .unwrap();
        let row = b"1010,2026-11-27,notice_sent,X,run=2026-11-27\n".repeat(1 << 14);
        for _ in 0..(300 << 20) / row.len() {
            zip.write_all(&row).unwrap();
        }
        zip.finish().unwrap();
    }
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let out = record(&ws, &zip_path, &["--date", "2026-11-30"]);
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("inflates past"), "{err}");
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
}

/// An archive made from another workspace — another claimant, other debtors — is not recorded:
/// refused whole by its claimant's ИНН, and an event naming someone who is not the account's
/// debtor refused on its own.
#[test]
fn a_foreign_archive_is_not_recorded() {
    let dir = scratch("journal-foreign");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let other = dir.join("other");
    copy_sample(&other, |name, t| match name {
        "vzysk.toml" => t.replacen("inn = \"5075001233\"", "inn = \"7707083893\"", 1),
        "accounts.csv" => t.replace("Иванов Пётр Сергеевич", "Чужаков Пётр Сергеевич"),
        _ => t,
    });
    let theirs = dir.join("theirs.zip");
    let o = generate(&other, &["--docs", "warning", "--account", "1001"], &theirs);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let o = record(&ws, &theirs, &["--date", "2026-11-30"]);
    let err = text(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("the archive was made for the claimant with ИНН 7707083893; this workspace's claimant has ИНН 5075001233"),
        "{err}"
    );
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    // The same claimant, but an owner the account does not have.
    let rows = dir.join("rows.csv");
    std::fs::write(
        &rows,
        "account,date,event,reference,details\n1001,2026-11-30,warning_sent,ЕРЦ-9,channel=registered_mail;rpo=14310311000099;debtor=Чужаков Пётр Сергеевич\n",
    )
    .unwrap();
    let o = record(&ws, &rows, &[]);
    let err = text(&o.stderr);
    assert!(
        err.contains("Чужаков Пётр Сергеевич is not a debtor of account 1001"),
        "{err}"
    );
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
}

/// One letter, three tracking files (the hostile round): the first outcome recorded stands — a
/// second delivery of another day and a later return add nothing and say why; the post's dates with
/// a time or a two-digit year («3.12.2026 12:40», «01.12.26») are read as dates; a ZIP naming its
/// `events.csv` twice is refused whole.
#[test]
fn one_letter_one_outcome_whatever_the_tracking_files_say() {
    let dir = scratch("journal-one-outcome");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let nov = dir.join("nov.zip");
    assert_eq!(generate(&ws, &[], &nov).status.code(), Some(0));
    let files = unzip(&nov);
    assert_eq!(
        record(&ws, &nov, &["--date", "2026-11-30"]).status.code(),
        Some(0)
    );
    let warning = rows(&files["events.csv"])
        .into_iter()
        .find(|r| r["event"] == "warning_sent")
        .unwrap();
    let rpo = warning["details"]
        .split(';')
        .find_map(|p| p.strip_prefix("rpo="))
        .unwrap()
        .to_string();
    let track = |name: &str, operation: &str, attribute: &str, date: &str| {
        let path = dir.join(name);
        std::fs::write(
            &path,
            format!("ШПИ;Дата операции;Операция;Атрибут операции\n{rpo};{date};{operation};{attribute}\n"),
        )
        .unwrap();
        record(&ws, &path, &[])
    };
    let out = track("a.csv", "Вручение", "Вручение адресату", "3.12.2026 12:40");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("added 1 event(s) (warning_delivered 1)"),
        "{err}"
    );
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let last = rows(&journal).pop().unwrap();
    assert_eq!(
        (
            last["account"].as_str(),
            last["date"].as_str(),
            last["event"].as_str()
        ),
        (
            warning["account"].as_str(),
            "2026-12-03",
            "warning_delivered"
        )
    );
    for (name, operation, attribute, date) in [
        ("b.csv", "Вручение", "Вручение адресату", "01.12.26"),
        ("c.csv", "Возврат", "Истёк срок хранения", "20.12.2026"),
    ] {
        let out = track(name, operation, attribute, date);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(err.contains("added 0 event(s)"), "{err}");
        assert!(
            err.contains(&format!(
                "{rpo}: the journal holds this letter's outcome of 03.12.2026 already"
            )),
            "{err}"
        );
        assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    }

    // 1 500 letters the journal never sent: the first 1 000 refusals printed, the rest counted
    // (all of them with --all-messages); nothing written.
    let mut foreign = String::from("ШПИ;Дата операции;Операция\n");
    for i in 0..1500 {
        foreign.push_str(&format!("14399911{i:06};03.12.2026;Вручение адресату\n"));
    }
    let path = dir.join("foreign.csv");
    std::fs::write(&path, foreign).unwrap();
    let err = text(&record(&ws, &path, &[]).stderr);
    assert_eq!(
        err.matches("in the journal — record the archive").count(),
        1000,
        "{err}"
    );
    assert!(
        err.contains("and 500 more refusal(s) or skipped row(s) like these"),
        "{err}"
    );
    let err = text(&record(&ws, &path, &["--all-messages"]).stderr);
    assert_eq!(
        err.matches("in the journal — record the archive").count(),
        1500
    );
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);

    // A ZIP with two entries named events.csv: which one was meant is not guessed.
    let twice = dir.join("twice.zip");
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&twice).unwrap());
        let header = b"account,date,event,reference,details\n";
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("events.csv", options).unwrap();
        zip.write_all(header).unwrap();
        zip.start_file("eventz.csv", options).unwrap();
        zip.write_all(header).unwrap();
        zip.write_all(b"1001,2026-11-27,notice_sent,X-1,run=2026-11-27\n")
            .unwrap();
        zip.finish().unwrap();
    }
    // The writer refuses a second entry of one name, so the second is renamed in the bytes.
    let mut bytes = std::fs::read(&twice).unwrap();
    let at: Vec<usize> = (0..bytes.len() - 10)
        .filter(|&i| &bytes[i..i + 10] == b"eventz.csv")
        .collect();
    assert_eq!(at.len(), 2, "the local header and the central directory");
    for i in at {
        bytes[i..i + 10].copy_from_slice(b"events.csv");
    }
    std::fs::write(&twice, &bytes).unwrap();
    let out = record(&ws, &twice, &["--date", "2026-11-30"]);
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("the ZIP names a file twice"), "{err}");
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    let _ = std::fs::remove_dir_all(dir);
}

/// The workspace as it changes around the journal (the hostile round): an account closed in
/// billing keeps its history in the journal without stopping the runs; a court the journal names
/// must be one vzysk.toml holds (check says so; record refuses it); only letters need the ШПИ list;
/// no output replaces the journal's backup.
#[test]
fn the_journal_as_the_workspace_around_it_changes() {
    let dir = scratch("journal-around");
    let ws = dir.join("ws");
    let drop_1014 = |t: String| {
        t.lines()
            .filter(|l| !l.starts_with("1014,"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    copy_sample(&ws, |name, t| match name {
        "accounts.csv" | "ledger.csv" => drop_1014(t),
        _ => t,
    });
    std::fs::remove_file(ws.join("shpi.txt")).unwrap();
    let w = ws.to_str().unwrap();
    let o = vzysk(&["check", w, "--as-of", "2026-11-27"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("events.csv:19:1: warning: account: account \"1014\" is not in accounts.csv (closed in billing?)"),
        "{err}"
    );
    assert!(
        err.contains("shpi.txt: warning: there is no such file"),
        "{err}"
    );
    for command in ["calc", "plan", "report"] {
        let mut args = vec![command, w, "--as-of", "2026-11-27", "--format", "json"];
        if command == "calc" {
            args.truncate(4);
        }
        let o = vzysk(&args);
        assert_eq!(o.status.code(), Some(0), "{command}: {}", text(&o.stderr));
    }
    // Letters have no ШПИ without the list: said, never invented.
    let out = dir.join("letters.zip");
    let o = generate(&ws, &["--docs", "warning"], &out);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let errors = text(&unzip(&out)["errors.csv"]);
    assert!(
        errors.contains("[post] shpi_file gives no ШПИ not used before (the file missing or used up): 16 item(s) have no ШПИ"),
        "{errors}"
    );

    // A row naming a court vzysk.toml does not hold: refused by record, reported by check.
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let rows = dir.join("rows.csv");
    std::fs::write(
        &rows,
        "account,date,event,reference,details\n1010,2026-11-30,order_filed,,court=s999;duty=2000.00\n",
    )
    .unwrap();
    let o = record(&ws, &rows, &[]);
    let err = text(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("court=s999: no court with this id in vzysk.toml"),
        "{err}"
    );
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    let mut edited = journal.clone();
    edited.extend_from_slice(b"1010,2026-11-20,order_filed,,court=s999;duty=2000.00\n");
    std::fs::write(ws.join("events.csv"), &edited).unwrap();
    let o = vzysk(&["check", w, "--as-of", "2026-11-27"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("court=s999: no court with this id in vzysk.toml"),
        "{err}"
    );
    std::fs::write(ws.join("events.csv"), &journal).unwrap();

    // The backup is no output's place.
    std::fs::write(ws.join("events.csv.bak"), b"the only backup").unwrap();
    let bak = ws.join("events.csv.bak");
    let o = vzysk(&[
        "report",
        w,
        "--as-of",
        "2026-11-27",
        "-o",
        bak.to_str().unwrap(),
    ]);
    let err = text(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("is an input of this run"), "{err}");
    assert_eq!(std::fs::read(&bak).unwrap(), b"the only backup");
    let _ = std::fs::remove_dir_all(dir);
}

/// What a `record` killed midway leaves (the hostile round: a 4.7 MB temporary, and a 0-byte
/// `.bak` when killed while copying): the next `record` removes the leftovers under the lock, and
/// the backup it makes is the old journal whole (a link made under a temporary name, then renamed).
#[test]
fn a_killed_records_leftovers_are_removed_and_the_backup_is_whole() {
    let dir = scratch("journal-leftovers");
    let ws = dir.join("ws");
    copy_sample(&ws, |_, t| t);
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let tmp = ws.join(".events.csv.vzysk-tmp-4194301");
    let half = ws.join(".events.csv.bak.vzysk-tmp-4194301");
    std::fs::write(&tmp, &journal[..journal.len() / 2]).unwrap();
    std::fs::write(&half, b"").unwrap();
    let rows = dir.join("rows.csv");
    std::fs::write(
        &rows,
        "account,date,event,reference,details\n1010,2026-11-20,notice_sent,,channel=post\n",
    )
    .unwrap();
    let o = record(&ws, &rows, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(!tmp.exists() && !half.exists(), "the leftovers removed");
    assert_eq!(std::fs::read(ws.join("events.csv.bak")).unwrap(), journal);
    let after = std::fs::read(ws.join("events.csv")).unwrap();
    assert_eq!(&after[..journal.len()], &journal[..]);
    assert_eq!(
        &after[journal.len()..],
        b"1010,2026-11-20,notice_sent,,channel=post\n"
    );
    let left: Vec<String> = std::fs::read_dir(&ws)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("vzysk-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let _ = std::fs::remove_dir_all(dir);
}
