//! `vzysk serve` without a browser: the server on an ephemeral loopback port, asked over plain
//! HTTP/1.1. What it must refuse (a POST without the page's token, a foreign `Host`, a path that
//! leaves the workspace, an upload over the limit, a start off loopback without a token) and what
//! it must do (pages, a name shown as text, a preview byte for byte as `generate` makes it, an event
//! recorded by hand after it is shown).

mod common;
use common::web::{Server, ask, csrf, get, hidden, post_form, post_multipart, start};
use common::{copy_sample, scratch, text, unzip, vzysk};

fn sample(name: &str) -> std::path::PathBuf {
    let ws = scratch(name).join("ws");
    copy_sample(&ws, |_, t| t);
    ws
}

#[test]
fn pages_answer_with_a_policy_and_show_names_as_text() {
    let ws = common::web::hostile_sample("serve-pages");
    let s = start(&ws, &[]);
    let home = get(&s, "/");
    assert_eq!(home.status, 200);
    let csp = home.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert!(home.text().contains("Портфель на 27.11.2026"));
    // A search is posted and kept by the server: the address carries an id, not the words.
    let token = csrf(&get(&s, "/debtors").text());
    let searched = post_form(&s, "/debtors", &[("csrf", &token), ("q", "alert")]);
    assert_eq!(searched.status, 303);
    let view = searched.header("location").unwrap().to_string();
    assert!(
        view.starts_with("/debtors?view=") && !view.contains("alert"),
        "{view}"
    );
    assert_eq!(post_form(&s, "/debtors", &[("q", "alert")]).status, 403);
    assert!(
        get(&s, "/debtors?q=alert")
            .text()
            .contains("Должники: 25 из 25"),
        "words in an address are not searched"
    );
    let list = get(&s, &view);
    assert_eq!(list.status, 200);
    let page = list.text();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"), "{page}");
    assert!(
        !page.contains("<script>alert"),
        "a name is text, never markup"
    );
    assert!(page.contains("Должники: 1 из 25"), "{page}");
    // Filtered to one stage: every row is of that stage.
    let stage = get(&s, "/debtors?stage=restricted").text();
    assert!(stage.contains("Должники: 2 из 25"), "{stage}");
    assert!(get(&s, "/debtors/1001").text().contains("Следующий шаг"));
    assert_eq!(get(&s, "/templates").status, 200);
}

#[test]
fn what_must_be_refused_is_refused() {
    let ws = sample("serve-refusals");
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let s = start(&ws, &[]);
    // A foreign Host (DNS rebinding) gets nothing.
    let foreign = ask(&s, "GET", "/", &[("Host", "evil.example")], b"");
    assert_eq!(foreign.status, 421);
    assert_eq!(foreign.header("x-content-type-options"), Some("nosniff"));
    assert!(foreign.header("content-security-policy").is_some());
    // No change without the page's token, or with a wrong one.
    assert_eq!(post_form(&s, "/reload", &[]).status, 403);
    assert_eq!(
        post_form(&s, "/reload", &[("csrf", &"0".repeat(32))]).status,
        403
    );
    let event = [
        ("date", "2026-11-27"),
        ("event", "notice_sent"),
        ("confirm", "1"),
    ];
    assert_eq!(post_form(&s, "/debtors/1010/events", &event).status, 403);
    assert_eq!(get(&s, "/reload").status, 405, "a change is never a GET");
    // No path leaves the workspace's known accounts, kinds and pages.
    for path in [
        "/debtors/..%2F..%2Fetc%2Fpasswd",
        "/debtors/1001/documents/..%2F..%2Fvzysk.toml",
        "/debtors/1001/documents/court-order.typ",
        "/debtors/1001/documents/..%2Fvzysk.toml.pdf",
        "/static/..%2F..%2Fvzysk.toml",
        "/static/app.css/../../vzysk.toml",
        "/batches/..%2F..%2Fvzysk.toml/archive.zip",
        "/batches/1/..%2F..%2Fvzysk.toml",
    ] {
        let a = get(&s, path);
        assert!(matches!(a.status, 404 | 400), "{path}: {}", a.status);
        assert!(!a.text().contains("[claimant]"), "{path}");
    }
    // A confirmation naming a file instead of an upload's id, and an upload whose name climbs out:
    // neither reaches a file, and nothing is written.
    let token = csrf(&get(&s, "/journal").text());
    for upload in [
        "../../vzysk.toml",
        "../events.csv",
        "0123456789abcdef0123456789abcdef.csv",
    ] {
        let a = post_multipart(
            &s,
            "/journal",
            &[("csrf", &token), ("upload", upload), ("confirm", "1")],
            None,
        );
        assert!(
            a.text().contains("Ничего не записано"),
            "{upload}: {}",
            a.text()
        );
    }
    let climbing = post_multipart(
        &s,
        "/journal",
        &[("csrf", &token)],
        Some((
            "../../climbed.csv",
            b"account,date,event\n1010,2026-11-20,notice_sent\n",
        )),
    );
    assert!(
        climbing.text().contains("Будет записано в журнал"),
        "{}",
        climbing.text()
    );
    assert!(climbing.text().contains("climbed.csv") && !climbing.text().contains("/tmp"));
    for dir in [ws.clone(), ws.parent().unwrap().to_path_buf()] {
        assert!(
            !dir.join("climbed.csv").exists()
                && !dir.parent().unwrap().join("climbed.csv").exists()
        );
    }
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    // An upload over the limit: refused, nothing written.
    let big = post_multipart(
        &s,
        "/journal",
        &[("csrf", &token)],
        Some(("big.csv", &vec![b'a'; 21 * 1024 * 1024])),
    );
    assert_eq!(big.status, 413, "{}", big.text());
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    assert!(!ws.join("events.csv.bak").exists());
}

#[test]
fn off_loopback_a_token_is_needed() {
    let ws = sample("serve-token");
    let out = vzysk(&["serve", ws.to_str().unwrap(), "--listen", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("give --token"),
        "{}",
        text(&out.stderr)
    );
    // With one: nothing without it; given once, it is kept in a cookie.
    // A token anyone would guess is refused.
    for weak in ["aaaaaaaaaaaaaaaa", "1212121212121212", "short"] {
        let out = vzysk(&[
            "serve",
            ws.to_str().unwrap(),
            "--listen",
            "0.0.0.0:0",
            "--token",
            weak,
        ]);
        assert_eq!(out.status.code(), Some(2), "{weak}");
        assert!(
            text(&out.stderr).contains("at least 8 of them different"),
            "{weak}"
        );
    }
    let s = start(&ws, &["--token", "auto"]);
    let refused = get(&s, "/");
    assert_eq!(refused.status, 401);
    // A refusal and a redirect carry the policy as a page does.
    assert!(refused.header("content-security-policy").is_some());
    assert_eq!(refused.header("cache-control"), Some("no-store"));
    assert_eq!(
        get(&s, "/?token=0123456789abcdef0123456789abcdef").status,
        401
    );
    let token = s.token.clone().expect("the token printed at start");
    let given = get(&s, &format!("/debtors?token={token}"));
    assert_eq!(given.status, 303);
    assert_eq!(
        given.header("location"),
        Some("/debtors"),
        "the token leaves the address"
    );
    assert_eq!(given.header("referrer-policy"), Some("no-referrer"));
    let cookie = given.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    assert_eq!(
        ask(&s, "GET", "/debtors", &[("Cookie", pair)], b"").status,
        200
    );
}

#[test]
fn a_preview_is_generates_document_and_an_event_is_recorded_after_it_is_shown() {
    let ws = sample("serve-card");
    let s = start(&ws, &[]);
    let pdf = get(&s, "/debtors/1003/documents/court-order.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    let out = ws.parent().unwrap().join("1003.zip");
    let made = vzysk(&[
        "generate",
        ws.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
        "--docs",
        "court-order",
        "--account",
        "1003",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let files = unzip(&out);
    let (_, application) = files
        .iter()
        .find(|(p, _)| p.starts_with("courts/s165/1003_") && p.contains("/01 "))
        .unwrap();
    assert!(
        pdf.body == *application,
        "the preview is byte for byte generate's"
    );
    // A case that allows no such document says why.
    let none = get(&s, "/debtors/1012/documents/court-order.pdf");
    assert_eq!(none.status, 422, "{}", none.text());

    // 1010 owes and no step was taken: the plan says notice. A notice recorded by hand…
    let card = get(&s, "/debtors/1010").text();
    assert!(
        card.contains("Следующий шаг: Уведомление о задолженности"),
        "{card}"
    );
    let token = csrf(&card);
    let fields = [
        ("csrf", token.as_str()),
        ("date", "2026-11-20"),
        ("event", "notice_sent"),
        ("reference", "ЕРЦ-1"),
        ("details", "channel=registered_mail"),
    ];
    let before = std::fs::read(ws.join("events.csv")).unwrap();
    let shown = post_form(&s, "/debtors/1010/events", &fields);
    assert_eq!(shown.status, 200);
    assert!(
        shown
            .text()
            .contains("Будет добавлено событий: 1 (Направлено уведомление — 1)"),
        "{}",
        shown.text()
    );
    assert_eq!(
        std::fs::read(ws.join("events.csv")).unwrap(),
        before,
        "shown, not written"
    );
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm", "1"));
    let written = post_form(&s, "/debtors/1010/events", &confirmed);
    assert!(
        written
            .text()
            .contains("Добавлено событий: 1 (Направлено уведомление — 1)"),
        "{}",
        written.text()
    );
    let journal = String::from_utf8(std::fs::read(ws.join("events.csv")).unwrap()).unwrap();
    assert!(
        journal.ends_with("1010,2026-11-20,notice_sent,ЕРЦ-1,channel=registered_mail\n"),
        "{journal}"
    );
    // …and the plan follows: a notice a week ago, the next step waits.
    let card = get(&s, "/debtors/1010").text();
    assert!(card.contains("Направлено уведомление"), "{card}");
    assert!(
        !card.contains("Следующий шаг: Уведомление о задолженности"),
        "{card}"
    );
    // An event the journal contradicts is refused, and nothing is written.
    let bad = [
        ("csrf", token.as_str()),
        ("date", "2026-11-21"),
        ("event", "warning_delivered"),
        ("reference", ""),
        ("details", ""),
        ("confirm", "1"),
    ];
    let refused = post_form(&s, "/debtors/1010/events", &bad);
    assert!(refused.text().contains("Отказано: 1"), "{}", refused.text());
    assert_eq!(
        std::fs::read_to_string(ws.join("events.csv")).unwrap(),
        journal
    );
}

/// Two tabs confirming events at the same moment: each waits for the other, none is lost; the
/// cards follow at once, and the overview's figures after they are made again in the background.
#[test]
fn two_tabs_recording_at_once_lose_nothing() {
    let ws = sample("serve-tabs");
    let s = start(&ws, &[]);
    let token = csrf(&get(&s, "/debtors/1010").text());
    let overview = get(&s, "/").text();
    std::thread::scope(|scope| {
        for account in ["1010", "1016"] {
            let (s, token) = (&s, &token);
            scope.spawn(move || {
                for day in 1..=4 {
                    let date = format!("2026-11-0{day}");
                    let reference = format!("Т-{account}-{day}");
                    let fields = [
                        ("csrf", token.as_str()),
                        ("date", date.as_str()),
                        ("event", "sms_sent"),
                        ("reference", reference.as_str()),
                        ("details", "text=debt"),
                        ("confirm", "1"),
                    ];
                    let a = post_form(s, &format!("/debtors/{account}/events"), &fields);
                    assert!(a.text().contains("Добавлено событий: 1"), "{}", a.text());
                }
            });
        }
    });
    let journal = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    for account in ["1010", "1016"] {
        for day in 1..=4 {
            let row = format!("{account},2026-11-0{day},sms_sent,Т-{account}-{day},text=debt\n");
            assert!(journal.contains(&row), "{row} lost:\n{journal}");
        }
        let card = get(&s, &format!("/debtors/{account}")).text();
        assert!(card.contains(&format!("Т-{account}-4")), "{card}");
    }
    // Until the figures are made again the overview says so; then it no longer does.
    let mut now = get(&s, "/").text();
    for _ in 0..300 {
        if !now.contains("пересчитываются") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        now = get(&s, "/").text();
    }
    assert!(!now.contains("пересчитываются"), "{now}");
    assert!(!overview.contains("пересчитываются"));
    assert!(
        !now.contains("Файлы дела изменены"),
        "its own writes are no change from outside"
    );
}

/// The sample's second month through the workbench: the November archive uploaded (dated the day
/// it was sent) and the post's tracking file, each shown and then recorded, make the journal that
/// `vzysk record` makes (`samples/ruza-december/events.csv`), byte for byte.
#[test]
fn an_archive_and_a_tracking_file_recorded_from_the_page_make_records_journal() {
    let ws = sample("serve-december");
    let nov = ws.parent().unwrap().join("nov.zip");
    let out = common::generate(&ws, &[], &nov);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = start(&ws, &[]);
    let token = csrf(&get(&s, "/journal").text());
    let december = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ruza-december");
    let tracking = std::fs::read(december.join("tracking.csv")).unwrap();
    let before = std::fs::read(ws.join("events.csv")).unwrap();
    for (name, bytes, date, added) in [
        (
            "nov.zip",
            std::fs::read(&nov).unwrap(),
            "2026-11-30",
            "Направлено уведомление",
        ),
        ("tracking.csv", tracking, "", "Предупреждение вручено — 1"),
    ] {
        let shown = post_multipart(
            &s,
            "/journal",
            &[("csrf", &token), ("date", date)],
            Some((name, &bytes)),
        );
        let page = shown.text();
        assert!(
            page.contains("Будет записано в журнал") && page.contains(added),
            "{page}"
        );
        if name == "nov.zip" {
            assert_eq!(
                std::fs::read(ws.join("events.csv")).unwrap(),
                before,
                "shown, not written"
            );
        }
        let upload = hidden(&page, "upload").expect("the upload kept for the confirmation");
        assert_eq!(hidden(&page, "date").as_deref(), Some(date));
        let written = post_multipart(
            &s,
            "/journal",
            &[
                ("csrf", &token),
                ("upload", &upload),
                ("date", date),
                ("confirm", "1"),
            ],
            None,
        );
        assert!(
            written.text().contains("Записано в журнал"),
            "{}",
            written.text()
        );
        // The upload is gone once recorded: the confirmation cannot be replayed.
        let again = post_multipart(
            &s,
            "/journal",
            &[("csrf", &token), ("upload", &upload), ("confirm", "1")],
            None,
        );
        assert!(
            !again.text().contains("Записано в журнал"),
            "{}",
            again.text()
        );
    }
    assert_eq!(
        std::fs::read_to_string(ws.join("events.csv")).unwrap(),
        std::fs::read_to_string(december.join("events.csv")).unwrap()
    );
    // The journal's page lists the newest first, those after the server's day (27.11.2026) too:
    // the events just recorded, of 30.11 and 03.12, are never invisible.
    let page = get(&s, "/journal").text();
    assert!(page.contains("<title>Журнал — vzysk</title>"), "{page}");
    assert!(page.contains("По состоянию на 27.11.2026"), "{page}");
    let first = page.split("<h2>Последние события").nth(1).unwrap();
    let first_row = first.split("</tr>").nth(1).unwrap();
    assert!(
        first_row.contains("03.12.2026")
            && first_row.contains("1001")
            && first_row.contains("Предупреждение вручено"),
        "{first_row}"
    );
    // A date that is no date: nothing recorded, and the page says how to write it.
    let bad = post_multipart(
        &s,
        "/journal",
        &[("csrf", &token), ("date", "30.11")],
        Some(("nov.zip", &std::fs::read(&nov).unwrap())),
    );
    assert!(bad.text().contains("ГГГГ-ММ-ДД"), "{}", bad.text());
}

/// A card's payments as they were applied and the data a template receives (what `vzysk templates
/// data` prints); a workspace edited outside the server: the pages say so, and «Перечитать» reads
/// it again.
#[test]
fn a_cards_data_and_an_edit_made_outside() {
    let ws = sample("serve-outside");
    let s = start(&ws, &[]);
    let card = get(&s, "/debtors/1001").text();
    assert!(card.contains("Платежи и их зачёт"), "{card}");
    let payments = card.split("Платежи и их зачёт").nth(1).unwrap();
    assert!(
        payments.contains("<tr><td>08.02.2022</td>") && payments.contains("<td>январь 2022</td>"),
        "the payment of 08.02.2022 applied to January 2022: {payments}"
    );
    assert!(
        card.contains("<td>9,5 %</td>"),
        "rates as the documents print them"
    );
    let data = get(&s, "/debtors/1003/documents/court-order.json");
    assert_eq!(
        data.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let web: serde_json::Value = serde_json::from_slice(&data.body).unwrap();
    let cli = vzysk(&[
        "templates",
        "data",
        "court-order",
        ws.to_str().unwrap(),
        "--account",
        "1003",
        "--as-of",
        "2026-11-27",
    ]);
    let cli: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(web, cli);
    assert_eq!(web[0]["d"]["account"], "1003");

    assert!(!get(&s, "/").text().contains("Файлы дела изменены"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let accounts = std::fs::read_to_string(ws.join("accounts.csv")).unwrap();
    std::fs::write(
        ws.join("accounts.csv"),
        accounts.replace("Кузнецов Алексей Игоревич", "Кузнецова Алла Игоревна"),
    )
    .unwrap();
    let home = get(&s, "/").text();
    assert!(home.contains("Файлы дела изменены"), "{home}");
    let reread = post_form(&s, "/reload", &[("csrf", &csrf(&home))]);
    assert_eq!(reread.status, 303);
    assert!(!get(&s, "/").text().contains("Файлы дела изменены"));
    assert!(
        get(&s, "/debtors/1003")
            .text()
            .contains("Кузнецова Алла Игоревна")
    );
}

/// The card offers a document only when the server makes it: every «просмотр» link answers with
/// a PDF, every kind it does not offer is refused with a reason; a court filing shows the price
/// and duty its application states; a deceased debtor is marked; a date after today is refused; the overview's «Суд не определён» lists those accounts; pages say «not found» in
/// Russian.
#[test]
fn the_card_offers_what_is_made_and_says_why_not() {
    let ws = sample("serve-offers");
    let s = start(&ws, &[]);
    let (mut offered, mut refused) = (0, 0);
    for n in 1001..=1025 {
        let card = get(&s, &format!("/debtors/{n}")).text();
        for kind in [
            "notice",
            "warning",
            "agreement",
            "court-order",
            "claim",
            "bank",
            "fssp",
        ] {
            let link = format!("/debtors/{n}/documents/{kind}.pdf\"");
            let status = get(&s, &format!("/debtors/{n}/documents/{kind}.pdf")).status;
            if card.contains(&link) {
                assert_eq!(status, 200, "{n} {kind} offered");
                offered += 1;
            } else {
                assert_eq!(status, 422, "{n} {kind} not offered");
                refused += 1;
            }
        }
    }
    assert!(
        offered > 40 && refused > 60,
        "{offered} offered, {refused} refused"
    );
    let card = get(&s, "/debtors/1003").text().replace('\u{a0}', " ");
    assert!(
        card.contains("цена требования 14 550,96 руб., госпошлина 2 000,00 руб., период июль 2026 – октябрь 2026"),
        "{card}"
    );
    assert!(
        get(&s, "/debtors/1013")
            .text()
            .contains("сведения о смерти; взыскание — с наследников")
    );
    assert!(
        get(&s, "/debtors")
            .text()
            .contains("Алексеева Наталья Ивановна (сведения о смерти)")
    );
    let token = csrf(&card);
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let later = post_form(
        &s,
        "/debtors/1010/events",
        &[
            ("csrf", &token),
            ("date", "2099-12-01"),
            ("event", "notice_sent"),
            ("confirm", "1"),
        ],
    );
    assert!(
        later.text().contains("Дата 01.12.2099 позже сегодняшней"),
        "{}",
        later.text()
    );
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    let nowhere = get(&s, "/debtors?court=none").text();
    assert!(
        nowhere.contains("Должники: 1 из 25") && nowhere.contains("/debtors/1010\""),
        "{nowhere}"
    );
    let missing = get(&s, "/debtors/9999");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Такого лицевого счёта в деле нет"));
}

/// The files of batch `n`'s archive, downloaded.
fn batch_files(
    s: &Server,
    ws: &std::path::Path,
    n: usize,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let path = ws.parent().unwrap().join(format!("batch-{n}.zip"));
    std::fs::write(&path, get(s, &format!("/batches/{n}/archive.zip")).body).unwrap();
    unzip(&path)
}

/// Waits for batch `n` to be made or to fail; its page.
fn batch_page(s: &Server, n: usize) -> String {
    for _ in 0..600 {
        let page = get(s, &format!("/batches/{n}")).text();
        if !page.contains("id=\"progress\"") && !page.contains("id=\"queued\"") {
            return page;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("batch {n} never ended");
}

#[test]
fn a_batch_is_generates_archive_and_a_failed_one_leaves_none() {
    let ws = sample("serve-batch");
    let s = start(&ws, &[]);
    let token = csrf(&get(&s, "/batches").text());
    assert_eq!(
        post_form(&s, "/batches", &[("docs", "court-order")]).status,
        403
    );
    let started = post_form(&s, "/batches", &[("csrf", &token), ("docs", "court-order")]);
    assert_eq!(started.status, 303);
    assert_eq!(started.header("location"), Some("/batches/1"));
    let page = batch_page(&s, 1);
    assert!(page.contains("id=\"made\""), "{page}");
    assert!(
        !page.contains("/tmp") && !page.contains("vzysk-serve-"),
        "no server path: {page}"
    );
    let zip = get(&s, "/batches/1/archive.zip");
    assert_eq!(zip.status, 200);
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    let made = ws.parent().unwrap().join("made.zip");
    std::fs::write(&made, &zip.body).unwrap();
    let own = ws.parent().unwrap().join("own.zip");
    // The server speaks Russian (its batches' errors.csv too): the same run in Russian.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env("VZYSK_LANG", "ru")
        .args(["generate", ws.to_str().unwrap(), "--as-of", "2026-11-27"])
        .args(["--docs", "court-order", "-o", own.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::read(&own).unwrap() == zip.body,
        "the batch is generate's archive, byte for byte"
    );
    // Only archives this server made; a number it never gave is nobody's.
    assert_eq!(get(&s, "/batches/2/archive.zip").status, 404);
    assert_eq!(get(&s, "/batches/0/archive.zip").status, 404);
    // A filter that keeps one account makes that account's documents only.
    let one = post_form(
        &s,
        "/batches",
        &[("csrf", &token), ("docs", "court-order"), ("q", "1003")],
    );
    assert_eq!(one.status, 303);
    let page = batch_page(&s, 2);
    assert!(page.contains("id=\"made\""), "{page}");
    let files = batch_files(&s, &ws, 2);
    assert!(files.keys().any(|f| f.starts_with("courts/s165/1003_")));
    assert!(
        !files.keys().any(|f| f.contains("/1007_")),
        "{:?}",
        files.keys()
    );

    // Accounts ticked on the debtors' page, two kinds: those accounts only (the filter sent
    // beside them does not apply).
    let ticked = post_form(
        &s,
        "/batches",
        &[
            ("csrf", &token),
            ("docs", "court-order"),
            ("docs", "notice"),
            ("account", "1003"),
            ("account", "1010"),
            ("stage", "restricted"),
        ],
    );
    assert_eq!(ticked.status, 303);
    assert!(batch_page(&s, 3).contains("id=\"made\""));
    let files = batch_files(&s, &ws, 3);
    assert!(files.keys().any(|f| f.starts_with("courts/s165/1003_")));
    assert!(
        files.keys().any(|f| f.contains("1010")),
        "{:?}",
        files.keys()
    );
    assert!(
        !files.keys().any(|f| f.contains("1007")),
        "{:?}",
        files.keys()
    );
    // A typed list with an account the workspace does not have, or a kind that is no kind (nor a
    // flag smuggled in): no batch, and the page says why.
    let unknown = post_form(
        &s,
        "/batches",
        &[("csrf", &token), ("accounts", "1003, 9999")],
    );
    assert!(
        unknown
            .text()
            .contains("Таких лицевых счетов нет в файле счетов: 9999"),
        "{}",
        unknown.text()
    );
    let flag = post_form(
        &s,
        "/batches",
        &[("csrf", &token), ("docs", "--out-dir=/tmp/x")],
    );
    assert!(flag.text().contains("Пакет не начат"), "{}", flag.text());

    // A template that does not parse: generate writes nothing, and the page says why.
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(ws.join("templates/court-order.typ.j2"), "#let x = (\n").unwrap();
    let failed = post_form(&s, "/batches", &[("csrf", &token), ("docs", "court-order")]);
    assert_eq!(failed.status, 303);
    let page = batch_page(&s, 4);
    assert!(page.contains("id=\"failed\""), "{page}");
    assert!(page.contains("templates"), "{page}");
    assert_eq!(get(&s, "/batches/4/archive.zip").status, 404);
}

/// A server started as of 27.11 records the court-order application of account 1024 (an agreement
/// breached, a court order due) as filed on 30.11 — after its day. The card no longer offers the application, its preview is refused with the reason, and
/// every page says the day is fixed. Then two tabs record contradictory outcomes of one order: the
/// second is refused with the event it contradicts, and the journal keeps only the first.
#[test]
fn a_step_recorded_after_the_servers_day_is_not_offered_and_contradictions_are_refused() {
    let ws = sample("serve-later");
    let s = start(&ws, &[]);
    let card = get(&s, "/debtors/1024").text();
    assert!(
        card.contains("/debtors/1024/documents/court-order.pdf\""),
        "offered before: {card}"
    );
    assert!(
        card.contains("на 27.11.2026 (дата задана при запуске, --as-of)"),
        "{card}"
    );
    let token = csrf(&card);
    let filed = [
        ("csrf", token.as_str()),
        ("date", "2026-11-30"),
        ("event", "order_filed"),
        ("reference", ""),
        ("details", "court=s165;duty=4000.00"),
        ("confirm", "1"),
    ];
    let written = post_form(&s, "/debtors/1024/events", &filed);
    assert!(
        written.text().contains("Добавлено событий: 1"),
        "{}",
        written.text()
    );
    let card = get(&s, "/debtors/1024").text();
    assert!(
        !card.contains("/debtors/1024/documents/court-order.pdf\""),
        "offered again: {card}"
    );
    assert!(
        card.contains(
            "(после даты расчёта 27.11.2026: в расчёт не входит, шаг повторно не предлагается)"
        ),
        "the event after the day is shown: {card}"
    );
    // The card lists the case's deadlines: 1004's oldest month is lost on 28.11.2026.
    let c1004 = get(&s, "/debtors/1004").text();
    assert!(
        c1004.contains("<li class=\"urgent\">подать до 28.11.2026 — иначе истекает срок исковой давности за сентябрь 2023</li>"),
        "{c1004}"
    );
    let again = get(&s, "/debtors/1024/documents/court-order.pdf");
    assert_eq!(again.status, 422);
    assert!(
        again
            .text()
            .contains("30.11.2026, после даты расчёта 27.11.2026: по журналу этот шаг уже сделан"),
        "{}",
        again.text()
    );

    // Two tabs: «order cancelled» and then «writ issued» for the same order 2-1187/2026 (1003).
    let cancelled = [
        ("csrf", token.as_str()),
        ("date", "2026-11-25"),
        ("event", "order_cancelled"),
        ("reference", "2-1187/2026"),
        ("details", "court=s165"),
        ("confirm", "1"),
    ];
    let writ = [
        ("csrf", token.as_str()),
        ("date", "2026-11-26"),
        ("event", "writ_issued"),
        ("reference", "2-1187/2026"),
        ("details", "court=s165;case=2-1187/2026"),
        ("confirm", "1"),
    ];
    let a = post_form(&s, "/debtors/1003/events", &cancelled);
    assert!(a.text().contains("Добавлено событий: 1"), "{}", a.text());
    let journal = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    let b = post_form(&s, "/debtors/1003/events", &writ);
    let page = b.text();
    assert!(page.contains("Отказано: 1"), "{page}");
    assert!(
        page.contains("приказ 2-1187&#x2f;2026 отменён 25.11.2026"),
        "{page}"
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("events.csv")).unwrap(),
        journal,
        "nothing written"
    );
    // `check` agrees that the journal is sound.
    let o = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

/// The server's own folder (uploads, batch archives: СНИЛС and passports) is new, randomly named
/// and readable by its user only; a name made in advance by someone else is never used.
#[cfg(unix)]
#[test]
fn the_servers_folder_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let ws = sample("serve-folder");
    let s = start(&ws, &[]);
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let prefix = format!("vzysk-serve-{}-", s.pid());
    let folders: Vec<std::path::PathBuf> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let mode = std::fs::metadata(&folders[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(
        folders[0].file_name().unwrap().len() > prefix.len() + 8,
        "a random part"
    );
    // Stopped as a service manager stops it: the folder goes with it.
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &s.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while folders[0].exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!folders[0].exists(), "the folder is removed on SIGTERM");
}

/// Kept searches are bounded (the hostile round: 40 searches of 19 MB took the server to 878 MB):
/// a form body over a few kilobytes is refused before it is read whole, a search longer than 200
/// characters is refused with the reason and never kept, and the server's memory stays where it was.
#[cfg(target_os = "linux")]
#[test]
fn kept_searches_are_bounded() {
    let ws = sample("serve-searches");
    let s = start(&ws, &[]);
    let token = csrf(&get(&s, "/debtors").text());
    let rss = |s: &Server| -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let before = rss(&s);
    let huge = "а".repeat(512 * 1024);
    for _ in 0..40 {
        let a = post_form(&s, "/debtors", &[("csrf", &token), ("q", &huge)]);
        assert_eq!(a.status, 413);
    }
    let long = post_form(&s, "/debtors", &[("csrf", &token), ("q", &"я".repeat(201))]);
    assert_eq!(long.status, 400);
    assert!(
        long.text().contains("Строка поиска длиннее 200 знаков"),
        "{}",
        long.text()
    );
    let wide = post_form(
        &s,
        "/debtors",
        &[("csrf", &token), ("stage", &"x".repeat(65))],
    );
    assert_eq!(wide.status, 400);
    for _ in 0..40 {
        let a = post_form(&s, "/debtors", &[("csrf", &token), ("q", &"я".repeat(200))]);
        assert_eq!(a.status, 303);
    }
    let grown = rss(&s).saturating_sub(before);
    assert!(grown < 32 * 1024, "the server grew by {grown} KB");
    // The event and reload forms are small too.
    let event = post_form(
        &s,
        "/debtors/1010/events",
        &[("csrf", &token), ("details", &huge)],
    );
    assert_eq!(event.status, 413);
}

/// The server's own folder, `vzysk-serve-PID-…` of the server `s`.
fn server_folder(s: &Server) -> std::path::PathBuf {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let prefix = format!("vzysk-serve-{}-", s.pid());
    std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .expect("the server's folder")
}

/// Uploads under a careless clerk and a busy journal (the hostile round): «Записать» refused while
/// a command-line run holds the journal keeps the upload, and records it once the lock is free; a
/// hundred uploads never confirmed leave at most 20 behind; a file of 1 500 refusals gives a page
/// of 200 messages and the count of the rest; a killed server's folder is removed by the next.
#[cfg(target_os = "linux")]
#[test]
fn uploads_are_kept_until_recorded_and_never_pile_up() {
    let ws = sample("serve-uploads");
    let journal = std::fs::read(ws.join("events.csv")).unwrap();
    let s = start(&ws, &[]);
    let token = csrf(&get(&s, "/journal").text());
    let row = b"account,date,event,reference,details\n1010,2026-11-20,notice_sent,,channel=post\n";
    let shown = post_multipart(&s, "/journal", &[("csrf", &token)], Some(("one.csv", row)));
    assert!(
        shown.text().contains("Будет записано в журнал"),
        "{}",
        shown.text()
    );
    let upload = hidden(&shown.text(), "upload").unwrap();
    std::fs::create_dir_all(ws.join(".vzysk")).unwrap();
    let lock = ws.join(".vzysk/journal.lock");
    let mut holder = std::process::Command::new("flock")
        .arg(&lock)
        .args(["sleep", "3"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let confirm = [
        ("csrf", token.as_str()),
        ("upload", &upload),
        ("name", "one.csv"),
        ("confirm", "1"),
    ];
    let busy = post_multipart(&s, "/journal", &confirm, None).text();
    assert!(
        busy.contains("Ничего не записано") && busy.contains("другой запуск vzysk"),
        "{busy}"
    );
    assert_eq!(std::fs::read(ws.join("events.csv")).unwrap(), journal);
    holder.wait().unwrap();
    let done = post_multipart(&s, "/journal", &confirm, None).text();
    assert!(done.contains("Записано в журнал"), "{done}");
    let after = std::fs::read(ws.join("events.csv")).unwrap();
    assert_eq!(&after[..journal.len()], &journal[..]);
    assert_eq!(
        &after[journal.len()..],
        b"1010,2026-11-20,notice_sent,,channel=post\n"
    );

    // A hundred uploads, none confirmed.
    let folder = server_folder(&s);
    for i in 0..100 {
        let name = format!("u{i}.csv");
        post_multipart(&s, "/journal", &[("csrf", &token)], Some((&name, row)));
    }
    let uploads = std::fs::read_dir(&folder)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with("upload-")
        })
        .count();
    assert!((1..=20).contains(&uploads), "{uploads} uploads kept");

    // 1 500 letters the journal never sent: 200 messages on the page, the rest counted.
    let mut tracking = String::from("ШПИ;Дата операции;Операция\n");
    for i in 0..1500 {
        tracking.push_str(&format!("14399911{i:06};03.12.2026;Вручение адресату\n"));
    }
    let page = post_multipart(
        &s,
        "/journal",
        &[("csrf", &token)],
        Some(("t.csv", tracking.as_bytes())),
    )
    .text();
    assert_eq!(page.matches("<li>").count(), 201, "{page}");
    assert!(
        page.contains("…и ещё сообщений, не показанных здесь: 1300"),
        "{page}"
    );

    // Killed: its folder stays; the next server removes it.
    drop(s);
    assert!(folder.exists(), "SIGKILL leaves the folder");
    let next = start(&ws, &[]);
    assert!(
        !folder.exists(),
        "the next server removes a dead one's folder"
    );
    drop(next);
}

/// Batches are queued (the hostile round: eight at once started eight `generate`s): started four
/// at once, no two run side by side (never more renderers than one batch's), a waiting one says
/// so, and all are made.
#[cfg(target_os = "linux")]
#[test]
fn batches_wait_their_turn() {
    let ws = sample("serve-queue");
    let s = start(&ws, &[]);
    let token = csrf(&get(&s, "/batches").text());
    for _ in 0..4 {
        let a = post_form(&s, "/batches", &[("csrf", &token), ("docs", "all")]);
        assert_eq!(a.status, 303);
    }
    let children = |pid: u32| -> usize {
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| {
                let e_path = e.ok()?.path();
                let stat = std::fs::read_to_string(e_path.join("stat")).ok()?;
                let after = stat.rsplit_once(") ")?.1;
                let mut fields = after.split_whitespace();
                let state = fields.next()?;
                let ppid: u32 = fields.next()?.parse().ok()?;
                let cmdline = std::fs::read(e_path.join("cmdline")).ok()?;
                let renderer = cmdline.split(|&b| b == 0).any(|a| a == b"render-worker");
                (ppid == pid && state != "Z" && renderer).then_some(())
            })
            .count()
    };
    let (mut most, mut queued) = (0, false);
    // A guard against a hang, not a measure of speed: four debug-built runs of every kind on the
    // sample take about two minutes on 2 busy cores.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(360);
    loop {
        most = most.max(children(s.pid()));
        queued |= get(&s, "/batches/4").text().contains("id=\"queued\"");
        let list = get(&s, "/batches").text();
        if list.matches("готов, скачать").count() == 4 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{list}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The batches run in the server's process: one at a time, its renderers at most one a core,
    // beside the server's own renderer for previews (two batches side by side would show more).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert!(
        (2..=cores + 1).contains(&most),
        "one batch's renderers at a time: {most}, of {cores} cores and the server's own"
    );
    assert!(queued, "the last batch waited, and said so");
}
