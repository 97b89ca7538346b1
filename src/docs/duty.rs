//! The state duty's payment orders (`legal-rules.md` §13.8): one per filing that has duty to pay,
//! as a PDF in its package (the form of Положение Банка России № 762-П, ф. 0401060) and, per batch,
//! one file of the 1C «клиент-банк» exchange format 1.03 in Windows-1251 that the accounting
//! department loads into its bank client (`courts/1c_to_kl.txt`).
//!
//! The payee is the court's `duty` table of `vzysk.toml` (the ФНС's treasury details, the КБК and
//! the court's ОКТМО; UNCONFIRMED in `legal-rules.md` §13.8: verify on the ФНС site); the payer is
//! the claimant with its bank account. Fields 106–109 and the УИН are «0»: the duty is not a tax
//! period's payment and has no index (UNCONFIRMED, §13.8).

use super::payment::{Payee, payee};
use crate::archive::spill::{TempLines, broken};
use crate::lang::Text;
use crate::law::eligibility::{Filing, Procedure};
use crate::model::{CourtKind, DutyDetails};
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words, names};
use crate::workspace::config::Config;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Where the batch's duty payment orders go for the accounting department's bank client.
pub const EXCHANGE_FILE: &str = "courts/1c_to_kl.txt";

/// The payer's status (field 101): a legal entity paying in its own name.
const PAYER_STATUS: &str = "01";
/// The order of payment (field 21) of a payment to the budget.
const PRIORITY: &str = "5";
/// The kind of operation (field 18): a payment order.
const OPERATION: &str = "01";
/// A payment order's purpose holds at most this many characters (762-П, field 24).
const PURPOSE_MAX: usize = 210;

/// One payment order: what the PDF shows and what the exchange file carries, field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyOrder {
    pub number: u32,
    /// As the order writes it: `27.11.2026`.
    pub date: String,
    /// Rubles with two decimals, `"2000.00"`.
    pub sum: String,
    pub payer: Party,
    pub payee: Party,
    pub kbk: String,
    pub oktmo: String,
    pub purpose: String,
    /// The account and the court, for the registry.
    pub account: String,
    pub court: String,
}

/// A payer or payee of a payment order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub inn: String,
    pub kpp: String,
    pub account: String,
    pub bank: String,
    pub bic: String,
    pub corr_account: String,
}

impl Party {
    fn of(p: Payee) -> Party {
        Party {
            name: p.name,
            inn: p.inn,
            kpp: p.kpp.unwrap_or_default(),
            account: p.account,
            bank: p.bank,
            bic: p.bic,
            corr_account: p.corr_account,
        }
    }
}

/// The court's duty details as a payee, with the КБК and ОКТМО, or what is missing.
fn treasury(court: &str, d: &Option<DutyDetails>) -> Result<(Party, String, String), Text> {
    let d = d.clone().unwrap_or_default();
    let mut missing = Vec::new();
    let mut need = |v: &Option<String>, key: &'static str| {
        let v = v.as_deref().map(str::trim).unwrap_or("");
        if v.is_empty() {
            missing.push(key);
        }
        v.to_string()
    };
    let party = Party {
        name: need(&d.recipient, "recipient"),
        inn: need(&d.inn, "inn"),
        kpp: need(&d.kpp, "kpp"),
        account: need(&d.account, "account"),
        bank: need(&d.bank, "bank"),
        bic: need(&d.bic, "bic"),
        corr_account: need(&d.corr_account, "corr_account"),
    };
    let kbk = need(&d.kbk, "kbk");
    let oktmo = need(&d.oktmo, "oktmo");
    if missing.is_empty() {
        Ok((party, kbk, oktmo))
    } else {
        let keys = missing.join(", ");
        Err(crate::tr!(
            "duty.no_details",
            "у суда «{court}» нет реквизитов для уплаты госпошлины (в его таблице duty в vzysk.toml не указано: {keys}): платёжное поручение не составляется; взыскатель уплачивает госпошлину сам и прикладывает документ об уплате",
            "the court \"{court}\" has no duty details ({keys} missing in its duty table of vzysk.toml): no payment order is made; the claimant pays the duty and attaches the document"
        ))
    }
}

/// «мировой судья с/у № 165» from «Мировому судье судебного участка № 165 …»; a district court
/// by its name.
fn court_short(court: &crate::model::Office) -> String {
    let name = court.name.clone().unwrap_or_else(|| court.id.clone());
    match (court.is(CourtKind::Magistrate), name.find("участка")) {
        (true, Some(at)) => {
            let number: String = name[at..]
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(|c| c.is_ascii_digit())
                .collect();
            format!("мировой судья с/у № {number}")
        }
        _ => name,
    }
}

/// The purpose of the payment: what the duty is for, the court, the debtor and the account, cut
/// at a word to the field's 210 characters.
fn purpose(filing: &Filing) -> String {
    let (what, role) = match filing.procedure {
        Procedure::CourtOrder => ("Госпошлина за выдачу судебного приказа", "должник"),
        Procedure::Claim { .. } => ("Госпошлина за исковое заявление", "ответчик"),
    };
    let who: Vec<String> = filing
        .debtors
        .iter()
        .map(|d| names::initials(&d.full_name, None))
        .collect();
    let text = format!(
        "{what} ({}); {role} {}, л/с {}",
        court_short(filing.court),
        who.join(", "),
        filing.account.id
    );
    if text.chars().count() <= PURPOSE_MAX {
        return text;
    }
    let mut cut: String = text.chars().take(PURPOSE_MAX).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut
}

/// The payment order of a filing's duty, numbered `number` and dated `date`: `Ok(None)` where no
/// duty is to be paid (all of it credited), `Err` with the reason where it cannot be made.
pub fn order(
    config: &Config,
    filing: &Filing,
    number: u32,
    date: NaiveDate,
) -> Result<Option<DutyOrder>, Text> {
    if filing.duty <= Decimal::ZERO {
        return Ok(None);
    }
    let (to, kbk, oktmo) = treasury(&filing.court.id, &filing.court.duty)?;
    let from = payee(config).map(Party::of)?;
    Ok(Some(DutyOrder {
        number,
        date: russian::date(date),
        sum: fixed2(filing.duty),
        payer: from,
        payee: to,
        kbk,
        oktmo,
        purpose: purpose(filing),
        account: filing.account.id.clone(),
        court: filing.court.id.clone(),
    }))
}

/// The attachment line of a filing's application: the order made, or the document the claimant
/// adds; none where no duty is to be paid.
pub fn attachment(order: &Result<Option<DutyOrder>, Text>) -> Option<String> {
    match order {
        Ok(Some(o)) => Some(format!(
            "Платёжное поручение № {} от {} об уплате государственной пошлины в размере {} руб.",
            o.number,
            o.date,
            ru(o.sum.parse().unwrap_or_default())
        )),
        Ok(None) => None,
        Err(_) => Some("Документ об уплате государственной пошлины.".into()),
    }
}

/// The values of the payment order's PDF.
pub fn values(o: &DutyOrder) -> Value {
    let sum: Decimal = o.sum.parse().unwrap_or_default();
    json!({
        "number": o.number.to_string(),
        "date": o.date,
        "sum": ru(sum).replace(['\u{a0}', ' '], ""),
        // «Две тысячи рублей 00 копеек»: with a capital (762-П, field 6).
        "sum_words": crate::russian::capitalize(&in_words::rubles(sum)),
        "payer": o.payer,
        "payee": o.payee,
        "operation": OPERATION,
        "priority": PRIORITY,
        "tax": {
            "status": PAYER_STATUS, "kbk": o.kbk, "oktmo": o.oktmo,
            "basis": "0", "period": "0", "number": "0", "date": "0", "uin": "0",
        },
        "purpose": o.purpose,
    })
}

/// `2000.00` as 1C writes a sum; dates as `27.11.2026`.
/// The exchange file's head: its format, dates and the payer's account.
fn head_lines(payer_account: &str, created: NaiveDate) -> Vec<String> {
    let date = russian::date(created);
    vec![
        "1CClientBankExchange".into(),
        "ВерсияФормата=1.03".into(),
        "Кодировка=Windows".into(),
        "Отправитель=vzysk".into(),
        "Получатель=".into(),
        format!("ДатаСоздания={date}"),
        // A fixed time: the same batch gives the same file.
        "ВремяСоздания=12:00:00".into(),
        format!("ДатаНачала={date}"),
        format!("ДатаКонца={date}"),
        format!("РасчСчет={payer_account}"),
        "Документ=Платежное поручение".into(),
    ]
}

/// One payment order's section of the exchange file.
fn order_lines(o: &DutyOrder) -> Vec<String> {
    let fields: [(&str, String); 33] = [
        ("Номер", o.number.to_string()),
        ("Дата", o.date.clone()),
        ("Сумма", o.sum.clone()),
        ("ПлательщикСчет", o.payer.account.clone()),
        (
            "Плательщик",
            format!("ИНН {} {}", o.payer.inn, o.payer.name),
        ),
        ("ПлательщикИНН", o.payer.inn.clone()),
        ("ПлательщикКПП", o.payer.kpp.clone()),
        ("Плательщик1", o.payer.name.clone()),
        ("ПлательщикРасчСчет", o.payer.account.clone()),
        ("ПлательщикБанк1", o.payer.bank.clone()),
        ("ПлательщикБИК", o.payer.bic.clone()),
        ("ПлательщикКорсчет", o.payer.corr_account.clone()),
        ("ПолучательСчет", o.payee.account.clone()),
        (
            "Получатель",
            format!("ИНН {} {}", o.payee.inn, o.payee.name),
        ),
        ("ПолучательИНН", o.payee.inn.clone()),
        ("ПолучательКПП", o.payee.kpp.clone()),
        ("Получатель1", o.payee.name.clone()),
        ("ПолучательРасчСчет", o.payee.account.clone()),
        ("ПолучательБанк1", o.payee.bank.clone()),
        ("ПолучательБИК", o.payee.bic.clone()),
        ("ПолучательКорсчет", o.payee.corr_account.clone()),
        ("ВидОплаты", OPERATION.into()),
        ("Код", "0".into()),
        ("СтатусСоставителя", PAYER_STATUS.into()),
        ("ПоказательКБК", o.kbk.clone()),
        ("ОКАТО", o.oktmo.clone()),
        ("ПоказательОснования", "0".into()),
        ("ПоказательПериода", "0".into()),
        ("ПоказательНомера", "0".into()),
        ("ПоказательДаты", "0".into()),
        ("ПоказательТипа", String::new()),
        ("Очередность", PRIORITY.into()),
        ("НазначениеПлатежа", o.purpose.clone()),
    ];
    let mut lines = vec!["СекцияДокумент=Платежное поручение".to_string()];
    lines.extend(fields.iter().map(|(k, v)| format!("{k}={v}")));
    lines.push("КонецДокумента".into());
    lines
}

/// Lines of the exchange file in Windows-1251, each ending in CRLF; `Err` names what Windows-1251
/// cannot hold.
fn encode(lines: &[String]) -> Result<Vec<u8>, Text> {
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    // Documents keep non-breaking spaces; the bank client wants plain ones.
    let text = text.replace('\u{a0}', " ");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
    if unmappable {
        let bad: String = text
            .chars()
            .filter(|c| {
                let s = c.to_string();
                encoding_rs::WINDOWS_1251.encode(&s).2
            })
            .collect();
        return Err(crate::tr!(
            "duty.exchange_encoding",
            "в платёжных поручениях на госпошлину есть символы, которых нет в кодировке Windows-1251 («{bad}»): файл для 1С не составлен",
            "the duty payments hold characters Windows-1251 cannot write («{bad}»): the 1C file is not made"
        ));
    }
    Ok(bytes.into_owned())
}

/// The batch's payment orders as one 1C exchange file: Windows-1251, CRLF lines; `Err` names what
/// Windows-1251 cannot hold.
pub fn exchange_file(orders: &[DutyOrder], created: NaiveDate) -> Result<Vec<u8>, Text> {
    let mut orders: Vec<&DutyOrder> = orders.iter().collect();
    orders.sort_by_key(|o| o.number);
    let payer = orders.first().map_or("", |o| o.payer.account.as_str());
    let mut bytes = encode(&head_lines(payer, created))?;
    for o in orders {
        bytes.extend(encode(&order_lines(o))?);
    }
    bytes.extend(encode(&["КонецФайла".to_string()])?);
    Ok(bytes)
}

/// The batch's payment orders on their way to the 1C exchange file: kept on disk as they come, each
/// checked for what Windows-1251 cannot hold, and written in their numbers' order at the end.
pub struct Exchange {
    orders: TempLines,
    created: NaiveDate,
    /// The first order's number and its payer's account (the file's head names it).
    first: Option<(u32, String)>,
    /// Why the file cannot be made, once an order cannot be written.
    refused: Option<Text>,
}

impl Exchange {
    pub fn new(created: NaiveDate) -> Result<Exchange, String> {
        Ok(Exchange {
            orders: TempLines::new()?,
            created,
            first: None,
            refused: None,
        })
    }

    pub fn add(&mut self, o: &DutyOrder) -> Result<(), String> {
        if let Err(why) = encode(&order_lines(o)) {
            self.refused.get_or_insert(why);
        }
        if self.first.as_ref().is_none_or(|(n, _)| o.number < *n) {
            self.first = Some((o.number, o.payer.account.clone()));
        }
        self.orders.push_json(&format!("{:010}", o.number), o)
    }

    /// `Ok(None)` when there are no orders, `Err` (the reason) when the file cannot be made.
    pub fn ready(self) -> Result<Option<Exchange>, Text> {
        match (&self.refused, &self.first) {
            (Some(why), _) => Err(why.clone()),
            (None, None) => Ok(None),
            (None, Some(_)) => Ok(Some(self)),
        }
    }

    /// Writes the file to `out`, one order in memory at a time.
    pub fn write(self, out: &mut dyn std::io::Write) -> Result<(), String> {
        let io = |e: std::io::Error| {
            crate::tr!(
                "duty.exchange_write",
                "не удалось записать файл для 1С: {e}",
                "writing the 1C file: {e}"
            )
            .to_string()
        };
        let encode = |lines: &[String]| encode(lines).map_err(|why| why.to_string());
        let payer = self.first.as_ref().map_or("", |(_, a)| a.as_str());
        out.write_all(&encode(&head_lines(payer, self.created))?)
            .map_err(io)?;
        self.orders.read_sorted(|_, json| {
            let o: DutyOrder = serde_json::from_str(json).map_err(|e| broken(&e))?;
            out.write_all(&encode(&order_lines(&o))?).map_err(io)
        })?;
        out.write_all(&encode(&["КонецФайла".to_string()])?)
            .map_err(io)
    }
}

/// Reads an exchange file back: each document's fields, in order (for tests and `check`).
pub fn read_exchange(bytes: &[u8]) -> Vec<Vec<(String, String)>> {
    let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
    let mut docs = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in text.lines() {
        match (line, current.as_mut()) {
            (l, _) if l.starts_with("СекцияДокумент=") => current = Some(Vec::new()),
            ("КонецДокумента", Some(_)) => docs.extend(current.take()),
            (l, Some(fields)) => {
                if let Some((k, v)) = l.split_once('=') {
                    fields.push((k.to_string(), v.to_string()));
                }
            }
            _ => {}
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(n: u32, sum: &str) -> DutyOrder {
        let party = |name: &str| Party {
            name: name.into(),
            inn: "5075001233".into(),
            kpp: "507501001".into(),
            account: "40702810640000012345".into(),
            bank: "ПАО Сбербанк".into(),
            bic: "044525225".into(),
            corr_account: "30101810400000000225".into(),
        };
        DutyOrder {
            number: n,
            date: "27.11.2026".into(),
            sum: sum.into(),
            payer: party("Акционерное общество «Рузская теплосеть»"),
            payee: party("Казначейство России (ФНС России)"),
            kbk: "18210803010011050110".into(),
            oktmo: "46766000".into(),
            purpose: "Госпошлина за выдачу судебного приказа (мировой судья с/у № 165); должник Иванов П. С., л/с 1001".into(),
            account: "1001".into(),
            court: "s165".into(),
        }
    }

    #[test]
    fn the_exchange_file_reads_back_field_by_field() {
        let orders = [order(1, "2000.00"), order(2, "3709.00")];
        let bytes = exchange_file(&orders, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()).unwrap();
        assert!(bytes.starts_with(b"1CClientBankExchange\r\n"));
        // Windows-1251: «ВерсияФормата» is one byte a letter.
        let word = encoding_rs::WINDOWS_1251.encode("Кодировка").0.into_owned();
        assert_eq!(word.len(), 9);
        assert!(bytes.windows(9).any(|w| w == word.as_slice()));
        let docs = read_exchange(&bytes);
        assert_eq!(docs.len(), 2);
        let get = |d: &Vec<(String, String)>, k: &str| {
            d.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(get(&docs[1], "Номер"), "2");
        assert_eq!(get(&docs[1], "Сумма"), "3709.00");
        assert_eq!(get(&docs[0], "ПоказательКБК"), "18210803010011050110");
        assert_eq!(get(&docs[0], "ОКАТО"), "46766000");
        assert_eq!(get(&docs[0], "Очередность"), "5");
        assert_eq!(get(&docs[0], "СтатусСоставителя"), "01");
        assert_eq!(
            get(&docs[0], "Плательщик1"),
            "Акционерное общество «Рузская теплосеть»"
        );
        let text = encoding_rs::WINDOWS_1251.decode(&bytes).0.into_owned();
        assert!(text.ends_with("КонецФайла\r\n"));
        assert!(text.contains("\r\nКодировка=Windows\r\n"));
    }

    #[test]
    fn what_windows_1251_cannot_write_is_refused() {
        let mut o = order(1, "2000.00");
        o.purpose = "долг 😀".into();
        let why = exchange_file(&[o], NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()).unwrap_err();
        assert!(why.en().contains("«😀»"), "{why}");
    }
}
