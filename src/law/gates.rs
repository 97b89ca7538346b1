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
//! - The claims for the months before a bankruptcy or a death (`cutoff`): only for an account
//!   whose one debtor the registers name, with a debt before the day, once; the register's claim
//!   not out of court nor after the procedure is completed (127-ФЗ ст.223.4, 213.28), the
//!   notary's with the notary known, the heirs' with the heirs and their address known.

use super::case::{Case, Route, WarningState};
use super::cutoff::{self, Cutoff, Why};
use crate::lang::Text;
use crate::model::EventKind;
use crate::model::Procedure;
use crate::russian;
use crate::tr;

/// A document as a refusal names it: its name on the command line and its title.
#[derive(Clone, Copy, Debug)]
pub struct Asked<'a> {
    pub name: &'a str,
    pub title: &'a str,
}

/// What the case's history must allow before a document is made: the events that show the step
/// taken already (dated after the as-of date), and the rule that says whether it may be taken now.
/// Each document kind names its gate (`docs::kinds`), and the ladder asks the same gate of the step
/// it proposes (`ladder::Step::gate`): each rule once.
pub struct Gate {
    /// The events that take the step: one recorded after the as-of date means it is taken.
    pub taken_by: &'static [EventKind],
    rule: fn(&Case, Asked) -> Result<(), Text>,
}

impl Gate {
    /// Whether the journal shows the step taken after the as-of date, in a refusal's words.
    pub fn taken(&self, case: &Case) -> Option<Text> {
        case.already_taken(self.taken_by)
    }

    /// Whether the case allows the document `asked`; else why not, with the rule.
    pub fn allows(&self, case: &Case, asked: Asked) -> Result<(), Text> {
        if let Some(taken) = self.taken(case) {
            return Err(taken);
        }
        (self.rule)(case, asked)
    }
}

use EventKind as E;

/// A debt notice, an SMS or a call: no letter while an agreement is honoured or the debt is in court.
pub static LETTERS: Gate = Gate {
    taken_by: &[E::NoticeSent, E::SmsSent],
    rule: letters,
};
/// A new instalment agreement: as a letter, taken by a signed one.
pub static AGREEMENT: Gate = Gate {
    taken_by: &[E::AgreementSigned],
    rule: letters,
};
/// The warning of п.119 Правил № 354: one per cycle.
pub static WARNING: Gate = Gate {
    taken_by: &[E::WarningSent, E::WarningDelivered],
    rule: warning,
};
pub static COURT_ORDER: Gate = Gate {
    taken_by: &[E::OrderFiled],
    rule: court,
};
pub static CLAIM: Gate = Gate {
    taken_by: &[E::ClaimFiled],
    rule: court,
};
/// One original writ: sent anywhere since, it is not at the claimant's to send.
const WRIT_SENT: &[EventKind] = &[E::WritSentBank, E::WritSentFssp];
pub static BANK: Gate = Gate {
    taken_by: WRIT_SENT,
    rule: to_bank,
};
pub static BAILIFFS: Gate = Gate {
    taken_by: WRIT_SENT,
    rule: to_bailiffs,
};
/// The act of restriction (п.119 «б» Правил № 354): once the warning's 20 days have run.
pub static RESTRICTION: Gate = Gate {
    taken_by: &[E::Restricted, E::Suspended],
    rule: restriction,
};
/// The creditor's claim for the register of a bankruptcy case: the debts before the petition.
pub static REGISTER_CLAIM: Gate = Gate {
    taken_by: &[E::RegisterClaimFiled],
    rule: register_claim,
};
/// The claim to the notary of a deceased debtor's inheritance case.
pub static ESTATE_CLAIM: Gate = Gate {
    taken_by: &[E::EstateClaimSent],
    rule: estate_claim,
};
/// The claim to the heirs known.
pub static HEIRS_CLAIM: Gate = Gate {
    taken_by: &[E::HeirsClaimSent],
    rule: heirs_claim,
};
/// The act of resumption (п.120 Правил № 354): a restriction in force, its debt paid or an
/// agreement signed since.
pub static RESUMPTION: Gate = Gate {
    taken_by: &[E::Resumed],
    rule: resumption,
};
/// The ledger as it is contradicts nothing: an account statement, the batch's papers.
pub static FREE: Gate = Gate {
    taken_by: &[],
    rule: |_, _| Ok(()),
};

/// An honoured agreement, in a refusal's words.
fn honoured(case: &Case) -> Option<Text> {
    let signed = case
        .agreement
        .signed
        .filter(|_| case.agreement.honoured())?;
    let number = signed
        .reference
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let date = russian::date(signed.date);
    Some(tr!(
        "agreement.honoured",
        "исполняется соглашение о рассрочке{number} от {date}",
        "an instalment agreement{number} signed {date} is being honoured"
    ))
}

fn letters(case: &Case, asked: Asked) -> Result<(), Text> {
    let Asked { name, title } = asked;
    if let Some(a) = honoured(case) {
        return Err(a.join(
            ": ",
            &tr!(
                "gate.letters.agreement",
                "пока оно исполняется, документ «{title}» не составляется (нарушение записывается событием agreement_breached)",
                "no {name} while it is kept (a breach is recorded as agreement_breached)"
            ),
        ));
    }
    if let Some(court) = case.in_court() {
        let (ru, en) = (court.ru(), court.en());
        return Err(tr!(
            "gate.letters.in_court",
            "долг передан в суд ({ru}): документ «{title}» противоречил бы этому; что причитается, говорит акт суда, а месяцы, не вошедшие ни в один приказ, пойдут в новое заявление",
            "the debt has gone to court ({en}): no {name}, which would contradict it; the court's act says what is owed, and the months in no order go to a new application"
        ));
    }
    Ok(())
}

fn warning(case: &Case, _: Asked) -> Result<(), Text> {
    let d = |e: &crate::model::Event| russian::date(e.date);
    if case.agreement.honoured() {
        return Err(tr!(
            "gate.warning.agreement",
            "исполняется соглашение о погашении долга (п.118 Правил № 354): предупреждение не направляется",
            "a repayment agreement is being honoured (п.118 Правил № 354): no warning"
        ));
    }
    if let Some(r) = case.restriction.filter(|r| r.in_force()) {
        let since = d(r.event);
        let (event, label) = (r.event.kind.name(), r.event.kind.label().to_lowercase());
        let service_ru = r.service.unwrap_or("коммунальная услуга");
        let service_en = r.service.unwrap_or("the service");
        return Err(tr!(
            "gate.warning.restricted",
            "{service_ru}: {label} с {since}; следующий шаг — приостановление (п.119 «в» Правил № 354), а не новое предупреждение",
            "{service_en} is {event} since {since}: the next step is suspension (п.119 «в» Правил № 354), not another warning"
        ));
    }
    match case.warning_state() {
        // An old warning no longer supports a restriction: a new one is sent.
        WarningState::None | WarningState::Stale(_) => Ok(()),
        WarningState::AwaitingDelivery(s) => Err(awaiting_delivery(s)),
        WarningState::Running {
            delivered,
            restrict_from,
        } => Err(running(delivered, restrict_from)),
        WarningState::Run(delivered) => {
            let delivered = d(delivered);
            Err(tr!(
                "gate.warning.run",
                "20 дней предупреждения, врученного {delivered}, истекли: следующий шаг — ограничение (п.119 «б» Правил № 354), а не новое предупреждение",
                "the warning delivered {delivered} has run its 20 days: the next step is the restriction (п.119 «б» Правил № 354), not another warning"
            ))
        }
    }
}

/// A warning sent and not yet delivered: its 20 days have not begun.
fn awaiting_delivery(sent: &crate::model::Event) -> Text {
    let sent = russian::date(sent.date);
    tr!(
        "gate.warning.awaiting_delivery",
        "предупреждение, направленное {sent}, ждёт вручения (запишите warning_delivered): 20 дней п.119 «а» Правил № 354 считаются от него",
        "the warning sent {sent} awaits delivery (record warning_delivered): the 20 days of п.119 «а» Правил № 354 run from it"
    )
}

/// A warning delivered whose 20 days are running.
fn running(delivered: &crate::model::Event, restrict_from: chrono::NaiveDate) -> Text {
    let (delivered, from) = (russian::date(delivered.date), russian::date(restrict_from));
    tr!(
        "gate.warning.running",
        "предупреждение, врученное {delivered}, отсчитывает свои 20 дней (п.119 «а» Правил № 354): ограничение возможно с {from}",
        "the warning delivered {delivered} runs its 20 days (п.119 «а» Правил № 354): restriction possible from {from}"
    )
}

/// The restriction: a warning delivered and its 20 days run (п.119 «а», «б»), no agreement
/// honoured (п.118), the service not restricted already. Which service, and whether its debt is
/// over the п.118 threshold, is `restriction::ground`'s, asked by the ladder and the act alike.
fn restriction(case: &Case, _: Asked) -> Result<(), Text> {
    if let Some(a) = honoured(case) {
        return Err(a.join(
            ": ",
            &tr!(
                "gate.restriction.agreement",
                "пока оно исполняется, предоставление услуги не ограничивается (п.118 Правил № 354)",
                "no restriction while it is kept (п.118 Правил № 354)"
            ),
        ));
    }
    if let Some(r) = case.restriction.filter(|r| r.in_force()) {
        let since = russian::date(r.event.date);
        let (event, label) = (r.event.kind.name(), r.event.kind.label().to_lowercase());
        let service_ru = r.service.unwrap_or("коммунальная услуга");
        let service_en = r.service.unwrap_or("the service");
        return Err(tr!(
            "gate.restriction.in_force",
            "{service_ru}: {label} с {since}; новое ограничение не вводится, следующий шаг — приостановление (п.119 «в» Правил № 354)",
            "{service_en} is {event} since {since}: no new restriction; the next step is suspension (п.119 «в» Правил № 354)"
        ));
    }
    match case.warning_state() {
        WarningState::Run(_) => Ok(()),
        WarningState::AwaitingDelivery(s) => Err(awaiting_delivery(s)),
        WarningState::Running {
            delivered,
            restrict_from,
        } => Err(running(delivered, restrict_from)),
        WarningState::None | WarningState::Stale(_) => Err(tr!(
            "gate.restriction.no_warning",
            "нет врученного предупреждения, 20 дней которого истекли и которое ещё обосновывает ограничение: сначала направляется предупреждение (п.119 «а» Правил № 354)",
            "no delivered warning whose 20 days have run and that still supports a restriction: a warning first (п.119 «а» Правил № 354)"
        )),
    }
}

fn court(case: &Case, _: Asked) -> Result<(), Text> {
    match honoured(case) {
        Some(a) => Err(a.join(
            ": ",
            &tr!(
                "gate.court.agreement",
                "обращение в суд сейчас было бы отклонено как спор о праве (ГПК ст.125 ч.3)",
                "a court filing now would be refused as a dispute about the right (ГПК ст.125 ч.3)"
            ),
        )),
        None => Ok(()),
    }
}

fn to_bank(case: &Case, _: Asked) -> Result<(), Text> {
    route(case, Route::Bank)
}

fn to_bailiffs(case: &Case, _: Asked) -> Result<(), Text> {
    route(case, Route::Bailiffs)
}

fn route(case: &Case, wanted: Route) -> Result<(), Text> {
    let route = case.writ_route()?;
    if route == wanted {
        return Ok(());
    }
    let returned = matches!(
        &case.writ,
        Some(w) if matches!(w.presentation, super::case::Presentation::Returned { .. })
    );
    let why = match (returned, route) {
        (true, Route::Bailiffs) => tr!(
            "writ.why.bank_returned",
            "банк его вернул",
            "the bank returned it"
        ),
        (false, Route::Bailiffs) => tr!(
            "writ.why.no_bank",
            "банк должника неизвестен",
            "the debtor's bank is not known"
        ),
        (true, Route::Bank) => tr!(
            "writ.why.bailiffs_returned",
            "приставы его вернули",
            "the bailiffs returned it"
        ),
        (false, Route::Bank) => tr!(
            "writ.why.bank_first",
            "банк должника известен, и сначала документ направляется в банк (229-ФЗ ст.8)",
            "the debtor's bank is known and is tried first (229-ФЗ ст.8)"
        ),
    };
    let (why_ru, why_en) = (why.ru(), why.en());
    Err(match route {
        Route::Bank => tr!(
            "gate.writ.one_place",
            "подлинник исполнительного документа направляется в одно место — в банк должника ({why_ru})",
            "one original writ goes to one place: it goes to the debtor's bank ({why_en})"
        ),
        Route::Bailiffs => tr!(
            "gate.writ.one_place",
            "подлинник исполнительного документа направляется в одно место — приставам ({why_ru})",
            "one original writ goes to one place: it goes to the bailiffs ({why_en})"
        ),
    })
}

/// The account's split at a bankruptcy (`law::cutoff`), with a debt before it; else why not.
fn split_with_debt<'a>(
    case: &Case<'a>,
    asked: Asked,
    death: bool,
    made: EventKind,
) -> Result<Cutoff<'a>, Text> {
    let Asked { name, title } = asked;
    // Sent once: the journal shows it (on or before the as-of date; a later one is `taken_by`).
    if let Some(e) = case.account.events.iter().find(|e| e.kind == made) {
        let (day, label, label_en) = (russian::date(e.date), made.label(), made.label_en());
        return Err(tr!(
            "gate.split.made",
            "{label} {day}: «{title}» повторно не составляется",
            "{label_en} on {day}: no second {name}"
        ));
    }
    let cut = cutoff::of(case.account).filter(|c| matches!(c.why, Why::Death(_)) == death);
    let Some(cut) = cut else {
        return Err(match death {
            true => tr!(
                "gate.split.no_death",
                "«{title}» составляется, когда единственный должник по лицевому счёту значится в списке умерших (deaths.csv)",
                "a {name} is made when the account's one debtor is on the deaths list (deaths.csv)"
            ),
            false => tr!(
                "gate.split.no_bankruptcy",
                "«{title}» составляется, когда единственный должник по лицевому счёту значится в списке банкротов (bankruptcies.csv)",
                "a {name} is made when the account's one debtor is on the bankruptcies list (bankruptcies.csv)"
            ),
        });
    };
    if cut.owed_before(&case.account.ledger) <= rust_decimal::Decimal::ZERO {
        let day = russian::date(cut.day);
        return Err(tr!(
            "gate.split.nothing_before",
            "за месяцы до {day} долга нет: «{title}» не составляется",
            "nothing is owed for the months before {day}: no {name}"
        ));
    }
    Ok(cut)
}

fn register_claim(case: &Case, asked: Asked) -> Result<(), Text> {
    let cut = split_with_debt(case, asked, false, E::RegisterClaimFiled)?;
    let Why::Bankruptcy(b) = cut.why else {
        return Ok(());
    };
    let day = russian::date(b.accepted);
    match b.procedure {
        Procedure::OutOfCourt => Err(tr!(
            "gate.register.out_of_court",
            "внесудебное банкротство через МФЦ (с {day}): долги, указанные в заявлении гражданина, на 6 месяцев не взыскиваются и требование в суд не подаётся (127-ФЗ ст.223.4); по окончании процедуры они списываются, если кредитор не возразил — проверьте, указан ли долг в заявлении, и при необходимости направьте возражение в МФЦ",
            "out-of-court bankruptcy through the МФЦ (since {day}): the debts listed are not collected for 6 months and no claim goes to a court (127-ФЗ ст.223.4); they are written off at the end unless the creditor objects"
        )),
        Procedure::Completed => Err(tr!(
            "gate.register.completed",
            "процедура банкротства завершена: долги, возникшие до {day}, погашены освобождением гражданина от обязательств (127-ФЗ ст.213.28), кроме текущих",
            "the bankruptcy is completed: the debts before {day} are discharged (127-ФЗ ст.213.28), the current ones aside"
        )),
        _ => Ok(()),
    }
}

fn estate_claim(case: &Case, asked: Asked) -> Result<(), Text> {
    let cut = split_with_debt(case, asked, true, E::EstateClaimSent)?;
    let Why::Death(d) = cut.why else {
        return Ok(());
    };
    if d.notary.is_none() || d.notary_address.is_none() {
        return Err(tr!(
            "gate.estate.no_notary",
            "нотариус наследственного дела или его адрес неизвестен: найдите дело в реестре наследственных дел (notariat.ru) и впишите нотариуса и адрес в deaths.csv (`notary`, `notary_address`)",
            "the notary of the inheritance case or his address is unknown: find the case in the notaries' register (notariat.ru) and give `notary` and `notary_address` in deaths.csv"
        ));
    }
    Ok(())
}

fn heirs_claim(case: &Case, asked: Asked) -> Result<(), Text> {
    let cut = split_with_debt(case, asked, true, E::HeirsClaimSent)?;
    let Why::Death(d) = cut.why else {
        return Ok(());
    };
    if d.heirs.is_empty() || d.heirs_address.is_none() {
        return Err(tr!(
            "gate.heirs.unknown",
            "наследники или их адрес неизвестны: требование к наследникам не составляется (узнайте у нотариуса, ст.63 Основ законодательства о нотариате, и впишите `heirs`, `heirs_address` в deaths.csv)",
            "the heirs or their address are unknown: no claim to them (ask the notary and give `heirs` and `heirs_address` in deaths.csv)"
        ));
    }
    Ok(())
}

/// Why a restricted service is to be resumed (п.120 Правил № 354), and the day that started the 2
/// days: the service's debt paid (by the last payment since the restriction), or an instalment
/// agreement signed since it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    Paid(chrono::NaiveDate),
    Agreed(chrono::NaiveDate),
}

impl Resume {
    pub fn since(self) -> chrono::NaiveDate {
        match self {
            Resume::Paid(d) | Resume::Agreed(d) => d,
        }
    }

    /// The last day the service may stay restricted: 2 calendar days after (п.120).
    pub fn by(self) -> chrono::NaiveDate {
        super::calendar::add_days(self.since(), super::restriction::RESUMPTION_DAYS)
    }
}

/// A restriction in force whose ground is gone: the service's debt paid, or an agreement signed.
pub fn resumption_due(case: &Case) -> Option<Resume> {
    let r = case.restriction.filter(|r| r.in_force())?;
    let since = r.event.date;
    if let Some(signed) = case
        .agreement
        .signed
        .filter(|s| s.date >= since && case.agreement.honoured())
    {
        return Some(Resume::Agreed(signed.date));
    }
    let debts = super::restriction::service_debts(&case.account.ledger, case.calc);
    let owed = match r.service {
        Some(s) => debts.get(s.trim()).copied().unwrap_or_default(),
        None => debts.values().copied().sum(),
    };
    if owed > rust_decimal::Decimal::ZERO {
        return None;
    }
    let paid = case
        .account
        .ledger
        .iter()
        .filter_map(|e| match e {
            crate::model::Entry::Payment(p) if p.date >= since => Some(p.date),
            _ => None,
        })
        .max()
        .unwrap_or(since);
    Some(Resume::Paid(paid))
}

fn resumption(case: &Case, asked: Asked) -> Result<(), Text> {
    let Asked { name, title } = asked;
    if resumption_due(case).is_some() {
        return Ok(());
    }
    Err(match case.restriction.filter(|r| r.in_force()) {
        None => tr!(
            "gate.resumption.none",
            "услуга не ограничена и не приостановлена: «{title}» не составляется",
            "no service is restricted or suspended: no {name}"
        ),
        Some(_) => tr!(
            "gate.resumption.owed",
            "долг по ограниченной услуге не погашен и соглашение о погашении не заключено: возобновлять рано (п.120 Правил № 354)",
            "the restricted service's debt is not paid and no agreement is signed: too early to resume (п.120 Правил № 354)"
        ),
    })
}
