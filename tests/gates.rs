//! Only the documents the case allows (`law/gates.rs`, `legal-rules.md` §13), on the sample with
//! `--docs all` — whatever is asked, a document that contradicts the case's history is refused in
//! `errors.csv` with its reason —, and limitation month by month in `calc`. Each test pins a defect
//! found when the archive was read as a court clerk, a bank officer and a bailiff would.
//! Needs `pdftotext` (poppler-utils).

mod common;
use common::{generate, pdf_text, sample_json, scratch, text, unzip, vzysk};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

struct Run {
    files: BTreeMap<String, Vec<u8>>,
    manifest: Value,
    errors: String,
}

fn run_on(ws: &Path, name: &str) -> Run {
    let dir = scratch(name);
    let files = common::all_and_letters(ws, &dir);
    Run {
        manifest: serde_json::from_slice(&files["manifest.json"]).unwrap(),
        errors: text(&files["errors.csv"]),
        files,
    }
}

fn all() -> &'static Run {
    static ALL: OnceLock<Run> = OnceLock::new();
    ALL.get_or_init(|| run_on(Path::new("samples/ruza"), "gates-all"))
}

impl Run {
    /// The manifest's files of `account`, as (kind, document, path).
    fn files_of(&self, account: &str) -> Vec<(String, String, String)> {
        self.manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["account"] == account)
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
                (s("kind"), s("document"), s("path"))
            })
            .collect()
    }

    fn kinds_of(&self, account: &str) -> Vec<String> {
        let mut k: Vec<String> = self.files_of(account).into_iter().map(|f| f.0).collect();
        k.sort();
        k.dedup();
        k
    }

    /// The refusal of `kind` for `account`, from errors.csv (non-breaking spaces as spaces).
    fn refusal(&self, account: &str, kind: &str) -> String {
        self.errors
            .lines()
            .find(|l| l.starts_with(&format!("{account},")) && l.contains(&format!(",{kind},")))
            .unwrap_or_else(|| panic!("no refusal of {kind} for {account}:\n{}", self.errors))
            .replace('\u{a0}', " ")
    }

    fn pdf(&self, needle: &str) -> String {
        let (_, bytes) = self
            .files
            .iter()
            .find(|(k, _)| k.contains(needle))
            .unwrap_or_else(|| panic!("no file like {needle}"));
        // Tests run side by side: each reading gets a folder of its own.
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // A word hyphenated at a line's end reads as one word.
        pdf_text(bytes, &scratch(&format!("gates-pdf-{n}"))).replace("\u{ad} ", "")
    }
}

/// A copy of the sample with `edit` applied to its files.
fn sample_with(name: &str, edit: impl Fn(&str, String) -> String) -> std::path::PathBuf {
    let dir = scratch(name).join("ws");
    common::copy_sample(&dir, edit);
    dir
}

/// Defect 1: one writ, two recipients; and back to the bank that returned it.
#[test]
fn one_writ_goes_to_one_place_and_never_back_to_who_returned_it() {
    let r = all();
    for account in ["1008", "1017", "1018"] {
        let kinds = r.kinds_of(account);
        assert!(
            !(kinds.contains(&"bank".to_string()) && kinds.contains(&"fssp".to_string())),
            "{account}: {kinds:?}"
        );
    }
    assert!(r.kinds_of("1008").contains(&"bank".to_string()));
    assert!(
        r.refusal("1008", "fssp")
            .contains("one original writ goes to one place")
    );
    // 1018: the bank returned the writ on 15.10.2026: the bailiffs, not the bank again.
    assert!(r.kinds_of("1018").contains(&"fssp".to_string()));
    assert!(r.refusal("1018", "bank").contains("the bank returned it"));
    // 1017: the writ is with the bailiffs.
    assert!(
        r.refusal("1017", "bank")
            .contains("with the bailiffs since 20.05.2026")
    );
}

/// Defect 2: a court order (and letters, a second agreement) during an honoured agreement.
#[test]
fn nothing_but_waiting_while_an_agreement_is_honoured() {
    let r = all();
    // The account statement alone: the ledger as it is contradicts nothing.
    assert_eq!(r.kinds_of("1023"), ["account-statement"]);
    for kind in ["court-order", "claim", "notice", "sms", "agreement"] {
        let why = r.refusal("1023", kind);
        assert!(
            why.contains("instalment agreement (РС-31/2026) signed 01.10.2026 is being honoured"),
            "{why}"
        );
    }
    assert!(r.refusal("1023", "court-order").contains("ГПК ст.125 ч.3"));
}

/// Defect 3: a claim after a cancelled order for months the order never claimed.
#[test]
fn a_claim_after_a_cancelled_order_claims_its_months_and_the_rest_go_to_a_new_order() {
    let r = all();
    let files = r.manifest["files"].as_array().unwrap();
    let period = |kind: &str| {
        files
            .iter()
            .find(|f| f["account"] == "1004" && f["kind"] == kind && f["document"] != "calculation")
            .map(|f| f["period"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no {kind} for 1004"))
    };
    // The order of 03.03.2025 recorded no months: those due before its filing were its months,
    // and of them the claim takes those within limitation (`[limitation] claim = "within"`, the
    // default: the first is due 10.10.2023, see the limitation test below).
    assert_eq!(period("claim"), "2023-09–2025-01");
    assert_eq!(period("court-order"), "2025-02–2026-10");
    let claim = r.pdf("s165/1004_Попова_иск/01 Исковое");
    assert!(
        claim.contains("за период с сентября 2023 г. по январь 2025 г."),
        "{claim}"
    );
    assert!(
        claim.contains("срок оплаты которых наступил до подачи заявления о вынесении судебного приказа (03.03.2025)"),
        "{claim}"
    );
    let order = r.pdf("s165/1004_Попова/01 Заявление");
    assert!(
        order.contains("за период с февраля 2025 г. по октябрь 2026 г."),
        "{order}"
    );
}

/// The months no court order claimed, while others are before a court, go to a new application.
#[test]
fn months_in_no_order_go_to_a_new_application() {
    let r = all();
    let files = r.manifest["files"].as_array().unwrap();
    for (account, period) in [
        ("1003", "2026-07–2026-10"),
        ("1008", "2025-05–2026-10"),
        ("1017", "2026-01–2026-10"),
        ("1018", "2025-08–2026-10"),
    ] {
        let app = files
            .iter()
            .find(|f| f["account"] == account && f["document"] == "application")
            .unwrap_or_else(|| panic!("no application for {account}"));
        assert_eq!(app["period"], period, "{account}");
    }
}

/// Defect 5: co-owners are one debtor in letters; a share's application states the account's debt.
#[test]
fn co_owners_each_get_their_own_letters_and_filings() {
    let r = all();
    let paths: Vec<String> = r.files_of("1021").into_iter().map(|f| f.2).collect();
    for kind in ["notices/", "agreements/"] {
        assert_eq!(
            paths.iter().filter(|p| p.starts_with(kind)).count(),
            3,
            "{kind}: {paths:?}"
        );
    }
    let notice = r.pdf("notices/1021_Орлова_ПК/");
    assert!(notice.contains("Орловой Полине Кирилловне"), "{notice}");
    assert!(
        !notice.contains("Орлову Кириллу"),
        "one owner a letter: {notice}"
    );
    assert!(notice.contains("собственник 1/3 доли"), "{notice}");
    // Her letter goes to where she lives, in Руза, not to the flat in Тучково.
    assert!(notice.contains("ул. Федеративная, д. 8, кв. 3"), "{notice}");
    // Each owner's application goes to the court of that owner's residence (ГПК ст.28).
    let apps: Vec<&String> = paths
        .iter()
        .filter(|p| p.contains("01 Заявление"))
        .collect();
    assert_eq!(apps.len(), 3);
    assert!(
        apps.iter()
            .any(|p| p.starts_with("courts/s165/1021_Орлова")),
        "{apps:?}"
    );
    assert_eq!(
        apps.iter()
            .filter(|p| p.starts_with("courts/s166/"))
            .count(),
        2
    );
    // A share's application states the share's debt, not the account's.
    let app = r.pdf("courts/s166/1021_Орлов/01 Заявление");
    assert!(
        app.contains("задолженность составляет 29 387,21 руб."),
        "{app}"
    );
    assert!(!app.contains("88 161,62"), "{app}");
    // Form 103: one item per owner, in a run of the letters (one run never makes them beside
    // the filings).
    let dir = scratch("gates-co-owners-mail");
    let zip = dir.join("letters.zip");
    let out = generate(
        Path::new("samples/ruza"),
        &["--docs", "notice,warning", "--account", "1021"],
        &zip,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mail = unzip(&zip)
        .iter()
        .filter(|(k, _)| k.starts_with("mail/") && k.ends_with(".csv"))
        .map(|(_, v)| text(v))
        .collect::<String>();
    let items = mail.lines().filter(|l| l.contains(";1021;")).count();
    assert_eq!(items, 6, "three notices and three warnings: {mail}");
}

/// Defect 6: a warning for a service already restricted, or one still awaiting delivery.
#[test]
fn no_warning_repeats_a_step() {
    let r = all();
    for account in ["1007", "1009", "1016"] {
        assert!(
            !r.kinds_of(account).contains(&"warning".to_string()),
            "{account}"
        );
    }
    assert!(
        r.refusal("1007", "warning")
            .contains("restricted since 25.10.2026: the next step is suspension")
    );
    assert!(
        r.refusal("1009", "warning")
            .contains("restricted since 01.12.2025")
    );
    assert!(
        r.refusal("1016", "warning")
            .contains("the warning sent 20.11.2026 awaits delivery")
    );
}

/// Defect 7: letters threatening the court while the debt is before it.
#[test]
fn no_letter_while_the_debt_is_before_the_court() {
    let r = all();
    for (account, stage) in [
        ("1003", "a court order was issued on 20.11.2026"),
        (
            "1004",
            "the court order was cancelled on 21.04.2025; a statement of claim is next",
        ),
        ("1006", "a court order was applied for on 02.11.2026"),
        ("1008", "a writ (№ 2-702/2025) was issued on 25.07.2025"),
        ("1018", "a writ (№ 2-610/2025) was issued on 01.11.2025"),
    ] {
        for kind in ["notice", "sms", "agreement"] {
            let why = r.refusal(account, kind);
            assert!(
                why.contains(&format!("the debt has gone to court ({stage}")),
                "{why}"
            );
        }
        assert!(
            !r.kinds_of(account).contains(&"notice".to_string()),
            "{account}"
        );
    }
}

/// Defect 8: the writ's term: one date in `plan` and in the application, anew from the return.
#[test]
fn the_writ_term_runs_anew_from_its_return_and_plan_agrees() {
    let plan = sample_json("plan", &["--account", "1018"]);
    let reason = plan["accounts"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("presentable to 15.10.2029"), "{reason}");
    let app = all().pdf("fssp/osp-ruza/1018_");
    assert!(app.contains("срок истекает 15.10.2029"), "{app}");
}

/// Defect 9: a travel ban asked for on an unknown sum; and asked for on a known one above 30 000.
#[test]
fn a_travel_ban_only_on_a_known_sum_above_the_threshold() {
    assert!(!all().pdf("fssp/osp-ruza/1018_").contains("ст. 67"));
    let ws = sample_with("gates-travel", |name, text| match name {
        "events.csv" => text.replace("in_force=2025-10-31", "in_force=2025-10-31;sum=45000.00"),
        _ => text,
    });
    let app = run_on(&ws, "gates-travel-run").pdf("fssp/osp-ruza/1018_");
    assert!(
        app.contains("временное ограничение на выезд должника"),
        "{app}"
    );
    assert!(app.contains("45 000,00 руб."), "{app}");
}

/// Defect 10: a court order for 1 879,75 with 2 000 of duty.
#[test]
fn no_court_order_below_the_least_sum() {
    let why = all().refusal("1015", "court-order");
    assert!(
        why.contains("1 879,75 is below the least a court order is sought for (3 000,00"),
        "{why}"
    );
}

/// Defect 4: limitation without the pause and the acknowledgement; the choice to claim it.
#[test]
fn limitation_pauses_extends_and_restarts_and_the_claimant_chooses() {
    let calc = sample_json("calc", &[]);
    let month = |account: &str, period: &str| -> Value {
        calc["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account"] == account)
            .unwrap()["periods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["period"] == period)
            .unwrap()["limitation"]
            .clone()
    };
    // 1004, due 10.04.2022: 38 days were left when the order was applied for (03.03.2025); after
    // its cancellation (21.04.2025) they became 6 months (ГК ст.204 ч.3).
    let l = month("1004", "2022-03");
    assert_eq!(
        (l["ends"].as_str(), l["state"].as_str()),
        (Some("2025-10-21"), Some("barred"))
    );
    // 1004, due 10.07.2023: 494 days left at the filing run on from the cancellation.
    let l = month("1004", "2023-06");
    assert_eq!(l["ends"], "2026-08-28");
    // 1024: the agreement of 10.06.2025 acknowledged the debt; its months run anew (ГК ст.203).
    let l = month("1024", "2022-01");
    assert_eq!(
        (l["ends"].as_str(), l["state"].as_str()),
        (Some("2028-06-10"), Some("running"))
    );
    assert!(
        l["why"]
            .as_str()
            .unwrap()
            .contains("acknowledgement of the debt 10.06.2025")
    );
    // 1006's application of 02.11.2026 is pending: its months do not run.
    let l = month("1006", "2024-06");
    assert_eq!(
        (l["ends"].clone(), l["state"].as_str()),
        (Value::Null, Some("paused"))
    );

    // With `[limitation] claim = "all"`, 1004's claim takes the time-barred months too: every
    // month due before the order's filing, and as its price is then above 50 000, the district court.
    // It starts at 2019-12: the unnamed 5 000 of 15.03.2021 paid 2019-10, 2019-11 and part of
    // 2019-12, and the 12 000 of 02.08.2023 (naming 2022-12) went past the months barred by then
    // (2019-12…2020-06) to 2020-07 on (Пленум ВС № 22 п.32): those stay owed, and barred.
    let ws = sample_with("gates-all-months", |name, text| match name {
        "vzysk.toml" => format!("{text}\n[limitation]\nclaim = \"all\"\n"),
        _ => text,
    });
    let r = run_on(&ws, "gates-all-months-run");
    let files = r.manifest["files"].as_array().unwrap();
    let claim = files
        .iter()
        .find(|f| f["account"] == "1004" && f["kind"] == "claim" && f["document"] == "statement")
        .unwrap();
    assert_eq!(claim["period"], "2019-12–2025-01", "{claim}");
    assert_eq!(claim["recipient"], "ruza-district", "{claim}");
}

/// Defect 11: bank details unchecked.
#[test]
fn check_refuses_a_settlement_account_that_fails_its_key() {
    let out = vzysk(&["check", "samples/ruza", "--as-of", "2026-11-27"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("is not valid"),
        "{}",
        text(&out.stderr)
    );
    let ws = sample_with("gates-key", |name, text| match name {
        "vzysk.toml" => text.replace("40702810640000012345", "40702810440000012345"),
        _ => text,
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "vzysk.toml:24: error: [claimant.bank] account \"40702810440000012345\" is not valid"
        ),
        "{err}"
    );
}
