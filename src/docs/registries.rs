//! What goes with a batch once its documents exist (`law/formats.md`): per court a cover letter and
//! a registry of the filings with their duty's payment orders, the batch's payment orders as one
//! 1C file (`duty.rs`), per bank and bailiff department a registry of the enforcement papers
//! handed over (PDF and CSV), and the Form 103 lists of the registered letters (`mail.rs`).

use super::batch::{Batch, PdfDoc};
use super::duty::{self, DutyOrder};
use super::meta::{Listed, Meta, RegistryMeta};
use super::paths::safe_name;
pub use super::rendered::{Folders, Rendered, file_name, folder, postal_index};
use crate::kinds::{self, DocKind, Part};
use crate::money::ru;
use crate::russian;
use crate::workspace::config::Post;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

pub use super::mail::FORM_103_MAX_ITEMS;

/// Where the batch's duty payment orders go for the accounting department's bank client.
pub const EXCHANGE_FILE: &str = "courts/1c_to_kl.txt";

/// An amount of the metadata (`"1234.50"`), zero where there is none.
fn dec(v: &Option<String>) -> Decimal {
    v.as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Decimal::ZERO)
}

/// A list of names as one line: «Иванов И. И., Петров П. П.».
fn joined(names: &[String]) -> String {
    names.join(", ")
}

/// A text field of the metadata, empty where there is none.
fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// A listed document and what the registries need of it.
type Entry<'r> = (&'r Rendered, &'r Listed);

/// What the post needs: `[post]` and the ШПИ issued to the sender.
pub struct Mailing<'a> {
    pub post: &'a Post,
    pub shpi: &'a [String],
}

/// Adds the registries, cover letters, the 1C file of the duty payments and the Form 103 lists of
/// `rendered` to `batch`.
/// Returns the ШПИ each letter got (for the batch's journal).
pub fn build(
    rendered: &[Rendered],
    as_of: NaiveDate,
    mailing: &Mailing,
    batch: &mut Batch,
) -> super::journal::Tracking {
    // Court filings: one registry row per filing (its statement), the files of its folder.
    let mut courts: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut enforcement: BTreeMap<(&str, String), Vec<Entry>> = BTreeMap::new();
    // The payment orders by folder: a filing's row names its order.
    let mut orders: HashMap<&str, &DutyOrder> = HashMap::new();
    for r in rendered {
        let Some(m) = &r.meta else { continue };
        let recipient = text(&m.recipient);
        if let Some(order) = &m.payment {
            orders.insert(folder(&r.path), order);
        } else if m.is_filing() {
            courts.entry(recipient).or_default().push((r, m));
        } else if let (true, Some(kind)) = (m.is_enforcement(), m.kind) {
            enforcement
                .entry((kind.name(), recipient))
                .or_default()
                .push((r, m));
        }
    }
    let folders = Folders::of(rendered);
    let date = russian::date(as_of);
    for (court, filings) in &courts {
        court_papers(court, filings, &folders, &orders, &date, batch);
    }
    exchange(rendered, as_of, batch);
    for ((kind, recipient), docs) in &enforcement {
        enforcement_registry(kind, recipient, docs, &date, batch);
    }
    super::mail::lists(rendered, &folders, mailing.post, mailing.shpi, as_of, batch)
}

/// The batch's duty payment orders, in their numbers' order, as one 1C exchange file.
fn exchange(rendered: &[Rendered], as_of: NaiveDate, batch: &mut Batch) {
    let mut orders: Vec<DutyOrder> = rendered
        .iter()
        .filter_map(|r| r.meta.as_ref()?.payment.clone())
        .collect();
    if orders.is_empty() {
        return;
    }
    orders.sort_by_key(|o| o.number);
    match duty::exchange_file(&orders, as_of) {
        Ok(bytes) => {
            batch.files.insert(EXCHANGE_FILE.to_string(), bytes);
        }
        Err(why) => batch.refuse("", "", DocKind::Registry, why),
    }
}

/// The totals of some filings, as a registry prints them.
fn totals(part: &[Entry]) -> Value {
    let sum = |k: fn(&Listed) -> &Option<String>| ru(part.iter().map(|(_, m)| dec(k(m))).sum());
    json!({
        "principal": sum(|m| &m.principal),
        "penalty": sum(|m| &m.penalty),
        "duty": sum(|m| &m.duty),
        "total": sum(|m| &m.total),
    })
}

/// A court's cover letter and registry (in parts of `REGISTRY_ROWS`), and its CSV.
fn court_papers(
    court: &str,
    filings: &[Entry],
    folders: &Folders,
    orders: &HashMap<&str, &DutyOrder>,
    date: &str,
    batch: &mut Batch,
) {
    let order_of = |f: &Rendered| -> Option<&DutyOrder> { orders.get(folder(&f.path)).copied() };
    let order_text = |f: &Rendered| {
        order_of(f).map_or(String::new(), |o| format!("№ {} от {}", o.number, o.date))
    };
    let dir = filings
        .first()
        .map_or(String::new(), |(f, _)| folder(folder(&f.path)).to_string());
    let rows: Vec<Value> = filings
        .iter()
        .enumerate()
        .map(|(i, (f, m))| {
            json!({
                "n": (i + 1).to_string(),
                "account": m.account,
                "debtors": joined(&m.debtors),
                "kind": if m.kind == Some(DocKind::Claim) { "исковое заявление" } else { "заявление о вынесении судебного приказа" },
                "period": m.period.as_deref().map(russian::span_words),
                "order": order_text(f),
                "principal": ru(dec(&m.principal)),
                "penalty": ru(dec(&m.penalty)),
                "duty": ru(dec(&m.duty)),
                "total": ru(dec(&m.total)),
                "files": folders.files(folder(&f.path)),
                "contents": folders.contents(folder(&f.path)),
            })
        })
        .collect();
    let parts = filings.len().div_ceil(REGISTRY_ROWS);
    let number = batch.numbers.letter();
    let registry = |document, items: &[Entry], number: Option<String>| {
        Meta::Registry(RegistryMeta {
            kind: DocKind::Registry,
            document,
            recipient: court.to_string(),
            number,
            items: items.len(),
            total: Some(sum_plain(items)),
        })
    };
    let claims = filings
        .iter()
        .filter(|(_, m)| m.kind == Some(DocKind::Claim))
        .count();
    batch.pdfs.push(PdfDoc {
        path: format!("{dir}/00 Сопроводительное письмо.pdf"),
        template: kinds::COVER_LETTER,
        office: Some(court.to_string()),
        values: Batch::values(json!({
            "date": date, "number": number, "count": filings.len().to_string(),
            "orders": (filings.len() - claims).to_string(), "claims": claims.to_string(),
            "totals": totals(filings), "parts": parts.to_string(),
        })),
        files: Vec::new(),
        meta: registry(Part::CoverLetter, filings, Some(number.clone())),
    });
    for (k, (part, part_rows)) in filings
        .chunks(REGISTRY_ROWS)
        .zip(rows.chunks(REGISTRY_ROWS))
        .enumerate()
    {
        let value = json!({ "date": date, "letter": number, "count": part.len().to_string(), "rows": part_rows, "totals": totals(part), "part": (k + 1).to_string(), "parts": parts.to_string() });
        batch.pdfs.push(PdfDoc {
            path: format!("{dir}/00 Реестр заявлений{}.pdf", part_suffix(k, parts)),
            template: kinds::COURT_REGISTRY,
            office: Some(court.to_string()),
            values: Batch::values(value),
            files: Vec::new(),
            meta: registry(Part::Registry, part, None),
        });
    }
    for (f, m) in filings {
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
                "duty_order",
                "total",
                "files",
            ],
            vec![
                m.account.clone(),
                joined(&m.debtors),
                m.kind.map(DocKind::name).unwrap_or("").into(),
                text(&m.period),
                text(&m.principal),
                text(&m.penalty),
                text(&m.duty),
                order_of(f).map_or(String::new(), |o| o.number.to_string()),
                text(&m.total),
                folders.files(folder(&f.path)),
            ],
        );
    }
}

/// A bank's or a bailiff department's registry of the enforcement papers handed over, and its CSV.
fn enforcement_registry(
    kind: &str,
    recipient: &str,
    docs: &[Entry],
    date: &str,
    batch: &mut Batch,
) {
    let dir = if kind == DocKind::Bank.name() {
        DocKind::Bank.folder().to_string()
    } else {
        folder(folder(&docs[0].0.path)).to_string()
    };
    let rows: Vec<Value> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, m))| {
            json!({
                "n": (i + 1).to_string(), "account": m.account,
                "debtors": joined(&m.debtors),
                "writ": m.writ, "sum": m.sum.as_ref().map(|_| ru(dec(&m.sum))), "file": file_name(&d.path),
                "number": m.number,
                "contents": format!("заявление ({} л.); подлинник исполнительного документа", d.pages),
            })
        })
        .collect();
    let parts = docs.len().div_ceil(REGISTRY_ROWS);
    // A bailiff department's folder is named for it already; the bank's holds every bank's.
    let slug = if kind == DocKind::Bank.name() {
        format!(" {}", safe_name(recipient))
    } else {
        String::new()
    };
    for (k, part_rows) in rows.chunks(REGISTRY_ROWS).enumerate() {
        let value = json!({ "date": date, "recipient": recipient, "count": part_rows.len().to_string(), "rows": part_rows, "part": (k + 1).to_string(), "parts": parts.to_string() });
        batch.pdfs.push(PdfDoc {
            path: format!(
                "{dir}/Реестр исполнительных документов{slug}{}.pdf",
                part_suffix(k, parts)
            ),
            template: kinds::ENFORCEMENT_REGISTRY,
            office: None,
            values: Batch::values(value),
            files: Vec::new(),
            meta: Meta::Registry(RegistryMeta {
                kind: DocKind::Registry,
                document: Part::Registry,
                recipient: recipient.to_string(),
                number: None,
                items: part_rows.len(),
                total: None,
            }),
        });
    }
    for (d, m) in docs {
        batch.row(
            &format!("{dir}/Реестр исполнительных документов{slug}.csv"),
            &["account", "debtors", "writ", "sum", "number", "file"],
            vec![
                m.account.clone(),
                joined(&m.debtors),
                text(&m.writ),
                text(&m.sum),
                text(&m.number),
                d.path.clone(),
            ],
        );
    }
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

/// The filings' total in the contract's form (`"1234.50"`).
fn sum_plain(docs: &[Entry]) -> String {
    crate::money::fixed2(docs.iter().map(|(_, m)| dec(&m.total)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing(i: usize) -> Vec<Rendered> {
        let dir = format!("courts/s165/{}_Иванов", 500000 + i);
        let meta = Listed {
            kind: Some(DocKind::CourtOrder),
            document: Some(Part::Application),
            recipient: Some("s165".into()),
            account: (500000 + i).to_string(),
            debtors: vec!["Иванов Иван Иванович".into()],
            principal: Some(format!("{}.10", 1000 + i)),
            penalty: Some("10.00".into()),
            duty: Some("2000.00".into()),
            total: Some(format!("{}.10", 1010 + i)),
            period: Some("2025-01–2025-12".into()),
            ..Listed::default()
        };
        vec![
            Rendered {
                path: format!("{dir}/01 Заявление (2 л.).pdf"),
                pages: 2,
                meta: Some(meta),
            },
            Rendered {
                path: format!("{dir}/02 Расчёт (3 л.).pdf"),
                pages: 3,
                meta: None,
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
            &Mailing {
                post: &Post::default(),
                shpi: &[],
            },
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
        let data = |i: usize| -> Value { serde_json::from_slice(&batch.pdfs[i].values).unwrap() };
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
                "01 Заявление (2\u{a0}л.).pdf; 02 Расчёт (3\u{a0}л.).pdf"
            );
            assert_eq!(rows[0]["contents"], "2 док. на 5\u{a0}л.");
            total += dec(&Some(
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
            &Mailing {
                post: &Post::default(),
                shpi: &[],
            },
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
