//! Texts a court accepts unedited: every PDF of `--docs all` on the sample (and of its letters alone,
//! which `all` leaves out beside a court filing) read as its reader would
//! (pdftotext), for the broken phrases once found in them, periods written `YYYY-MM`, pages that
//! hold a signature alone, attachments that are not in their package; the duty's payment orders
//! against the registries and the 1C file; and the signing chain's and the names' checks.

mod common;
use common::{
    errors_of, generate, page_of, sample_settings, sample_without, scratch, text, unzip, vzysk,
};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

struct Run {
    files: BTreeMap<String, Vec<u8>>,
    manifest: Value,
    /// Each PDF's text, page by page (`pdftotext -layout`).
    pages: BTreeMap<String, Vec<String>>,
}

impl Run {
    /// A PDF's text as one line: its lines joined, runs of spaces made one.
    fn flat(&self, path: &str) -> String {
        self.pages[path]
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn pdfs(&self, prefix: &str) -> impl Iterator<Item = &String> {
        let prefix = prefix.to_string();
        self.pages.keys().filter(move |k| k.starts_with(&prefix))
    }
}

fn pages_of(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    let mut pages: Vec<String> = text(&out.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn all() -> &'static Run {
    static ALL: OnceLock<Run> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = scratch("texts");
        let files = common::all_and_letters(Path::new("samples/ruza"), &dir);
        let manifest = serde_json::from_slice(&files["manifest.json"]).unwrap();
        let mut pages = BTreeMap::new();
        for (i, (path, bytes)) in files.iter().enumerate() {
            if !path.ends_with(".pdf") {
                continue;
            }
            let file: PathBuf = dir.join(format!("{i}.pdf"));
            std::fs::write(&file, bytes).unwrap();
            pages.insert(path.clone(), pages_of(&file));
        }
        Run {
            files,
            manifest,
            pages,
        }
    })
}

/// Whether `text` holds a month written `2025-06`.
fn has_iso_month(text: &str) -> Option<String> {
    let chars: Vec<char> = format!(" {text} ").chars().collect();
    chars.windows(9).find_map(|w| {
        let digit = |i: usize| w[i].is_ascii_digit();
        let boundary = !w[0].is_ascii_digit() && !w[8].is_ascii_digit();
        let month: String = w[6..8].iter().collect();
        let year: String = w[1..3].iter().collect();
        (boundary
            && (1..5).all(digit)
            && w[5] == '-'
            && digit(6)
            && digit(7)
            && (year == "19" || year == "20")
            && ("01".."13").contains(&month.as_str()))
        .then(|| w[1..8].iter().collect())
    })
}

#[test]
fn no_broken_phrase_in_any_document() {
    let r = all();
    assert!(r.pages.len() > 150, "{} PDFs", r.pages.len());
    // The phrases the first reading found, anywhere.
    for path in r.pages.keys() {
        let t = r.flat(path);
        for broken in [
            "на основании публичный",
            "в пользу Акционерное общество",
            "в лице Общество",
            "а также расходы по",
            "направляемых:",
            // The participial phrase closed by a comma before «и списать» (bank, no `sum=`), and
            // no period doubled after «руб.».
            "указанной в судебном приказе и списать",
            "руб..",
        ] {
            assert!(!t.contains(broken), "{path}: «{broken}»");
        }
    }
    // Court orders: the company in the genitive, the costs in the genitive after «о взыскании».
    let mut orders = 0;
    for path in r.pdfs("courts/").filter(|p| p.contains("/01 Заявление")) {
        let t = r.flat(path);
        assert!(
            t.contains("в пользу Акционерного общества «Рузская теплосеть»"),
            "{path}"
        );
        assert!(
            t.contains("а также расходов по уплате государственной пошлины"),
            "{path}"
        );
        assert!(
            t.contains("— задолженности по оплате коммунальных услуг"),
            "{path}"
        );
        assert!(
            t.contains("Представитель взыскателя по доверенности"),
            "{path}"
        );
        orders += 1;
    }
    assert!(orders >= 14, "{orders}");
    // Claims: the claim's roles and its demands in the accusative, in the statement and its annex.
    let mut claims = 0;
    for path in r.pdfs("courts/").filter(|p| p.contains("/01 Исковое")) {
        let t = r.flat(path);
        assert!(t.contains("Взыскать с ответчика"), "{path}");
        assert!(
            t.contains("— задолженность по оплате коммунальных услуг"),
            "{path}"
        );
        assert!(t.contains("— пени за период с"), "{path}");
        assert!(t.contains("Представитель истца по доверенности"), "{path}");
        for wrong in ["взыскател", "— задолженности", "— пеней"] {
            assert!(!t.contains(wrong), "{path}: «{wrong}»");
        }
        let folder = path.rsplit_once('/').unwrap().0;
        let annex = r
            .pdfs(&format!("{folder}/02 "))
            .next()
            .map(|p| r.flat(p))
            .unwrap();
        assert!(annex.contains("Истец: Акционерное общество"), "{folder}");
        assert!(annex.contains("Ответчик:"), "{folder}");
        assert!(
            !annex.contains("Взыскатель") && !annex.contains("Должник"),
            "{folder}"
        );
        claims += 1;
    }
    assert_eq!(claims, 2);
    // The cover letter says what it covers: orders and claims by name.
    let letter = r.flat(r.pdfs("courts/s165/00 Сопроводительное").next().unwrap());
    assert!(
        letter.contains("Направляем заявления о вынесении судебного приказа (")
            && letter.contains("шт.) и исковое заявление (1 шт.) Акционерного общества"),
        "{letter}"
    );
    // Letters to debtors name the company, never «взыскатель», and are numbered and signed.
    for path in r.pdfs("notices/").chain(r.pdfs("warnings/")) {
        let t = r.flat(path);
        assert!(!t.to_lowercase().contains("взыскател"), "{path}");
        assert!(t.contains("Исх. № ЕРЦ-261127-"), "{path}");
        assert!(
            t.contains("Представитель АО «Рузская теплосеть» по доверенности"),
            "{path}"
        );
    }
    // The agreement names the person who signs it, in the genitive.
    for path in r.pdfs("agreements/") {
        let t = r.flat(path);
        assert!(
            t.contains("в лице представителя Беловой Екатерины Андреевны, действующей по доверенности № 17/2026-3"),
            "{path}"
        );
    }
}

/// What the clerk's reading of the first archive of this issue found, pinned.
#[test]
fn the_clerks_findings_stay_mended() {
    let r = all();
    // A semicolon after a value is kept (Typst's `#x;` once swallowed it).
    for path in r.pdfs("warnings/") {
        assert!(r.flat(path).contains("; назначение платежа:"), "{path}");
    }
    for path in r.pdfs("statements/") {
        assert!(r.flat(path).contains("; сведения верны."), "{path}");
    }
    // A claim after a cancelled order asks for the order's duty to be credited.
    let claim = r.flat("courts/s165/1004_Попова_иск/01 Исковое заявление (3 л.).pdf");
    assert!(
        claim.contains("3. Зачесть в счёт государственной пошлины за подачу настоящего искового заявления государственную пошлину в размере 2 000,00 руб., уплаченную при подаче 03.03.2025"),
        "{claim}"
    );
    // Notices name the court only where the case allows a filing.
    let notice = |account: &str| {
        let path = r.pdfs(&format!("notices/{account}_")).next().unwrap();
        r.flat(path)
    };
    assert!(notice("1002").contains("обратится в суд"));
    assert!(!notice("1015").contains("в суд"));
    // Letters ask for the months within limitation: 1005 owes only penalties of months past it,
    // so no notice demands them; 1002's states its time-barred debt apart, without a threat.
    assert!(r.pdfs("notices/1005_").next().is_none());
    assert!(text(&r.files["errors.csv"]).contains(
        "1005,,notice,only debts past limitation are owed: a letter does not demand them"
    ));
    let n1002 = notice("1002");
    assert!(n1002.contains("Итого к оплате: 37 729,02 руб."), "{n1002}");
    assert!(
        n1002.contains("Кроме того, по лицевому счёту числится задолженность за период с января 2022 г. по октябрь 2023 г. в сумме 13 846,66 руб. и пени 13 662,24 руб., срок исковой давности по которой истёк (ст. 196 ГК РФ). Эта сумма в настоящем уведомлении к оплате не предъявляется"),
        "{n1002}"
    );
    // One application at a time: 1006's October waits for the pending one.
    let errors = text(&r.files["errors.csv"]);
    assert!(
        errors.contains(
            "1006,,court-order,the application for a court order filed on 02.11.2026 is pending"
        ),
        "{errors}"
    );
    // Each valuable letter has its inventory (ф. 107), with the claim's copies and their sheets.
    for name in ["1004_Попова_ЕН", "1009_Новиков_СА"] {
        let path = r
            .pdfs(&format!("mail/Опись вложения ф.107 {name}"))
            .next()
            .unwrap_or_else(|| panic!("{name}"));
        let t = r.flat(path);
        assert!(t.contains("Копия: исковое заявление"), "{t}");
        assert!(t.contains("Проверил (работник связи)"), "{t}");
    }
}

#[test]
fn no_month_written_yyyy_mm_in_court_bank_and_fssp_papers() {
    let r = all();
    let mut read = 0;
    for prefix in ["courts/", "bank/", "fssp/"] {
        for path in r.pdfs(prefix) {
            let t = r.pages[path].join("\n");
            assert_eq!(has_iso_month(&t), None, "{path}");
            read += 1;
        }
    }
    assert!(read > 60, "{read}");
    assert_eq!(has_iso_month("за период 2025-06"), Some("2025-06".into()));
    assert_eq!(has_iso_month("ИНН 5075001233, 20261127-0001"), None);
}

#[test]
fn no_page_holds_only_a_signature() {
    let r = all();
    let signature = |line: &str| {
        [
            "юрисконсульт",
            "Представитель",
            "по доверенности",
            "передоверия",
            "Е. А. Белова",
        ]
        .iter()
        .any(|s| line.contains(s))
    };
    let mut pages = 0;
    for (path, texts) in &r.pages {
        for (n, page) in texts.iter().enumerate() {
            let lines: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            assert!(!lines.is_empty(), "{path}: page {} is empty", n + 1);
            assert!(
                !lines.iter().all(|l| signature(l)),
                "{path}: page {} holds only the signature: {lines:?}",
                n + 1
            );
            pages += 1;
        }
    }
    assert!(pages > 250, "{pages}");
}

/// The numbered items of a document's «Приложение:» list, each on one line.
fn attachments(pages: &[String]) -> Vec<String> {
    let all = pages.join("\n");
    let list = all.split("Приложение:").nth(1).unwrap_or("");
    let mut items: Vec<String> = Vec::new();
    for line in list.lines().map(str::trim) {
        let numbered = line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            items.push(line.split_once(". ").unwrap().1.to_string());
        } else if line.is_empty() && items.is_empty() {
            continue;
        } else if line.is_empty()
            || ["юрисконсульт", "Представитель"]
                .iter()
                .any(|s| line.contains(s))
        {
            break;
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(line);
        }
    }
    items
}

#[test]
fn every_attachment_is_in_its_package_or_a_paper_the_claimant_adds() {
    let r = all();
    let added_by_the_claimant = [
        "Копия выписки из ЕГРЮЛ в отношении",
        // A claim for the bankruptcy register is sent to the debtor and the manager first.
        "Документы, подтверждающие направление копии требования должнику и финансовому управляющему",
        // The ЕГРН extract the workspace holds as Росреестр's XML: its printed copy.
        "Копия выписки из ЕГРН от 02.11.2026 № КУВИ-001/2026-284517.",
        "Заверенная копия доверенности № 17/2026 от 09.01.2026, выданной АО «Рузская теплосеть» Обществу с ограниченной ответственностью «Единый расчётный центр Подмосковья».",
        "Заверенная копия доверенности № 17/2026-3 от 12.01.2026, выданной ООО «ЕРЦ Подмосковья» Беловой Екатерине Андреевне в порядке передоверия.",
        "Документы, подтверждающие направление ответчику копии искового заявления",
        "Копия определения об отмене судебного приказа",
        // The original the court issued: the sample's writs are court orders (229-ФЗ ст.12 ч.1).
        "Подлинник судебного приказа № ",
        "Копия документа о высшем юридическом образовании представителя (диплом",
    ];
    let files = r.manifest["files"].as_array().unwrap();
    let mut packages = 0;
    for path in r.pdfs("").filter(|p| {
        p.contains("/01 ") || p.starts_with("bank/1") || p.starts_with("fssp/osp-ruza/1")
    }) {
        let folder = path.rsplit_once('/').unwrap().0;
        let items = attachments(&r.pages[path]);
        assert!(!items.is_empty(), "{path}");
        let mut listed: BTreeSet<String> = BTreeSet::new();
        for item in &items {
            let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
            let file = match () {
                _ if item.starts_with("Расчёт задолженности и пеней") => {
                    Some("02 Расчёт")
                }
                _ if item.starts_with("Выписка из лицевого счёта") => {
                    Some("03 Выписка")
                }
                _ if item.starts_with("Платёжное поручение №") => {
                    Some("04 Платёжное поручение")
                }
                _ => None,
            };
            match file {
                Some(file) => {
                    let found: Vec<&Value> = files
                        .iter()
                        .filter(|f| {
                            f["path"]
                                .as_str()
                                .unwrap()
                                .starts_with(&format!("{folder}/{file}"))
                        })
                        .collect();
                    assert_eq!(found.len(), 1, "{path}: «{item}» is not in the package");
                    if let Some(number) = found[0]["payment"]["number"].as_u64() {
                        assert!(
                            item.starts_with(&format!("Платёжное поручение № {number} от ")),
                            "{path}: {item}"
                        );
                    }
                    listed.insert(found[0]["path"].as_str().unwrap().to_string());
                }
                None => assert!(
                    added_by_the_claimant.iter().any(|a| item.starts_with(a)),
                    "{path}: «{item}» is neither in the package nor a paper the claimant adds"
                ),
            }
        }
        // Both powers of attorney, and every file of the package but the statement itself.
        assert_eq!(
            items
                .iter()
                .filter(|i| i.starts_with("Заверенная копия доверенности"))
                .count(),
            2,
            "{path}"
        );
        if path.starts_with("courts/") {
            let package: BTreeSet<String> = files
                .iter()
                .map(|f| f["path"].as_str().unwrap().to_string())
                .filter(|p| p.starts_with(&format!("{folder}/")) && p != path)
                .collect();
            assert_eq!(listed, package, "{path}");
            assert_eq!(package.len(), 3, "{path}: {package:?}");
        }
        packages += 1;
    }
    assert!(packages >= 19, "{packages}");
}

#[test]
fn the_1c_file_pays_what_the_registries_say_and_the_orders_show_it() {
    let r = all();
    let payments = vzysk::docs::duty::read_exchange(&r.files["courts/1c_to_kl.txt"]);
    let field = |d: &Vec<(String, String)>, k: &str| {
        d.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {k}"))
    };
    let from_file: BTreeMap<u64, Decimal> = payments
        .iter()
        .map(|d| {
            (
                field(d, "Номер").parse().unwrap(),
                field(d, "Сумма").parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(from_file.len(), payments.len(), "numbers repeat");
    let mut from_registries: BTreeMap<u64, Decimal> = BTreeMap::new();
    for (path, bytes) in r
        .files
        .iter()
        .filter(|(p, _)| p.ends_with("/Реестр заявлений.csv"))
    {
        let mut rows = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[..]);
        let h = rows.headers().unwrap().clone();
        let col = |name: &str| h.iter().position(|x| x == name).unwrap();
        let (order, duty) = (col("duty_order"), col("duty"));
        for row in rows.records().map(Result::unwrap) {
            let sum: Decimal = row[duty].parse().unwrap();
            if sum > Decimal::ZERO {
                let n: u64 = row[order]
                    .parse()
                    .unwrap_or_else(|_| panic!("{path}: a duty with no order"));
                assert!(from_registries.insert(n, sum).is_none());
            }
        }
    }
    assert_eq!(from_file, from_registries);
    assert!(from_file.len() >= 19, "{}", from_file.len());
    // Every payment pays the court's treasury under the duty's КБК, from the claimant's account.
    for d in &payments {
        assert_eq!(field(d, "ПоказательКБК"), "18210803010011050110");
        assert_eq!(field(d, "ОКАТО"), "46766000");
        assert_eq!(field(d, "ПолучательСчет"), "03100643000000018500");
        assert_eq!(field(d, "ПлательщикСчет"), "40702810640000012345");
        assert_eq!(field(d, "Очередность"), "5");
        assert!(field(d, "НазначениеПлатежа").chars().count() <= 210);
    }
    // The payment orders' PDFs carry the same numbers and sums.
    let orders: Vec<&String> = r
        .pdfs("courts/")
        .filter(|p| p.contains("/04 Платёжное"))
        .collect();
    assert_eq!(orders.len(), from_file.len());
    for path in orders {
        let t = r.flat(path);
        let number: u64 = t
            .split("ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{path}: {t}"));
        let sum = from_file[&number];
        assert!(
            t.contains(&format!("{sum:.2}").replace('.', "-")),
            "{path}: {sum}"
        );
        assert!(
            t.contains("18210803010011050110") && t.contains("46766000"),
            "{path}"
        );
    }
}

#[test]
fn papers_the_signing_chain_does_not_allow_are_refused() {
    // A power of attorney that does not state the right to file: no court papers, with the rule.
    let ws = sample_settings("chain-powers", |t| {
        t.replace(
            "issued_by = \"agent\", powers = [\"sign\", \"file\", \"enforce\"]",
            "issued_by = \"agent\", powers = [\"sign\", \"enforce\"]",
        )
    });
    let errors = errors_of(&ws, &["--docs", "court-order,bank", "--account", "1008"]);
    assert!(
        errors.contains("1008,,court-order,\"the power of attorney № 17/2026-3 of Белова Екатерина Андреевна does not state the power to present it to a court (ГПК ст.54)"),
        "{errors}"
    );
    assert!(
        !errors.contains(",bank,"),
        "the bank's needs are stated: {errors}"
    );
    // A substitution the agent's power of attorney does not allow: check says so at its line.
    let ws = sample_settings("chain-substitution", |t| {
        t.replace("substitution = true, ", "")
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("vzysk.toml:45: error: the power of attorney № 17/2026-3 of Белова Екатерина Андреевна was issued by substitution, but the power of attorney № 17/2026 of ООО «ЕРЦ Подмосковья» does not allow substitution (ГК ст.187 ч.1)"),
        "{err}"
    );
    // An expired one: nothing signed is made after its last day.
    let zip = scratch("chain-expired").join("out.zip");
    let out = vzysk(&[
        "generate",
        "samples/ruza",
        "--trial",
        "--as-of",
        "2027-01-11",
        "--docs",
        "notice",
        "--account",
        "1002",
        "-o",
        zip.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let errors = text(&unzip(&zip)["errors.csv"]);
    assert!(
        errors.contains("1002,,notice,the power of attorney № 17/2026 of ООО «ЕРЦ Подмосковья» expired on 31.12.2026 (ГК ст.186)"),
        "{errors}"
    );
}

#[test]
fn an_enforcement_application_names_who_signs_it_or_is_not_made() {
    // The sample's signatory is identified: her passport and address head the bank's application.
    let ws = sample_settings("signer-known", |t| t);
    let words = page_of(
        &ws,
        &["--docs", "bank,fssp", "--account", "1008"],
        "bank/1008_",
        "",
    );
    assert!(
        words.contains("Подписывает: Белова Екатерина Андреевна")
            && words.contains("паспорт 46 20 318452")
            && words.contains("ул. Федеративная, д. 3, кв. 12"),
        "{words}"
    );
    // The order the sample presents is named as what it is, with its number and date.
    assert!(
        words.contains("Прошу принять к исполнению судебный приказ № 2-702/2025 от 01.07.2025"),
        "{words}"
    );
    // Without the passport: refused, with the rule, and nothing of it in the archive.
    let ws = sample_without("signer-unknown", "passport");
    let errors = errors_of(&ws, &["--docs", "bank", "--account", "1008"]);
    assert!(
        errors.contains("1008,,bank,\"vzysk.toml does not say who signs ([signatory] passport)"),
        "{errors}"
    );
}

#[test]
fn a_name_vzysk_cannot_decline_must_be_given_in_its_cases() {
    let ws = sample_settings("names", |t| {
        t.replacen(
            "name = \"Акционерное общество «Рузская теплосеть»\"",
            "name = \"Рузская теплосеть, акционерное общество\"",
            1,
        )
    });
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("vzysk.toml:6: error: [claimant] name «Рузская теплосеть, акционерное общество» does not start with a legal form vzysk declines, and name_genitive, name_dative, name_instrumental not given"),
        "{err}"
    );
    // Given, the documents use them.
    let ws = sample_settings("names-given", |t| {
        t.replacen(
            "name = \"Акционерное общество «Рузская теплосеть»\"",
            "name = \"Рузская теплосеть, акционерное общество\"\nname_genitive = \"Рузской теплосети, акционерного общества\"\nname_dative = \"Рузской теплосети\"\nname_instrumental = \"Рузской теплосетью\"",
            1,
        )
    });
    let zip = ws.parent().unwrap().join("given.zip");
    let out = generate(&ws, &["--docs", "court-order", "--account", "1001"], &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = unzip(&zip);
    let (_, app) = files
        .iter()
        .find(|(k, _)| k.contains("/01 Заявление"))
        .unwrap();
    let t = common::pdf_text(app, ws.parent().unwrap());
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        t.contains("в пользу Рузской теплосети, акционерного общества"),
        "{t}"
    );
}

#[test]
fn a_claim_to_a_district_court_lists_the_representatives_degree_or_is_not_made() {
    // 1009's claim goes to the district court: the signatory's degree is listed (ГПК ст.49 ч.2).
    let ws = sample_settings("degree-known", |t| t);
    let extra = ["--docs", "claim", "--account", "1009"];
    let words = page_of(&ws, &extra, "courts/ruza-district/1009_", "/01 ");
    assert!(
        words.contains("Копия документа о высшем юридическом образовании представителя (диплом бакалавра по направлению «Юриспруденция» № 107724 0356218"),
        "{words}"
    );
    // Without it: no claim to the district court, and the rule said.
    let ws = sample_without("degree-unknown", "diploma");
    let errors = errors_of(&ws, &["--docs", "claim", "--account", "1009"]);
    assert!(
        errors.contains("claim,\"before a district court a representative shows a law degree by its copy (ГПК ст.49 ч.2, ст.53 ч.3)"),
        "{errors}"
    );
}
