//! The papers that replace a court order for a debtor in bankruptcy or deceased (issue 31), on
//! workspaces of our own: the sample's settings, one account owing 2 000,00 a month for
//! 2026-01…2026-10 (due 10.02.2026 to 15.11.2026), the registers written here. The penalties of
//! the months before the split are checked against `calc` of those months alone, as of the
//! split's day: the same method, the same figures.

mod common;
use common::{
    first_account, generate, pdf_text, person_row, sample_config, scratch, text, unzip, vzysk_on,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A workspace `name`: account 3001 of `person`, 2 000,00 a month of hot water for `months`
/// (of 2026), and `files` (name, text) beside the tables.
fn workspace(
    name: &str,
    person: &str,
    months: std::ops::RangeInclusive<u32>,
    files: &[(&str, String)],
) -> PathBuf {
    let ws = scratch(name).join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    sample_config(&ws);
    let head = |file: &str| {
        let t = std::fs::read_to_string(Path::new("samples/ruza").join(file)).unwrap();
        t.lines().next().unwrap().to_string()
    };
    let accounts = format!(
        "{}\n{}\n",
        head("accounts.csv"),
        person_row("3001", person, &[])
    );
    std::fs::write(ws.join("accounts.csv"), accounts).unwrap();
    let mut ledger = head("ledger.csv");
    for m in months {
        ledger.push_str(&format!(
            "\n3001,charge,2026-{m:02},,2000.00,горячее водоснабжение,,"
        ));
    }
    std::fs::write(ws.join("ledger.csv"), ledger + "\n").unwrap();
    std::fs::write(ws.join("events.csv"), head("events.csv") + "\n").unwrap();
    for (file, body) in files {
        std::fs::write(ws.join(file), body).unwrap();
    }
    ws
}

const BANKRUPTCIES: &str = "ФИО,Дата рождения,СНИЛС,Номер дела,Арбитражный суд,Адрес суда,Процедура,Дата принятия заявления,Дата введения процедуры,Дата публикации,Финансовый управляющий,Адрес управляющего\n";
const DEATHS: &str = "ФИО,Дата рождения,СНИЛС,Дата смерти,Нотариус,Адрес нотариуса,Наследственное дело,Наследники,Адрес наследников,Стоимость наследства\n";

fn bankrupt(procedure: &str) -> Vec<(&'static str, String)> {
    vec![(
        "bankruptcies.csv",
        format!(
            "{BANKRUPTCIES}Громов Иван Петрович,30.09.1985,100-015-839 73,А41-777/2026,Арбитражный суд Московской области,\"107053, г. Москва, пр-т Академика Сахарова, д. 18\",{procedure},14.05.2026,09.07.2026,18.12.2026,Белов Игорь Сергеевич,\"119034, г. Москва, а/я 12\"\n"
        ),
    )]
}

fn deceased(notary: &str, value: &str) -> Vec<(&'static str, String)> {
    vec![(
        "deaths.csv",
        format!(
            "{DEATHS}Громова Нина Петровна,30.09.1985,100-015-839 73,14.08.2026,{notary},112/2026,Громов Олег Иванович,\"143103, г. Руза, ул. Лебеденко, д. 6, кв. 3\",{value}\n"
        ),
    )]
}

/// `plan --format json` of account 3001 on 27.11.2026.
fn plan(ws: &Path) -> Value {
    first_account("plan", ws, "2026-11-27", &[])
}

/// `calc --format json` of account 3001 on `as_of`.
fn calc(ws: &Path, as_of: &str) -> Value {
    first_account("calc", ws, as_of, &[])
}

/// The kinds a plan's account has made for it.
fn docs_of(p: &Value) -> Vec<&str> {
    p["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect()
}

/// A run with `extra`: its files.
fn run(ws: &Path, extra: &[&str]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let zip = ws.parent().unwrap().join("out.zip");
    let out = generate(ws, extra, &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    unzip(&zip)
}

/// The manifest's entries of `document`.
fn entries(files: &std::collections::BTreeMap<String, Vec<u8>>, document: &str) -> Vec<Value> {
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["document"] == document)
        .cloned()
        .collect()
}

/// The words of the PDF at `path`, joined by single spaces.
fn words(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str, ws: &Path) -> String {
    pdf_text(&files[path], ws.parent().unwrap())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Petition accepted 14.05.2026, restructuring introduced 09.07.2026: January–April (8 000,00) go
/// to the register with penalties to 08.07.2026, the day before; May–October are current (12 000,00), on the
/// ladder, and a court order claims only them.
#[test]
fn a_bankrupt_gets_the_register_claim_for_the_months_before_and_the_ladder_for_the_rest() {
    let ws = workspace(
        "bankrupt",
        "Громов Иван Петрович",
        1..=10,
        &bankrupt("Реструктуризация долгов гражданина"),
    );
    let p = plan(&ws);
    let docs = docs_of(&p);
    assert_eq!(docs, ["notice", "sms", "calls", "register-claim"], "{p}");
    assert!(
        p["reason"].as_str().unwrap().contains("file by 18.02.2027"),
        "{p}"
    );
    assert!(
        p["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["what"] == "register" && d["date"] == "2027-02-18"),
        "{p}"
    );
    // The account's own calculation: the current months only.
    assert_eq!(calc(&ws, "2026-11-27")["principal"], "12000.00");
    // The register's months alone, as of the procedure's day: the claim's penalty.
    let before = workspace("bankrupt-before", "Громов Иван Петрович", 1..=4, &[]);
    let expected = calc(&before, "2026-07-08");
    let files = run(&ws, &["--docs", "auto"]);
    let [claim] = &entries(&files, "register-claim")[..] else {
        panic!("{:?}", files.keys().collect::<Vec<_>>())
    };
    assert_eq!(claim["principal"], "8000.00");
    assert_eq!(claim["penalty"], expected["penalty"], "{claim}");
    assert_eq!(claim["months"], "2026-01..2026-04");
    let t = words(&files, claim["path"].as_str().unwrap(), &ws);
    assert!(t.contains("Дело № А41-777/2026"), "{t}");
    assert!(
        t.contains("Финансовый управляющий: Белов Игорь Сергеевич"),
        "{t}"
    );
    assert!(
        t.contains("за период с января 2026 г. по апрель 2026 г. составляет 8 000,00 руб."),
        "{t}"
    );
    assert!(
        t.contains("по 08.07.2026 — день, предшествующий введению процедуры 09.07.2026"),
        "{t}"
    );
    assert!(
        t.contains("в третью очередь реестра требований кредиторов Громова Ивана Петровича"),
        "{t}"
    );
    assert!(
        t.contains("Плата за коммунальные услуги с мая 2026 г. относится к текущим платежам"),
        "{t}"
    );
    // Beside it, its calculation and the statement of those months; the journal's row.
    assert!(
        files
            .keys()
            .any(|k| k.starts_with("bankruptcy/3001_Громов/02 Расчёт")),
        "{:?}",
        files.keys()
    );
    let journal = text(&files["events.csv"]);
    assert!(
        journal.contains("3001;2026-11-27;register_claim_filed;"),
        "{journal}"
    );
    // A court order for the current months only.
    let files = run(&ws, &["--docs", "court-order"]);
    let [order] = &entries(&files, "application")[..] else {
        panic!()
    };
    assert_eq!(order["months"], "2026-05..2026-10", "{order}");
    assert_eq!(order["principal"], "12000.00", "{order}");
}

#[test]
fn recorded_the_register_claim_is_not_made_again() {
    let ws = workspace(
        "bankrupt-recorded",
        "Громов Иван Петрович",
        1..=10,
        &bankrupt("Реализация имущества гражданина"),
    );
    let zip = ws.parent().unwrap().join("out.zip");
    let out = generate(&ws, &["--docs", "register-claim"], &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = vzysk_on(
        "2026-12-31",
        &["record", ws.to_str().unwrap(), zip.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let journal = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    assert!(journal.contains("register_claim_filed"), "{journal}");
    let p = first_account("plan", &ws, "2026-11-28", &[]);
    assert!(!docs_of(&p).contains(&"register-claim"), "{p}");
}

#[test]
fn out_of_court_or_completed_the_register_claim_is_refused_with_its_rule() {
    for (procedure, rule) in [
        ("Внесудебное банкротство", "ст.223.4"),
        ("Завершена", "ст.213.28"),
    ] {
        let ws = workspace(
            "bankrupt-other",
            "Громов Иван Петрович",
            1..=10,
            &bankrupt(procedure),
        );
        let files = run(&ws, &["--docs", "register-claim"]);
        let errors = text(&files["errors.csv"]);
        assert!(errors.contains(rule), "{procedure}: {errors}");
        assert!(entries(&files, "register-claim").is_empty());
    }
}

/// Died 14.08.2026: January–July (14 000,00) are the estate's, with penalties to the day of
/// death; August on are the heirs' own. The inheritance is worth 5 000,00: the heirs are asked
/// for no more.
#[test]
fn a_deceased_gets_the_notary_claim_and_the_heirs_claim_within_the_inheritance() {
    let notary = "Гаврилова Анна Петровна,\"143103, г. Руза, ул. Федеративная, д. 19\"";
    let ws = workspace(
        "deceased",
        "Громова Нина Петровна",
        1..=10,
        &deceased(notary, "5000.00"),
    );
    let p = plan(&ws);
    let docs = docs_of(&p);
    assert_eq!(docs, ["estate-claim", "heirs-claim"], "{p}");
    let before = workspace("deceased-before", "Громова Нина Петровна", 1..=7, &[]);
    let expected = calc(&before, "2026-08-14");
    let files = run(&ws, &["--docs", "auto"]);
    let [notary_claim] = &entries(&files, "estate-claim")[..] else {
        panic!()
    };
    let [heirs_claim] = &entries(&files, "heirs-claim")[..] else {
        panic!()
    };
    for c in [notary_claim, heirs_claim] {
        assert_eq!(c["principal"], "14000.00", "{c}");
        assert_eq!(c["penalty"], expected["penalty"], "{c}");
        assert_eq!(c["months"], "2026-01..2026-07", "{c}");
    }
    let t = words(&files, notary_claim["path"].as_str().unwrap(), &ws);
    assert!(t.starts_with("Нотариусу Гавриловой Анне Петровне"), "{t}");
    assert!(
        t.contains("к имуществу Громовой Нины Петровны, умершей 14.08.2026"),
        "{t}"
    );
    assert!(t.contains("Наследодатель являлся собственником"), "{t}");
    assert!(t.contains("п. 3 ст. 1175 ГК РФ"), "{t}");
    let t = words(&files, heirs_claim["path"].as_str().unwrap(), &ws);
    assert!(t.starts_with("Громову Олегу Ивановичу"), "{t}");
    assert!(
        t.contains("в пределах этой стоимости — 5 000,00 руб."),
        "{t}"
    );
    assert!(
        t.contains("погасить задолженность наследодателя в размере 5 000,00 руб."),
        "{t}"
    );
    let journal = text(&files["events.csv"]);
    assert!(
        journal.contains("estate_claim_sent") && journal.contains("heirs_claim_sent"),
        "{journal}"
    );
    // No court order against the deceased: refused with the rule.
    let files = run(&ws, &["--docs", "court-order"]);
    let errors = text(&files["errors.csv"]);
    assert!(errors.contains("ГК ст.1175"), "{errors}");
}

#[test]
fn without_the_notary_or_the_heirs_their_claims_are_refused_saying_what_to_find() {
    let ws = workspace(
        "deceased-unknown",
        "Громова Нина Петровна",
        1..=10,
        &[(
            "deaths.csv",
            format!("{DEATHS}Громова Нина Петровна,30.09.1985,100-015-839 73,14.08.2026,,,,,,\n"),
        )],
    );
    let files = run(&ws, &["--docs", "estate-claim,heirs-claim"]);
    let errors = text(&files["errors.csv"]);
    assert!(errors.contains("notariat.ru"), "{errors}");
    assert!(errors.contains("`heirs`"), "{errors}");
    assert!(entries(&files, "estate-claim").is_empty());
}

/// `[warning] channels = ["sms", "payment_document"]`: account 3001's debtor has a mobile and
/// consents (the sample's 1002 row), so the warning goes by SMS, a row of `warnings/sms.csv` with
/// its number; recorded, then the gateway's report «Доставлено» on 02.12.2026 is the delivery: the
/// 20 days run from it, and a restriction is possible from 23.12.2026. An undelivered status proves
/// nothing and starts no term.
#[test]
fn a_warning_by_sms_is_delivered_by_the_gateways_report_and_the_twenty_days_run_from_it() {
    let ws = workspace("warning-sms", "Громов Иван Петрович", 1..=10, &[]);
    let toml = std::fs::read_to_string(ws.join("vzysk.toml")).unwrap();
    let toml = toml + "\n[warning]\nchannels = [\"sms\", \"payment_document\"]\n";
    std::fs::write(ws.join("vzysk.toml"), toml).unwrap();
    let files = run(&ws, &["--docs", "warning"]);
    assert!(
        !files.keys().any(|k| k.ends_with(".pdf")),
        "{:?}",
        files.keys()
    );
    let list = text(&files["warnings/sms.csv"]);
    let row: Vec<&str> = list.lines().nth(1).expect("a row").split(';').collect();
    assert_eq!(
        &row[..4],
        [
            "3001",
            "Громов Иван Петрович",
            "79161011121",
            "ЕРЦ-261127-0001"
        ],
        "{list}"
    );
    assert!(
        row[5].contains("Не оплатите за 20 дн. с получения"),
        "{list}"
    );
    let journal = text(&files["events.csv"]);
    assert!(
        journal.contains("3001;2026-11-27;warning_sent;ЕРЦ-261127-0001;\"channel=sms;to=79161011121;debtor=Громов Иван Петрович;run=2026-11-27\""),
        "{journal}"
    );
    let zip = ws.parent().unwrap().join("out.zip");
    let out = vzysk_on(
        "2026-12-31",
        &["record", ws.to_str().unwrap(), zip.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The gateway's report: one message failed, then delivered.
    let report = ws.parent().unwrap().join("отчёт шлюза.csv");
    std::fs::write(
        &report,
        "ID сообщения;Телефон;Статус;Время\nЕРЦ-261127-0001;79161011121;Не доставлено;01.12.2026 10:00\nЕРЦ-261127-0001;79161011121;Доставлено;02.12.2026 10:05\n",
    )
    .unwrap();
    let out = vzysk_on(
        "2026-12-31",
        &["record", ws.to_str().unwrap(), report.to_str().unwrap()],
    );
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("proves no delivery"), "{said}");
    let journal = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    assert!(
        journal.contains("3001,2026-12-02,warning_delivered,ЕРЦ-261127-0001,channel=sms;id=ЕРЦ-261127-0001;debtor=Громов Иван Петрович"),
        "{journal}"
    );
    // The 20 days from 02.12.2026: running on 22.12, run out on 23.12.
    let step = |day: &str| first_account("plan", &ws, day, &[])["next"].clone();
    assert_eq!(step("2026-12-22"), "none");
    assert_eq!(step("2026-12-23"), "restriction");
}

/// Hot water restricted on 25.10.2026; the whole debt paid on 20.11.2026: the service is resumed
/// within 2 calendar days — by 22.11.2026 (п.120 Правил № 354) — and the act of resumption says
/// so. An agreement signed after the restriction resumes it too; recorded `resumed`, nothing more.
#[test]
fn a_restriction_whose_debt_is_paid_or_agreed_is_resumed_within_two_days() {
    let ws = workspace("resumption", "Громов Иван Петрович", 1..=10, &[]);
    let events = std::fs::read_to_string(ws.join("events.csv")).unwrap()
        + "3001,2026-09-25,warning_delivered,,channel=hand\n3001,2026-10-25,restricted,А-17,service=горячее водоснабжение\n";
    std::fs::write(ws.join("events.csv"), &events).unwrap();
    // Before the payment: the court is next, no resumption.
    assert_ne!(plan(&ws)["next"], "resumption");
    let ledger = std::fs::read_to_string(ws.join("ledger.csv")).unwrap()
        + "3001,payment,,2026-11-20,20000.00,,,\n";
    std::fs::write(ws.join("ledger.csv"), ledger).unwrap();
    let p = plan(&ws);
    assert_eq!(p["next"], "resumption", "{p}");
    assert!(
        p["reason"]
            .as_str()
            .unwrap()
            .contains("resume the service by 22.11.2026"),
        "{p}"
    );
    let files = run(&ws, &["--docs", "auto"]);
    let [act] = &entries(&files, "resumption")[..] else {
        panic!("{:?}", files.keys().collect::<Vec<_>>())
    };
    assert_eq!(act["resume_by"], "2026-11-22");
    let t = words(&files, act["path"].as_str().unwrap(), &ws);
    assert!(
        t.contains("Основание. Услуга ограничена 25.10.2026 (акт № А-17)."),
        "{t}"
    );
    assert!(
        t.contains("задолженность по оплате услуги погашена (последний платёж — 20.11.2026)"),
        "{t}"
    );
    assert!(t.contains("не позднее 22.11.2026 (п. 120 Правил"), "{t}");
    // Recorded resumed: no second act.
    std::fs::write(
        ws.join("events.csv"),
        events.clone() + "3001,2026-11-21,resumed,,service=горячее водоснабжение\n",
    )
    .unwrap();
    assert_ne!(plan(&ws)["next"], "resumption");
    // Unpaid, but an agreement signed after the restriction: resumed too.
    let ledger = std::fs::read_to_string(ws.join("ledger.csv"))
        .unwrap()
        .replace("3001,payment,,2026-11-20,20000.00,,,\n", "");
    std::fs::write(ws.join("ledger.csv"), ledger).unwrap();
    std::fs::write(
        ws.join("events.csv"),
        events + "3001,2026-11-24,agreement_signed,С-5,\n",
    )
    .unwrap();
    let p = plan(&ws);
    assert_eq!(p["next"], "resumption", "{p}");
    assert!(
        p["reason"]
            .as_str()
            .unwrap()
            .contains("agreement signed 24.11.2026 → resume the service by 26.11.2026"),
        "{p}"
    );
}
