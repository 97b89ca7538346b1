//! The instalment agreement (соглашение о погашении задолженности, `legal-rules.md` §9): the
//! acknowledgement of the debt (ГК ст.203), a schedule of equal monthly parts on a fixed day whose sum
//! is the debt to the kopeck (the last part takes the remainder), and what a missed part means.

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::{AgreementMeta, Instalment, Meta};
use super::parties::{letters, names, residence};
use crate::law::agreement::schedule;
use crate::law::case::Case;
use crate::law::gates;
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words};
use crate::templates;
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::json;

/// The instalment agreement offered to the debtors to sign.
pub const AGREEMENT: Kind = Kind {
    name: "agreement",
    title: "Соглашение о рассрочке",
    about: ("соглашение о рассрочке", "instalment agreement"),
    folder: "agreements",
    role: Role::Letter,
    personal: true,
    templates: &[templates::AGREEMENT],
    gate: &gates::AGREEMENT,
    serves: None,
    powers: Some(&[]),
    starts: None,
    post: Some(Category::WithNotice),
    build: Some(|s, case, batch| build(s.config, case, batch)),
};

const KIND: DocKind = DocKind::Agreement;

pub fn build(config: &Config, case: &Case, batch: &mut Batch) {
    let (account, calc) = (case.account, case.calc);
    let s = &config.agreement;
    let amount = if s.include_penalty {
        calc.overdue + calc.penalty
    } else {
        calc.overdue
    };
    if amount <= Decimal::ZERO {
        batch.refuse(
            &account.id,
            None,
            KIND,
            crate::law::case::nothing_past_due(),
        );
        return;
    }
    if s.parts == 0 || s.parts > 60 {
        batch.refuse(&account.id, None, KIND, {
            let parts = s.parts;
            crate::tr!(
                "agreement.parts",
                "[agreement] parts = {parts}: укажите число от 1 до 60",
                "[agreement] parts = {parts}: give 1 to 60"
            )
        });
        return;
    }
    // The principal and the penalty the agreement covers, split between owners where shares are
    // given: each owner signs an agreement for the own share (ГК ст.249).
    let penalty = if s.include_penalty {
        calc.penalty
    } else {
        Decimal::ZERO
    };
    for letter in letters(account, KIND, (calc.overdue, penalty), batch) {
        let amount = letter.total();
        let Some(first) = letter.debtors.first() else {
            continue;
        };
        let plan = schedule(amount, s.parts, s.day, calc.as_of);
        let number = match letter.share {
            Some(_) => format!(
                "{}-{}/{}",
                account.id,
                owner_number(account, first),
                calc.as_of.format("%Y%m%d")
            ),
            None => format!("{}/{}", account.id, calc.as_of.format("%Y%m%d")),
        };
        // The agreement's own term for a late part, the one the plan follows (`[terms]`).
        let days = case.terms().agreement_grace_days;
        let grace = format!("{days} {}", in_words::plural(days, ("день", "дня", "дней")));
        let values = Batch::values(json!({
            "account": account.id,
            "number": number,
            "date": russian::date(calc.as_of),
            "place": s.place,
            "debtors": letter.debtors.iter().map(|d| json!({
                // A parent signs for a child under 14 (ГК ст.28), acting for him.
                "full_name": match super::parties::acting_for(d, None) {
                    Some(acting) => format!("{}, {acting}", d.full_name),
                    None => d.full_name.clone(),
                },
                "birth": d.birth_date.map(russian::date),
                "residence": residence(account, d),
                "passport": d.passport,
            })).collect::<Vec<_>>(),
            "address": account.premises_address.clone().or_else(|| letter.address.clone()).unwrap_or_default(),
            "share": letter.share.map(|s| s.to_string()),
            "principal": ru(letter.principal),
            "penalty": ru(letter.penalty),
            "amount": ru(amount),
            "amount_words": in_words::rubles(amount),
            "include_penalty": s.include_penalty,
            "parts": s.parts,
            "grace": grace,
            "schedule": plan.iter().enumerate().map(|(i, (d, a))| json!({ "n": (i + 1).to_string(), "date": russian::date(*d), "sum": ru(*a) })).collect::<Vec<_>>(),
        }));
        let folder = batch.debtor_folder(KIND.folder(), account, first);
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/Соглашение о погашении задолженности.pdf"),
            template: templates::AGREEMENT,
            office: None,
            values,
            files: Vec::new(),
            meta: Meta::Agreement(AgreementMeta {
                account: account.id.clone(),
                debtors: names(&letter.debtors),
                kind: KIND,
                document: Part::Whole(KIND),
                total: fixed2(amount),
                schedule: plan
                    .iter()
                    .map(|(d, a)| Instalment {
                        date: d.to_string(),
                        sum: fixed2(*a),
                    })
                    .collect(),
            }),
        });
    }
}

/// An owner's number among the account's debtors (1, 2, …), for the agreement's number.
fn owner_number(account: &crate::model::Account, d: &crate::model::Debtor) -> usize {
    account
        .debtors
        .iter()
        .position(|x| std::ptr::eq(x, d))
        .map_or(1, |i| i + 1)
}
