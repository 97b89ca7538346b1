//! The warning of п.119 "а" Правил № 354 (`legal-rules.md` §7): for one service whose debt exceeds
//! 2 monthly charges at the norm, with no honoured repayment agreement. It states the 20-day term
//! from delivery, restriction then suspension, the sum and period, how to pay, the right to an
//! agreement. It never names heating, nor cold water in an apartment block (`restrictable`).

use super::{Batch, PdfDoc, active_debtors, month_span, notice, ru_date};
use crate::law::account::AccountCalc;
use crate::law::restriction::{self, SUSPENSION_AFTER_DAYS, WARNING_TERM_DAYS};
use crate::model::{Account, EventKind};
use crate::money::{fixed2, ru};
use crate::words;
use crate::workspace::config::Config;
use rust_decimal::Decimal;
use serde_json::json;

pub const KIND: &str = "warning";

/// Whether an instalment agreement is running (signed, not breached since).
pub fn agreement_running(account: &Account) -> bool {
    let last = |k: EventKind| {
        account
            .events
            .iter()
            .filter(|e| e.kind == k)
            .map(|e| (e.date, e.line))
            .max()
    };
    match (
        last(EventKind::AgreementSigned),
        last(EventKind::AgreementBreached),
    ) {
        (Some(s), Some(b)) => s > b,
        (Some(_), None) => true,
        _ => false,
    }
}

pub fn build(config: &Config, account: &Account, calc: &AccountCalc, batch: &mut Batch) {
    if agreement_running(account) {
        batch.refuse(
            &account.id,
            "",
            KIND,
            "a repayment agreement is being honoured (п.118 Правил № 354): no warning",
        );
        return;
    }
    let ground = match restriction::ground(
        &account.ledger,
        calc,
        account.norm_monthly_charge,
        account.building,
    ) {
        Ok(g) => g,
        Err(why) => {
            batch.refuse(&account.id, "", KIND, why);
            return;
        }
    };
    let debtors = active_debtors(account, KIND, batch);
    let Some(first) = debtors.first() else { return };
    let payee = match notice::payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(&account.id, "", KIND, why);
            return;
        }
    };
    let months: Vec<_> = calc.overdue_months().collect();
    let span = match (months.first(), months.last()) {
        (Some(a), Some(b)) => month_span(a.period, b.period),
        _ => String::new(),
    };
    let value = json!({
        "account": account.id,
        "date": ru_date(calc.as_of),
        "debtors": super::names(&debtors).join(", "),
        // The addressee, in the dative: «Иванову Петру Сергеевичу».
        "to": super::names_in(&debtors, crate::names::Case::Dative),
        "address": super::letter_address(account, first).unwrap_or_default(),
        "service": ground.service,
        "debt": ru(ground.debt),
        "debt_words": words::rubles(ground.debt),
        "norm": ru(ground.threshold / Decimal::TWO),
        "threshold": ru(ground.threshold),
        "period": span,
        "term_days": WARNING_TERM_DAYS,
        "suspension_days": SUSPENSION_AFTER_DAYS,
        "payee": payee.json(),
        "purpose": format!("Оплата коммунальной услуги «{}» по л/с {}", ground.service, account.id),
        "contacts": super::contacts(config),
    });
    let data = batch.data(value);
    let folder = batch.debtor_folder("warnings", account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/Предупреждение об ограничении коммунальной услуги.pdf"),
        template: "warning.typ.j2",
        office: None,
        data,
        files: Vec::new(),
        meta: json!({
            "account": account.id,
            "debtors": super::names(&debtors),
            "mail": super::mail_to(account, &debtors),
            "kind": KIND,
            "document": "warning",
            "service": ground.service,
            "service_debt": fixed2(ground.debt),
            "threshold": fixed2(ground.threshold),
        }),
    });
}
