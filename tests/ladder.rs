//! The whole ladder on the sample: `vzysk plan` puts one account at each stage, `generate --docs auto`
//! makes exactly what each next step needs, the notice's QR decodes from the rendered page, and each
//! document kind states what the law asks of it. Needs `pdftotext` and `pdftoppm` (poppler-utils).

mod common;
use common::{generate, pdf_text, sample_json, scratch, text, unzip};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

struct Run {
    files: BTreeMap<String, Vec<u8>>,
    dir: PathBuf,
}

fn run(docs: &'static str) -> Run {
    let dir = scratch(&format!("ladder-{docs}"));
    if docs == "all" {
        let files = common::all_and_letters(Path::new("samples/ruza"), &dir);
        return Run { files, dir };
    }
    let zip = dir.join("out.zip");
    let out = generate(Path::new("samples/ruza"), &["--docs", docs], &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    Run {
        files: unzip(&zip),
        dir,
    }
}

fn all() -> &'static Run {
    static ALL: OnceLock<Run> = OnceLock::new();
    ALL.get_or_init(|| run("all"))
}

fn doc<'a>(r: &'a Run, needle: &str) -> (&'a String, &'a Vec<u8>) {
    r.files
        .iter()
        .find(|(k, _)| k.contains(needle))
        .unwrap_or_else(|| panic!("no file like {needle}"))
}

#[test]
fn plan_puts_one_account_at_each_stage() {
    let j = sample_json("plan", &[]);
    let by = |id: &str| {
        let mut a = j["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account"] == id)
            .unwrap()
            .clone();
        a["reason"] = Value::from(a["reason"].as_str().unwrap().replace('\u{a0}', " "));
        a
    };
    for (account, stage, next) in [
        ("1012", "no-debt", "none"),                   // no debt step yet
        ("1002", "debt", "notice"),                    // notice
        ("1001", "sms_sent", "warning"),               // warning
        ("1014", "warning_delivered", "restriction"),  // restriction due
        ("1023", "agreement_signed", "none"),          // agreement running
        ("1024", "agreement_breached", "court-order"), // order to file
        // Order issued for 2023-07..2026-06; the months after it go to a new application.
        ("1003", "order_issued", "court-order"),
        ("1004", "order_cancelled", "claim"), // order cancelled → claim
        ("1009", "restricted", "claim"),      // above the ceiling → claim
        ("1008", "writ_issued", "bank"),      // writ to the bank
        // The writ at the bailiffs; the months after its order go to a new application.
        ("1017", "writ_sent_fssp", "court-order"),
        ("1018", "writ_returned", "fssp"), // writ returned → ФССП
        // Deceased (deaths.csv): the claims to the notary and the heirs, not the ladder.
        ("1013", "debt", "estate-claim"),
        // In bankruptcy (bankruptcies.csv): the ladder for the current months.
        ("1020", "debt", "notice"),
    ] {
        let a = by(account);
        assert_eq!(
            (a["stage"].as_str().unwrap(), a["next"].as_str().unwrap()),
            (stage, next),
            "{account}: {}",
            a["reason"]
        );
    }
    let r = by("1014")["reason"].as_str().unwrap().to_string();
    assert!(
        r.contains("20 days passed") && r.contains("горячее водоснабжение"),
        "{r}"
    );
    let r = by("1004")["reason"].as_str().unwrap().to_string();
    assert!(
        r.contains("duty for the order 2 000,00 to be credited"),
        "{r}"
    );
    assert_eq!(by("1014")["earliest"], "2026-11-27");
}

#[test]
fn auto_makes_exactly_what_each_next_step_needs() {
    let r = run("auto");
    let mut kinds: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let manifest: Value = serde_json::from_slice(&r.files["manifest.json"]).unwrap();
    for f in manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["account"].is_string())
    {
        kinds
            .entry(f["account"].as_str().unwrap().into())
            .or_default()
            .push(f["kind"].as_str().unwrap().into());
    }
    let kinds_of = |a: &str| {
        let mut k = kinds.get(a).cloned().unwrap_or_default();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(kinds_of("1002"), ["notice"]);
    assert_eq!(kinds_of("1001"), ["warning"]);
    assert_eq!(kinds_of("1024"), ["court-order"]);
    // The claim for the cancelled order's months, and a new application for the months after it.
    assert_eq!(kinds_of("1004"), ["claim", "court-order"]);
    assert_eq!(kinds_of("1009"), ["claim"]);
    // The writ to its one place; the months no order claimed to a new application.
    assert_eq!(kinds_of("1008"), ["bank", "court-order"]);
    assert_eq!(kinds_of("1018"), ["court-order", "fssp"]);
    assert_eq!(kinds_of("1003"), ["court-order"]);
    assert_eq!(kinds_of("1017"), ["court-order"]);
    // The warning's 20 days have run: the act of restriction for the technician.
    assert_eq!(kinds_of("1014"), ["restriction-act"]);
    for quiet in ["1012", "1023"] {
        assert!(kinds_of(quiet).is_empty(), "{quiet}: {:?}", kinds_of(quiet));
    }
    let errors = text(&r.files["errors.csv"]);
    // A step that makes no document says so in errors.csv; the restriction makes its act now.
    assert!(errors.contains("1023,,auto,\"next step: none"), "{errors}");
    assert!(!errors.contains("1014,,auto"), "{errors}");
    // SMS and calls for the accounts at the notice step only.
    let sms = text(&r.files["sms/sms.csv"]);
    // 1002 is at the notice step (and consents); 1001 is at the warning step and gets none.
    assert!(
        sms.lines().any(|l| l.starts_with("1002;79161011121;")),
        "{sms}"
    );
    assert!(!sms.lines().any(|l| l.starts_with("1001;")), "{sms}");
    assert!(r.files.contains_key("calls/calls.csv"));
    // A claim above 100 000 ₽ goes to the district court; 1004's claim (its cancelled order's
    // months, 47 534,67) stays with the magistrate, beside the new application for the rest.
    let has = |prefix: &str| r.files.keys().any(|k| k.starts_with(prefix));
    assert!(has(
        "courts/ruza-district/1009_Новиков_иск/01 Исковое заявление"
    ));
    assert!(has("courts/s165/1004_Попова_иск/01 Исковое заявление"));
    assert!(has("courts/s165/1004_Попова/01 Заявление о вынесении"));
}

/// Decodes every QR code on every page of a PDF, rendered at 300 dpi.
fn decode_qr(pdf: &[u8], dir: &Path) -> Vec<String> {
    let file = dir.join("qr.pdf");
    std::fs::write(&file, pdf).unwrap();
    let ok = Command::new("pdftoppm")
        .args(["-png", "-r", "300"])
        .arg(&file)
        .arg(dir.join("qrpage"))
        .status();
    assert!(ok.expect("pdftoppm is installed").success());
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("qrpage") && name.ends_with(".png")) {
            continue;
        }
        let img = image::open(entry.path()).unwrap().to_luma8();
        let (w, h) = img.dimensions();
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
                img.get_pixel(x as u32, y as u32).0[0]
            });
        found.extend(
            prepared
                .detect_grids()
                .iter()
                .filter_map(|g| g.decode().ok().map(|(_, s)| s)),
        );
    }
    found
}

#[test]
fn the_notice_qr_decodes_to_the_gost_payload_with_the_total_in_kopecks() {
    let r = all();
    let manifest: Value = serde_json::from_slice(&r.files["manifest.json"]).unwrap();
    let notice = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "notice" && f["account"] == "1002")
        .unwrap();
    let decoded = decode_qr(&r.files[notice["path"].as_str().unwrap()], &r.dir);
    assert_eq!(decoded.len(), 1, "{decoded:?}");
    let payload = &decoded[0];
    assert!(payload.starts_with("ST00012|Name=Акционерное общество «Рузская теплосеть»|PersonalAcc=40702810640000012345|"), "{payload}");
    let fields: BTreeMap<&str, &str> = payload
        .split('|')
        .skip(1)
        .filter_map(|f| f.split_once('='))
        .collect();
    let total: rust_decimal::Decimal = notice["total"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        fields["Sum"],
        (total * rust_decimal::Decimal::from(100))
            .trunc()
            .to_string()
    );
    assert_eq!(fields["PersAcc"], "1002");
    assert_eq!(fields["BIC"], "044525225");
    assert_eq!(fields["PayeeINN"], "5075001233");
    assert_eq!(payload, notice["qr_payload"].as_str().unwrap());
}

#[test]
fn each_kind_states_what_the_law_asks_of_it() {
    let r = all();
    let t = |needle: &str| pdf_text(doc(r, needle).1, &r.dir);

    let notice = t("notices/1002_");
    for s in [
        "УВЕДОМЛЕНИЕ",
        "№ 1002",
        // The months within limitation; the time-barred rest stated apart (`texts.rs`).
        "Итого к оплате: 37 729,02 руб.",
        "Пени за несвоевременную оплату",
        "соглашение о погашении",
        "Клиентский офис",
        "40702810640000012345",
        "горячее водоснабжение",
        // Addressed in the dative.
        "Смирновой Анне Викторовне",
    ] {
        assert!(notice.contains(s), "notice lacks «{s}»: {notice}");
    }

    let warning = t("warnings/1001_");
    for s in [
        "ПРЕДУПРЕЖДЕНИЕ",
        "«горячее водоснабжение»",
        "30 961,78 руб.",
        "в течение 20 дней со дня доставки",
        "ограничено",
        "приостановлено",
        "соглашение о погашении",
        "п. 118",
        "119",
        "Иванову Петру Сергеевичу",
    ] {
        assert!(warning.contains(s), "warning lacks «{s}»: {warning}");
    }
    assert!(
        !warning.contains("отоплени"),
        "a warning never threatens heating"
    );

    let agreement = t("agreements/1002_");
    for s in [
        "СОГЛАШЕНИЕ",
        "признаёт задолженность",
        "ст. 203 ГК РФ",
        "65 237,92",
        "Итого 65 237,92",
        "просрочит очередной платёж",
    ] {
        assert!(agreement.contains(s), "agreement lacks «{s}»: {agreement}");
    }

    let claim = t("courts/s165/1004_Попова_иск/01 Исковое");
    for s in [
        // Within limitation its price is under 50 000: the magistrate (ГПК ст.23 ч.1 п.4).
        "Мировому судье судебного участка № 165",
        "Истец:",
        "Ответчик: Попова Елена Николаевна",
        "Взыскать с ответчика Поповой Елены Николаевны в пользу",
        // The months due before the cancelled order's filing (03.03.2025) that are within
        // limitation, 2023-09..2025-01: 29 557,02 of debt and 17 977,65 of penalty (their periods in
        // calc; 208 389,31 is the whole account).
        "Цена иска: 47 534,67 руб.",
        // The least duty of the scale, 4 000 (НК ст.333.19), less the order's 2 000 credited.
        "Государственная пошлина: 4 000,00 руб.",
        "к доплате 2 000,00 руб. с учётом зачёта 2 000,00 руб.",
        "за период с сентября 2023 г. по январь 2025 г.",
        "ст. 132 ГПК РФ",
        "направлены ответчику",
        "ПРОШУ",
    ] {
        assert!(claim.contains(s), "claim lacks «{s}»: {claim}");
    }

    let bank = t("bank/1008_");
    for s in [
        "ПАО Сбербанк",
        "ст. 8",
        "№ 2-702/2025",
        "вступивший в законную силу 24.07.2025",
        "р/с 40702810640000012345",
        "ИНН 5075001233",
        "ОГРН 1025075001236",
        "Михайлова Татьяна Юрьевна",
        "с должника Михайловой Татьяны Юрьевны в пользу",
        "по доверенности № 17/2026",
    ] {
        assert!(bank.contains(s), "bank application lacks «{s}»: {bank}");
    }

    let fssp = t("fssp/osp-ruza/1018_");
    for s in [
        "Рузский РОСП",
        "возбуждении исполнительного производства",
        "ст. 30",
        "№ 2-610/2025",
        "ст. 110",
        "арест",
        "Козлов Артём Романович",
        "о взыскании с должника Козлова Артёма Романовича в пользу",
        // The employer, for garnishment (ст.98).
        "по месту работы: ООО «Рузское молоко»",
        // The earlier presentation and return, and the term anew from the return (ст.22).
        "ранее предъявлен в банк (ПАО Сбербанк) 10.11.2025, возвращён взыскателю 15.10.2026",
        "срок истекает 15.10.2029",
    ] {
        assert!(fssp.contains(s), "ФССП application lacks «{s}»: {fssp}");
    }
    // The writ's sum is unknown (no `sum=`): no travel ban is asked for on a guess (ст.67 ч.1).
    assert!(!fssp.contains("ст. 67"), "{fssp}");

    let sms = text(&r.files["sms/sms.csv"]);
    let mut rows = sms.lines();
    assert_eq!(
        rows.next(),
        Some("account;phone;text;segments;send_after;send_before;tz")
    );
    for row in rows {
        let cells: Vec<&str> = row.split(';').collect();
        assert_eq!(cells.len(), 7, "{row}");
        assert!(cells[1].len() == 11 && cells[1].starts_with("79"), "{row}");
        let parts: usize = cells[3].parse().unwrap();
        assert!((1..=3).contains(&parts));
        assert!(
            cells[2].chars().count() <= if parts == 1 { 70 } else { 67 * parts },
            "{row}"
        );
        assert_eq!(
            (cells[4], cells[5], cells[6]),
            ("2026-11-27 08:00", "2026-11-27 22:00", "Europe/Moscow")
        );
    }
    let errors = text(&r.files["errors.csv"]);
    assert!(
        errors.contains("1001,Иванов Пётр Сергеевич,sms,no consent to SMS"),
        "{errors}"
    );
    assert!(
        errors.contains("1023,,warning,a repayment agreement is being honoured"),
        "{errors}"
    );
    assert!(
        errors.contains("1002,,bank,no enforceable document"),
        "{errors}"
    );
}
