//! What goes with a batch once its documents exist (`law/formats.md`): per court a cover letter and
//! a registry of the filings, per bank and bailiff department a registry of the enforcement papers
//! handed over (PDF and CSV), and the Form 103 lists of the registered letters (notices, warnings,
//! the copies of claims for the defendants) with a CSV for the post office's batch upload.

use super::{Batch, PdfDoc, ru_date};
use crate::money::ru;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// At most this many items of one kind in one Form 103 list (`law/formats.md` §3).
pub const FORM_103_MAX_ITEMS: usize = 35;
/// A sheet of A4 at 80 g/m² and an envelope, for the mass of a letter.
const GRAMS_PER_SHEET: u32 = 5;
const GRAMS_ENVELOPE: u32 = 15;

/// A document as rendered: where it is, how many pages, what it is about.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub path: String,
    pub pages: usize,
    pub meta: Value,
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Decimal::ZERO)
}

/// A JSON list of names as one line: «Иванов И. И., Петров П. П.».
fn joined(v: &Value) -> String {
    v.as_array()
        .map(|d| {
            d.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// A six-digit postal index at the start of an address or after a comma.
pub fn postal_index(address: &str) -> Option<String> {
    address
        .split(',')
        .map(str::trim)
        .find(|part| part.len() == 6 && part.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
}

/// Adds the registries, cover letters and Form 103 lists of `rendered` to `batch`.
/// What `build` needs of a rendered document's metadata: for court applications and claims,
/// enforcement applications and anything sent by registered mail, the fields it lists; of the
/// rest nothing (their folder, name and sheets are in `Rendered`). A batch keeps one per file.
pub fn slim(meta: &Value) -> Value {
    let kind = meta["kind"].as_str().unwrap_or("");
    let doc = meta["document"].as_str().unwrap_or("");
    let listed = matches!(
        (kind, doc),
        ("court-order", "application") | ("claim", "statement") | ("bank" | "fssp", _)
    ) || meta["mail"].is_array();
    if !listed {
        return Value::Null;
    }
    const KEYS: &[&str] = &[
        "kind",
        "document",
        "recipient",
        "account",
        "debtors",
        "period",
        "principal",
        "penalty",
        "duty",
        "total",
        "writ",
        "sum",
        "mail",
    ];
    Value::Object(
        KEYS.iter()
            .filter_map(|k| Some((k.to_string(), meta.get(*k)?.clone())))
            .collect(),
    )
}

pub fn build(rendered: &[Rendered], as_of: NaiveDate, batch: &mut Batch) {
    let date = ru_date(as_of);
    // Court filings: one registry row per filing (its statement), the files of its folder.
    let mut courts: BTreeMap<String, Vec<&Rendered>> = BTreeMap::new();
    let mut enforcement: BTreeMap<(String, String), Vec<&Rendered>> = BTreeMap::new();
    for r in rendered {
        let kind = r.meta["kind"].as_str().unwrap_or("");
        let doc = r.meta["document"].as_str().unwrap_or("");
        match (kind, doc) {
            ("court-order", "application") | ("claim", "statement") => courts
                .entry(r.meta["recipient"].as_str().unwrap_or("").to_string())
                .or_default()
                .push(r),
            ("bank" | "fssp", _) => enforcement
                .entry((
                    kind.to_string(),
                    r.meta["recipient"].as_str().unwrap_or("").to_string(),
                ))
                .or_default()
                .push(r),
            _ => {}
        }
    }
    // Each folder's files and sheets, looked up once (a batch has tens of thousands of files).
    let mut folders: HashMap<&str, (Vec<String>, usize)> = HashMap::new();
    for x in rendered {
        let entry = folders.entry(folder(&x.path)).or_default();
        entry.0.push(file_name(&x.path).to_string());
        entry.1 += x.pages;
    }
    let files_in =
        |dir: &str| -> Vec<String> { folders.get(dir).map(|f| f.0.clone()).unwrap_or_default() };
    for (court, filings) in &courts {
        let dir = filings
            .first()
            .map_or(String::new(), |f| folder(folder(&f.path)).to_string());
        let rows: Vec<Value> = filings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let m = &f.meta;
                json!({
                    "n": (i + 1).to_string(),
                    "account": m["account"],
                    "debtors": joined(&m["debtors"]),
                    "kind": if m["kind"] == "claim" { "исковое заявление" } else { "заявление о вынесении судебного приказа" },
                    "period": m["period"],
                    "principal": ru(dec(&m["principal"])),
                    "penalty": ru(dec(&m["penalty"])),
                    "duty": ru(dec(&m["duty"])),
                    "total": ru(dec(&m["total"])),
                    "files": files_in(folder(&f.path)).join("; "),
                })
            })
            .collect();
        let sum = |part: &[&Rendered], k: &str| ru(part.iter().map(|f| dec(&f.meta[k])).sum());
        let totals = |part: &[&Rendered]| json!({ "principal": sum(part, "principal"), "penalty": sum(part, "penalty"), "duty": sum(part, "duty"), "total": sum(part, "total") });
        let parts = filings.len().div_ceil(REGISTRY_ROWS);
        let letter = json!({ "date": date, "count": filings.len().to_string(), "totals": totals(filings), "parts": parts.to_string() });
        let data = batch.data(letter);
        batch.pdfs.push(PdfDoc {
            path: format!("{dir}/00 Сопроводительное письмо.pdf"),
            template: "cover-letter.typ.j2",
            office: Some(court.clone()),
            data,
            files: Vec::new(),
            meta: json!({ "kind": "registry", "document": "cover-letter", "recipient": court, "items": filings.len(), "total": sum_plain(filings, "total") }),
        });
        for (k, (part, part_rows)) in filings
            .chunks(REGISTRY_ROWS)
            .zip(rows.chunks(REGISTRY_ROWS))
            .enumerate()
        {
            let value = json!({ "date": date, "count": part.len().to_string(), "rows": part_rows, "totals": totals(part), "part": (k + 1).to_string(), "parts": parts.to_string() });
            let data = batch.data(value);
            batch.pdfs.push(PdfDoc {
                path: format!("{dir}/00 Реестр заявлений{}.pdf", part_suffix(k, parts)),
                template: "court-registry.typ.j2",
                office: Some(court.clone()),
                data,
                files: Vec::new(),
                meta: json!({ "kind": "registry", "document": "registry", "recipient": court, "items": part.len(), "total": sum_plain(part, "total") }),
            });
        }
        for f in filings {
            let m = &f.meta;
            batch.row(
                &format!("{dir}/Реестр заявлений.csv"),
                &[
                    "account",
                    "debtors",
                    "kind",
                    "period",
                    "principal",
                    "penalty",
                    "duty",
                    "total",
                    "files",
                ],
                vec![
                    m["account"].as_str().unwrap_or("").into(),
                    joined(&m["debtors"]),
                    m["kind"].as_str().unwrap_or("").into(),
                    m["period"].as_str().unwrap_or("").into(),
                    m["principal"].as_str().unwrap_or("").into(),
                    m["penalty"].as_str().unwrap_or("").into(),
                    m["duty"].as_str().unwrap_or("").into(),
                    m["total"].as_str().unwrap_or("").into(),
                    files_in(folder(&f.path)).join("; "),
                ],
            );
        }
    }

    for ((kind, recipient), docs) in &enforcement {
        let dir = if kind == "bank" {
            "bank".to_string()
        } else {
            folder(folder(&docs[0].path)).to_string()
        };
        let rows: Vec<Value> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let m = &d.meta;
                json!({
                    "n": (i + 1).to_string(), "account": m["account"],
                    "debtors": joined(&m["debtors"]),
                    "writ": m["writ"], "sum": m["sum"].as_str().map(|s| ru(dec(&Value::from(s)))), "file": file_name(&d.path),
                })
            })
            .collect();
        let parts = docs.len().div_ceil(REGISTRY_ROWS);
        let slug = super::safe_name(recipient);
        for (k, part_rows) in rows.chunks(REGISTRY_ROWS).enumerate() {
            let value = json!({ "date": date, "recipient": recipient, "count": part_rows.len().to_string(), "rows": part_rows, "part": (k + 1).to_string(), "parts": parts.to_string() });
            let data = batch.data(value);
            batch.pdfs.push(PdfDoc {
                path: format!(
                    "{dir}/Реестр исполнительных документов {slug}{}.pdf",
                    part_suffix(k, parts)
                ),
                template: "enforcement-registry.typ.j2",
                office: None,
                data,
                files: Vec::new(),
                meta: json!({ "kind": "registry", "document": "registry", "recipient": recipient, "items": part_rows.len() }),
            });
        }
        for d in docs {
            let m = &d.meta;
            batch.row(
                &format!("{dir}/Реестр исполнительных документов {slug}.csv"),
                &["account", "debtors", "writ", "sum", "file"],
                vec![
                    m["account"].as_str().unwrap_or("").into(),
                    joined(&m["debtors"]),
                    m["writ"].as_str().unwrap_or("").into(),
                    m["sum"].as_str().unwrap_or("").into(),
                    d.path.clone(),
                ],
            );
        }
    }

    mail(rendered, &folders, as_of, batch);
}

/// Registry rows per document: a registry of thousands of filings is split into parts of this
/// many (≈ 10 landscape pages each), so that no one document's layout grows with the batch.
pub const REGISTRY_ROWS: usize = 100;

/// `, часть 2 из 5` when a registry has several parts; nothing when it has one.
fn part_suffix(k: usize, parts: usize) -> String {
    if parts > 1 {
        format!(", часть {} из {parts}", k + 1)
    } else {
        String::new()
    }
}

fn sum_plain(docs: &[&Rendered], key: &str) -> String {
    crate::money::fixed2(docs.iter().map(|d| dec(&d.meta[key])).sum())
}

/// Form 103: every registered letter (documents whose meta has `mail` addressees), in lists of at
/// most 35 items numbered for the day; a letter's mass from the sheets of its folder.
fn mail(
    rendered: &[Rendered],
    folders: &HashMap<&str, (Vec<String>, usize)>,
    as_of: NaiveDate,
    batch: &mut Batch,
) {
    let mut items: Vec<Value> = Vec::new();
    for r in rendered {
        let Some(to) = r.meta["mail"].as_array() else {
            continue;
        };
        let sheets: usize = folders.get(folder(&r.path)).map_or(0, |f| f.1);
        for a in to {
            let name = a["name"].as_str().unwrap_or("");
            let address = a["address"].as_str().unwrap_or("");
            let account = r.meta["account"].as_str().unwrap_or("");
            match postal_index(address) {
                Some(index) => items.push(json!({
                    "account": account, "name": name, "address": address, "index": index,
                    "document": file_name(&r.path), "mass": (GRAMS_ENVELOPE + GRAMS_PER_SHEET * sheets as u32).to_string(),
                })),
                None => batch.refuse(account, name, "mail", format!("no postal index in «{address}»: add it to the address to send {} by registered mail", file_name(&r.path))),
            }
        }
    }
    for (n, chunk) in items.chunks(FORM_103_MAX_ITEMS).enumerate() {
        let number = n + 1;
        let rows: Vec<Value> = chunk
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let mut it = it.clone();
                it["n"] = Value::from((i + 1).to_string());
                it
            })
            .collect();
        let mass: u32 = chunk
            .iter()
            .filter_map(|it| it["mass"].as_str()?.parse::<u32>().ok())
            .sum();
        let value = json!({ "number": number.to_string(), "date": ru_date(as_of), "count": chunk.len().to_string(), "mass": mass.to_string(), "rows": rows });
        let data = batch.data(value);
        batch.pdfs.push(PdfDoc {
            path: format!("mail/Список ф.103 № {number} от {}.pdf", ru_date(as_of)),
            template: "form-103.typ.j2",
            office: None,
            data,
            files: Vec::new(),
            meta: json!({ "kind": "mail", "document": "form-103", "list": number, "items": chunk.len() }),
        });
        for it in chunk {
            let s = |k: &str| it[k].as_str().unwrap_or("").to_string();
            batch.row(
                &format!("mail/Список ф.103 № {number} от {}.csv", ru_date(as_of)),
                &[
                    "list",
                    "n",
                    "account",
                    "addressee",
                    "index",
                    "address",
                    "category",
                    "mass_g",
                    "document",
                ],
                vec![
                    number.to_string(),
                    String::new(),
                    s("account"),
                    s("name"),
                    s("index"),
                    s("address"),
                    "заказное письмо".into(),
                    s("mass"),
                    s("document"),
                ],
            );
        }
    }
    // Number the CSV rows within each list.
    for (path, (_, rows)) in batch.tables.iter_mut() {
        if path.starts_with("mail/") {
            for (i, r) in rows.iter_mut().enumerate() {
                r[1] = (i + 1).to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing(i: usize) -> Vec<Rendered> {
        let dir = format!("courts/s165/{}_Иванов", 500000 + i);
        let meta = json!({
            "kind": "court-order", "document": "application", "recipient": "s165",
            "account": (500000 + i).to_string(), "debtors": ["Иванов Иван Иванович"],
            "principal": format!("{}.10", 1000 + i), "penalty": "10.00", "duty": "2000.00",
            "total": format!("{}.10", 1010 + i), "period": "2025-01–2025-12",
        });
        vec![
            Rendered {
                path: format!("{dir}/01 Заявление (2 л.).pdf"),
                pages: 2,
                meta,
            },
            Rendered {
                path: format!("{dir}/02 Расчёт (3 л.).pdf"),
                pages: 3,
                meta: Value::Null,
            },
        ]
    }

    #[test]
    fn a_court_registry_of_250_filings_comes_in_three_parts_that_add_up() {
        let rendered: Vec<Rendered> = (0..250).flat_map(filing).collect();
        let mut batch = Batch::default();
        build(
            &rendered,
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            &mut batch,
        );
        let paths: Vec<&str> = batch.pdfs.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "courts/s165/00 Сопроводительное письмо.pdf",
                "courts/s165/00 Реестр заявлений, часть 1 из 3.pdf",
                "courts/s165/00 Реестр заявлений, часть 2 из 3.pdf",
                "courts/s165/00 Реестр заявлений, часть 3 из 3.pdf",
            ]
        );
        let data = |i: usize| -> Value {
            serde_json::from_slice(&batch.datas[batch.pdfs[i].data]).unwrap()
        };
        assert_eq!(data(0)["count"], "250");
        assert_eq!(data(0)["parts"], "3");
        assert!(
            data(0).get("rows").is_none(),
            "the letter does not carry the rows"
        );
        let mut total = Decimal::ZERO;
        for (part, (first, last)) in [(1, (1, 100)), (2, (101, 200)), (3, (201, 250))] {
            let d = data(part);
            let rows = d["rows"].as_array().unwrap();
            assert_eq!(rows.len(), last - first + 1);
            assert_eq!(
                rows[0]["n"],
                first.to_string(),
                "numbering runs on across parts"
            );
            assert_eq!(rows.last().unwrap()["n"], last.to_string());
            assert_eq!(d["part"], part.to_string());
            assert_eq!(
                rows[0]["files"],
                "01 Заявление (2 л.).pdf; 02 Расчёт (3 л.).pdf"
            );
            total += dec(&Value::from(
                d["totals"]["total"]
                    .as_str()
                    .unwrap()
                    .replace([' ', '\u{a0}'], "")
                    .replace(',', "."),
            ));
        }
        // 1010.10 + … + 1259.10 = 250 × 1010.10 + (0 + … + 249)
        assert_eq!(total, Decimal::new(25252500, 2) + Decimal::from(31125));
        let letter_total = data(0)["totals"]["total"]
            .as_str()
            .unwrap()
            .replace([' ', '\u{a0}'], "")
            .replace(',', ".");
        assert_eq!(letter_total.parse::<Decimal>().unwrap(), total);
    }

    #[test]
    fn a_registry_of_one_part_keeps_its_plain_name() {
        let rendered: Vec<Rendered> = (0..100).flat_map(filing).collect();
        let mut batch = Batch::default();
        build(
            &rendered,
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            &mut batch,
        );
        assert_eq!(batch.pdfs[1].path, "courts/s165/00 Реестр заявлений.pdf");
        assert_eq!(batch.pdfs.len(), 2);
    }

    #[test]
    fn postal_indexes_are_found_only_where_written() {
        assert_eq!(
            postal_index("143103, Московская обл., г. Руза").as_deref(),
            Some("143103")
        );
        assert_eq!(
            postal_index("Московская обл., 143130, рп. Тучково").as_deref(),
            Some("143130")
        );
        assert_eq!(postal_index("Московская обл., д. 1431033"), None);
        assert_eq!(postal_index("рп. Дорохово, ул. Школьная, д. 5"), None);
    }
}
