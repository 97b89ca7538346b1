//! Before the court: the notice, the warning (п.119 Правил № 354) and the restriction.

use super::step::{Decided, Step, court_step, day, decided, wait};
use crate::lang::Text;
use crate::law::calendar::add_days;
use crate::law::case::{Case, WarningState};
use crate::law::restriction::{Ground, earliest_restriction};
use crate::money::ru;
use crate::tr;
use rust_decimal::Decimal;

/// A restricted service whose debt is paid, or whose debtor signed an agreement since: resumed
/// within 2 calendar days (п.120 Правил № 354), whatever else the case awaits.
pub(super) fn resumption(case: &Case) -> Option<Decided> {
    let resume = crate::law::gates::resumption_due(case)?;
    let (since, by) = (day(resume.since()), day(resume.by()));
    let why = match resume {
        crate::law::gates::Resume::Paid(_) => tr!(
            "ladder.resume_paid",
            "долг по ограниченной услуге погашен {since} → возобновить предоставление услуги не позднее {by} (п.120 Правил № 354)",
            "the restricted service's debt paid {since} → resume the service by {by} (п.120 Правил № 354)"
        ),
        crate::law::gates::Resume::Agreed(_) => tr!(
            "ladder.resume_agreed",
            "соглашение о погашении задолженности подписано {since} → возобновить предоставление услуги не позднее {by} (п.120 Правил № 354)",
            "a repayment agreement signed {since} → resume the service by {by} (п.120 Правил № 354)"
        ),
    };
    decided(Step::Resumption, Some(case.as_of()), why)
}

/// A service restricted, suspended or resumed: the court is next.
pub(super) fn restricted(case: &Case) -> Option<Decided> {
    let r = case.restriction?.event;
    let (event, label, on, debt) = (r.kind.name(), r.kind.label(), day(r.date), ru(case.total()));
    court_step(
        case,
        r.date,
        tr!(
            "ladder.restricted",
            "«{label}» {on}; долг {debt}",
            "{event} {on}; debt {debt}"
        ),
    )
}

/// Co-owners are warned each (Правила № 354 п.119 «а»: delivery to one is not delivery to the
/// others): a warning delivered to some owners and not to others waits for the rest.
fn undelivered_owners(case: &Case) -> Option<Text> {
    let delivered = case.warning.delivered?;
    let owners: Vec<&crate::model::Debtor> = case
        .account
        .debtors
        .iter()
        .filter(|d| d.share.is_some() && d.status.pursued())
        .collect();
    let missing: Vec<&str> = owners
        .iter()
        .filter(|d| case.warning.delivered_to(&d.full_name).is_none())
        .map(|d| d.full_name.as_str())
        .collect();
    (!missing.is_empty()).then(|| {
        let (on, missing) = (day(delivered.date), missing.join(", "));
        tr!(
            "ladder.warning_owners",
            "предупреждение вручено {on}, но ещё не вручено: {missing}; предупреждается каждый собственник (п.119 «а» Правил № 354)",
            "warning delivered {on} but not yet to {missing}: each owner is warned (п.119 «а» Правил № 354)"
        )
    })
}

/// `service debt D > 2 × N`: the п.118 ground in words.
fn over_threshold(g: &Ground) -> Text {
    let (service, debt, norm) = (&g.service, ru(g.debt), ru(g.threshold / Decimal::TWO));
    tr!(
        "ladder.over_threshold",
        "{service}: долг {debt} > 2 × {norm}",
        "{service} debt {debt} > 2 × {norm}"
    )
}

/// `warning delivered D but …`: a warning that supports no restriction, so the court is next.
fn warned_but(case: &Case, on: &str, why: &Text) -> Option<Decided> {
    let (w_ru, w_en) = (why.ru(), why.en());
    court_step(
        case,
        case.as_of(),
        tr!(
            "ladder.warning_no_ground",
            "предупреждение вручено {on}, но {w_ru}",
            "warning delivered {on} but {w_en}"
        ),
    )
}

/// Before the court: the warning delivered, sent, or the notice.
pub(super) fn contact(case: &Case) -> Option<Decided> {
    let ground = case.restriction_ground();
    if let Some(missing) = undelivered_owners(case) {
        return wait(missing);
    }
    if let Some(decided) = warned(case, &ground) {
        return decided;
    }
    notified(case, &ground)
}

/// After a warning: wait for its delivery or its 20 days, restrict, warn again, or go to court.
/// `None`: no warning yet.
fn warned(case: &Case, ground: &Result<Ground, Text>) -> Option<Option<Decided>> {
    let as_of = case.as_of();
    Some(match case.warning_state() {
        WarningState::AwaitingDelivery(s) => {
            let sent = day(s.date);
            wait(tr!(
                "ladder.warning_sent",
                "предупреждение направлено {sent}; запишите warning_delivered, чтобы пошли 20 дней",
                "warning sent {sent}; record warning_delivered to start the 20 days"
            ))
        }
        WarningState::Running {
            delivered,
            restrict_from,
        } => {
            let on = day(delivered.date);
            let from = day(restrict_from);
            match ground {
                Ok(_) => decided(
                    Step::None,
                    Some(restrict_from),
                    tr!(
                        "ladder.warning_running",
                        "предупреждение вручено {on}; ограничение возможно с {from}",
                        "warning delivered {on}; restriction possible from {from}"
                    ),
                ),
                Err(why) => warned_but(case, &on, why),
            }
        }
        WarningState::Run(delivered) => {
            let on = day(delivered.date);
            match ground {
                Ok(g) => {
                    let g = over_threshold(g);
                    let (g_ru, g_en) = (g.ru(), g.en());
                    decided(
                        Step::Restriction,
                        Some(earliest_restriction(delivered.date)),
                        tr!(
                            "ladder.restriction",
                            "предупреждение вручено {on}; 20 дней прошли; {g_ru} → ограничение",
                            "warning delivered {on}; 20 days passed; {g_en} → restriction"
                        ),
                    )
                }
                Err(why) => warned_but(case, &on, why),
            }
        }
        WarningState::Stale(delivered) => {
            let on = day(delivered.date);
            match ground {
                Ok(g) => {
                    let days = case.terms().warning_valid_days;
                    let g = over_threshold(g);
                    let (g_ru, g_en) = (g.ru(), g.en());
                    decided(
                        Step::Warning,
                        Some(as_of),
                        tr!(
                            "ladder.warning_stale",
                            "предупреждение, врученное {on}, старше {days} дней и ограничение больше не обосновывает; {g_ru} (п.118) → новое предупреждение",
                            "warning delivered {on} is older than {days} days and no longer supports a restriction; {g_en} (п.118) → a new warning"
                        ),
                    )
                }
                Err(why) => warned_but(case, &on, why),
            }
        }
        WarningState::None => return None,
    })
}

/// After the notice: a warning where a service may be restricted, else the court once the
/// notice's grace has run.
fn notified(case: &Case, ground: &Result<Ground, Text>) -> Option<Decided> {
    let as_of = case.as_of();
    let n = case.notified?;
    let on = day(n.date);
    match ground {
        Ok(g) => {
            let g = over_threshold(g);
            let (g_ru, g_en) = (g.ru(), g.en());
            decided(
                Step::Warning,
                Some(n.date),
                tr!(
                    "ladder.warning",
                    "уведомление {on}; {g_ru} (п.118) → предупреждение",
                    "notice {on}; {g_en} (п.118) → warning"
                ),
            )
        }
        Err(why) => {
            let grace = case.terms().notice_grace_days;
            let from = add_days(n.date, grace);
            if as_of >= from {
                let (w_ru, w_en) = (why.ru(), why.en());
                court_step(
                    case,
                    from,
                    tr!(
                        "ladder.no_warning",
                        "уведомление {on}; предупреждения не будет: {w_ru}",
                        "notice {on}; no warning: {w_en}"
                    ),
                )
            } else {
                decided(
                    Step::None,
                    Some(from),
                    tr!(
                        "ladder.notice_grace",
                        "уведомление {on}; ждём {grace} дней",
                        "notice {on}; wait {grace} days"
                    ),
                )
            }
        }
    }
}
