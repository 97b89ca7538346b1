//! The debt notice (уведомление о задолженности): the debt by month and service, penalties to date,
//! how and where to pay with a payment QR code (ГОСТ Р 56042-2014), the offer of an instalment
//! agreement and the contacts of the client office. One per account, to the premises.

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::{Meta, NoticeMeta};
use super::org::contacts;
use super::parties::{letters, names, names_in};
use super::payment::{payee, qr_payload, qr_svg};
use crate::ladder::Step;
use crate::law::calculation::MonthCalc;
use crate::law::case::Case;
use crate::law::eligibility::{claim_filings, court_order_filings};
use crate::law::gates;
use crate::law::restriction::service_debts;
use crate::model::EventKind;
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words, names::Case as Grammatical};
use crate::templates;
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The debt notice: the debt by month, the payment QR, what comes next.
pub const NOTICE: Kind = Kind {
    name: "notice",
    title: "Уведомление о задолженности",
    about: (
        "уведомление о задолженности с QR-кодом для оплаты",
        "debt notice with a payment QR",
    ),
    folder: "notices",
    role: Role::Letter,
    personal: false,
    templates: &[templates::NOTICE],
    gate: &gates::LETTERS,
    serves: Some(Step::Notice),
    powers: Some(&[]),
    starts: Some((EventKind::NoticeSent, None)),
    post: Some(Category::Registered),
    build: Some(|s, case, batch| build(s.config, case, batch)),
};

const KIND: DocKind = DocKind::Notice;
/// A notice lists this many months one by one, the latest; the older ones are summed in one row, so
/// that the letter keeps to a page.
const MONTHS_SHOWN: usize = 9;

/// The notice's table: the months with a debt, the older ones beyond [`MONTHS_SHOWN`] in one row.
fn month_rows(months: &[&MonthCalc]) -> Vec<Value> {
    let row = |period: String, due: String, m: &[&MonthCalc]| {
        let sum = |f: fn(&MonthCalc) -> Decimal| ru(m.iter().map(|x| f(x)).sum());
        json!({
            "period": period, "due": due,
            "charged": sum(|x| x.charged), "paid": sum(|x| x.paid), "debt": sum(|x| x.debt),
        })
    };
    // Two months or more are summed; one is shown as it is.
    let split = match months.len().saturating_sub(MONTHS_SHOWN) {
        1 => 0,
        n => n,
    };
    let (older, shown) = months.split_at(split);
    let mut rows = Vec::new();
    if let (Some(a), Some(b)) = (older.first(), older.last()) {
        rows.push(row(
            format!(
                "{} – {}",
                russian::month_short(a.period),
                russian::month_short(b.period)
            ),
            "—".into(),
            older,
        ));
    }
    rows.extend(shown.iter().map(|m| {
        row(
            russian::month(m.period),
            russian::date(m.due),
            std::slice::from_ref(m),
        )
    }));
    rows
}

pub fn build(config: &Config, case: &Case, batch: &mut Batch) {
    let (account, calc) = (case.account, case.calc);
    // The letter asks for the months within limitation; the older debt is stated apart.
    let (principal, penalty) = case.within_limitation();
    if principal + penalty <= Decimal::ZERO {
        batch.refuse(&account.id, None, KIND, case.nothing_demanded());
        return;
    }
    let barred = case.time_barred_debt().map(|(from, to, debt, penalty)| {
        json!({
            "period": russian::months(from, to),
            "debt": ru(debt),
            "penalty": ru(penalty),
        })
    });
    let payee = match payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(&account.id, None, KIND, why);
            return;
        }
    };
    for letter in letters(account, KIND, (principal, penalty), batch) {
        let who = letter.debtors.first().map_or("", |d| d.full_name.as_str());
        let total = letter.total();
        // The purpose says what the sum is (debt and penalty) and, for an owner's share, whose.
        let whose = match (letter.share, letter.debtors.first()) {
            (Some(share), Some(d)) => format!(
                ", доля {share}, {}",
                crate::russian::names::initials(&d.full_name, None)
            ),
            _ => String::new(),
        };
        // In bankruptcy, only the current payments may be paid outside the case (127-ФЗ
        // ст.213.11 п.2): the purpose says so, so that the payment is not taken for the
        // register's months.
        let current = crate::law::cutoff::of(account).is_some();
        let what = match (
            letter.principal.is_zero(),
            letter.penalty.is_zero(),
            current,
        ) {
            (true, _, false) => "Оплата пеней за коммунальные услуги",
            (false, true, false) => "Оплата задолженности за коммунальные услуги",
            (false, false, false) => "Оплата задолженности за коммунальные услуги и пени",
            (true, _, true) => "Оплата пеней по текущим платежам за коммунальные услуги",
            (false, _, true) => "Оплата текущих платежей за коммунальные услуги",
        };
        let purpose = format!("{what} по л/с {}{whose}", account.id);
        let payload = qr_payload(&payee, total, &purpose, &account.id);
        let svg = match qr_svg(&payload) {
            Ok(svg) => svg,
            Err(why) => {
                batch.refuse(&account.id, Some(who), KIND, why);
                continue;
            }
        };
        let months: Vec<_> = calc.overdue_months().filter(|m| !m.time_barred).collect();
        // The court is named only where the case allows a filing: never a threat the tool would
        // not carry out (a debt below the least sum, time-barred, …).
        let court_next = court_order_filings(&config.courts, case).is_ok()
            || claim_filings(&config.courts, case).is_ok();
        let number = batch.numbers.letter();
        let values = Batch::values(json!({
            "account": account.id,
            "number": number,
            "date": russian::date(calc.as_of),
            "debtors": names(&letter.debtors).join(", "),
            // The addressee, in the dative: «Иванову Петру Сергеевичу».
            "to": names_in(&letter.debtors, Grammatical::Dative),
            "address": letter.address.clone().unwrap_or_default(),
            "premises": account.premises_address.clone().or_else(|| letter.address.clone()).unwrap_or_default(),
            "months": month_rows(&months),
            "court_next": court_next,
            "services": service_debts(&account.ledger, calc).iter().map(|(s, d)| json!({ "service": s, "debt": ru(*d) })).collect::<Vec<_>>(),
            "share": letter.share.map(|s| s.to_string()),
            "account_total": ru(principal + penalty),
            "barred": barred,
            "principal": ru(letter.principal),
            "penalty": ru(letter.penalty),
            "total": ru(total),
            "total_words": in_words::rubles(total),
            "purpose": purpose,
            "payee": payee.json(),
            "contacts": contacts(config),
        }));
        let Some(first) = letter.debtors.first() else {
            continue;
        };
        let folder = batch.debtor_folder(KIND.folder(), account, first);
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/Уведомление о задолженности.pdf"),
            template: templates::NOTICE,
            office: None,
            values,
            files: vec![("/qr.svg", svg)],
            meta: Meta::Notice(NoticeMeta {
                account: account.id.clone(),
                debtors: names(&letter.debtors),
                mail: letter.mail(),
                kind: KIND,
                document: Part::Whole(KIND),
                number,
                principal: fixed2(letter.principal),
                penalty: fixed2(letter.penalty),
                total: fixed2(total),
                qr_payload: payload,
            }),
        });
    }
}
