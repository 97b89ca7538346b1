//! The debt notice (уведомление о задолженности): the debt by month and service, penalties to date,
//! how and where to pay with a payment QR code (ГОСТ Р 56042-2014), the offer of an instalment
//! agreement and the contacts of the client office. One per account, to the premises.

use super::{Batch, PdfDoc, active_debtors, ru_date};
use crate::law::account::AccountCalc;
use crate::law::restriction::service_debts;
use crate::model::Account;
use crate::money::{fixed2, ru};
use crate::words;
use crate::workspace::config::Config;
use qrcode::{EcLevel, QrCode};
use rust_decimal::Decimal;
use serde_json::json;

pub const KIND: &str = "notice";

/// The payee's details a payment QR needs, from `[claimant]` and `[claimant.bank]`.
pub struct Payee {
    pub name: String,
    pub inn: String,
    pub kpp: Option<String>,
    pub bank: String,
    pub bic: String,
    pub corr_account: String,
    pub account: String,
}

impl Payee {
    /// The payee's details as a document's values.
    pub fn json(&self) -> serde_json::Value {
        json!({
            "name": self.name, "inn": self.inn, "kpp": self.kpp, "bank": self.bank, "bic": self.bic,
            "corr_account": self.corr_account, "account": self.account,
        })
    }
}

/// The payee, or the keys of `vzysk.toml` that are missing for it.
pub fn payee(config: &Config) -> Result<Payee, String> {
    let c = &config.claimant;
    let b = c.bank.clone().unwrap_or_default();
    let mut missing = Vec::new();
    let mut need = |v: &Option<String>, key: &str| -> String {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.to_string(),
            None => {
                missing.push(key.to_string());
                String::new()
            }
        }
    };
    let payee = Payee {
        name: need(&c.name, "[claimant] name"),
        inn: need(&c.inn, "[claimant] inn"),
        kpp: c.kpp.clone(),
        bank: need(&b.name, "[claimant.bank] name"),
        bic: need(&b.bic, "[claimant.bank] bic"),
        corr_account: need(&b.corr_account, "[claimant.bank] corr_account"),
        account: need(&b.account, "[claimant.bank] account"),
    };
    if missing.is_empty() {
        Ok(payee)
    } else {
        Err(format!(
            "vzysk.toml: {} missing: no payment details",
            missing.join(", ")
        ))
    }
}

/// A value of the QR payload: `|` is the field separator, so it may not occur in a value.
fn field(v: &str) -> String {
    v.replace('|', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ГОСТ Р 56042-2014 payload: `ST00012` (format 0001, UTF-8), then `key=value` fields
/// separated by `|`. `Sum` is in kopecks.
pub fn qr_payload(p: &Payee, sum: Decimal, purpose: &str, account: &str) -> String {
    let kopecks = (sum.round_dp(2) * Decimal::from(100)).trunc();
    let mut out = format!(
        "ST00012|Name={}|PersonalAcc={}|BankName={}|BIC={}|CorrespAcc={}|PayeeINN={}",
        field(&p.name),
        field(&p.account),
        field(&p.bank),
        field(&p.bic),
        field(&p.corr_account),
        field(&p.inn)
    );
    if let Some(kpp) = &p.kpp {
        out.push_str(&format!("|KPP={}", field(kpp)));
    }
    out.push_str(&format!(
        "|Sum={kopecks}|Purpose={}|PersAcc={}",
        field(purpose),
        field(account)
    ));
    out
}

/// The QR code of `payload` as an SVG: one unit square per dark module, a 4-module quiet zone.
pub fn qr_svg(payload: &str) -> Result<Vec<u8>, String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| format!("the payment QR cannot hold this payload: {e}"))?;
    let width = code.width();
    let size = width + 8;
    let mut path = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    )
    .into_bytes())
}

pub fn build(config: &Config, account: &Account, calc: &AccountCalc, batch: &mut Batch) {
    let total = calc.overdue + calc.penalty;
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
    let value = json!({
        "account": account.id,
        "date": ru_date(calc.as_of),
        "debtors": super::names(&debtors).join(", "),
        // The addressee, in the dative: «Иванову Петру Сергеевичу».
        "to": super::names_in(&debtors, crate::names::Case::Dative),
        "address": super::letter_address(account, first).unwrap_or_default(),
        "months": months.iter().map(|m| json!({
            "period": m.period.to_string(), "due": ru_date(m.due), "charged": ru(m.charged), "paid": ru(m.paid), "debt": ru(m.debt),
        })).collect::<Vec<_>>(),
        "services": service_debts(&account.ledger, calc).iter().map(|(s, d)| json!({ "service": s, "debt": ru(*d) })).collect::<Vec<_>>(),
        "principal": ru(calc.overdue),
        "penalty": ru(calc.penalty),
        "total": ru(total),
        "total_words": words::rubles(total),
        "purpose": purpose,
        "payee": payee.json(),
        "contacts": super::contacts(config),
    });
    let data = batch.data(value);
    let folder = batch.debtor_folder("notices", account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/Уведомление о задолженности.pdf"),
        template: "notice.typ.j2",
        office: None,
        data,
        files: vec![("/qr.svg", svg)],
        meta: json!({
            "account": account.id,
            "debtors": super::names(&debtors),
            "mail": super::mail_to(account, &debtors),
            "kind": KIND,
            "document": "notice",
            "principal": fixed2(calc.overdue),
            "penalty": fixed2(calc.penalty),
            "total": fixed2(total),
            "qr_payload": payload,
        }),
    });
}
