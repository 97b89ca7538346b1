//! The creditor's claim for the register of a citizen's bankruptcy case (требование о включении в
//! реестр требований кредиторов; 127-ФЗ ст.4, 5, 71, 213.8, 213.11, 213.24, 213.27; АПК ст.125–126;
//! `legal-rules.md` §14.7): the debts that arose before the petition was accepted, with the
//! penalties to the day the procedure was introduced, to the arbitration court, with copies to the
//! financial manager and the debtor. The months from the acceptance are current payments and go
//! up the usual ladder (`law::cutoff`). No state duty is paid for it.

use super::batch::Batch;
use super::entry::Kind;
use super::kind::{Category, DocKind, Role};
use super::meta::MailTo;
use super::settings::Settings;
use super::split;
use crate::ladder::Step;
use crate::law::case::Case;
use crate::law::cutoff::{self, Why};
use crate::law::gates;
use crate::model::{EventKind, Office};
use crate::russian;
use crate::templates;
use serde_json::json;

/// The claim for the register of creditors' claims.
pub const REGISTER_CLAIM: Kind = Kind {
    name: "register-claim",
    title: "Требование о включении в реестр требований кредиторов",
    about: (
        "требование кредитора о включении в реестр (долги до принятия заявления о банкротстве; 127-ФЗ ст.71, 213.8)",
        "creditor's claim for the register of a bankruptcy case (debts before the petition; 127-ФЗ ст.71, 213.8)",
    ),
    folder: "bankruptcy",
    role: Role::Creditor,
    personal: false,
    templates: &[
        templates::REGISTER_CLAIM,
        templates::CALCULATION,
        templates::STATEMENT,
    ],
    gate: &gates::REGISTER_CLAIM,
    serves: Some(Step::RegisterClaim),
    powers: Some(&[]),
    starts: Some((
        EventKind::RegisterClaimFiled,
        Some(super::kind::Part::Whole(KIND)),
    )),
    post: Some(Category::WithNotice),
    build: Some(build),
};

const KIND: DocKind = DocKind::RegisterClaim;

fn build(settings: &Settings, case: &Case, batch: &mut Batch) {
    let Some(cut) = cutoff::of(case.account) else {
        return;
    };
    let Why::Bankruptcy(b) = cut.why else {
        return;
    };
    let before = match split::before(settings, case, &cut) {
        Ok(before) => before,
        Err(why) => return batch.refuse(&case.account.id, None, KIND, why),
    };
    let court = Office {
        id: "arbitration".into(),
        kind: None,
        name: b.court.clone(),
        address: b.court_address.clone(),
        serves: Vec::new(),
        duty: None,
    };
    let mut v = split::values(
        settings,
        case,
        &before,
        &court,
        "к требованию о включении в реестр требований кредиторов",
        ("Должник", "на день, предшествующий введению процедуры"),
    );
    let date = |d: Option<chrono::NaiveDate>| d.map(russian::date);
    v["bankruptcy"] = json!({
        "case": b.case_number,
        "court": b.court,
        "court_address": b.court_address,
        "procedure": b.procedure.genitive(),
        "accepted": russian::date(b.accepted),
        "introduced": date(b.introduced),
        "published": date(b.published),
        "closes": date(cut.register_closes()),
        "late": cut.register_closes().is_some_and(|d| d < case.as_of()),
        "introduced_or_accepted": russian::date(b.introduced.unwrap_or(b.accepted)),
        "manager": b.manager,
        "manager_address": b.manager_address,
    });
    v["sums_line"] = json!(split::sums_line(&before));
    v["current_from"] = json!(russian::month_from(cut.first_after));
    v["penalty_note"] = json!(format!(
        "Пени рассчитаны по {} — день, предшествующий введению процедуры (п. 1 ст. 4, п. 2 ст. 213.11 Закона о банкротстве); месяцы {} — текущие платежи",
        russian::date(before.calc.as_of),
        russian::month_from(cut.first_after)
    ));
    v["attachments"] = json!(split::attachments(
        settings,
        case,
        &[
            "Копия выписки из ЕГРЮЛ в отношении кредитора.".into(),
            "Документы, подтверждающие направление копии требования должнику и финансовому управляющему (п. 4 ст. 213.8 Закона о банкротстве)."
                .into(),
        ]
    ));
    let debtor = &case.account.debtors[0];
    let folder = batch.debtor_folder(KIND.folder(), case.account, debtor);
    split::push(
        batch,
        KIND,
        case,
        &before,
        &folder,
        (
            templates::REGISTER_CLAIM,
            "01 Требование о включении в реестр.pdf",
        ),
        v,
        (
            json!({ "case": b.case_number, "accepted": b.accepted.to_string() }),
            // Its copies to the financial manager and the debtor (п.2 ст.213.8); the court gets
            // the claim through its e-filing.
            [
                b.manager.clone().map(|name| MailTo {
                    name,
                    address: b.manager_address.clone(),
                }),
                Some(MailTo {
                    name: debtor.full_name.clone(),
                    address: super::parties::residence(case.account, debtor),
                }),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ),
    );
}
