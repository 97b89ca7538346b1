//! Nothing overwritten, nothing leaks in, nothing runs away: the situations a careless user, a
//! hostile file and an unlucky machine bring, each met with a clear refusal. The runs that could
//! take the machine down (a pipe, `/dev/zero`, a workbook bomb, a runaway template) run under a
//! memory limit and a timeout, so that a regression fails instead.

mod common;
use common::{copy_sample, scratch, text, unzip, vzysk};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AS_OF: &str = "2026-11-27";

/// The sample in a folder of its own, each file passed through `edit`.
fn sample(name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let dir = scratch(name).join("ws");
    copy_sample(&dir, edit);
    dir
}

fn as_is(_: &str, text: String) -> String {
    text
}

/// `vzysk ARGS…` under a memory limit (virtual memory, KB) and a timeout (s), from the repository.
fn bounded(args: &[&str], kb: u64, secs: u64) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "ulimit -v {kb}; exec timeout -s KILL {secs} '{}' {}",
        env!("CARGO_BIN_EXE_vzysk"),
        quoted.join(" ")
    );
    Command::new("bash")
        .env("VZYSK_LANG", "en")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn generate_to(ws: &Path, out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["generate", ws.to_str().unwrap(), "--as-of", AS_OF];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", out]);
    vzysk(&args)
}

/// Defect 1: the archive never replaces one of its own inputs.
#[test]
fn an_output_never_replaces_an_input() {
    let ws = sample("out-is-input", as_is);
    for input in ["ledger.csv", "vzysk.toml", "shpi.txt"] {
        let path = ws.join(input);
        let before = std::fs::read(&path).unwrap();
        let out = generate_to(&ws, path.to_str().unwrap(), &["--docs", "notice"]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("is an input of this run"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{input} was changed");
    }
    let out = generate_to(
        &ws,
        ws.join("templates/x.zip").to_str().unwrap(),
        &["--docs", "notice"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

/// Defect 3: a destination that is no regular file (a pipe here; a device the same) is refused.
#[test]
fn a_device_or_a_pipe_is_never_replaced() {
    let dir = scratch("out-fifo");
    let fifo = dir.join("x.zip");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = generate_to(
        Path::new("samples/ruza"),
        fifo.to_str().unwrap(),
        &["--docs", "notice"],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is not a regular file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let out = generate_to(
        Path::new("samples/ruza"),
        "/dev/null",
        &["--docs", "notice"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is not a regular file"));
}

/// A name too long for the file system is refused before anything is rendered.
#[test]
fn a_name_too_long_is_refused_at_once() {
    let dir = scratch("out-long");
    let out = dir.join(format!("{}.zip", "я".repeat(120)));
    let started = std::time::Instant::now();
    let run = generate_to(
        Path::new("samples/ruza"),
        out.to_str().unwrap(),
        &["--docs", "all"],
    );
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("give a shorter one"), "{err}");
    assert!(started.elapsed().as_secs() < 10);
}

/// Defect 2: a second run on the same destination is refused while the first runs, and the
/// first finishes whole.
#[test]
fn one_run_at_a_time_on_a_destination() {
    let root = scratch("two-runs");
    let ws = root.join("ws");
    copy_sample(&ws, as_is);
    // Twelve copies of the sample's accounts, so that the first run is busy long enough.
    for file in ["accounts.csv", "ledger.csv"] {
        let src = std::fs::read_to_string(Path::new("samples/ruza").join(file)).unwrap();
        let mut lines = src.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        let rows: Vec<&str> = lines.collect();
        for k in 0..12 {
            for r in &rows {
                let (id, rest) = r.split_once(',').unwrap();
                out.push_str(&format!("{id}{k:03},{rest}\n"));
            }
        }
        std::fs::write(ws.join(file), out).unwrap();
    }
    std::fs::write(
        ws.join("events.csv"),
        "account,date,event,reference,details\n",
    )
    .unwrap();
    let dest = root.join("out");
    let mut first = Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env("VZYSK_LANG", "en")
        .args(["generate", ws.to_str().unwrap(), "--as-of", AS_OF])
        .args(["--docs", "court-order", "--out-dir"])
        .arg(&dest)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first run ended too soon"
    );
    let second = vzysk(&[
        "generate",
        ws.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--docs",
        "notice",
        "--out-dir",
        dest.to_str().unwrap(),
    ]);
    let err = text(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains("another vzysk run is writing"), "{err}");
    let done = first.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", text(&done.stderr));
    // Every file the manifest lists is there.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dest.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert!(files.len() > 500, "{}", files.len());
    for f in files {
        assert!(dest.join(f["path"].as_str().unwrap()).is_file(), "{f}");
    }
}

/// `generate --docs DOCS` on the sample, from the repository (a trial: it reserves nothing).
fn generate_sample(docs: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vzysk"));
    c.env("VZYSK_LANG", "en");
    c.args([
        "generate",
        "samples/ruza",
        "--trial",
        "--as-of",
        AS_OF,
        "--docs",
        docs,
    ])
    .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A run of `generate --docs all` into `root/out` sent `sig` once its temporary exists (its stderr a
/// pipe closed at once when `closed_stderr`); how it ended, and what it left in `root`.
fn signalled(
    root: &Path,
    sig: &str,
    closed_stderr: bool,
) -> (std::process::ExitStatus, Vec<String>) {
    let mut run = generate_sample("all")
        .arg("--out-dir")
        .arg(root.join("out"))
        .stderr(if closed_stderr {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .spawn()
        .unwrap();
    drop(run.stderr.take());
    // Until its temporary folder exists, then the signal.
    let started = std::time::Instant::now();
    while std::fs::read_dir(root).unwrap().count() == 0 {
        assert!(started.elapsed().as_secs() < 20, "no temporary appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Command::new("kill")
        .args([&format!("-{sig}"), &run.id().to_string()])
        .status()
        .unwrap();
    let stopped = std::time::Instant::now();
    let status = loop {
        if let Some(status) = run.try_wait().unwrap() {
            break status;
        }
        if stopped.elapsed().as_secs() > 30 {
            let _ = run.kill();
            panic!("SIG{sig} ignored for 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let left = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    (status, left)
}

/// SIGTERM, SIGINT and SIGHUP leave no temporary at the destination.
#[test]
fn a_signal_leaves_no_temporary() {
    for sig in ["TERM", "INT", "HUP"] {
        let (status, left) = signalled(&scratch(&format!("signal-{sig}")), sig, false);
        assert!(left.is_empty() || status.success(), "{sig}: left {left:?}");
    }
}

/// SIGTERM ends a run whose stderr is a pipe nobody reads any more (the hostile round: it was
/// ignored — the note of the signal failed to print and the exit never came), leaving nothing.
#[cfg(unix)]
#[test]
fn a_signal_ends_a_run_whose_stderr_is_closed() {
    let (status, left) = signalled(&scratch("signal-closed-stderr"), "TERM", true);
    assert!(left.is_empty() || status.success(), "left {left:?}");
}

/// The destinations' locks (the hostile round: a lock file another user made in /tmp blocked every
/// run, and 207 lock files piled up there): they live in this user's own folder, one that others may
/// write into is refused with the reason, and a run leaves no lock behind.
#[cfg(unix)]
#[test]
fn locks_live_in_a_folder_of_ones_own_and_leave_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let root = scratch("locks");
    let tmp = root.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let run = |out: &std::path::Path| {
        generate_sample("notice")
            .arg("-o")
            .arg(out)
            .env("TMPDIR", &tmp)
            .output()
            .unwrap()
    };
    for i in 0..3 {
        let o = run(&root.join(format!("{i}.zip")));
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let folders: Vec<_> = std::fs::read_dir(&tmp).unwrap().flatten().collect();
    assert_eq!(folders.len(), 1, "one folder of locks");
    let locks = folders[0].path();
    assert!(
        locks
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("vzysk-locks-")
    );
    assert_eq!(
        std::fs::metadata(&locks).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::read_dir(&locks).unwrap().count(),
        0,
        "no lock left behind"
    );
    // A folder of locks others may write into is not used.
    std::fs::set_permissions(&locks, std::fs::Permissions::from_mode(0o777)).unwrap();
    let o = run(&root.join("shared.zip"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("is not this user's own folder"), "{err}");
    assert!(!root.join("shared.zip").exists());
}

/// Defect 4: shares are exact fractions; parts add up to the account for any number of owners.
#[test]
fn shares_sum_exactly_and_split_to_the_kopeck() {
    let ws = sample("shares", |name, text| match name {
        // Account 1006's two owners become six of 1/6.
        "accounts.csv" => {
            let mut out = String::new();
            for line in text.lines() {
                if line.starts_with("1006,") {
                    if line.contains("Петрова") {
                        continue;
                    }
                    for k in 0..6 {
                        let row = line.replacen(
                            "Петров Игорь Андреевич",
                            &format!("Петров Игорь{k} Андреевич"),
                            1,
                        );
                        // Each owner's right has its own ЕГРН record.
                        let row = row.replacen("-50/019/", &format!("-50/01{k}/"), 1);
                        out.push_str(&row.replacen(",1/2,", ",1/6,", 1));
                        out.push('\n');
                    }
                } else {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out
        }
        "events.csv" => text
            .lines()
            .filter(|l| !l.starts_with("1006,"))
            .map(|l| format!("{l}\n"))
            .collect(),
        _ => text,
    });
    let check = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&check.stderr);
    assert!(!err.contains("add up to"), "{err}");
    let zip = ws.parent().unwrap().join("s.zip");
    let out = generate_to(
        &ws,
        zip.to_str().unwrap(),
        &["--docs", "court-order", "--account", "1006"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files = unzip(&zip);
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let apps: Vec<&serde_json::Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["document"] == "application")
        .collect();
    assert_eq!(apps.len(), 6);
    let calc = vzysk(&[
        "calc",
        ws.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--account",
        "1006",
    ]);
    let calc: serde_json::Value = serde_json::from_slice(&calc.stdout).unwrap();
    let dec = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    let sum: rust_decimal::Decimal = apps.iter().map(|f| dec(&f["principal"])).sum();
    // The owners' parts of the months claimed add up to those months' debt, to the kopeck.
    let claimed: rust_decimal::Decimal = calc["accounts"][0]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["limitation"]["state"] != "barred" && p["due_date"].as_str().unwrap() < AS_OF)
        .map(|p| dec(&p["debt"]))
        .sum();
    assert_eq!(sum, claimed);
}

/// Defect 5: a key given twice in a JSON file is an error at its line, not a silent loss.
#[test]
fn a_json_key_given_twice_is_an_error() {
    let dir = scratch("json-dup").join("ws");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("data.json"),
        "{\n\"accounts\": [{\"account\": \"1\", \"full_name\": \"Иванов Иван Иванович\"}],\n\"ledger\": [{\"account\": \"1\", \"kind\": \"charge\", \"period\": \"2026-01\", \"amount\": \"10.00\", \"amount\": \"20.00\"}],\n\"ledger\": []\n}\n",
    )
    .unwrap();
    let out = vzysk(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("data.json:4: error: the key \"ledger\" is given twice in the file"),
        "{err}"
    );
}

/// Defect 6: a workbook that inflates past its budget is refused before it is inflated.
#[test]
fn a_workbook_bomb_is_refused_before_it_inflates() {
    let dir = scratch("bomb").join("ws");
    std::fs::create_dir_all(&dir).unwrap();
    // A ZIP whose one part inflates to 1.1 GB of zeros (a few megabytes on disk).
    let file = std::fs::File::create(dir.join("book.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let block = vec![b'0'; 1 << 20];
    for _ in 0..1100 {
        std::io::Write::write_all(&mut zip, &block).unwrap();
    }
    zip.finish().unwrap();
    let out = bounded(
        &["check", dir.to_str().unwrap(), "--as-of", AS_OF],
        2_000_000,
        60,
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the workbook would inflate to"), "{err}");
}

/// Defect 7: a pipe, `/dev/zero` and a flood of one line are refused, within a memory limit.
#[test]
fn pipes_devices_and_floods_are_refused() {
    let ws = sample("non-regular", as_is);
    std::fs::remove_file(ws.join("accounts.csv")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(ws.join("accounts.csv"))
            .status()
            .unwrap()
            .success()
    );
    let out = bounded(
        &["check", ws.to_str().unwrap(), "--as-of", AS_OF],
        2_000_000,
        30,
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("accounts.csv: error: is not a regular file"),
        "{err}"
    );
    std::fs::remove_file(ws.join("accounts.csv")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", ws.join("accounts.csv")).unwrap();
    let out = bounded(
        &["check", ws.to_str().unwrap(), "--as-of", AS_OF],
        2_000_000,
        30,
    );
    assert!(text(&out.stderr).contains("accounts.csv: error: is not a regular file"));
    std::fs::remove_file(ws.join("accounts.csv")).unwrap();
    let mut flood = b"account,full_name\n".to_vec();
    flood.extend(std::iter::repeat_n(0u8, 100 << 20));
    std::fs::write(ws.join("accounts.csv"), flood).unwrap();
    let out = bounded(
        &["check", ws.to_str().unwrap(), "--as-of", AS_OF],
        2_000_000,
        60,
    );
    let err = text(&out.stderr);
    assert!(err.contains("accounts.csv:2: error: line 2 is"), "{err}");
}

/// Defect 8: a template that runs away is stopped by its budget and named; its renderer does not
/// outlive a killed run.
#[test]
fn a_runaway_template_is_stopped_and_named() {
    let ws = sample("runaway", as_is);
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(
        ws.join("templates/court-order.typ.j2"),
        "{% set title = \"T\" %}{% include \"_style.typ.j2\" %}\n#let s = \"aaaaaaaa\"\n#for i in range(60) { s = s + s }\n#s.len()\n",
    )
    .unwrap();
    let zip = ws.parent().unwrap().join("r.zip");
    let out = bounded(
        &[
            "generate",
            ws.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--docs",
            "court-order",
            "-o",
            zip.to_str().unwrap(),
        ],
        8_000_000,
        120,
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let errors = text(&unzip(&zip)["errors.csv"]);
    assert!(
        errors.contains("(court-order.typ.j2): it ran out of its memory budget"),
        "{errors}"
    );
}

/// Defect 8, second half: after SIGKILL of `generate`, no renderer lives on.
#[test]
fn renderers_die_with_their_parent() {
    let root = scratch("orphans");
    let mut run = generate_sample("all")
        .arg("-o")
        .arg(root.join("o.zip"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let parent = run.id();
    let children = || -> Vec<u32> {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/stat"))
                    .ok()
                    .and_then(|s| s.rsplit(')').next().map(str::to_string))
                    .and_then(|rest| rest.split_whitespace().nth(1)?.parse::<u32>().ok())
                    == Some(parent)
            })
            .collect()
    };
    let started = std::time::Instant::now();
    let mut kids = Vec::new();
    while kids.is_empty() && started.elapsed().as_secs() < 20 {
        kids = children();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!kids.is_empty(), "no renderer started");
    run.kill().unwrap();
    run.wait().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    for pid in kids {
        let alive =
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "));
        assert!(!alive, "renderer {pid} outlived its parent");
    }
}

/// Defect 9: a template that is a link (to anything) is refused, by path or by include.
#[test]
fn a_template_link_is_refused() {
    let ws = sample("link", as_is);
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    let secret = ws.parent().unwrap().join("secret.txt");
    std::fs::write(&secret, "SECRET-OUTSIDE").unwrap();
    std::os::unix::fs::symlink(&secret, ws.join("templates/court-order.typ.j2")).unwrap();
    let zip = ws.parent().unwrap().join("l.zip");
    let out = generate_to(&ws, zip.to_str().unwrap(), &["--docs", "court-order"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(!zip.exists());
}

/// Defect 10: a value of vzysk.toml longer than a cell is an error of `check`, at its line.
#[test]
fn a_long_setting_is_an_error_at_its_line() {
    let ws = sample("long-name", |name, text| match name {
        "vzysk.toml" => text.replacen(
            "short_name = \"АО «Рузская теплосеть»\"",
            &format!("short_name = \"{}\"", "Я".repeat(80_000)),
            1,
        ),
        _ => text,
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("vzysk.toml:7: error: a value of 80000 characters, more than 2000"),
        "{err}"
    );
}

/// The second list: each hole in "nothing lost, every problem named".
#[test]
fn every_problem_is_named() {
    // UTF-16 with its BOM is read as UTF-16.
    let ws = sample("utf16", |name, text| match name {
        "events.csv" => String::new(),
        _ => text,
    });
    let accounts = std::fs::read_to_string(ws.join("accounts.csv")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in accounts.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    std::fs::write(ws.join("accounts.csv"), utf16).unwrap();
    std::fs::remove_file(ws.join("events.csv")).unwrap();
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert!(
        err.contains("accounts.csv: note: read as UTF-16LE"),
        "{err}"
    );
    assert!(err.contains("25 accounts"), "{err}");

    // An empty vzysk.toml is an error.
    let ws = sample("empty-toml", |name, text| {
        if name == "vzysk.toml" {
            String::new()
        } else {
            text
        }
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("vzysk.toml: error: the file is empty"));

    // Repeated ledger rows, a negative area, an event after --as-of, a bad duty, a writ without
    // its number: each said at its place.
    let ws = sample("holes", |name, text| match name {
        "ledger.csv" => {
            let repeat = text.lines().nth(1).unwrap().to_string();
            format!("{text}{repeat}\n")
        }
        "accounts.csv" => text.replacen(",45.5,", ",-45.5,", 1),
        "events.csv" => format!(
            "{text}1001,2026-12-20,notice_sent,,\n1002,2026-01-10,order_filed,,duty=abc\n1002,2026-02-10,writ_issued,,court=s165\n"
        ),
        _ => text,
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert!(
        err.contains("warning: the same row as line 2: both are counted"),
        "{err}"
    );
    assert!(err.contains("is negative"), "{err}");
    assert!(
        err.contains("the event is dated after the as-of date 27.11.2026"),
        "{err}"
    );
    assert!(
        err.contains("duty=\"abc\" is not an amount of duty paid"),
        "{err}"
    );
    assert!(err.contains("a writ without its number"), "{err}");

    // A workbook beside the CSV files is noted; every command counts the input's warnings.
    let ws = sample("book-beside", as_is);
    std::fs::write(ws.join("old.xlsx"), "not read").unwrap();
    let out = vzysk(&[
        "calc",
        ws.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--account",
        "1001",
    ]);
    let err = text(&out.stderr);
    assert!(
        err.contains("old.xlsx: note: not read: every table has its CSV file"),
        "{err}"
    );
    assert!(
        err.contains("vzysk: the input has 2 warning(s): `vzysk check"),
        "{err}"
    );

    // An unknown key of vzysk.toml is said at its line.
    let ws = sample("unknown-key", |name, text| match name {
        "vzysk.toml" => text.replacen("short_name = \"АО", "shortname = \"АО", 1),
        _ => text,
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(
        text(&out.stderr).contains("vzysk.toml:7: warning: unknown key \"claimant.shortname\"")
    );

    // A failure to write exits 1, a usage error 2.
    let out = vzysk(&[
        "generate",
        "samples/ruza",
        "--trial",
        "--as-of",
        AS_OF,
        "--docs",
        "nothing",
        "-o",
        "/tmp/x.zip",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// A minimal workbook: one sheet «accounts» and one «ledger», whose ledger row's amount is a
/// formula with no saved value (as a program that does not compute writes it).
fn workbook_with_a_formula(path: &Path) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, body: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="accounts" sheetId="1" r:id="rId1"/><sheet name="ledger" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
    );
    part(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#,
    );
    part(
        "xl/worksheets/sheet1.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>account</t></is></c><c r="B1" t="inlineStr"><is><t>full_name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>7</t></is></c><c r="B2" t="inlineStr"><is><t>Иванов Иван Иванович</t></is></c></row></sheetData></worksheet>"#,
    );
    part(
        "xl/worksheets/sheet2.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>account</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is></c><c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>date</t></is></c><c r="E1" t="inlineStr"><is><t>amount</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>7</t></is></c><c r="B2" t="inlineStr"><is><t>charge</t></is></c><c r="C2" t="inlineStr"><is><t>2026-01</t></is></c><c r="E2"><f>1000+234.5</f></c></row></sheetData></worksheet>"#,
    );
    zip.finish().unwrap();
}

/// More holes of the second list: a formula without its value, a header under 34 title lines, a
/// byte-order mark inside a file.
#[test]
fn formulas_titles_and_inner_marks_are_named() {
    let dir = scratch("formula").join("ws");
    std::fs::create_dir_all(&dir).unwrap();
    workbook_with_a_formula(&dir.join("book.xlsx"));
    let out = vzysk(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert!(
        err.contains("book.xlsx [ledger]:2:5: error: formula: the cell holds a formula (=1000+234.5) but no saved value"),
        "{err}"
    );

    // 34 title lines above the header: found, with one note, not dozens of diagnostics.
    let ws = sample("titles", |name, text| match name {
        "accounts.csv" => {
            let titles: String = (1..=34)
                .map(|i| format!("Отчёт по лицевым счетам, строка {i}\n"))
                .collect();
            format!("{titles}{text}")
        }
        _ => text,
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert!(
        err.contains("accounts.csv:35: note: the header is on line 35"),
        "{err}"
    );
    assert!(err.contains("25 accounts"), "{err}");
    // The note, and the sample's own two warnings (a debtor without identifiers, account 1017's
    // court column against its address): nothing for the title lines.
    assert!(
        err.lines()
            .filter(|l| l.starts_with("accounts.csv"))
            .count()
            <= 3,
        "{err}"
    );

    // Two exports joined: the second's byte-order mark is removed and said at its line.
    let ws = sample("inner-bom", |name, text| match name {
        "events.csv" => {
            let mut lines = text.lines();
            let header = lines.next().unwrap();
            let rows: Vec<&str> = lines.collect();
            format!(
                "{header}\n{}\n\u{feff}{}\n",
                rows[..5].join("\n"),
                rows[5..].join("\n")
            )
        }
        _ => text,
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", AS_OF]);
    let err = text(&out.stderr);
    assert!(
        err.contains("events.csv:7: warning: a byte-order mark (U+FEFF) inside the file, removed"),
        "{err}"
    );
    assert!(err.contains("32 events"), "{err}");
}
