//! The warning of п.119 "а" Правил № 354 (`legal-rules.md` §7): for one service whose debt exceeds
//! 2 monthly charges at the norm, with no honoured repayment agreement. It states the 20-day term
//! from delivery, restriction then suspension, the sum and period, how to pay, the right to an
//! agreement. It never names heating, nor cold water in an apartment block (`restrictable`).

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::{Meta, WarningMeta};
use super::org::contacts;
use super::parties::{letters, names, names_in};
use super::payment::payee;
use crate::ladder::Step;
use crate::law::case::Case;
use crate::law::gates;
use crate::law::restriction::{SUSPENSION_AFTER_DAYS, WARNING_TERM_DAYS};
use crate::model::EventKind;
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words, names::Case as Grammatical};
use crate::templates;
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::json;

/// The warning of restriction (п.119 Правил № 354).
pub const WARNING: Kind = Kind {
    name: "warning",
    title: "Предупреждение об ограничении",
    about: (
        "предупреждение об ограничении (п.119 Правил № 354)",
        "warning of restriction (п.119 Правил № 354)",
    ),
    folder: "warnings",
    role: Role::Letter,
    personal: false,
    templates: &[templates::WARNING],
    gate: &gates::WARNING,
    serves: Some(Step::Warning),
    powers: Some(&[]),
    starts: Some((EventKind::WarningSent, None)),
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(s.config, case, batch)),
};

const KIND: DocKind = DocKind::Warning;

pub fn build(config: &Config, case: &Case, batch: &mut Batch) {
    let (account, calc) = (case.account, case.calc);
    let ground = match case.restriction_ground() {
        Ok(g) => g,
        Err(why) => {
            batch.refuse(&account.id, None, KIND, why);
            return;
        }
    };
    let payee = match payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(&account.id, None, KIND, why);
            return;
        }
    };
    let span = debt_span(calc);
    for letter in letters(account, KIND, (ground.debt, Decimal::ZERO), batch) {
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
            "service": ground.service,
            "debt": ru(ground.debt),
            "debt_words": in_words::rubles(ground.debt),
            "share": letter.share.map(|s| s.to_string()),
            "share_debt": ru(letter.principal),
            "norm": ru(ground.threshold / Decimal::TWO),
            "threshold": ru(ground.threshold),
            "period": span,
            "term_days": WARNING_TERM_DAYS,
            "suspension_days": SUSPENSION_AFTER_DAYS,
            "payee": payee.json(),
            "purpose": format!("Оплата коммунальной услуги «{}» по л/с {}", ground.service, account.id),
            "contacts": contacts(config),
            // An agreement is offered only where the case allows one (`law::gates`).
            "agreement_offered": DocKind::Agreement.allows(case).is_ok(),
        }));
        let Some(first) = letter.debtors.first() else {
            continue;
        };
        let folder = batch.debtor_folder(KIND.folder(), account, first);
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/Предупреждение об ограничении коммунальной услуги.pdf"),
            template: templates::WARNING,
            office: None,
            values,
            files: Vec::new(),
            meta: Meta::Warning(WarningMeta {
                account: account.id.clone(),
                debtors: names(&letter.debtors),
                mail: letter.mail(),
                kind: KIND,
                document: Part::Whole(KIND),
                number,
                service: ground.service.clone(),
                service_debt: fixed2(letter.principal),
                threshold: fixed2(ground.threshold),
            }),
        });
    }
}

/// The months of the debt a warning (or the act after it) states, in words: those past due and
/// within limitation (`service_debts`); empty when there are none.
pub fn debt_span(calc: &crate::law::calculation::AccountCalc) -> String {
    let months: Vec<_> = calc.overdue_months().filter(|m| !m.time_barred).collect();
    match (months.first(), months.last()) {
        (Some(a), Some(b)) => russian::months(a.period, b.period),
        _ => String::new(),
    }
}
