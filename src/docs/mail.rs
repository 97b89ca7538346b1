//! Form 103 (список внутренних почтовых отправлений, `law/formats.md` §3): every letter the batch
//! sends, in lists of one kind of item and at most 35 items, each with its marks, declared value
//! and fee where configured, its ШПИ where the post office issued them (`[post] shpi_file`), its
//! enclosure in words and its mass; a PDF and a CSV per list that agree item by item.
//!
//! The kinds of item: a notice goes as a registered letter; a warning with a delivery notice (the
//! 20 days of п.119 «а» Правил № 354 run from delivery); a claim's copies to a defendant as a
//! valuable letter with an inventory and a delivery notice (ГПК ст.132 п.6), where a declared value
//! is configured, else as a registered letter with a delivery notice.

use super::batch::{Batch, PdfDoc, Refused, Subject};
use super::entry::Kind;
use super::journal::Journal;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::{Listed, MailListMeta, Meta};
use super::rendered::{FolderFiles, Rendered, file_name, postal_index};
use crate::archive::spill::{TempLines, broken};
use crate::law::gates;
use crate::model::EventKind;
use crate::money::{fixed2, parse_amount, ru};
use crate::russian;
use crate::templates;
use crate::workspace::config::Post;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The Form 103 lists of the batch's registered letters, and the inventories of valuable ones.
pub const MAIL: Kind = Kind {
    name: "mail",
    title: "Списки ф. 103",
    about: (
        "списки заказных писем ф. 103",
        "Form 103 lists of registered letters",
    ),
    folder: "mail",
    role: Role::BatchPaper,
    personal: false,
    // Its templates (`templates::FORM_103`, `INVENTORY_107`) serve every kind sent by post.
    templates: &[],
    gate: &gates::FREE,
    serves: None,
    powers: Some(&[]),
    starts: None,
    post: None,
    build: None,
};

/// At most this many items of one kind in one Form 103 list (`law/formats.md` §3).
pub const FORM_103_MAX_ITEMS: usize = 35;
/// A sheet of A4 at 80 g/m² and an envelope, for the mass of a letter.
const GRAMS_PER_SHEET: u32 = 5;
const GRAMS_ENVELOPE: u32 = 15;

impl Category {
    fn words(self) -> &'static str {
        match self {
            Category::Registered => "письмо заказное",
            Category::WithNotice => "письмо заказное с уведомлением о вручении",
            Category::ValuableWithInventory => {
                "письмо ценное с описью вложения и уведомлением о вручении"
            }
        }
    }

    /// The fee configured for an item of this kind: the letter's, and the delivery notice's on top.
    fn fee(self, post: &Post) -> Option<Decimal> {
        let amount = |v: &Option<String>| v.as_deref().and_then(|f| parse_amount(f).ok());
        match self {
            Category::Registered => amount(&post.fee_registered),
            Category::WithNotice => Some(amount(&post.fee_registered)? + amount(&post.fee_notice)?),
            Category::ValuableWithInventory => {
                Some(amount(&post.fee_valuable)? + amount(&post.fee_notice)?)
            }
        }
    }
}

/// What the post needs: `[post]` and the ШПИ issued to the sender.
pub struct Mailing<'a> {
    pub post: &'a Post,
    pub shpi: &'a [String],
}

/// One item of a list.
#[derive(serde::Serialize, serde::Deserialize)]
struct Item {
    category: Category,
    account: String,
    name: String,
    index: String,
    address: String,
    /// What is inside, in words, with the sheets.
    enclosure: String,
    /// The documents inside and their sheets, for an inventory (ф. 107).
    pieces: Vec<(String, usize)>,
    mass: u32,
    declared: Option<Decimal>,
    fee: Option<Decimal>,
    /// The enclosed letter's outgoing number.
    number: String,
    /// The step the letter starts (`notice_sent`, `warning_sent`), for the batch's journal.
    event: Option<String>,
    /// The owner the letter names, where it names one.
    debtor: Option<String>,
}

/// «Исковое заявление (3 л.)» from `01 Исковое заявление (3 л.).pdf`.
fn title(file: &str) -> String {
    let name = file.trim_end_matches(".pdf");
    let name = match name.split_once(' ') {
        Some((n, rest)) if n.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => name,
    };
    name.to_string()
}

/// «Исковое заявление» from `01 Исковое заявление (3 л.).pdf`: the title without its sheets.
fn bare_title(file: &str) -> String {
    let t = title(file);
    match t.rfind(" (") {
        Some(at) if t.ends_with(" л.)") => t[..at].to_string(),
        _ => t,
    }
}

/// The documents of a letter and their sheets: the document itself, or for a claim's copies the
/// folder's documents a defendant gets (not the duty's payment order).
fn pieces(r: &Rendered, files: &FolderFiles) -> Vec<(String, usize)> {
    let is_claim = r.meta.as_ref().and_then(|m| m.document) == Some(Part::Statement);
    if !is_claim {
        return vec![(bare_title(file_name(&r.path)), r.pages)];
    }
    files
        .with_sheets()
        .iter()
        .filter(|(f, _)| super::package::for_defendant(f))
        .map(|(f, sheets)| (format!("Копия: {}", bare_title(f).to_lowercase()), *sheets))
        .collect()
}

/// The enclosure in words: «Уведомление о задолженности (1 л.)», «Копии: исковое заявление (3 л.), …».
fn in_words(pieces: &[(String, usize)]) -> String {
    let each = |(t, s): &(String, usize)| format!("{} ({s} л.)", t.trim_start_matches("Копия: "));
    match pieces {
        [one] if !one.0.starts_with("Копия: ") => each(one),
        _ => format!(
            "Копии: {}",
            pieces.iter().map(each).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The letters of the batch (documents whose meta has `mail` addressees), kept on disk as they come
/// and made into Form 103 lists at the end, each kind of item in lists of its own.
pub struct Letters {
    items: TempLines,
    declared: Option<Decimal>,
    /// Letters that cannot go by registered mail, and why.
    refused: Vec<Refused>,
}

impl Letters {
    pub fn new(post: &Post) -> Result<Letters, String> {
        Ok(Letters {
            items: TempLines::new()?,
            declared: post
                .declared_value
                .as_deref()
                .and_then(|v| parse_amount(v).ok()),
            refused: Vec::new(),
        })
    }

    /// The items of the document `r` (its meta `m`, the files of its folder `files`), one per
    /// addressee; `seq` is its place in the batch.
    pub fn add(
        &mut self,
        seq: u64,
        r: &Rendered,
        m: &Listed,
        files: &FolderFiles,
        post: &Post,
    ) -> Result<(), String> {
        let Some(to) = &m.mail else { return Ok(()) };
        // A valuable letter is sent with its inventory where a value is declared ([post]).
        let category = match m.kind.and_then(|k| k.kind().post) {
            Some(Category::ValuableWithInventory) if self.declared.is_none() => {
                Category::WithNotice
            }
            Some(category) => category,
            None => Category::WithNotice,
        };
        let pieces = pieces(r, files);
        let sheets: usize = pieces.iter().map(|(_, s)| s).sum();
        let enclosure = in_words(&pieces);
        let event = super::journal::event_of(m)
            .filter(|e| matches!(e, EventKind::NoticeSent | EventKind::WarningSent))
            .map(|e| e.name().to_string());
        for (k, a) in to.iter().enumerate() {
            let address = a.address.as_deref().unwrap_or("");
            let Some(index) = postal_index(address) else {
                self.refused.push(Refused {
                    account: m.account.clone(),
                    debtor: Some(a.name.clone()),
                    subject: Subject::Kind(DocKind::Mail),
                    reason: {
                        let file = file_name(&r.path);
                        crate::tr!(
                            "mail.no_index",
                            "в адресе «{address}» нет почтового индекса: допишите его, чтобы отправить {file} заказным письмом",
                            "no postal index in «{address}»: add it to the address to send {file} by registered mail"
                        )
                    },
                });
                continue;
            };
            let item = Item {
                category,
                account: m.account.clone(),
                name: a.name.clone(),
                index,
                address: address.to_string(),
                enclosure: enclosure.clone(),
                pieces: pieces.clone(),
                mass: GRAMS_ENVELOPE + GRAMS_PER_SHEET * sheets as u32,
                declared: (category == Category::ValuableWithInventory)
                    .then_some(self.declared)
                    .flatten(),
                fee: category.fee(post),
                number: m.number.clone().unwrap_or_default(),
                event: event.clone(),
                debtor: match m.debtors.as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                },
            };
            let key = format!("{}\u{1}{seq:012}\u{1}{k:04}", category as u8);
            self.items.push_json(&key, &item)?;
        }
        Ok(())
    }

    /// The Form 103 lists (and a valuable letter's inventory) into `push` and `batch`; `shpi`,
    /// given, numbers the items in order; each letter sent goes into `journal` with its ШПИ.
    pub fn lists(
        self,
        mailing: &Mailing,
        as_of: NaiveDate,
        batch: &mut Batch,
        push: &mut dyn FnMut(PdfDoc) -> Result<(), String>,
        journal: &mut Journal,
    ) -> Result<(), String> {
        batch.refused.extend(self.refused);
        let mut shpi = mailing.shpi.iter();
        let (mut number, mut short) = (0, 0);
        let mut chunk: Vec<Item> = Vec::new();
        let mut send = |chunk: &mut Vec<Item>, batch: &mut Batch| -> Result<(), String> {
            if chunk.is_empty() {
                return Ok(());
            }
            number += 1;
            let tracked: Vec<String> = chunk
                .iter()
                .map(|_| shpi.next().cloned().unwrap_or_default())
                .collect();
            short += tracked.iter().filter(|s| s.is_empty()).count();
            push(list(number, chunk, &tracked, as_of, batch))?;
            for (item, shpi) in chunk.iter().zip(&tracked) {
                if item.category == Category::ValuableWithInventory {
                    push(inventory(item, shpi, as_of))?;
                }
                if let Some(kind) = item.event.as_deref().and_then(EventKind::parse) {
                    journal.letter(
                        kind,
                        &item.account,
                        &item.number,
                        shpi,
                        item.debtor.as_deref(),
                    )?;
                }
            }
            chunk.clear();
            Ok(())
        };
        self.items.read_sorted(|_, json| {
            let item: Item = serde_json::from_str(json).map_err(|e| broken(&e))?;
            let other_kind = chunk.first().is_some_and(|c| c.category != item.category);
            if other_kind || chunk.len() == FORM_103_MAX_ITEMS {
                send(&mut chunk, batch)?;
            }
            chunk.push(item);
            Ok(())
        })?;
        send(&mut chunk, batch)?;
        if mailing.post.shpi_file.is_some() && short > 0 {
            batch.refuse(
                "",
                None,
                DocKind::Mail,
                if mailing.shpi.is_empty() {
                    crate::tr!(
                        "mail.shpi_none",
                        "[post] shpi_file не дал ни одного неиспользованного ШПИ (файла нет или номера израсходованы): отправлений без ШПИ — {short}, номера им присвоит почтовое отделение",
                        "[post] shpi_file gives no ШПИ not used before (the file missing or used up): {short} item(s) have no ШПИ; the post office gives them"
                    )
                } else {
                    crate::tr!(
                        "mail.shpi_ran_out",
                        "ШПИ из [post] shpi_file закончились: отправлений без ШПИ — {short}, номера им присвоит почтовое отделение",
                        "[post] shpi_file ran out: {short} item(s) have no ШПИ; the post office gives them"
                    )
                },
            );
        }
        Ok(())
    }
}

/// One list: its PDF and its CSV, item by item the same.
fn list(
    number: usize,
    chunk: &[Item],
    shpi: &[String],
    as_of: NaiveDate,
    batch: &mut Batch,
) -> PdfDoc {
    let date = russian::date(as_of);
    let dir = DocKind::Mail.folder();
    let money = |v: Option<Decimal>| v.map(ru).unwrap_or_default();
    let rows: Vec<Value> = chunk
        .iter()
        .zip(shpi)
        .enumerate()
        .map(|(i, (it, shpi))| {
            json!({
                "n": (i + 1).to_string(), "name": it.name, "index": it.index, "address": it.address,
                "declared": money(it.declared), "fee": money(it.fee), "mass": it.mass.to_string(),
                "shpi": shpi, "enclosure": it.enclosure, "number": it.number,
            })
        })
        .collect();
    let sum = |f: fn(&Item) -> Option<Decimal>| -> Option<Decimal> {
        chunk
            .iter()
            .map(f)
            .try_fold(Decimal::ZERO, |a, v| Some(a + v?))
    };
    let category = chunk[0].category;
    let value = json!({
        "number": number.to_string(), "date": date, "count": chunk.len().to_string(),
        "category": category.words(),
        "mass": chunk.iter().map(|i| i.mass).sum::<u32>().to_string(),
        "declared": money(sum(|i| i.declared)), "fees": money(sum(|i| i.fee)),
        "rows": rows,
    });
    let doc = PdfDoc {
        path: format!("{dir}/Список ф.103 № {number} от {date}.pdf"),
        template: templates::FORM_103,
        office: None,
        values: Batch::values(value),
        files: Vec::new(),
        meta: Meta::MailList(MailListMeta {
            kind: DocKind::Mail,
            document: Part::Form103,
            list: number,
            items: chunk.len(),
        }),
    };
    for (i, (it, shpi)) in chunk.iter().zip(shpi).enumerate() {
        batch.row(
            &format!("{dir}/Список ф.103 № {number} от {date}.csv"),
            &[
                "list",
                "n",
                "account",
                "addressee",
                "index",
                "address",
                "category",
                "declared_value",
                "fee",
                "mass_g",
                "shpi",
                "enclosure",
                "number",
            ],
            vec![
                number.to_string(),
                (i + 1).to_string(),
                it.account.clone(),
                it.name.clone(),
                it.index.clone(),
                it.address.clone(),
                category.words().into(),
                it.declared.map(fixed2).unwrap_or_default(),
                it.fee.map(fixed2).unwrap_or_default(),
                it.mass.to_string(),
                shpi.clone(),
                it.enclosure.clone(),
                it.number.clone(),
            ],
        );
    }
    doc
}

/// The inventory of a valuable letter (опись вложения, ф. 107): its documents with their sheets and
/// the declared value, for the sender and the post office to sign.
fn inventory(item: &Item, shpi: &str, as_of: NaiveDate) -> PdfDoc {
    let dir = DocKind::Mail.folder();
    // «1004_Попова_ЕН»: the account, the surname and the initials.
    let mut words = item.name.split_whitespace();
    let surname = words.next().unwrap_or("");
    let initials: String = words.filter_map(|w| w.chars().next()).collect();
    let value = json!({
        "date": russian::date(as_of), "name": item.name, "address": item.address, "shpi": shpi,
        "rows": item.pieces.iter().enumerate().map(|(i, (t, s))| json!({
            "n": (i + 1).to_string(), "title": t, "sheets": s.to_string(),
        })).collect::<Vec<_>>(),
        "count": item.pieces.len().to_string(),
        "sheets": item.pieces.iter().map(|(_, s)| s).sum::<usize>().to_string(),
        "declared": item.declared.map(ru),
    });
    PdfDoc {
        path: format!(
            "{dir}/Опись вложения ф.107 {}_{}.pdf",
            super::paths::safe_name(&item.account),
            super::paths::safe_name(&format!("{surname}_{initials}"))
        ),
        template: templates::INVENTORY_107,
        office: None,
        values: Batch::values(value),
        files: Vec::new(),
        meta: Meta::MailList(MailListMeta {
            kind: DocKind::Mail,
            document: Part::Inventory,
            list: 0,
            items: item.pieces.len(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enclosures_in_words() {
        let claim = vec![
            ("Копия: исковое заявление".to_string(), 3),
            ("Копия: расчёт задолженности и пеней".to_string(), 2),
        ];
        assert_eq!(
            in_words(&claim),
            "Копии: исковое заявление (3 л.), расчёт задолженности и пеней (2 л.)"
        );
        let notice = vec![("Уведомление о задолженности".to_string(), 1)];
        assert_eq!(in_words(&notice), "Уведомление о задолженности (1 л.)");
        assert_eq!(
            bare_title("01 Исковое заявление (3 л.).pdf"),
            "Исковое заявление"
        );
    }

    #[test]
    fn titles_drop_the_order_and_keep_the_sheets() {
        assert_eq!(
            title("01 Исковое заявление (3 л.).pdf"),
            "Исковое заявление (3 л.)"
        );
        assert_eq!(
            title("Уведомление о задолженности (1 л.).pdf"),
            "Уведомление о задолженности (1 л.)"
        );
    }
}
