//! The registries that go with a batch (`law/formats.md`): per court a cover letter and a registry
//! of the filings with their duty's payment orders, per bank and bailiff department a registry of
//! the enforcement papers handed over (PDF and CSV). Their rows are kept on disk as the documents
//! are read back (`papers.rs`), and made into registries of `REGISTRY_ROWS` rows at the end.

use super::batch::{Batch, PdfDoc};
use super::duty::DutyOrder;
use super::entry::Kind;
use super::kind::{DocKind, Part, Role};
use super::meta::{Listed, Meta, RegistryMeta};
use super::paths::safe_name;
use super::rendered::{FolderFiles, Rendered, file_name, folder};
use crate::archive::spill::{TempLines, broken, key_part};
use crate::law::gates;
use crate::money::ru;
use crate::russian;
use crate::templates;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The batch's cover letters and registries, made from its filings and applications.
pub const REGISTRY: Kind = Kind {
    name: "registry",
    title: "Реестры и сопроводительные письма",
    about: (
        "сопроводительные письма и реестры заявлений пакета",
        "cover letters and registries of a batch's filings",
    ),
    folder: "courts",
    role: Role::BatchPaper,
    personal: false,
    // Its templates are those of the kinds it lists (the court's, the bank's, the bailiffs').
    templates: &[],
    gate: &gates::FREE,
    serves: None,
    powers: Some(&[]),
    starts: None,
    post: None,
    build: None,
};

pub use super::mail::FORM_103_MAX_ITEMS;

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

/// A registry row as kept until the end: the PDF's row (without its number), the CSV's, and the
/// sums the totals are made of (principal, penalty, duty, total).
#[derive(serde::Serialize, serde::Deserialize)]
struct Row {
    pdf: Map<String, Value>,
    csv: Vec<String>,
    sums: [Decimal; 4],
    /// The folder the registry goes into.
    dir: String,
    /// Whom it goes to, and (for enforcement) the kind of document.
    recipient: String,
    kind: String,
}

/// The PDF row numbered `n` (from 1): the number first, as a registry prints it.
fn numbered(n: usize, row: Map<String, Value>) -> Value {
    let mut out = Map::new();
    out.insert("n".into(), json!(n.to_string()));
    out.extend(row);
    Value::Object(out)
}

/// Calls `part` with each run of at most `REGISTRY_ROWS` rows of one registry (rows keyed
/// `group\u{1}seq`), in order, and the number of its first row in its registry (from 1).
fn in_parts(
    rows: TempLines,
    mut part: impl FnMut(&[Row], usize) -> Result<(), String>,
) -> Result<(), String> {
    let (mut chunk, mut group, mut first) = (Vec::new(), String::new(), 1);
    rows.read_sorted(|key, json| {
        let this = key.rsplit_once('\u{1}').map_or(key, |(g, _)| g);
        if this != group || chunk.len() == REGISTRY_ROWS {
            if !chunk.is_empty() {
                part(&chunk, first)?;
            }
            first = if this == group {
                first + chunk.len()
            } else {
                1
            };
            group = this.to_string();
            chunk.clear();
        }
        chunk.push(serde_json::from_str(json).map_err(|e| broken(&e))?);
        Ok(())
    })?;
    if !chunk.is_empty() {
        part(&chunk, first)?;
    }
    Ok(())
}

/// What a court's cover letter says of all its filings.
#[derive(Default)]
struct CourtTotals {
    count: usize,
    claims: usize,
    sums: [Decimal; 4],
}

/// The totals of some sums (principal, penalty, duty, total), as a registry prints them.
fn totals(sums: [Decimal; 4]) -> Value {
    json!({
        "principal": ru(sums[0]), "penalty": ru(sums[1]), "duty": ru(sums[2]), "total": ru(sums[3]),
    })
}

fn add_sums(into: &mut [Decimal; 4], sums: &[Decimal; 4]) {
    for (a, b) in into.iter_mut().zip(sums) {
        *a += b;
    }
}

fn sum_rows(rows: &[Row]) -> [Decimal; 4] {
    let mut sums = [Decimal::ZERO; 4];
    for r in rows {
        add_sums(&mut sums, &r.sums);
    }
    sums
}

/// The courts' registries: each filing's row, kept until the end, and each court's totals.
pub struct Courts {
    totals: BTreeMap<String, CourtTotals>,
    rows: TempLines,
}

impl Courts {
    pub fn new() -> Result<Courts, String> {
        Ok(Courts {
            totals: BTreeMap::new(),
            rows: TempLines::new()?,
        })
    }

    /// The filing `r` (its statement's meta `m`, its folder's files, its duty's payment order);
    /// `seq` is its place in the batch.
    pub fn add(
        &mut self,
        seq: u64,
        r: &Rendered,
        m: &Listed,
        files: &FolderFiles,
        order: Option<&DutyOrder>,
    ) -> Result<(), String> {
        let court = text(&m.recipient);
        let kind = if m.kind == Some(DocKind::Claim) {
            "исковое заявление"
        } else {
            "заявление о вынесении судебного приказа"
        };
        let sums = [&m.principal, &m.penalty, &m.duty, &m.total].map(dec);
        let pdf = json!({
            "account": m.account,
            "debtors": joined(&m.debtors),
            "kind": kind,
            "period": m.period.as_deref().map(russian::span_words),
            "order": order.map_or(String::new(), |o| format!("№ {} от {}", o.number, o.date)),
            "principal": ru(sums[0]),
            "penalty": ru(sums[1]),
            "duty": ru(sums[2]),
            "total": ru(sums[3]),
            "files": files.names(),
            "contents": files.contents(),
        })
        .as_object()
        .cloned()
        .unwrap_or_default();
        let csv = vec![
            m.account.clone(),
            joined(&m.debtors),
            m.kind.map(DocKind::name).unwrap_or("").into(),
            text(&m.period),
            text(&m.principal),
            text(&m.penalty),
            text(&m.duty),
            order.map_or(String::new(), |o| o.number.to_string()),
            text(&m.total),
            files.names(),
        ];
        let t = self.totals.entry(court.clone()).or_default();
        t.count += 1;
        t.claims += usize::from(m.kind == Some(DocKind::Claim));
        add_sums(&mut t.sums, &sums);
        let row = Row {
            pdf,
            csv,
            sums,
            dir: folder(folder(&r.path)).to_string(),
            recipient: court.clone(),
            kind: String::new(),
        };
        self.rows
            .push_json(&format!("{}\u{1}{seq:012}", key_part(&court)), &row)
    }

    /// Per court, its cover letter and registry (in parts of `REGISTRY_ROWS`) into `push`, and its
    /// CSV into `batch`.
    pub fn papers(
        self,
        date: &str,
        batch: &mut Batch,
        push: &mut dyn FnMut(PdfDoc) -> Result<(), String>,
    ) -> Result<(), String> {
        let all = self.totals;
        let mut letter = String::new();
        in_parts(self.rows, |rows, first| {
            let (court, dir) = (&rows[0].recipient, &rows[0].dir);
            let Some(t) = all.get(court) else {
                return Err(crate::tr!(
                    "temporary_file.totals",
                    "временный файл: нет итогов по суду {court}",
                    "temporary file: no totals of {court}"
                )
                .to_string());
            };
            let parts = t.count.div_ceil(REGISTRY_ROWS);
            let registry = |document, items: usize, sums: [Decimal; 4], number| {
                Meta::Registry(RegistryMeta {
                    kind: DocKind::Registry,
                    document,
                    recipient: court.to_string(),
                    number,
                    items,
                    total: Some(crate::money::fixed2(sums[3])),
                })
            };
            if first == 1 {
                letter = batch.numbers.letter();
                push(PdfDoc {
                    path: format!("{dir}/00 Сопроводительное письмо.pdf"),
                    template: templates::COVER_LETTER,
                    office: Some(court.to_string()),
                    values: Batch::values(json!({
                        "date": date, "number": letter, "count": t.count.to_string(),
                        "orders": (t.count - t.claims).to_string(), "claims": t.claims.to_string(),
                        "totals": totals(t.sums), "parts": parts.to_string(),
                    })),
                    files: Vec::new(),
                    meta: registry(Part::CoverLetter, t.count, t.sums, Some(letter.clone())),
                })?;
            }
            let k = (first - 1) / REGISTRY_ROWS;
            let sums = sum_rows(rows);
            let pdf_rows: Vec<Value> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| numbered(first + i, r.pdf.clone()))
                .collect();
            let value = json!({ "date": date, "letter": letter, "count": rows.len().to_string(), "rows": pdf_rows, "totals": totals(sums), "part": (k + 1).to_string(), "parts": parts.to_string() });
            push(PdfDoc {
                path: format!("{dir}/00 Реестр заявлений{}.pdf", part_suffix(k, parts)),
                template: templates::COURT_REGISTRY,
                office: Some(court.to_string()),
                values: Batch::values(value),
                files: Vec::new(),
                meta: registry(Part::Registry, rows.len(), sums, None),
            })?;
            for r in rows {
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
                    r.csv.clone(),
                );
            }
            Ok(())
        })
    }
}

/// The banks' and bailiff departments' registries: each application's row, kept until the end.
pub struct Enforcement {
    counts: BTreeMap<(String, String), usize>,
    rows: TempLines,
}

impl Enforcement {
    pub fn new() -> Result<Enforcement, String> {
        Ok(Enforcement {
            counts: BTreeMap::new(),
            rows: TempLines::new()?,
        })
    }

    /// The application `r` (its meta `m`); `seq` is its place in the batch.
    pub fn add(&mut self, seq: u64, r: &Rendered, m: &Listed) -> Result<(), String> {
        let Some(kind) = m.kind else { return Ok(()) };
        let recipient = text(&m.recipient);
        let pdf = json!({
            "account": m.account,
            "debtors": joined(&m.debtors),
            "writ": m.writ, "sum": m.sum.as_ref().map(|_| ru(dec(&m.sum))), "file": file_name(&r.path),
            "number": m.number,
            "contents": format!("заявление ({} л.); подлинник исполнительного документа", r.pages),
        })
        .as_object()
        .cloned()
        .unwrap_or_default();
        let csv = vec![
            m.account.clone(),
            joined(&m.debtors),
            text(&m.writ),
            text(&m.sum),
            text(&m.number),
            r.path.clone(),
        ];
        // A bailiff department's folder is named for it already; the bank's holds every bank's.
        let dir = if kind == DocKind::Bank {
            DocKind::Bank.folder().to_string()
        } else {
            folder(folder(&r.path)).to_string()
        };
        let group = (kind.name().to_string(), recipient.clone());
        *self.counts.entry(group).or_default() += 1;
        let key = format!(
            "{}\u{1}{}\u{1}{seq:012}",
            key_part(kind.name()),
            key_part(&recipient)
        );
        let row = Row {
            pdf,
            csv,
            sums: [Decimal::ZERO; 4],
            dir,
            recipient,
            kind: kind.name().to_string(),
        };
        self.rows.push_json(&key, &row)
    }

    /// Per bank and department, its registry (in parts of `REGISTRY_ROWS`) into `push` and its CSV
    /// into `batch`.
    pub fn papers(
        self,
        date: &str,
        batch: &mut Batch,
        push: &mut dyn FnMut(PdfDoc) -> Result<(), String>,
    ) -> Result<(), String> {
        let counts = self.counts;
        in_parts(self.rows, |rows, first| {
            let (kind, recipient, dir) = (&rows[0].kind, &rows[0].recipient, &rows[0].dir);
            let count = counts
                .get(&(kind.clone(), recipient.clone()))
                .copied()
                .unwrap_or(rows.len());
            let parts = count.div_ceil(REGISTRY_ROWS);
            let k = (first - 1) / REGISTRY_ROWS;
            let slug = if kind == DocKind::Bank.name() {
                format!(" {}", safe_name(recipient))
            } else {
                String::new()
            };
            let pdf_rows: Vec<Value> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| numbered(first + i, r.pdf.clone()))
                .collect();
            let value = json!({ "date": date, "recipient": recipient, "count": rows.len().to_string(), "rows": pdf_rows, "part": (k + 1).to_string(), "parts": parts.to_string() });
            push(PdfDoc {
                path: format!(
                    "{dir}/Реестр исполнительных документов{slug}{}.pdf",
                    part_suffix(k, parts)
                ),
                template: templates::ENFORCEMENT_REGISTRY,
                office: None,
                values: Batch::values(value),
                files: Vec::new(),
                meta: Meta::Registry(RegistryMeta {
                    kind: DocKind::Registry,
                    document: Part::Registry,
                    recipient: recipient.to_string(),
                    number: None,
                    items: rows.len(),
                    total: None,
                }),
            })?;
            for r in rows {
                batch.row(
                    &format!("{dir}/Реестр исполнительных документов{slug}.csv"),
                    &["account", "debtors", "writ", "sum", "number", "file"],
                    r.csv.clone(),
                );
            }
            Ok(())
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::mail::Mailing;
    use crate::docs::papers::Papers;
    use crate::workspace::config::Post;
    use chrono::NaiveDate;

    /// The papers of `rendered`, as a run makes them: the PDFs in `pdfs`.
    fn papers_of(rendered: Vec<Rendered>) -> Batch {
        let post = Post::default();
        let mailing = Mailing {
            post: &post,
            shpi: &[],
        };
        let mut papers =
            Papers::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), mailing).unwrap();
        for r in rendered {
            papers.add(r).unwrap();
        }
        let mut batch = Batch::default();
        let mut pdfs = Vec::new();
        papers
            .finish(&[], &[], &mut batch, &mut |doc| {
                pdfs.push(doc);
                Ok(())
            })
            .unwrap();
        batch.pdfs = pdfs;
        batch
    }

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
        let batch = papers_of(rendered);
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
        let batch = papers_of(rendered);
        assert_eq!(batch.pdfs[1].path, "courts/s165/00 Реестр заявлений.pdf");
        assert_eq!(batch.pdfs.len(), 2);
    }
}
