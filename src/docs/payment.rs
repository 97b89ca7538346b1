//! How a debtor pays: the claimant's bank details (`[claimant]`, `[claimant.bank]`) and the payment
//! QR code of ГОСТ Р 56042-2014 that a banking app reads.

use crate::lang::Text;
use crate::workspace::config::Config;
use qrcode::{EcLevel, QrCode};
use rust_decimal::Decimal;
use serde_json::json;

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
pub fn payee(config: &Config) -> Result<Payee, Text> {
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
        let keys = missing.join(", ");
        Err(crate::tr!(
            "payee.missing",
            "vzysk.toml: не указано {keys}: нет платёжных реквизитов",
            "vzysk.toml: {keys} missing: no payment details"
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
pub fn qr_svg(payload: &str) -> Result<Vec<u8>, Text> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|e| {
            crate::tr!(
                "payee.qr_too_long",
                "платёжный QR-код не вмещает эти данные: {e}",
                "the payment QR cannot hold this payload: {e}"
            )
        })?;
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
