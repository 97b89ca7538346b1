//! Which documents an account's case allows (`legal-rules.md` §13), whatever `--docs` asks for: a
//! document that contradicts the case's history is worse than none. Each gate says why, with its
//! rule; the document's own checks (sums, addresses, identifiers) come after it.
//!
//! - No letter, SMS, call or new agreement while an agreement is honoured (it is what the debtor
//!   was asked for), nor while the debt is before a court: a letter threatening the court, or an
//!   agreement promising not to go there, would contradict the order, the claim or the writ.
//! - No warning while an agreement is honoured (Правила № 354 п.118), while a service is restricted
//!   (the next step is suspension, п.119 «в»), or while a warning awaits delivery or its 20 days,
//!   or has run them (the next step is the restriction): one warning per cycle, a new cycle after
//!   the service is resumed.
//! - No court filing while an agreement is honoured (a dispute about the right, ГПК ст.125 ч.3).
//! - One original writ: it goes to one place at a time, never back to who returned it (229-ФЗ
//!   ст.8, 30; `Case::writ_route`).

use super::case::{Case, Route, WarningState};
use crate::kinds::DocKind;
use crate::russian;

/// Whether the case allows a document of `kind`; else why not, with the rule.
pub fn allows(kind: DocKind, case: &Case) -> Result<(), String> {
    if let Some(taken) = case.already_taken(kind) {
        return Err(taken);
    }
    match kind {
        DocKind::Notice | DocKind::Sms | DocKind::Calls | DocKind::Agreement => letters(kind, case),
        DocKind::Warning => warning(case),
        DocKind::CourtOrder | DocKind::Claim => court(case),
        DocKind::Bank => route(case, Route::Bank),
        DocKind::Fssp => route(case, Route::Bailiffs),
        // The ledger as it is contradicts nothing.
        DocKind::AccountStatement | DocKind::Registry | DocKind::Mail => Ok(()),
    }
}

/// An honoured agreement, in a refusal's words.
fn honoured(case: &Case) -> Option<String> {
    let signed = case
        .agreement
        .signed
        .filter(|_| case.agreement.honoured())?;
    Some(format!(
        "an instalment agreement{} signed {} is being honoured",
        signed
            .reference
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default(),
        russian::date(signed.date)
    ))
}

fn letters(kind: DocKind, case: &Case) -> Result<(), String> {
    if let Some(a) = honoured(case) {
        return Err(format!(
            "{a}: no {} while it is kept (a breach is recorded as agreement_breached)",
            kind.name()
        ));
    }
    if let Some(court) = case.in_court() {
        return Err(format!(
            "the debt has gone to court ({court}): no {}, which would contradict it; the court's act says what is owed, and the months in no order go to a new application",
            kind.name()
        ));
    }
    Ok(())
}

fn warning(case: &Case) -> Result<(), String> {
    let d = |e: &crate::model::Event| russian::date(e.date);
    if case.agreement.honoured() {
        return Err(
            "a repayment agreement is being honoured (п.118 Правил № 354): no warning".into(),
        );
    }
    if let Some(r) = case.restriction.filter(|r| r.in_force()) {
        return Err(format!(
            "{} is {} since {}: the next step is suspension (п.119 «в» Правил № 354), not another warning",
            r.service.unwrap_or("the service"),
            r.event.kind.name(),
            d(r.event)
        ));
    }
    match case.warning_state() {
        // An old warning no longer supports a restriction: a new one is sent.
        WarningState::None | WarningState::Stale(_) => Ok(()),
        WarningState::AwaitingDelivery(s) => Err(format!(
            "the warning sent {} awaits delivery (record warning_delivered): the 20 days of п.119 «а» Правил № 354 run from it",
            d(s)
        )),
        WarningState::Running {
            delivered,
            restrict_from,
        } => Err(format!(
            "the warning delivered {} runs its 20 days (п.119 «а» Правил № 354): restriction possible from {}",
            d(delivered),
            russian::date(restrict_from)
        )),
        WarningState::Run(delivered) => Err(format!(
            "the warning delivered {} has run its 20 days: the next step is the restriction (п.119 «б» Правил № 354), not another warning",
            d(delivered)
        )),
    }
}

fn court(case: &Case) -> Result<(), String> {
    match honoured(case) {
        Some(a) => Err(format!(
            "{a}: a court filing now would be refused as a dispute about the right (ГПК ст.125 ч.3)"
        )),
        None => Ok(()),
    }
}

fn route(case: &Case, wanted: Route) -> Result<(), String> {
    let route = case.writ_route()?;
    if route == wanted {
        return Ok(());
    }
    let why = match (&case.writ, route) {
        (Some(w), Route::Bailiffs)
            if matches!(w.presentation, super::case::Presentation::Returned { .. }) =>
        {
            "the bank returned it".to_string()
        }
        (_, Route::Bailiffs) => "the debtor's bank is not known".to_string(),
        (Some(w), Route::Bank)
            if matches!(w.presentation, super::case::Presentation::Returned { .. }) =>
        {
            "the bailiffs returned it".to_string()
        }
        (_, Route::Bank) => {
            "the debtor's bank is known and is tried first (229-ФЗ ст.8)".to_string()
        }
    };
    let to = match route {
        Route::Bank => "to the debtor's bank",
        Route::Bailiffs => "to the bailiffs",
    };
    Err(format!(
        "one original writ goes to one place: it goes {to} ({why})"
    ))
}
