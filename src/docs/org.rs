//! The organisation's side of every document, from `vzysk.toml`: the claimant, the agent acting
//! for it with its power of attorney, the signatory, the recipient office. These values go to
//! minijinja once per batch and office (`org_context`); a debtor's never do.

use crate::lang::Text;
use crate::model::Office;
use crate::russian::names::{self, Case};
use crate::russian::organisations::OrgCase;
use crate::russian::{self};
use crate::workspace::config::{Config, Organisation, PowerOfAttorney, date_of};
use serde_json::{Value, json};

/// `№ 17/2026 от 09.01.2026`: a power of attorney as documents cite it.
fn poa_text(p: &Option<PowerOfAttorney>) -> Option<String> {
    let p = p.as_ref()?;
    let number = p.number.as_deref()?;
    Some(match date_of(&p.date).map(russian::date) {
        Some(d) => format!("№\u{a0}{number} от {d}"),
        None => format!("№\u{a0}{number}"),
    })
}

/// The short name of an organisation, else its full name.
fn short(o: &Organisation) -> Option<&String> {
    o.short_name.as_ref().or(o.name.as_ref())
}

/// What every document needs from `vzysk.toml`, each in the run's language ([`missing_org`]).
pub fn missing_org_fields(config: &Config) -> Vec<String> {
    missing_org(config).iter().map(Text::to_string).collect()
}

/// What every document needs from `vzysk.toml`; each missing item is one reason to refuse the run.
pub fn missing_org(config: &Config) -> Vec<Text> {
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
            missing.push(missing_key(key));
        }
    }
    let mut organisations = vec![("claimant", c)];
    if let Some(agent) = &config.agent {
        for (value, key) in [
            (&agent.name, "[agent] name"),
            (&agent.address, "[agent] address"),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                missing.push(missing_key(key));
            }
        }
        if poa_text(&agent.power_of_attorney).is_none() {
            missing.push(crate::tr!(
                "config.agent_poa_missing",
                "vzysk.toml: не указана [agent] power_of_attorney (номер и дата)",
                "vzysk.toml: [agent] power_of_attorney (number, date) is missing"
            ));
        }
        organisations.push(("agent", agent));
    }
    // Documents name the organisations in the cases their sentences need.
    for (table, o) in organisations {
        for (case, key) in [
            (OrgCase::Genitive, "name_genitive"),
            (OrgCase::Dative, "name_dative"),
            (OrgCase::Instrumental, "name_instrumental"),
        ] {
            if o.name.is_some() && o.name_in(case).is_none() {
                let name = o.name.as_deref().unwrap_or("");
                missing.push(crate::tr!(
                    "config.name_case_missing",
                    "vzysk.toml: не указано [{table}] {key}: наименование «{name}» не начинается с организационно-правовой формы, которую программа умеет склонять (Акционерное общество, Общество с ограниченной ответственностью, …), поэтому укажите наименование в нужном падеже",
                    "vzysk.toml: [{table}] {key} is missing: the name «{name}» does not start with a legal form vzysk declines (Акционерное общество, Общество с ограниченной ответственностью, …), so give the form a sentence needs"
                ));
            }
        }
    }
    if let Err(why) = crate::workspace::config::chain(config.agent.as_ref(), &config.signatory) {
        missing.push(in_config(why));
    }
    missing
}

/// `vzysk.toml: <key> is missing`.
fn missing_key(key: &str) -> Text {
    crate::tr!(
        "config.key_missing",
        "vzysk.toml: не указано {key}",
        "vzysk.toml: {key} is missing"
    )
}

/// A reason about `vzysk.toml`, after its file's name.
fn in_config(why: impl Into<Text>) -> Text {
    why.into().map(|s| format!("vzysk.toml: {s}"))
}

/// An organisation's names and details for the templates.
fn organisation(o: &Organisation) -> Value {
    json!({
        "name": o.name, "short_name": short(o),
        "name_genitive": o.name_in(OrgCase::Genitive),
        "name_dative": o.name_in(OrgCase::Dative),
        "name_instrumental": o.name_in(OrgCase::Instrumental),
        "inn": o.inn, "ogrn": o.ogrn, "kpp": o.kpp, "address": o.address, "phone": o.phone,
        "email": o.email,
    })
}

/// The signatory: the name as signed («Е. А. Белова»), in the genitive («в лице Беловой Екатерины
/// Андреевны»), and the power of attorney with who issued it.
fn signatory(config: &Config) -> Value {
    let s = &config.signatory;
    let full = s.name.clone().unwrap_or_default();
    let initials = names::initials(&full, None);
    // «Белова Е. А.» → «Е. А. Белова», as a signature is written.
    let signed = match initials.split_once(' ') {
        Some((surname, initials)) if initials.ends_with('.') => format!("{initials} {surname}"),
        _ => full.clone(),
    };
    let substitution = s
        .power_of_attorney
        .as_ref()
        .is_some_and(|p| p.by_substitution());
    let issuer = match (&config.agent, substitution) {
        (Some(a), true) => short(a).cloned(),
        _ => short(&config.claimant).cloned(),
    };
    let poa = poa_text(&s.power_of_attorney).map(|p| match (&issuer, substitution) {
        (Some(i), true) => format!("{p}, выданной {i} в порядке передоверия (ст.\u{a0}187 ГК РФ)"),
        (Some(i), false) => format!("{p}, выданной {i}"),
        (None, _) => p,
    });
    json!({
        "name": full,
        "signed_as": signed,
        "name_genitive": names::decline(&full, Case::Genitive),
        // «в лице … Беловой Екатерины Андреевны, действующей …».
        "acting": if names::feminine(&full) == Some(true) { "действующей" } else { "действующего" },
        "position": s.position,
        "passport": s.passport,
        "address": s.address,
        "poa": poa,
    })
}

/// The copies of the powers of attorney an application attaches: the agent's and the signatory's.
pub fn poa_copies(config: &Config) -> Vec<String> {
    let claimant = short(&config.claimant).cloned().unwrap_or_default();
    let mut copies = Vec::new();
    if let Some(a) = &config.agent
        && let Some(p) = poa_text(&a.power_of_attorney)
    {
        copies.push(format!(
            "Заверенная копия доверенности {p}, выданной {claimant} {}.",
            a.name_in(OrgCase::Dative).unwrap_or_default()
        ));
    }
    let s = &config.signatory;
    if let Some(p) = poa_text(&s.power_of_attorney) {
        let to = names::decline(s.name.as_deref().unwrap_or(""), Case::Dative);
        let by_agent = s
            .power_of_attorney
            .as_ref()
            .is_some_and(|p| p.by_substitution());
        copies.push(match (&config.agent, by_agent) {
            (Some(a), true) => format!(
                "Заверенная копия доверенности {p}, выданной {} {to} в порядке передоверия.",
                short(a).cloned().unwrap_or_default()
            ),
            _ => format!("Заверенная копия доверенности {p}, выданной {claimant} {to}."),
        });
    }
    copies
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
    let mut claimant = organisation(c);
    claimant["contract"] = Value::from(
        c.contract
            .clone()
            .unwrap_or_else(|| "публичный договор (ст. 426, 540 ГК РФ)".into()),
    );
    claimant["bank_line"] = json!(bank_line);
    let agent = config.agent.as_ref().map(|a| {
        let mut v = organisation(a);
        v["poa"] = json!(poa_text(&a.power_of_attorney));
        v
    });
    let mut context = json!({
        "claimant": claimant,
        "agent": agent,
        "signatory": signatory(config),
        "poa_copies": poa_copies(config),
        "court": office.map(|o| json!({ "id": o.id, "name": o.name, "address": o.address })),
        "office": office.map(|o| json!({ "id": o.id, "name": o.name, "address": o.address })),
    });
    // «д. 10», «БИК 044525225» never split, as in the per-debtor values.
    crate::russian::typography::typeset(&mut context);
    context
}

/// Whether the signatory may sign a document of `kind` on `date`: the chain of powers of attorney
/// from the claimant (`law::authority`).
pub fn authority(
    config: &Config,
    needs: Option<&[crate::law::authority::Power]>,
    date: chrono::NaiveDate,
) -> Result<(), Text> {
    let Some(needs) = needs else {
        return Ok(());
    };
    let chain = crate::workspace::config::chain(config.agent.as_ref(), &config.signatory)
        .map_err(in_config)?;
    crate::law::authority::may_act(&chain, needs, date)
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
            json!({ "name": short(a), "address": a.address, "phone": a.phone, "email": a.email })
        }
        None => {
            let c = &config.claimant;
            json!({ "name": short(c), "address": c.address, "phone": c.phone, "email": c.email })
        }
    }
}

/// `template` composed with the organisation's values and those of `office` (a court, a bailiff
/// department), with the workspace's own templates in `dir`; an error names the template's file.
pub fn compose(
    config: &Config,
    composer: &crate::render::compose::Composer,
    dir: Option<&std::path::Path>,
    template: &'static str,
    office: Option<&str>,
) -> Result<String, String> {
    let office = office.and_then(|id| self::office(config, id));
    composer
        .compose(template, &org_context(config, office))
        .map_err(|e| {
            let origin = crate::render::compose::Composer::origin(dir, template);
            crate::tr!(
                "template.error",
                "шаблон {origin}: {e}",
                "template {origin}: {e}"
            )
            .to_string()
        })
}
