//! The statement of claim (исковое заявление, ГПК ст.131–132, `legal-rules.md` §6): for a total above
//! the court-order ceiling, or after a court order was cancelled or refused. The court follows the
//! price (≤ 50 000 the magistrate, above it the district court); the duty of the cancelled order is
//! credited (§4.4); the attachments include the proof of sending the copies to the defendant.

use super::court_order::{self, Filing};
use super::{Batch, ru_date};
use crate::law::account::AccountCalc;
use crate::law::limits::court_order_allowed;
use crate::model::{Account, EventKind};
use crate::plan::order_duty_credit;
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::Value;

pub const KIND: &str = "claim";
pub const STATEMENT: &str = "01 Исковое заявление.pdf";

pub fn build(config: &Config, account: &Account, calc: &AccountCalc, batch: &mut Batch) {
    let total = calc.overdue + calc.penalty;
    let order = court_order::latest_order_event(account);
    let failed_order =
        order.filter(|e| matches!(e.kind, EventKind::OrderCancelled | EventKind::OrderRefused));
    if failed_order.is_none() && court_order_allowed(total, calc.as_of) {
        batch.refuse(&account.id, "", KIND, "the total is within the court-order ceiling and no order was cancelled or refused: file for a court order (ГПК ст.121–122)");
        return;
    }
    let credit = failed_order
        .and_then(|_| order_duty_credit(&account.events))
        .unwrap_or(Decimal::ZERO);
    let apps = match court_order::plan_filing(config, account, calc, Filing::Claim { credit }) {
        Ok(apps) => apps,
        Err(refusals) => {
            batch.refuse_each(&account.id, KIND, refusals);
            return;
        }
    };
    let history = failed_order.map(|e| {
        let number = e.reference.as_deref().map(|r| format!(" № {r}")).unwrap_or_default();
        match e.kind {
            EventKind::OrderCancelled => format!(
                "Ранее истец обращался к мировому судье с заявлением о вынесении судебного приказа. Судебный приказ{number} отменён определением от {} в связи с поступлением возражений должника (ст. 129 ГПК РФ), что не препятствует предъявлению требования в порядке искового производства.",
                ru_date(e.date)
            ),
            _ => format!(
                "Ранее истец обращался к мировому судье с заявлением о вынесении судебного приказа; в его вынесении отказано определением от {} (ст. 125 ГПК РФ).",
                ru_date(e.date)
            ),
        }
    });
    for app in apps {
        let mut value = court_order::data(&app, calc, &config.conventions);
        value["history"] = history.clone().map_or(Value::Null, Value::from);
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
        value["court_kind"] = Value::from(if app.court.kind.as_deref() == Some("district") {
            "district"
        } else {
            "magistrate"
        });
        let period = value["claim_period"].clone();
        let data = batch.data(value);
        court_order::push_package(
            batch,
            &app,
            KIND,
            data,
            period,
            ("claim.typ.j2", STATEMENT, "statement"),
        );
    }
}
