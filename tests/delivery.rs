//! What leaves the building (`law/formats.md`): byte-identical archives, PDF/A-2b checked by an
//! independent validator (veraPDF, through `tests/pdfa/validate.sh`), registries that add up, Form 103
//! lists within the post office's limit, the same layout in a folder, and nothing left at the
//! destination when the process is killed midway.

mod common;
use common::{generate, pdf_text, scratch, text, unzip};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

struct Run {
    zip: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
    manifest: Value,
    dir: PathBuf,
}

fn all() -> &'static Run {
    static ALL: OnceLock<Run> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = scratch("delivery-all");
        let zip = dir.join("a.zip");
        let out = generate(Path::new("samples/ruza"), &["--docs", "all"], &zip);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let files = unzip(&zip);
        let manifest = serde_json::from_slice(&files["manifest.json"]).unwrap();
        Run {
            zip,
            files,
            manifest,
            dir,
        }
    })
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn two_runs_give_identical_bytes() {
    let a = all();
    let b = a.dir.join("b.zip");
    assert!(
        generate(Path::new("samples/ruza"), &["--docs", "all"], &b)
            .status
            .success()
    );
    assert_eq!(
        std::fs::read(&a.zip).unwrap(),
        std::fs::read(&b).unwrap(),
        "cmp a.zip b.zip"
    );
}

#[test]
fn every_pdf_is_pdf_a_2b_by_verapdf_and_passes_qpdf() {
    let a = all();
    let dir = a.dir.join("unpacked");
    let mut pdfs = 0;
    for (name, bytes) in a.files.iter().filter(|(k, _)| k.ends_with(".pdf")) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        let q = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf is installed");
        assert!(q.status.success(), "{name}: {}", text(&q.stdout));
        pdfs += 1;
    }
    let out = Command::new("bash")
        .env("VZYSK_LANG", "en")
        .arg("tests/pdfa/validate.sh")
        .arg(&dir)
        .output()
        .expect("bash runs");
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}\n{}", text(&out.stderr));
    assert!(
        report.contains(&format!("{pdfs} PDFs, {pdfs} passed, 0 failed")),
        "{report}"
    );
}

#[test]
fn the_manifest_hashes_match_and_every_pdf_has_a_signature_slot() {
    let a = all();
    for f in a.manifest["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            vzysk::archive::sha256_hex(&a.files[path]),
            "{path}"
        );
        if path.ends_with(".pdf") {
            assert_eq!(f["signature"].as_str().unwrap(), format!("{path}.sig"));
            assert!(a.files[path].len() < 30 * 1024 * 1024);
        }
    }
    assert_eq!(
        a.manifest["files"].as_array().unwrap().len(),
        a.files.len() - 2
    );
}

#[test]
fn court_registries_add_up_to_their_filings() {
    let a = all();
    let files = a.manifest["files"].as_array().unwrap();
    let registries: Vec<&String> = a
        .files
        .keys()
        .filter(|k| k.ends_with("/Реестр заявлений.csv"))
        .collect();
    assert_eq!(registries.len(), 4, "{registries:?}");
    for reg in registries {
        let court = reg.split('/').nth(1).unwrap();
        let filings: Vec<&Value> = files
            .iter()
            .filter(|f| {
                f["recipient"] == court
                    && (f["document"] == "application" || f["document"] == "statement")
            })
            .collect();
        let mut rows = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&a.files[reg][..]);
        let total = rows
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "total")
            .unwrap();
        let totals: Vec<Decimal> = rows
            .records()
            .map(|r| r.unwrap()[total].parse::<Decimal>().unwrap())
            .collect();
        assert_eq!(totals.len(), filings.len(), "{court}");
        let sum: Decimal = filings.iter().map(|f| dec(&f["total"])).sum();
        assert_eq!(totals.iter().sum::<Decimal>(), sum, "{court}");
        // The PDF registry and the cover letter state the same total.
        let ru = |d: Decimal| {
            let s = format!("{d:.2}");
            let (w, f) = s.split_once('.').unwrap();
            let mut g = String::new();
            for (i, c) in w.chars().enumerate() {
                if i > 0 && (w.len() - i) % 3 == 0 {
                    g.push(' ');
                }
                g.push(c);
            }
            format!("{g},{f}")
        };
        let pdf = |needle: &str| {
            let (_, bytes) = a
                .files
                .iter()
                .find(|(k, _)| k.starts_with(&format!("courts/{court}/00 {needle}")))
                .unwrap();
            pdf_text(bytes, &a.dir)
        };
        assert!(
            pdf("Реестр").contains(&format!("Итого: {}", filings.len())),
            "{court}"
        );
        assert!(pdf("Реестр").contains(&ru(sum)), "{court}: {}", ru(sum));
        assert!(
            pdf("Сопроводительное").contains(&format!("на общую сумму {} руб.", ru(sum))),
            "{court}"
        );
    }
}

#[test]
fn enforcement_registries_list_every_paper_handed_over() {
    let a = all();
    let files = a.manifest["files"].as_array().unwrap();
    for (kind, csv_prefix) in [
        ("bank", "bank/Реестр исполнительных документов"),
        ("fssp", "fssp/osp-ruza/Реестр исполнительных документов"),
    ] {
        let papers = files
            .iter()
            .filter(|f| f["kind"] == kind && f["document"] == kind)
            .count();
        let (name, bytes) = a
            .files
            .iter()
            .find(|(k, _)| k.starts_with(csv_prefix) && k.ends_with(".csv"))
            .unwrap_or_else(|| panic!("{csv_prefix}"));
        let rows = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[..])
            .records()
            .count();
        assert!(
            papers > 0 && rows == papers,
            "{name}: {rows} rows for {papers} papers"
        );
    }
}

#[test]
fn form_103_lists_hold_at_most_35_items_and_every_registered_letter() {
    let a = all();
    let lists: Vec<(&String, &Vec<u8>)> = a
        .files
        .iter()
        .filter(|(k, _)| k.starts_with("mail/") && k.ends_with(".csv"))
        .collect();
    assert!(!lists.is_empty());
    let issued: Vec<String> = std::fs::read_to_string("samples/ruza/shpi.txt")
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let mut used: Vec<String> = Vec::new();
    let mut items = 0;
    for (name, bytes) in &lists {
        let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[..])
            .records()
            .map(Result::unwrap)
            .collect();
        assert!(
            !rows.is_empty() && rows.len() <= vzysk::docs::registries::FORM_103_MAX_ITEMS,
            "{name}: {}",
            rows.len()
        );
        // One kind of item a list, and the PDF's rows are the CSV's, in order.
        let pdf_name = name.trim_end_matches(".csv");
        let (_, pdf) = a
            .files
            .iter()
            .find(|(k, _)| k.starts_with(pdf_name) && k.ends_with(".pdf"))
            .unwrap_or_else(|| panic!("{pdf_name}"));
        let pdf = pdf_text(pdf, &a.dir);
        let mut at = 0;
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r[1].parse::<usize>().unwrap(), i + 1);
            assert!(
                r[4].len() == 6 && r[4].bytes().all(|b| b.is_ascii_digit()),
                "{name}: index {}",
                &r[4]
            );
            assert_eq!(&r[6], &rows[0][6], "{name}: one kind of item a list");
            assert!(
                [
                    "письмо заказное",
                    "письмо заказное с уведомлением о вручении",
                    "письмо ценное с описью вложения и уведомлением о вручении"
                ]
                .contains(&&r[6]),
                "{}",
                &r[6]
            );
            let claim = r[6].starts_with("письмо ценное");
            assert_eq!(&r[7], if claim { "1.00" } else { "" }, "declared value");
            let fee = match &r[6] {
                "письмо заказное" => "91.20",
                "письмо заказное с уведомлением о вручении" => {
                    "132.00"
                }
                _ => "219.60",
            };
            assert_eq!(&r[8], fee, "fee");
            if claim {
                assert!(
                    r[11].starts_with("Копии: исковое заявление ("),
                    "{}",
                    &r[11]
                );
                assert!(r[11].contains("выписка из лицевого счёта ("), "{}", &r[11]);
            }
            // Item by item, the PDF holds the CSV's addressee, its ШПИ and its mass, in order.
            for field in [&r[3], &r[10], &r[9]] {
                let found = pdf[at..]
                    .find(field)
                    .unwrap_or_else(|| panic!("{name}: row {} lacks «{field}» in the PDF", i + 1));
                if field == &r[3] {
                    at += found;
                }
            }
            used.push(r[10].to_string());
        }
        items += rows.len();
    }
    // Each ШПИ is one the post office issued, used once, in the order issued.
    assert_eq!(used, issued[..used.len()].to_vec());
    // Every registered letter is listed, or reported for its missing postal index.
    let files = a.manifest["files"].as_array().unwrap();
    let letters: usize = files
        .iter()
        .filter_map(|f| f["mail"].as_array())
        .map(Vec::len)
        .sum();
    let unaddressed = text(&a.files["errors.csv"])
        .lines()
        .filter(|l| l.contains(",mail,") && l.contains("no postal index"))
        .count();
    assert!(unaddressed > 0, "the sample has addresses without an index");
    assert_eq!(items + unaddressed, letters);
}

#[test]
fn out_dir_writes_the_same_layout_as_the_zip() {
    let a = all();
    let folder = a.dir.join("folder-out");
    let out = common::vzysk(&[
        "generate",
        "samples/ruza",
        "--trial",
        "--as-of",
        "2026-11-27",
        "--docs",
        "all",
        "--out-dir",
        folder.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for (name, bytes) in &a.files {
        assert_eq!(&std::fs::read(folder.join(name)).unwrap(), bytes, "{name}");
    }
    // An existing folder is never written into.
    let again = common::vzysk(&[
        "generate",
        "samples/ruza",
        "--trial",
        "--as-of",
        "2026-11-27",
        "--out-dir",
        folder.to_str().unwrap(),
    ]);
    assert_ne!(again.status.code(), Some(0));
    assert!(text(&again.stderr).contains("exists already"));
}

/// A workspace of the sample's accounts repeated `copies` times under new numbers.
fn big_workspace(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).unwrap();
    common::sample_config(dir);
    for file in ["accounts.csv", "ledger.csv"] {
        let src = std::fs::read_to_string(Path::new("samples/ruza").join(file)).unwrap();
        let mut lines = src.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        let rows: Vec<&str> = lines.collect();
        for k in 0..copies {
            for r in &rows {
                let (id, rest) = r.split_once(',').unwrap();
                out.push_str(&format!("{id}{k:03},{rest}\n"));
            }
        }
        std::fs::write(dir.join(file), out).unwrap();
    }
}

/// `vzysk generate WS --docs court-order -o OUT`, started and left running.
fn spawn_court_orders(ws: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env("VZYSK_LANG", "en")
        .args(["generate", ws.to_str().unwrap(), "--as-of", "2026-11-27"])
        .args(["--docs", "court-order", "-o"])
        .arg(out)
        .spawn()
        .unwrap()
}

#[test]
fn killing_the_process_midway_leaves_nothing_at_the_destination() {
    let root = scratch("kill");
    let ws = root.join("ws");
    big_workspace(&ws, 12);
    let dest = root.join("dest");
    std::fs::create_dir_all(&dest).unwrap();
    let out = dest.join("big.zip");
    // A real run, killed once it is busy rendering.
    let mut child = spawn_court_orders(&ws, &out);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before it could be killed: make the workspace bigger"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let left: Vec<_> = std::fs::read_dir(&dest)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left at the destination: {left:?}");
}

/// The renderer processes that `parent` started, by pid.
fn renderers_of(parent: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            ppid == Some(parent) && String::from_utf8_lossy(&cmdline).contains("render-worker")
        })
        .collect()
}

#[test]
fn a_renderer_killed_midway_is_replaced_and_the_archive_is_still_whole() {
    let root = scratch("renderer-kill");
    let ws = root.join("ws");
    big_workspace(&ws, 6);
    let reference = root.join("reference.zip");
    let out = generate(&ws, &["--docs", "court-order"], &reference);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let again = root.join("again.zip");
    let mut child = spawn_court_orders(&ws, &again);
    // Kill the first renderer as soon as it has had time to take work.
    let mut killed = None;
    for _ in 0..400 {
        if let Some(pid) = renderers_of(child.id()).first() {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let status = Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status()
                .unwrap();
            assert!(status.success());
            killed = Some(*pid);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(killed.is_some(), "no renderer process was seen");
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "the run failed after a renderer was killed"
    );
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&reference).unwrap(),
        "the archive differs from an undisturbed run"
    );
}
