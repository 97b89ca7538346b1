//! The debt notice (уведомление о задолженности): the debt by month and service, penalties to date,
//! how and where to pay with a payment QR code (ГОСТ Р 56042-2014), the offer of an instalment
//! agreement and the contacts of the client office. One per account, to the premises.

use super::batch::{Batch, PdfDoc};
use super::meta::{Meta, NoticeMeta};
use super::org::contacts;
use super::parties::{active_debtors, letter_address, mail_to, names, names_in};
use super::payment::{payee, qr_payload, qr_svg};
use crate::kinds::{self, DocKind, Part};
use crate::law::case::Case;
use crate::law::restriction::service_debts;
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words, names::Case as Grammatical};
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::json;

const KIND: DocKind = DocKind::Notice;

pub fn build(config: &Config, case: &Case, batch: &mut Batch) {
    let (account, calc) = (case.account, case.calc);
    let total = case.total();
    if total <= Decimal::ZERO {
        batch.refuse(&account.id, "", KIND, "nothing past due");
        return;
    }
    let debtors = active_debtors(account, KIND, batch);
    let Some(first) = debtors.first() else { return };
    let payee = match payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(&account.id, "", KIND, why);
            return;
        }
    };
    let purpose = format!("Оплата коммунальных услуг по л/с {}", account.id);
    let payload = qr_payload(&payee, total, &purpose, &account.id);
    let svg = match qr_svg(&payload) {
        Ok(svg) => svg,
        Err(why) => {
            batch.refuse(&account.id, "", KIND, why);
            return;
        }
    };
    let months: Vec<_> = calc.overdue_months().collect();
    let values = Batch::values(json!({
        "account": account.id,
        "date": russian::date(calc.as_of),
        "debtors": names(&debtors).join(", "),
        // The addressee, in the dative: «Иванову Петру Сергеевичу».
        "to": names_in(&debtors, Grammatical::Dative),
        "address": letter_address(account, first).unwrap_or_default(),
        "months": months.iter().map(|m| json!({
            "period": m.period.to_string(), "due": russian::date(m.due), "charged": ru(m.charged), "paid": ru(m.paid), "debt": ru(m.debt),
        })).collect::<Vec<_>>(),
        "services": service_debts(&account.ledger, calc).iter().map(|(s, d)| json!({ "service": s, "debt": ru(*d) })).collect::<Vec<_>>(),
        "principal": ru(calc.overdue),
        "penalty": ru(calc.penalty),
        "total": ru(total),
        "total_words": in_words::rubles(total),
        "purpose": purpose,
        "payee": payee.json(),
        "contacts": contacts(config),
    }));
    let folder = batch.debtor_folder(KIND.folder(), account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/Уведомление о задолженности.pdf"),
        template: kinds::NOTICE,
        office: None,
        values,
        files: vec![("/qr.svg", svg)],
        meta: Meta::Notice(NoticeMeta {
            account: account.id.clone(),
            debtors: names(&debtors),
            mail: mail_to(account, &debtors),
            kind: KIND,
            document: Part::Whole(KIND),
            principal: fixed2(calc.overdue),
            penalty: fixed2(calc.penalty),
            total: fixed2(total),
            qr_payload: payload,
        }),
    });
}
