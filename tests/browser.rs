//! `vzysk serve` in a real browser: headless Chromium driven through WebDriver (Debian's
//! `chromium` and `chromium-driver`, which `.ci/run` installs), by a client of a few requests written
//! here on the tests' own HTTP helper. The overview, the debtors filtered to one stage, a card, a
//! court-order application previewed (and its bytes against `generate`'s), an event recorded and
//! the plan changed, a batch run and its archive, a hostile name shown as text. Without the browser
//! or its driver the test says so loudly and passes: nothing else here needs them.

mod common;
use common::web::{Server, ask_port, get, start};
use common::{scratch, text, unzip};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";
/// The element key of the WebDriver protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session, its driver stopped when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    base: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ask_port(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            &[],
            b"",
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    fn open(server: &Server) -> Option<Browser> {
        if !std::path::Path::new(CHROMIUM).exists() || !std::path::Path::new(DRIVER).exists() {
            eprintln!(
                "\n!!! SKIPPED: the browser tests need {CHROMIUM} and {DRIVER} (Debian's chromium and chromium-driver; `bash .ci/run` installs them) !!!\n"
            );
            return None;
        }
        let port = free_port();
        let driver = Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = scratch(&format!("chromium-{port}"));
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     format!("--user-data-dir={}", profile.display()), "--window-size=1300,1000"],
        }}}});
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
            base: format!("http://127.0.0.1:{}", server.port),
        };
        let answer = b.call("POST", "/session", Some(caps));
        b.session = answer["sessionId"].as_str().expect("a session").to_string();
        Some(b)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let a = ask_port(
            self.port,
            method,
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
        let v: Value = serde_json::from_slice(&a.body).unwrap_or(Value::Null);
        v.get("value").cloned().unwrap_or(v)
    }

    fn on(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{what}", self.session), body)
    }

    fn go(&self, path: &str) {
        self.on(
            "POST",
            "/url",
            Some(json!({"url": format!("{}{path}", self.base)})),
        );
    }

    /// The element `css` selects, waiting up to 20 s for the page to have it (a form's answer may
    /// still be loading when the click returns).
    fn find(&self, css: &str) -> String {
        let mut found = Value::Null;
        for _ in 0..200 {
            found = self.on(
                "POST",
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            );
            if let Some(id) = found[ELEMENT].as_str() {
                return id.to_string();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("no {css} on {}: {found}", self.path())
    }

    fn all(&self, css: &str) -> usize {
        let found = self.on(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found.as_array().map_or(0, Vec::len)
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.on("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    fn type_in(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.on("POST", &format!("/element/{e}/clear"), Some(json!({})));
        self.on(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({"text": text})),
        );
    }

    fn text_of(&self, css: &str) -> String {
        let e = self.find(css);
        self.on("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn attribute(&self, css: &str, name: &str) -> String {
        let e = self.find(css);
        self.on("GET", &format!("/element/{e}/attribute/{name}"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn path(&self) -> String {
        let url = self.on("GET", "/url", None);
        url.as_str().unwrap_or("").replace(&self.base, "")
    }

    /// Waits until the text of `css` is `expected` (a click that sends a form returns before the
    /// next page is in).
    fn wait_text(&self, css: &str, expected: &str) {
        let mut seen = String::new();
        for _ in 0..300 {
            seen = self.text_of(css);
            if seen == expected {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css} on {} says «{seen}», not «{expected}»", self.path());
    }

    /// Waits until `css` is on the page (a batch's page refreshes itself until it is made).
    fn wait_for(&self, css: &str) {
        for _ in 0..600 {
            let found = self.on(
                "POST",
                "/elements",
                Some(json!({"using": "css selector", "value": css})),
            );
            if found.as_array().is_some_and(|a| !a.is_empty()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css} never came on {}", self.path());
    }
}

#[test]
fn the_workbench_in_a_browser() {
    let ws = common::web::hostile_sample("browser");
    let server = start(&ws, &[]);
    let Some(b) = Browser::open(&server) else {
        return;
    };
    // The overview.
    b.go("/");
    b.wait_text("h1", "Портфель на 27.11.2026");
    assert_eq!(b.all("svg.chart"), 3, "stages, courts and ages drawn");
    // The debtors filtered to one stage.
    b.go("/debtors");
    assert_eq!(b.all("table.debtors tr"), 26, "25 accounts and the header");
    b.click("select[name=stage] option[value=restricted]");
    b.click("form.filters button");
    b.wait_text("h1", "Должники: 2 из 25");
    assert_eq!(b.all("table.debtors tr"), 3);
    // The hostile name is text: seen as written, and no script ran.
    b.go("/debtors");
    b.type_in("form.filters input[name=q]", "alert");
    b.click("form.filters button");
    b.wait_text("h1", "Должники: 1 из 25");
    assert!(
        b.path().starts_with("/debtors?view=") && !b.path().contains("alert"),
        "the words searched are not in the address: {}",
        b.path()
    );
    assert!(
        b.text_of("table.debtors")
            .contains("<script>alert(1)</script> Иванов")
    );
    let alert = b.on("GET", "/alert/text", None);
    assert!(alert.get("error").is_some(), "no alert is open: {alert}");
    // A card, and a court-order application previewed in it.
    b.go("/debtors");
    b.click("table.debtors a[href='/debtors/1003']");
    b.wait_text("h1", "Лицевой счёт 1003");
    let href = b.attribute("a[href$='court-order.pdf']", "href");
    b.click("a[href$='court-order.pdf']");
    let shown = get(&server, &href.replace(&b.base, ""));
    assert_eq!(shown.header("content-type"), Some("application/pdf"));
    let own = ws.parent().unwrap().join("own.zip");
    let out = common::generate(&ws, &["--docs", "court-order", "--account", "1003"], &own);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let made = unzip(&own);
    let application = made
        .iter()
        .find(|(p, _)| p.starts_with("courts/s165/1003_") && p.contains("/01 "))
        .unwrap()
        .1;
    assert!(
        shown.body == *application,
        "the preview is generate's application"
    );
    // An event recorded on a card: shown, written, and the plan follows.
    b.go("/debtors/1010");
    assert!(
        b.text_of("section.next h2")
            .contains("Уведомление о задолженности")
    );
    b.click("form.event select[name=event] option[value=notice_sent]");
    b.type_in("form.event input[name=reference]", "ЕРЦ-7");
    b.click("form.event button");
    b.wait_text("h1", "Будет записано в журнал");
    b.click("main form button");
    b.wait_text("h1", "Записано в журнал");
    b.go("/debtors/1010");
    assert!(b.text_of("ol.timeline").contains("ЕРЦ-7"));
    assert!(
        !b.text_of("section.next h2")
            .contains("Уведомление о задолженности")
    );
    // Events in bulk: the court's outcomes uploaded, shown, then written; the card follows.
    let outcomes = ws.parent().unwrap().join("outcomes.csv");
    std::fs::write(
        &outcomes,
        "account,date,event,reference,details\n1006,2026-11-25,order_issued,2-1301/2026,court=s165\n",
    )
    .unwrap();
    b.go("/debtors/1006");
    let waiting = b.text_of("section.next h2");
    b.go("/journal");
    b.type_in("input[type=file]", outcomes.to_str().unwrap());
    b.click("main form button");
    b.wait_text("h1", "Будет записано в журнал");
    assert!(b.text_of("main table").contains("2-1301/2026"));
    let before = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    assert!(!before.contains("2-1301/2026"), "shown, not yet written");
    b.click("main form button");
    b.wait_text("h1", "Записано в журнал");
    let after = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    assert!(after.ends_with("1006,2026-11-25,order_issued,2-1301/2026,court=s165\n"));
    b.go("/debtors/1006");
    assert!(b.text_of("ol.timeline").contains("2-1301/2026"));
    let next = b.text_of("section.next h2");
    assert_ne!(next, waiting, "the plan follows the order issued");
    // A batch: chosen, followed, downloaded.
    b.go("/batches");
    b.click("input[name=docs][value=court-order]");
    b.click("main form button");
    b.wait_for("#download");
    let zip = b.attribute("#download", "href");
    let archive = get(&server, &zip.replace(&b.base, ""));
    assert_eq!(archive.status, 200);
    assert!(archive.body.starts_with(b"PK"), "a ZIP");
    // A batch of the accounts ticked in the debtors' table: theirs only; earlier ones listed.
    b.go("/debtors");
    b.click("input[type=checkbox][value='1003']");
    b.click("#selection select[name=docs] option[value=court-order]");
    b.click("#selection button");
    b.wait_for("#download");
    let zip = b.attribute("#download", "href");
    let ticked = ws.parent().unwrap().join("ticked.zip");
    std::fs::write(&ticked, get(&server, &zip.replace(&b.base, "")).body).unwrap();
    // The accounts whose folders a court's part of an archive holds (`courts/s165/1003_…/`).
    let folders = |zip: &std::path::Path| {
        let mut accounts: Vec<String> = unzip(zip)
            .into_keys()
            .filter_map(|f| {
                let (folder, _) = f
                    .strip_prefix("courts/")?
                    .split_once('/')?
                    .1
                    .split_once('/')?;
                Some(folder.split('_').next()?.to_string())
            })
            .collect();
        accounts.dedup();
        accounts
    };
    let all = ws.parent().unwrap().join("all.zip");
    std::fs::write(&all, &archive.body).unwrap();
    assert!(folders(&all).len() > 5, "{:?}", folders(&all));
    assert_eq!(folders(&ticked), ["1003"]);
    b.go("/batches");
    assert_eq!(b.all("main table tr"), 3, "both batches listed");
}

impl Browser {
    /// Sets a form field's value as a person would pick it (a date input's value is ISO whatever
    /// the browser's locale shows).
    fn set(&self, css: &str, value: &str) {
        self.on(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "document.querySelector(arguments[0]).value = arguments[1];",
                "args": [css, value],
            })),
        );
    }

    /// Opens a second tab and returns (the first tab's handle, the new one's).
    fn new_tab(&self) -> (String, String) {
        let first = self
            .on("GET", "/window", None)
            .as_str()
            .unwrap()
            .to_string();
        let new = self.on("POST", "/window/new", Some(json!({"type": "tab"})));
        (first, new["handle"].as_str().unwrap().to_string())
    }

    fn switch(&self, handle: &str) {
        self.on("POST", "/window", Some(json!({"handle": handle})));
    }

    /// Fills a card's event form and sends it to the page that shows what will be written.
    fn record(&self, event: &str, date: &str, reference: &str, details: &str) {
        self.click(&format!(
            "form.event select[name=event] option[value={event}]"
        ));
        self.set("form.event input[name=date]", date);
        self.type_in("form.event input[name=reference]", reference);
        self.type_in("form.event input[name=details]", details);
        self.click("form.event button");
        self.wait_text("h1", "Будет записано в журнал");
    }
}

/// Month after month in a real browser (issue 27): a server started as of 27.11 records 1024's
/// court-order application as filed on 30.11, after its day, and the card no longer offers it; two
/// tabs each open the recording of a contradictory outcome of 1003's order — cancelled, a writ on
/// it — and confirm one after the other: the second is refused under the journal's lock with the
/// event it contradicts, and the journal keeps the first only. A missed part of 1023's agreement is
/// offered for recording as a breach.
#[test]
fn a_step_taken_after_the_servers_day_and_two_tabs_in_a_browser() {
    let ws = common::web::hostile_sample("browser-months");
    let server = start(&ws, &[]);
    let Some(b) = Browser::open(&server) else {
        return;
    };
    b.go("/debtors/1024");
    b.wait_text("h1", "Лицевой счёт 1024");
    assert!(
        b.text_of("body")
            .contains("на 27.11.2026 (дата задана при запуске, --as-of)")
    );
    assert_eq!(b.all("a[href$='/court-order.pdf']"), 1, "offered before");
    b.record("order_filed", "2026-11-30", "", "court=s165;duty=4000.00");
    b.click("main form button");
    b.wait_text("h1", "Записано в журнал");
    b.go("/debtors/1024");
    assert_eq!(b.all("a[href$='/court-order.pdf']"), 0, "not offered again");
    assert!(b.text_of("ol.timeline").contains(
        "после даты расчёта 27.11.2026: в расчёт не входит, шаг повторно не предлагается"
    ));

    // Two tabs, each shown what it will write before either writes.
    let (first, second) = b.new_tab();
    b.switch(&first);
    b.go("/debtors/1003");
    b.record("order_cancelled", "2026-11-25", "2-1187/2026", "court=s165");
    b.switch(&second);
    b.go("/debtors/1003");
    b.record(
        "writ_issued",
        "2026-11-26",
        "2-1187/2026",
        "court=s165;case=2-1187/2026",
    );
    b.switch(&first);
    b.click("main form button");
    b.wait_text("h1", "Записано в журнал");
    let journal = std::fs::read_to_string(ws.join("events.csv")).unwrap();
    assert!(journal.contains("1003,2026-11-25,order_cancelled,2-1187/2026"));
    b.switch(&second);
    b.click("main form button");
    b.wait_for("main");
    let page = b.text_of("main");
    assert!(page.contains("Отказано: 1"), "{page}");
    assert!(
        page.contains("приказ 2-1187/2026 отменён 25.11.2026"),
        "{page}"
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("events.csv")).unwrap(),
        journal,
        "the second tab wrote nothing"
    );
    b.go("/debtors/1003");
    assert!(!b.text_of("ol.timeline").contains("writ_issued"));

    // 1023's agreement of 01.10.2026: nothing paid by 25.11, the first part's grace end.
    b.go("/debtors/1023");
    assert!(b.text_of("ul.deadlines").contains(
        "платёж № 1 по соглашению о погашении задолженности (15.11.2026) не внесён в срок"
    ));
    b.click("form.breach button");
    b.wait_text("h1", "Будет записано в журнал");
    let shown = b.text_of("main");
    assert!(
        shown.contains("Соглашение нарушено") && shown.contains("part=1"),
        "{shown}"
    );
}
