//! The statement of claim (исковое заявление, ГПК ст.131–132, `legal-rules.md` §6): for a total above
//! the court-order ceiling, or after a court order was cancelled or refused (`law::eligibility`).
//! It says what became of the order, speaks of the parties as истец and ответчик, and shares the
//! court-order application's facts and calculation (`court_order.rs`).

use super::batch::Batch;
use super::court_order::values;
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::package;
use crate::ladder::Step;
use crate::law::authority::Power;
use crate::law::authority::degree_for;
use crate::law::case::{Case, CourtOrder, OrderState};
use crate::law::eligibility::claim_filings;
use crate::law::gates;
use crate::model::CourtKind;
use crate::model::EventKind;
use crate::russian;
use crate::templates;
use crate::workspace::config::Config;
use serde_json::{Value, json};

/// The statement of claim (after a cancelled order, or above the court-order ceiling), filed with the same annexes; its copies go to the debtors by valuable letter.
pub const CLAIM: Kind = Kind {
    name: "claim",
    title: "Исковое заявление",
    about: (
        "исковое заявление с расчётом",
        "statement of claim with its calculation",
    ),
    folder: "courts",
    role: Role::Filing,
    personal: false,
    templates: &[
        templates::CLAIM,
        templates::PARTIES,
        templates::CALCULATION,
        templates::STATEMENT,
        templates::DUTY_ORDER,
        templates::COVER_LETTER,
        templates::COURT_REGISTRY,
    ],
    gate: &gates::CLAIM,
    serves: Some(Step::Claim),
    powers: Some(&[Power::Sign, Power::File]),
    starts: Some((EventKind::ClaimFiled, Some(Part::Statement))),
    post: Some(Category::ValuableWithInventory),
    build: Some(|s, case, batch| build(s.config, case, batch)),
};

pub const STATEMENT: &str = "01 Исковое заявление.pdf";

/// A claim after an order claims only the order's months (ГПК ст.135 ч.1 п.1.1): those recorded,
/// else those due before its application.
fn same_months(order: &CourtOrder) -> String {
    match order.months {
        Some(span) => format!(
            "Иск заявлен о задолженности {}, которая была предметом приказного производства.",
            russian::month_span(span.from, span.to).replacen("с ", "за период с ", 1)
        ),
        None => format!(
            "Иск заявлен о задолженности за месяцы, срок оплаты которых наступил до подачи заявления о вынесении судебного приказа ({}).",
            russian::date(order.filed_on())
        ),
    }
}

/// What became of the court order, where it was cancelled or refused.
fn history(order: &CourtOrder) -> Option<String> {
    let e = order.event;
    let on = russian::date(e.date);
    let same = same_months(order);
    let number = e
        .reference
        .as_deref()
        .map(|r| format!(" № {r}"))
        .unwrap_or_default();
    match order.state {
        OrderState::Cancelled => Some(format!(
            "Ранее истец обращался к мировому судье с заявлением о вынесении судебного приказа. Судебный приказ{number} отменён определением от {on} в связи с поступлением возражений должника (ст. 129 ГПК РФ), что не препятствует предъявлению требования в порядке искового производства. {same}"
        )),
        OrderState::Refused => Some(format!(
            "Ранее истец обращался к мировому судье с заявлением о вынесении судебного приказа; в его вынесении отказано определением от {on} (ст. 125 ГПК РФ). {same}"
        )),
        _ => None,
    }
}

pub fn build(config: &Config, case: &Case, batch: &mut Batch) {
    let kind = DocKind::Claim;
    let filings = match claim_filings(&config.courts, case) {
        Ok(filings) => filings,
        Err(refusals) => {
            batch.refuse_each(&case.account.id, kind, refusals);
            return;
        }
    };
    let history = case.order.as_ref().and_then(history);
    for filing in filings {
        let mut value = values(&filing, case.calc, &config.conventions);
        value["history"] = history.clone().map_or(Value::Null, Value::from);
        // The order's duty credited (НК ст.333.20 ч.1 пп.13) is asked for, not assumed.
        value["credit"] = match (filing.duty < filing.duty_full, case.order.as_ref()) {
            (true, Some(order)) => json!({
                "amount": crate::money::ru(filing.duty_full - filing.duty),
                "order": order.event.reference,
                "filed": russian::date(order.filed_on()),
            }),
            _ => Value::Null,
        };
        // The same facts, in the words of a claim: the debtor is the defendant (ГПК ст.131 ч.2 п.3).
        for key in ["liability", "unknown"] {
            if let Some(text) = value[key].as_str() {
                value[key] = Value::from(
                    text.replace("Должники", "Ответчики")
                        .replace("Должник", "Ответчик")
                        .replace("должника", "ответчика")
                        .replace("взыскателю", "истцу")
                        .replace("ч. 2 ст. 124 ГПК РФ", "п. 3 ч. 2 ст. 131 ГПК РФ"),
                );
            }
        }
        let court_kind = if filing.court.is(CourtKind::District) {
            CourtKind::District
        } else {
            CourtKind::Magistrate
        };
        value["court_kind"] = Value::from(court_kind.name());
        if let Err(why) = degree_for(court_kind, config.signatory.diploma.as_deref()) {
            let debtors = super::parties::names(&filing.debtors).join(", ");
            batch.refuse(&case.account.id, Some(&debtors), kind, why);
            continue;
        }
        package::push(
            config,
            case,
            batch,
            &filing,
            value,
            (templates::CLAIM, STATEMENT, Part::Statement),
        );
    }
}
