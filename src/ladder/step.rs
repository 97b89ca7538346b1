//! A step of the ladder and a stage's decision: the step, from when, and why; the court step
//! that several stages end in (a court order within the ceiling, a claim above it).

use crate::lang::Text;
use crate::law::case::Case;
use crate::law::gates::{self, Gate};
use crate::law::thresholds::{COURT_ORDER_CEILING, court_order_allowed};
use crate::money::ru;
use crate::tr;
use chrono::NaiveDate;

/// The documents that serve a step, and its name and title, are the registry's (`docs::kinds`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Nothing to do (no debt, or waiting for someone else).
    None,
    Notice,
    Warning,
    /// Restrict the service: the act the technician signs on the spot.
    Restriction,
    /// Resume it within 2 days of the debt paid or an agreement signed (п.120 Правил № 354).
    Resumption,
    CourtOrder,
    Claim,
    Bank,
    Fssp,
    /// The debts before a bankruptcy: a claim for the register of creditors (127-ФЗ ст.71, 213.8).
    RegisterClaim,
    /// The debts of a deceased: a claim to the notary of the inheritance case (ГК ст.1175 ч.3).
    EstateClaim,
    /// …and to the heirs known, within the value of the inheritance (ГК ст.1175 ч.1).
    HeirsClaim,
}

impl Step {
    /// The gate the case must pass for the step (`law::gates`): the same rule the documents that
    /// serve it are made under. `None` for the step that is no step.
    pub fn gate(self) -> Option<&'static Gate> {
        Some(match self {
            Step::None => return None,
            Step::Restriction => &gates::RESTRICTION,
            Step::Resumption => &gates::RESUMPTION,
            Step::Notice => &gates::LETTERS,
            Step::Warning => &gates::WARNING,
            Step::CourtOrder => &gates::COURT_ORDER,
            Step::Claim => &gates::CLAIM,
            Step::Bank => &gates::BANK,
            Step::Fssp => &gates::BAILIFFS,
            Step::RegisterClaim => &gates::REGISTER_CLAIM,
            Step::EstateClaim => &gates::ESTATE_CLAIM,
            Step::HeirsClaim => &gates::HEIRS_CLAIM,
        })
    }
}

/// A stage's decision: the step, from when, and why.
pub(super) struct Decided {
    pub step: Step,
    pub from: Option<NaiveDate>,
    pub why: Text,
}

pub(super) fn decided(
    step: Step,
    from: Option<NaiveDate>,
    why: impl Into<Text>,
) -> Option<Decided> {
    Some(Decided {
        step,
        from,
        why: why.into(),
    })
}

pub(super) fn wait(why: impl Into<Text>) -> Option<Decided> {
    decided(Step::None, None, why)
}

/// A date as the documents write it.
pub(super) fn day(date: NaiveDate) -> String {
    crate::russian::date(date)
}

/// The court step for the account's total: a court order within the ceiling, a claim above it.
pub(super) fn court_step(case: &Case, from: NaiveDate, why: Text) -> Option<Decided> {
    let total = case.total();
    let ceiling = COURT_ORDER_CEILING.text_on(case.as_of());
    let min = case.claiming.min_order_claim;
    let (w_ru, w_en) = (why.ru(), why.en());
    let (debt, least) = (ru(total), ru(min));
    if total < min {
        return wait(tr!(
            "ladder.below_min",
            "{w_ru}; долг {debt} меньше наименьшей суммы, за которой обращаются за судебным приказом ({least}, [court] min_order_claim)",
            "{w_en}; debt {debt} is below the least a court order is sought for ({least}, [court] min_order_claim)"
        ));
    }
    if court_order_allowed(total, case.as_of()) {
        decided(
            Step::CourtOrder,
            Some(from),
            tr!(
                "ladder.court_order",
                "{w_ru} → судебный приказ ({debt} ≤ {ceiling})",
                "{w_en} → court order ({debt} ≤ {ceiling})"
            ),
        )
    } else {
        decided(
            Step::Claim,
            Some(from),
            tr!(
                "ladder.claim_above_ceiling",
                "{w_ru} → исковое заявление ({debt} > {ceiling}, предела для судебного приказа)",
                "{w_en} → claim ({debt} > {ceiling}, the court-order ceiling)"
            ),
        )
    }
}
