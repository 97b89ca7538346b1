//! A deceased debtor's debts (ГК ст.1110, 1112, 1152, 1175; Основы законодательства о нотариате
//! ст.63; `legal-rules.md` §14.8): the creditor's claim to the notary of the inheritance case
//! (ст.1175 ч.3: claims are presented before the heirs accept, and the notary tells the heirs),
//! and, where the heirs are known, the claim to them to pay within the value of the inheritance
//! (ст.1175 ч.1), before a court. Both cover the months before the death, with the penalties to
//! the day of death (`law::cutoff`); the months after are the heirs' own debt as owners, to be
//! put into `accounts.csv`.

use super::batch::Batch;
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::MailTo;
use super::settings::Settings;
use super::split;
use crate::ladder::Step;
use crate::law::case::Case;
use crate::law::cutoff::{self, Why};
use crate::law::gates;
use crate::model::{Death, EventKind, Office};
use crate::money::ru;
use crate::russian;
use crate::templates;
use serde_json::{Value, json};

/// The claim to the notary of the inheritance case.
pub const ESTATE_CLAIM: Kind = Kind {
    name: "estate-claim",
    title: "Претензия кредитора наследодателя нотариусу",
    about: (
        "претензия кредитора к наследственному имуществу — нотариусу наследственного дела (ГК ст.1175 ч.3)",
        "creditor's claim against the estate, to the notary of the inheritance case (ГК ст.1175 ч.3)",
    ),
    folder: "estate",
    role: Role::Creditor,
    personal: false,
    templates: &[
        templates::ESTATE_CLAIM,
        templates::CALCULATION,
        templates::STATEMENT,
    ],
    gate: &gates::ESTATE_CLAIM,
    serves: Some(Step::EstateClaim),
    powers: Some(&[]),
    starts: Some((
        EventKind::EstateClaimSent,
        Some(Part::Whole(DocKind::EstateClaim)),
    )),
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(s, case, batch, DocKind::EstateClaim)),
};

/// The claim to the heirs, within the value of the inheritance.
pub const HEIRS_CLAIM: Kind = Kind {
    name: "heirs-claim",
    title: "Требование к наследникам должника",
    about: (
        "требование к наследникам погасить долг наследодателя в пределах стоимости наследства (ГК ст.1175 ч.1)",
        "claim to the heirs to pay the deceased's debt within the value of the inheritance (ГК ст.1175 ч.1)",
    ),
    folder: "estate",
    role: Role::Creditor,
    personal: false,
    templates: &[
        templates::HEIRS_CLAIM,
        templates::CALCULATION,
        templates::STATEMENT,
    ],
    gate: &gates::HEIRS_CLAIM,
    serves: Some(Step::HeirsClaim),
    powers: Some(&[]),
    starts: Some((
        EventKind::HeirsClaimSent,
        Some(Part::Whole(DocKind::HeirsClaim)),
    )),
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(s, case, batch, DocKind::HeirsClaim)),
};

/// The days the heirs are given to pay before the creditor goes to court (a claim's usual term;
/// no law fixes it for this claim).
pub const HEIRS_PAY_DAYS: u32 = 30;

fn death_values(d: &Death) -> Value {
    let dative = |n: &str| russian::names::decline(n, russian::names::Case::Dative);
    json!({
        "date": russian::date(d.date),
        "notary": d.notary,
        "notary_dative": d.notary.as_deref().map(dative),
        "heirs_dative": d.heirs.iter().map(|h| dative(h)).collect::<Vec<_>>(),
        "notary_address": d.notary_address,
        "case": d.inheritance_case,
        "heirs": d.heirs,
        "heirs_address": d.heirs_address,
        "estate_value": d.estate_value.map(ru),
        "pay_days": HEIRS_PAY_DAYS,
    })
}

/// «Должник является собственником … и обязан вносить …» of the deceased, in the past tense.
fn past_tense(text: &str) -> String {
    text.replacen("Должник является", "Наследодатель являлся", 1)
        .replacen(
            "Должник зарегистрирован",
            "Наследодатель был зарегистрирован",
            1,
        )
        .replacen(" и обязан вносить", " и был обязан вносить", 1)
        .replacen(" и несёт обязанность", " и нёс обязанность", 1)
        .replacen(" и потребляет ", " и потреблял ", 1)
        .replacen("Должник потребляет", "Наследодатель потреблял", 1)
}

fn build(settings: &Settings, case: &Case, batch: &mut Batch, kind: DocKind) {
    let Some(cut) = cutoff::of(case.account) else {
        return;
    };
    let Why::Death(death) = cut.why else {
        return;
    };
    let before = match split::before(settings, case, &cut) {
        Ok(before) => before,
        Err(why) => return batch.refuse(&case.account.id, None, kind, why),
    };
    let heirs = kind == DocKind::HeirsClaim;
    let to = Office {
        id: "estate".into(),
        kind: None,
        name: if heirs {
            Some(death.heirs.join(", "))
        } else {
            death.notary.clone()
        },
        address: if heirs {
            death.heirs_address.clone()
        } else {
            death.notary_address.clone()
        },
        serves: Vec::new(),
        duty: None,
    };
    let annex_to = match heirs {
        true => "к требованию к наследникам",
        false => "к претензии кредитора наследодателя",
    };
    let mut v = split::values(
        settings,
        case,
        &before,
        &to,
        annex_to,
        ("Наследодатель", "на день смерти наследодателя"),
    );
    v["heirs_from"] = json!(russian::month_from(cut.first_after));
    v["death"] = death_values(death);
    // The six months to accept the inheritance (ГК ст.1154): until then no heir is known to have
    // accepted it.
    let until = death.date.checked_add_months(chrono::Months::new(6));
    v["death"]["accepting"] = json!(until.is_some_and(|u| case.as_of() <= u));
    v["death"]["accept_until"] = json!(until.map(russian::date));
    // The deceased owed: the liability sentence in the past tense.
    if let Some(text) = v["liability"].as_str() {
        v["liability"] = json!(past_tense(text));
    }
    v["sums_line"] = json!(split::sums_line(&before));
    v["penalty_note"] = json!(format!(
        "Пени рассчитаны по {} — день смерти наследодателя (п. 61 постановления Пленума ВС РФ от 29.05.2012 № 9)",
        russian::date(before.calc.as_of)
    ));
    // Within the value of the inheritance: where it is known and less, the heirs owe no more.
    let total = before.scope.total();
    v["capped"] = match death.estate_value {
        Some(value) if heirs && value < total => json!(ru(value)),
        _ => Value::Null,
    };
    let extra: Vec<String> = match heirs {
        true => Vec::new(),
        false => vec!["Копия выписки из ЕГРЮЛ в отношении кредитора.".into()],
    };
    v["attachments"] = json!(split::attachments(settings, case, &extra));
    let file = match heirs {
        true => "01 Требование к наследникам.pdf",
        false => "01 Претензия нотариусу.pdf",
    };
    let template = match heirs {
        true => templates::HEIRS_CLAIM,
        false => templates::ESTATE_CLAIM,
    };
    let debtor = &case.account.debtors[0];
    let to_whom = if heirs {
        "наследникам"
    } else {
        "нотариусу"
    };
    let folder = batch.debtor_folder(
        &format!("{}/{to_whom}", kind.folder()),
        case.account,
        debtor,
    );
    split::push(
        batch,
        kind,
        case,
        &before,
        &folder,
        (template, file),
        v,
        (
            json!({ "died": death.date.to_string(), "inheritance_case": death.inheritance_case }),
            // By registered letter with acknowledgement: to the notary, or to each heir.
            match heirs {
                true => death
                    .heirs
                    .iter()
                    .map(|h| MailTo {
                        name: h.clone(),
                        address: death.heirs_address.clone(),
                    })
                    .collect(),
                false => vec![MailTo {
                    name: death.notary.clone().unwrap_or_default(),
                    address: death.notary_address.clone(),
                }],
            },
        ),
    );
}
