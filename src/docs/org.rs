//! The organisation's side of every document, from `vzysk.toml`: the claimant, the agent acting
//! for it with its power of attorney, the signatory, the recipient office. These values go to
//! minijinja once per batch and office (`org_context`); a debtor's never do.

use crate::model::Office;
use crate::russian;
use crate::workspace::config::{Config, PowerOfAttorney, datetime_to_date};
use serde_json::{Value, json};

/// `№ 17/2026 от 09.01.2026`: a power of attorney as documents cite it.
fn poa_text(p: &Option<PowerOfAttorney>) -> Option<String> {
    let p = p.as_ref()?;
    let number = p.number.as_deref()?;
    let date = p
        .date
        .as_ref()
        .and_then(datetime_to_date)
        .map(russian::date);
    Some(match date {
        Some(d) => format!("№\u{a0}{number} от {d}"),
        None => format!("№\u{a0}{number}"),
    })
}

/// What every document needs from `vzysk.toml`; each missing item is one reason to refuse the run.
pub fn missing_org_fields(config: &Config) -> Vec<String> {
    let c = &config.claimant;
    let mut missing = Vec::new();
    for (value, key) in [
        (&c.name, "[claimant] name"),
        (&c.inn, "[claimant] inn"),
        (&c.ogrn, "[claimant] ogrn"),
        (&c.address, "[claimant] address"),
        (&config.signatory.name, "[signatory] name"),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            missing.push(format!("vzysk.toml: {key} is missing"));
        }
    }
    if let Some(agent) = &config.agent {
        for (value, key) in [
            (&agent.name, "[agent] name"),
            (&agent.address, "[agent] address"),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                missing.push(format!("vzysk.toml: {key} is missing"));
            }
        }
        if poa_text(&agent.power_of_attorney).is_none() {
            missing.push("vzysk.toml: [agent] power_of_attorney (number, date) is missing".into());
        }
    }
    missing
}

/// The values minijinja splices (escaped) into a template: the same for every debtor of a court
/// (or of a bailiff department: `office`; both names refer to the recipient office, if any).
pub fn org_context(config: &Config, office: Option<&Office>) -> Value {
    let c = &config.claimant;
    let bank_line = c.bank.as_ref().and_then(|b| {
        Some(format!(
            "р/с {} в {}, БИК {}, к/с {}",
            b.account.as_deref()?,
            b.name.as_deref()?,
            b.bic.as_deref()?,
            b.corr_account.as_deref()?
        ))
    });
    let agent = config.agent.as_ref().map(|a| {
        json!({
            "name": a.name, "short_name": a.short_name.as_ref().or(a.name.as_ref()),
            "inn": a.inn, "ogrn": a.ogrn, "address": a.address, "phone": a.phone,
            "poa": poa_text(&a.power_of_attorney),
        })
    });
    json!({
        "claimant": {
            "name": c.name, "short_name": c.short_name.as_ref().or(c.name.as_ref()),
            "inn": c.inn, "ogrn": c.ogrn, "kpp": c.kpp, "address": c.address,
            "contract": c.contract.clone().unwrap_or_else(|| "публичного договора (ст. 426, 540 ГК РФ)".into()),
            "bank_line": bank_line,
        },
        "agent": agent,
        "signatory": {
            "name": config.signatory.name,
            "position": config.signatory.position.clone().unwrap_or_else(|| "Представитель взыскателя".into()),
            "poa": poa_text(&config.signatory.power_of_attorney),
        },
        "court": office.map(|o| json!({ "id": o.id, "name": o.name, "address": o.address })),
        "office": office.map(|o| json!({ "id": o.id, "name": o.name, "address": o.address })),
    })
}

/// The office (court or bailiff department) with this id.
pub fn office<'c>(config: &'c Config, id: &str) -> Option<&'c Office> {
    config
        .courts
        .iter()
        .chain(&config.bailiffs)
        .find(|o| o.id == id)
}

/// The client office a debtor is sent to: the agent's, else the claimant's.
pub fn contacts(config: &Config) -> Value {
    match &config.agent {
        Some(a) => {
            json!({ "name": a.short_name.as_ref().or(a.name.as_ref()), "address": a.address, "phone": a.phone, "email": a.email })
        }
        None => {
            let c = &config.claimant;
            json!({ "name": c.short_name.as_ref().or(c.name.as_ref()), "address": c.address, "phone": c.phone, "email": c.email })
        }
    }
}
