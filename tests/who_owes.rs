//! Who owes, why, and how much is left (issue 30), on workspaces of our own: the sample's settings
//! with accounts, ledgers and events written here, every figure worked out by hand in a comment.

mod common;
use common::{generate, pdf_text, person_row, sample_config, scratch, text, unzip, vzysk};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A run's files by their paths in the archive.
type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// The sample's row of account 1002 (Руза, court № 165), with another number, name and bank.
fn account_row(id: &str, name: &str, bank: &str) -> String {
    person_row(id, name, &[("bank", bank)])
}

/// A monthly charge of hot water for each month from `from` to `to` (YYYY-MM).
fn charges(id: &str, from: (i32, u32), to: (i32, u32), amount: &str) -> Vec<String> {
    let mut rows = Vec::new();
    let (mut y, mut m) = from;
    while (y, m) <= to {
        rows.push(format!(
            "{id},charge,{y}-{m:02},,{amount},горячее водоснабжение,,"
        ));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    rows
}

/// A workspace `name` with the sample's settings (its `vzysk.toml` through `settings`) and these rows.
fn workspace(
    name: &str,
    settings: impl Fn(String) -> String,
    accounts: &[String],
    ledger: &[String],
    events: &[&str],
) -> PathBuf {
    let ws = scratch(name).join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    sample_config(&ws);
    let toml = std::fs::read_to_string(ws.join("vzysk.toml")).unwrap();
    std::fs::write(ws.join("vzysk.toml"), settings(toml)).unwrap();
    let head = |file: &str| {
        let text = std::fs::read_to_string(Path::new("samples/ruza").join(file)).unwrap();
        text.lines().next().unwrap().to_string()
    };
    let write = |file: &str, rows: Vec<String>| {
        let mut text = head(file);
        for r in rows {
            text.push('\n');
            text.push_str(&r);
        }
        text.push('\n');
        std::fs::write(ws.join(file), text).unwrap();
    };
    write("accounts.csv", accounts.to_vec());
    write("ledger.csv", ledger.to_vec());
    write("events.csv", events.iter().map(|e| e.to_string()).collect());
    ws
}

/// A workspace `name` of these accounts (rows of `accounts.csv`), each owing 2 000 a month for
/// 2026-01…2026-10 (due 10.02.2026 to 15.11.2026).
fn owing_in_2026(name: &str, accounts: &[String]) -> PathBuf {
    let mut ids: Vec<&str> = accounts
        .iter()
        .map(|r| r.split(',').next().unwrap())
        .collect();
    ids.dedup();
    let ledger: Vec<String> = ids
        .iter()
        .flat_map(|id| charges(id, (2026, 1), (2026, 10), "2000.00"))
        .collect();
    workspace(name, |t| t, accounts, &ledger, &[])
}

/// The text of the PDF of `document` for `account` in a run on `ws`, its words joined by single
/// spaces.
fn text_of(files: &Files, account: &str, document: &str, ws: &Path) -> String {
    let e = entry(files, account, document);
    let page = pdf_text(&files[e["path"].as_str().unwrap()], ws.parent().unwrap());
    page.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `calc --format json` of one account.
fn calc_of(ws: &Path, account: &str) -> Value {
    let out = vzysk(&[
        "calc",
        ws.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
        "--account",
        account,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    all["accounts"][0].clone()
}

/// A run's files.
fn run(ws: &Path, extra: &[&str]) -> Files {
    let zip = ws.parent().unwrap().join("out.zip");
    let out = generate(ws, extra, &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    unzip(&zip)
}

/// The manifest's entry of `kind` and `document` for `account`.
fn entry(files: &Files, account: &str, document: &str) -> Value {
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["account"] == account && f["document"] == document)
        .unwrap_or_else(|| panic!("no {document} of {account}: {manifest}"))
        .clone()
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// Пленум ВС № 22 п.32 on a whole account. 2001 owes 1 000 for each month of 2023-01…2024-06 and
/// paid 3 000 naming no month on 20.11.2026. On that day (and on 27.11.2026) the months due up to
/// 10.11.2023 — 2023-01…2023-10 — are past limitation (3 years from the day after the due date);
/// 2023-11 (due 10.12.2023) on are not.
/// - Under п.32 the 3 000 pays 2023-11, 2023-12 and 2024-01: the court order claims 2024-02…2024-06,
///   a principal of 5 000,00.
/// - Under the old convention it paid 2023-01…2023-03, barred anyway: the order claims
///   2023-11…2024-06, 8 000,00.
///
/// Either way `calc` and the application agree on principal and penalty.
#[test]
fn unnamed_payments_go_to_months_within_limitation_and_calc_and_papers_agree() {
    let accounts = [account_row("2001", "Орлова Марина Игоревна", "")];
    let mut ledger = charges("2001", (2023, 1), (2024, 6), "1000.00");
    ledger.push("2001,payment,,2026-11-20,3000.00,,,п/п 77".into());
    for (name, allocation, principal, first) in [
        ("p32", "named-then-within-limitation", "5000.00", "2024-02"),
        ("old", "named-then-oldest", "8000.00", "2023-11"),
    ] {
        let ws = workspace(
            &format!("alloc-{name}"),
            |t| {
                t.lines()
                    .map(|l| {
                        if l.starts_with("allocation = ") {
                            format!("allocation = \"{allocation}\"")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
            &accounts,
            &ledger,
            &[],
        );
        let calc = calc_of(&ws, "2001");
        let within: Vec<&Value> = calc["periods"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["limitation"]["state"] != "barred")
            .collect();
        let sum = |key: &str| {
            within
                .iter()
                .map(|p| dec(&p[key]))
                .sum::<rust_decimal::Decimal>()
        };
        assert_eq!(sum("debt").to_string(), principal, "{name}");

        let files = run(&ws, &["--docs", "court-order"]);
        let order = entry(&files, "2001", "application");
        assert_eq!(order["principal"], principal, "{name}: {order}");
        assert_eq!(dec(&order["penalty"]), sum("penalty"), "{name}: {order}");
        assert!(
            order["period"].as_str().unwrap().starts_with(first),
            "{name}: {order}"
        );

        // The calculation says where the payment went and why.
        let flat = text_of(&files, "2001", "calculation", &ws);
        assert!(flat.contains("Зачёт платежей"), "{flat}");
        assert!(
            flat.contains("20.11.2026 3 000,00 не указан"),
            "{name}: {flat}"
        );
        match name {
            "p32" => {
                assert!(
                    flat.contains("ноябрь 2023 1 000,00 п. 32 Пленума ВС № 22"),
                    "{flat}"
                );
                assert!(flat.contains("п. 32 постановления Пленума ВС РФ"), "{flat}");
            }
            _ => {
                assert!(
                    flat.contains("январь 2023 * 1 000,00 ч. 3 ст. 319.1 ГК РФ"),
                    "{flat}"
                );
                assert!(flat.contains("* — период не включён в раздел 1"), "{flat}");
            }
        }
    }
}

/// The writ's sum less what was paid since (`legal-rules.md` §14.3). 2002 owes 4 500 for each
/// month of 2025-01…2025-04; court order № 2-900/2025 of 01.07.2025 awarded 20 000,00 (18 000 of
/// debt, penalty and duty). On 10.09.2025 the debtor paid 8 000 naming February: February 4 500,
/// January 3 500 (the oldest month within limitation) — all to the order's months. Left:
/// 20 000 − 8 000 = 12 000,00.
///
/// 2003 is the same, and paid 12 000 naming nothing on 01.10.2025 as well: January 1 000, March
/// 4 500, April 4 500, and 2 000 that no month needs (the order's penalty and duty): 20 000 paid
/// since the order, nothing left — no application, the refusal says why.
#[test]
fn the_bank_is_asked_for_what_is_left_and_nothing_when_all_is_paid() {
    let accounts = [
        account_row("2002", "Зайцев Олег Петрович", "ПАО Сбербанк"),
        account_row("2003", "Зайцева Ольга Павловна", "ПАО Сбербанк"),
    ];
    let mut ledger = charges("2002", (2025, 1), (2025, 4), "4500.00");
    ledger.extend(charges("2003", (2025, 1), (2025, 4), "4500.00"));
    ledger.push("2002,payment,2025-02,2025-09-10,8000.00,,,п/п 12".into());
    ledger.push("2003,payment,2025-02,2025-09-10,8000.00,,,п/п 13".into());
    ledger.push("2003,payment,,2025-10-01,12000.00,,,п/п 14".into());
    let mut events = Vec::new();
    for id in ["2002", "2003"] {
        events.push(format!(
            "{id},2025-06-02,order_filed,,court=s165;duty=2000.00;period=2025-01..2025-04"
        ));
        events.push(format!(
            "{id},2025-07-01,order_issued,2-900/2025,court=s165"
        ));
        events.push(format!("{id},2025-07-25,writ_issued,2-900/2025,court=s165;document=order;act_date=2025-07-01;in_force=2025-07-24;sum=20000.00"));
    }
    let events: Vec<&str> = events.iter().map(String::as_str).collect();
    let ws = workspace("left", |t| t, &accounts, &ledger, &events);

    let files = run(&ws, &["--docs", "bank"]);
    let bank = entry(&files, "2002", "bank");
    assert_eq!(bank["sum"], "12000.00", "{bank}");
    let flat = text_of(&files, "2002", "bank", &ws);
    assert!(
        flat.contains("в сумме 20 000,00 руб. Начиная с 01.07.2025"),
        "{flat}"
    );
    assert!(flat.contains("оставшуюся сумму — 12 000,00 руб."), "{flat}");
    assert!(
        flat.contains("взысканной задолженности: 10.09.2025 — 8 000,00 руб. Прошу списать"),
        "{flat}"
    );

    let errors = text(&files["errors.csv"]).replace('\u{a0}', " ");
    let refusal = errors
        .lines()
        .find(|l| l.starts_with("2003,"))
        .unwrap_or_else(|| panic!("{errors}"));
    assert!(
        refusal.contains("the writ awarded 20 000,00 руб."),
        "{refusal}"
    );
    assert!(
        refusal.contains(
            "paid 20 000,00 руб. towards it (10.09.2025 — 8 000,00 руб.; 01.10.2025 — 12 000,00 руб.)"
        ),
        "{refusal}"
    );
    assert!(refusal.contains("ГК ст.408"), "{refusal}");
    assert!(
        !files
            .keys()
            .any(|k| k.contains("2003") && k.starts_with("bank/"))
    );
}

/// A minor owner's row: born on `born`, with his legal representative.
fn minor(id: &str, name: &str, born: &str, representative: &str) -> String {
    person_row(
        id,
        name,
        &[("birth_date", born), ("representative", representative)],
    )
}

/// Minors (`legal-rules.md` §14.1), on 27.11.2026, for the months 2026-01…2026-10 (due 10.02.2026 to
/// 15.11.2026):
/// - 2010, Кравцов Денис Андреевич, born 06.06.2013: 13, so every month is his mother's to pay — the
///   application names her, acting for him; no SMS, and the agreement is hers to sign for him;
/// - 2011, Лебедев Артём Сергеевич, born 10.03.2011: 14 on 10.03.2025, before every month — he
///   answers, represented by his mother (ГПК ст.37 ч.3);
/// - 2012, Соколов Максим Олегович, born 01.01.2015, no representative known: no paper at all;
/// - 2013: the representative given is the owner himself — an error in `check`, at its cell;
/// - 2014, an adult declared incapacitated (`status = incapacitated`), with his guardian; 2015
///   without one: no paper.
#[test]
fn a_child_is_never_the_debtor_and_a_minor_is_represented() {
    let accounts = [
        minor(
            "2010",
            "Кравцов Денис Андреевич",
            "2013-06-06",
            "Кравцова Ольга Ивановна",
        ),
        minor(
            "2011",
            "Лебедев Артём Сергеевич",
            "2011-03-10",
            "Лебедева Ирина Викторовна",
        ),
        minor("2012", "Соколов Максим Олегович", "2015-01-01", ""),
        minor(
            "2013",
            "Титов Глеб Романович",
            "2012-05-05",
            "Титов Глеб Романович",
        ),
        person_row(
            "2014",
            "Громов Павел Ильич",
            &[
                ("status", "incapacitated"),
                ("representative", "Громова Нина Павловна"),
            ],
        ),
        person_row("2015", "Ершов Илья Ильич", &[("status", "incapacitated")]),
    ];
    let ws = owing_in_2026("minors", &accounts);

    let files = run(&ws, &["--docs", "court-order"]);
    let flat = |account: &str| text_of(&files, account, "application", &ws);
    let child = entry(&files, "2010", "application");
    let text2010 = flat("2010");
    assert!(
        text2010.contains("Должник: Кравцова Ольга Ивановна"),
        "{text2010}"
    );
    assert!(
        text2010.contains("действующая в интересах несовершеннолетнего Кравцова Дениса Андреевича, 06.06.2013 г.р."),
        "{text2010}"
    );
    assert!(
        text2010.contains("с должника Кравцовой Ольги Ивановны, действующей в интересах несовершеннолетнего Кравцова Дениса Андреевича"),
        "{text2010}"
    );
    assert!(
        !text2010.contains("дата рождения: 06.06.2013"),
        "{text2010}"
    );
    assert_eq!(child["debtors"][0], "Кравцова Ольга Ивановна");

    let text2011 = flat("2011");
    assert!(
        text2011.contains("Должник: Лебедев Артём Сергеевич"),
        "{text2011}"
    );
    assert!(
        text2011.contains("несовершеннолетний, законный представитель: Лебедева Ирина Викторовна (ч. 3 ст. 37 ГПК РФ)"),
        "{text2011}"
    );

    // An adult declared incapacitated owes, and his guardian acts for him.
    let text2014 = flat("2014");
    assert!(
        text2014.contains("Должник: Громов Павел Ильич"),
        "{text2014}"
    );
    assert!(
        text2014
            .contains("признан недееспособным, опекун: Громова Нина Павловна (ст. 29, 32 ГК РФ"),
        "{text2014}"
    );

    // The letters of a run without the filing: a notice to the mother, no SMS, no agreement.
    let letters = run(&ws, &["--docs", "sms,agreement,notice"]);
    let notice = entry(&letters, "2010", "notice");
    assert_eq!(notice["debtors"][0], "Кравцова Ольга Ивановна", "{notice}");
    // From 14 the minor owes, and his letters go to his mother.
    let page = text_of(&letters, "2011", "notice", &ws);
    // (The addressee's block shares its lines with the sender's in the text of the page.)
    assert!(
        page.contains("Лебедевой Ирине Викторовне, законному"),
        "{page}"
    );
    assert!(
        page.contains("представителю несовершеннолетнего Лебедева"),
        "{page}"
    );
    let mut errors = text(&files["errors.csv"]);
    errors.push_str(&text(&letters["errors.csv"]));
    let refused = |account: &str, kind: &str| {
        errors
            .lines()
            .find(|l| l.starts_with(&format!("{account},")) && l.contains(&format!(",{kind},")))
            .unwrap_or_else(|| panic!("no refusal of {kind} for {account}:\n{errors}"))
            .to_string()
    };
    let line = refused("2015", "court-order");
    assert!(line.contains("no guardian is known"), "{line}");
    // Nothing reaches the child by SMS; his mother signs the agreement for him (ГК ст.28). From 14
    // he signs one himself with her consent (ст.26), a ward's guardian for him (ст.29, 32): drawn
    // up apart, not by this tool.
    assert!(refused("2010", "sms").contains("ГК ст.28"), "{errors}");
    let agreement = text_of(&letters, "2010", "agreement", &ws);
    assert!(
        agreement.contains("Кравцова Ольга Ивановна, действующая в интересах несовершеннолетнего Кравцова Дениса Андреевича"),
        "{agreement}"
    );
    for (account, rule) in [("2011", "ГК ст.26"), ("2014", "ГК ст.29, 32")] {
        for kind in ["sms", "agreement"] {
            assert!(refused(account, kind).contains(rule), "{errors}");
        }
    }
    for kind in ["court-order", "notice", "sms"] {
        let line = refused("2012", kind);
        assert!(line.contains("no legal representative is known"), "{line}");
    }
    assert!(
        !files.keys().any(|k| k.contains("Соколов")),
        "{:?}",
        files.keys()
    );
    assert!(
        !files.keys().any(|k| k.contains("2012_")),
        "{:?}",
        files.keys()
    );

    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    let said = text(&out.stderr) + &text(&out.stdout);
    assert!(
        said.contains("the representative given is the debtor himself"),
        "{said}"
    );
    assert!(said.contains("accounts.csv:5"), "{said}");
    assert!(said.contains("representative"), "{said}");
}

/// The basis of liability (`legal-rules.md` §14.5), on 27.11.2026, months 2026-01…2026-10 at 2 000:
/// - 2020 owns the flat (ЕГРН record 50:19:0010203:456-50/019/2019-3 of 12.03.2019), its extract
///   named in `extract`: the application says so and lists the extract;
/// - 2021 is a tenant under social hire contract № 214 of 15.03.2012;
/// - 2022 has no right given: the paper says it is unknown, and `check` warns;
/// - bad rows: 2023 a share for a registered resident, 2024 two owners with one record, 2025 an
///   unknown right — each an error at its cell, and the account is refused, not lost.
#[test]
fn orders_state_why_the_debtor_owes_and_bad_rights_are_named_at_their_cell() {
    let owner = |id: &str, name: &str, changed: &[(&str, &str)]| person_row(id, name, changed);
    let accounts = [
        owner(
            "2020",
            "Орлова Марина Игоревна",
            &[
                ("right", "собственность"),
                ("right_record", "50:19:0010203:456-50/019/2019-3"),
                ("right_date", "2019-03-12"),
                ("extract", "egrn/2020.pdf"),
            ],
        ),
        owner(
            "2021",
            "Зайцев Олег Петрович",
            &[
                ("right", "social_hire"),
                ("right_record", "214"),
                ("right_date", "2012-03-15"),
            ],
        ),
        owner(
            "2022",
            "Титова Анна Романовна",
            &[("right", ""), ("right_record", ""), ("right_date", "")],
        ),
        owner(
            "2023",
            "Белов Иван Ильич",
            &[("right", "registration"), ("share", "1/2")],
        ),
        owner(
            "2024",
            "Гусев Пётр Львович",
            &[
                ("right", "ownership"),
                ("share", "1/2"),
                ("right_record", "50:1-1"),
            ],
        ),
        owner(
            "2024",
            "Гусева Юлия Львовна",
            &[
                ("right", "ownership"),
                ("share", "1/2"),
                ("right_record", "50:1-1"),
            ],
        ),
        owner("2025", "Жуков Лев Ильич", &[("right", "аренда")]),
    ];
    let ws = owing_in_2026("basis", &accounts);

    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    let said = text(&out.stderr) + &text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    let line_of = |needle: &str| {
        said.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no «{needle}»:\n{said}"))
            .to_string()
    };
    assert!(
        line_of("no basis of liability").contains("accounts.csv:4"),
        "{said}"
    );
    assert!(
        line_of("a share is given for a debtor who is not an owner").contains("accounts.csv:5:"),
        "{said}"
    );
    assert!(
        line_of("is already given for another debtor of account 2024").contains("accounts.csv:7:"),
        "{said}"
    );
    assert!(
        line_of("unknown right «аренда»").contains("accounts.csv:8:"),
        "{said}"
    );

    let files = run(&ws, &["--docs", "court-order"]);
    let flat = |account: &str| text_of(&files, account, "application", &ws);
    let t = flat("2020");
    assert!(t.contains("Должник является собственником помещения (запись в ЕГРН № 50:19:0010203:456-50/019/2019-3 от 12.03.2019)"), "{t}");
    assert!(t.contains("Копия выписки из ЕГРН на помещение."), "{t}");
    assert!(
        !t.contains("потребителем коммунальных услуг, предоставляемых"),
        "{t}"
    );
    let t = flat("2021");
    assert!(
        t.contains(
            "нанимателем помещения по договору социального найма (договор № 214 от 15.03.2012)"
        ),
        "{t}"
    );
    let t = flat("2022");
    assert!(t.contains("основание его обязанности по оплате (право собственности, социальный наём, регистрация по месту жительства) взыскателю неизвестно"), "{t}");
    let errors = text(&files["errors.csv"]);
    for id in ["2023", "2024", "2025"] {
        assert!(
            errors.lines().any(|l| l.starts_with(&format!("{id},"))),
            "{id}: {errors}"
        );
    }
}

/// The old convention still gives the figures of the runs before Пленум № 22 п.32 was applied: on
/// the sample, account 1004's penalty was 89 514,71 (its unnamed 5 000 of 15.03.2021 and the
/// 12 000 of 02.08.2023 paid its oldest months, 2019-10 on, barred or not). Under п.32 the 12 000
/// skips the months barred by 02.08.2023 (2019-12…2020-06) and pays 2020-07 on: the same principal,
/// 118 874,60, and a penalty of 89 555,25 — the later months were paid later.
#[test]
fn the_old_convention_reproduces_the_earlier_figures() {
    let sums = |allocation: &str| {
        let ws = common::sample_settings(&format!("old-{allocation}"), |t| {
            t.lines()
                .map(|l| match l.starts_with("allocation = ") {
                    true => format!("allocation = \"{allocation}\""),
                    false => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        let c = calc_of(&ws, "1004");
        (c["principal"].clone(), c["penalty"].clone())
    };
    assert_eq!(
        sums("named-then-oldest"),
        ("118874.60".into(), "89514.71".into())
    );
    assert_eq!(
        sums("named-then-within-limitation"),
        ("118874.60".into(), "89555.25".into())
    );
}
