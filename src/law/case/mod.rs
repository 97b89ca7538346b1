//! The case: what an account's history (`events.csv`) and its sums say about where it stands, derived
//! once. The ladder (`ladder.rs`) and every document kind read this and nothing else of the events.
//! Pure: no I/O, no clock — the as-of date comes with the calculation.
//!
//! "The newest event" is the latest by date, then by its line in `events.csv` (two events of one day
//! keep the order they were written in).

mod contact;
mod events;
pub mod history;
mod order;
mod remainder;
mod writ;

pub use contact::{Agreement, Restriction, Warning, WarningState};
pub use order::{CourtOrder, OrderRecord, OrderState};
pub use remainder::Remainder;
pub use writ::{Form, Presentation, Route, Writ};

use super::calculation::{AccountCalc, MonthCalc};

/// Where a case stands: at its newest event, or (no event yet) in debt or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    NoDebt,
    Debt,
    At(EventKind),
}

impl Stage {
    /// Its name in `plan`'s and the report's output: the event's name, `debt` or `no-debt`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::NoDebt => "no-debt",
            Stage::Debt => "debt",
            Stage::At(kind) => kind.name(),
        }
    }
}

impl serde::Serialize for Stage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
use super::conventions::Claiming;
use crate::model::{Account, Debtor, Event, EventKind, Period};
use chrono::NaiveDate;
use events::latest;
use rust_decimal::Decimal;

/// One account's case on the calculation's as-of date.
pub struct Case<'a> {
    pub account: &'a Account,
    pub calc: &'a AccountCalc,
    /// How the claimant takes debts to court (`[court]`, `[limitation]`).
    pub claiming: &'a Claiming,
    /// The newest event of any kind: it names the stage.
    pub last: Option<&'a Event>,
    /// The newest debt notice or SMS.
    pub notified: Option<&'a Event>,
    /// The day of the newest contact with the debtor (a notice, an SMS, a warning sent or delivered).
    pub last_contact: Option<NaiveDate>,
    /// The warnings since the service was last resumed.
    pub warning: Warning<'a>,
    /// The newest restriction, suspension or resumption of a service.
    pub restriction: Option<Restriction<'a>>,
    pub agreement: Agreement<'a>,
    /// The court order, from its newest event.
    pub order: Option<CourtOrder<'a>>,
    /// Every application for a court order, oldest first.
    pub orders: Vec<OrderRecord<'a>>,
    /// The newest claim filed or judgment given.
    pub claim: Option<&'a Event>,
    /// The newest writ (or court order in force) and where it is.
    pub writ: Option<Writ<'a>>,
}

impl<'a> Case<'a> {
    /// The case of `account` with its calculation `calc`.
    pub fn of(account: &'a Account, calc: &'a AccountCalc, claiming: &'a Claiming) -> Case<'a> {
        use EventKind as K;
        let ev = &account.events[..];
        let restriction =
            latest(ev, &[K::Restricted, K::Suspended, K::Resumed]).map(|e| Restriction {
                event: e,
                service: e.detail("service"),
            });
        let resumed = latest(ev, &[K::Resumed]);
        Case {
            account,
            calc,
            claiming,
            last: ev.iter().max_by_key(|e| (e.date, e.line)),
            notified: latest(ev, &[K::NoticeSent, K::SmsSent]),
            last_contact: ev
                .iter()
                .filter(|e| {
                    matches!(
                        e.kind,
                        K::NoticeSent | K::SmsSent | K::WarningSent | K::WarningDelivered
                    )
                })
                .map(|e| e.date)
                .max(),
            warning: Warning::of(ev, resumed),
            restriction,
            agreement: Agreement {
                signed: latest(ev, &[K::AgreementSigned]),
                breached: latest(ev, &[K::AgreementBreached]),
            },
            order: order::court_order(ev),
            orders: order::orders(ev),
            claim: latest(ev, &[K::Judgment, K::ClaimFiled]),
            writ: writ::writ(ev),
        }
    }

    /// Where the warnings stand on the as-of date, under the workspace's `[terms]`.
    pub fn warning_state(&self) -> WarningState<'a> {
        self.warning
            .state(self.as_of(), self.claiming.terms.warning_valid_days)
    }

    /// The schedule of the agreement being honoured and where it stands (`law::agreement`): its
    /// parts and day from the signing's `parts=` and `day=`, or `[agreement]`.
    pub fn agreement_standing(&self) -> Option<crate::law::agreement::Standing> {
        if !self.agreement.honoured() {
            return None;
        }
        let signed = self.agreement.signed?;
        let terms = self.terms();
        // A value given and not a number of parts or a day: no schedule is made up for it.
        let number = |key: &str, default: u32, most: u32| match signed.detail(key) {
            None => Some(default),
            Some(v) => v
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=most).contains(n)),
        };
        Some(crate::law::agreement::standing(
            self.calc,
            signed.date,
            number("parts", terms.agreement_parts, 60)?,
            number("day", terms.agreement_day, 31)?,
            terms.agreement_grace_days,
        ))
    }

    /// The workspace's day terms (`[terms]`).
    pub fn terms(&self) -> crate::law::terms::Terms {
        self.claiming.terms
    }

    /// What the letters ask for (a notice, a warning, an SMS): the principal past due and the
    /// penalty of the months whose limitation runs. A month past limitation is never demanded
    /// under a threat of court or restriction (`time_barred_debt` states it apart).
    pub fn within_limitation(&self) -> (Decimal, Decimal) {
        self.split_by_limitation(false)
    }

    /// The principal past due and the penalty of the months whose limitation has (`barred`) or
    /// has not ended; a month paid late keeps its penalty.
    fn split_by_limitation(&self, barred: bool) -> (Decimal, Decimal) {
        let months = self.calc.months.iter().filter(|m| m.barred() == barred);
        months.fold((Decimal::ZERO, Decimal::ZERO), |(p, n), m| {
            let overdue = m.debt > Decimal::ZERO && m.due < self.calc.as_of;
            (
                p + if overdue { m.debt } else { Decimal::ZERO },
                n + m.penalty,
            )
        })
    }

    /// The sum the letters ask for: `within_limitation`'s principal and penalty.
    pub fn demanded(&self) -> Decimal {
        let (principal, penalty) = self.within_limitation();
        principal + penalty
    }

    /// Why a letter asks for nothing (`demanded` is zero), in a refusal's words.
    pub fn nothing_demanded(&self) -> crate::lang::Text {
        match self.time_barred_debt() {
            Some(_) => crate::tr!(
                "letter.only_time_barred",
                "остался только долг за пределами срока исковой давности: письмо его не требует",
                "only debts past limitation are owed: a letter does not demand them"
            ),
            None => nothing_past_due(),
        }
    }

    /// The debt of the months whose limitation has ended: their first and last month, principal
    /// and penalty; none when there is none.
    pub fn time_barred_debt(&self) -> Option<(Period, Period, Decimal, Decimal)> {
        let (principal, penalty) = self.split_by_limitation(true);
        if principal + penalty <= Decimal::ZERO {
            return None;
        }
        let mut barred = self
            .calc
            .months
            .iter()
            .filter(|m| m.barred() && (m.debt > Decimal::ZERO || m.penalty > Decimal::ZERO));
        let first = barred.next()?.period;
        let last = barred.next_back().map_or(first, |m| m.period);
        Some((first, last, principal, penalty))
    }

    /// What is owed and past due on the as-of date: the principal past due and the penalty.
    pub fn total(&self) -> Decimal {
        self.calc.overdue + self.calc.penalty
    }

    /// A court order issued, neither cancelled nor enforced yet (no writ or copy in force recorded
    /// on it), while a newer application waits for the court: it stays in view until it is sent
    /// for enforcement.
    pub fn unenforced_order(&self) -> Option<&'a Event> {
        use EventKind as K;
        let ev = &self.account.events;
        fn names(e: &Event) -> Vec<&str> {
            [e.reference.as_deref(), e.detail("case")]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect()
        }
        ev.iter()
            .filter(|e| e.kind == K::OrderIssued)
            .filter(|issued| {
                let own = names(issued);
                !own.is_empty()
                    && !ev.iter().any(|e| {
                        matches!(e.kind, K::OrderCancelled | K::WritIssued)
                            && names(e).iter().any(|n| own.contains(n))
                    })
            })
            .max_by_key(|e| (e.date, e.line))
    }

    /// The journal's event after the as-of date that shows a step of these kinds taken already
    /// (a server working as of an earlier day, an archive recorded as sent since): the same step is
    /// not proposed or made again.
    pub fn taken_later(&self, kinds: &[EventKind]) -> Option<&'a Event> {
        self.account
            .later
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .min_by_key(|e| (e.date, e.line))
    }

    /// The step taken already after the as-of date (an event of `kinds`, the gate's), in words: «order_filed on 30.11.2026, after the as-of date 27.11.2026».
    pub fn already_taken(&self, kinds: &[EventKind]) -> Option<crate::lang::Text> {
        let e = self.taken_later(kinds)?;
        let (event, label) = (e.kind.name(), e.kind.label());
        let (date, as_of) = (
            crate::russian::date(e.date),
            crate::russian::date(self.as_of()),
        );
        Some(crate::tr!(
            "case.taken_later",
            "«{label}» {date}, после даты расчёта {as_of}: по журналу этот шаг уже сделан",
            "{event} on {date}, after the as-of date {as_of}: the journal shows this step taken already"
        ))
    }

    pub fn as_of(&self) -> NaiveDate {
        self.calc.as_of
    }

    /// The п.118 ground of a restriction: the first restrictable service whose debt is over the
    /// threshold (`restriction::ground`), asked alike by the ladder, the warning and the act.
    pub fn restriction_ground(&self) -> Result<super::restriction::Ground, crate::lang::Text> {
        let account = self.account;
        super::restriction::ground(
            &account.ledger,
            self.calc,
            account.norm_monthly_charge,
            account.building,
        )
    }

    /// Where the case stands: at its newest event, else in debt or not.
    pub fn stage(&self) -> Stage {
        match self.last {
            Some(e) => Stage::At(e.kind),
            None if self.total() > Decimal::ZERO => Stage::Debt,
            None => Stage::NoDebt,
        }
    }

    /// A debtor who is not active, when none is: the ladder does not apply to the account.
    pub fn out_of_ladder(&self) -> Option<&'a Debtor> {
        let debtors = &self.account.debtors;
        let all_out = debtors.iter().all(|d| !d.status.pursued());
        debtors
            .iter()
            .find(|d| !d.status.pursued())
            .filter(|_| all_out)
    }

    /// Where the debt is before a court, in a line for a refusal: an order applied for or issued,
    /// cancelled or refused (a claim is next), a claim, a judgment, a writ. `None`: not in court.
    pub fn in_court(&self) -> Option<crate::lang::Text> {
        use crate::tr;
        let d = |e: &Event| crate::russian::date(e.date);
        if let Some(w) = &self.writ {
            let (number, date) = (w.issued.reference.as_deref().unwrap_or("б/н"), d(w.issued));
            return Some(tr!(
                "court.writ",
                "{date} выдан исполнительный документ № {number}",
                "a writ (№ {number}) was issued on {date}"
            ));
        }
        if let Some(c) = self.claim {
            let (event, label, date) = (c.kind.name(), c.kind.label(), d(c));
            return Some(tr!("court.claim", "«{label}» {date}", "{event} on {date}"));
        }
        let o = self.order.filter(|o| o.state != OrderState::Returned)?;
        let (ru, en, date) = (o.state.word_ru(), o.state.word(), d(o.event));
        Some(match o.state {
            OrderState::Filed | OrderState::Issued => tr!(
                "court.order",
                "судебный приказ {ru} {date}",
                "a court order was {en} on {date}"
            ),
            _ => tr!(
                "court.order_failed",
                "судебный приказ {ru} {date}; следующий шаг — исковое заявление",
                "the court order was {en} on {date}; a statement of claim is next"
            ),
        })
    }

    /// Whether month `period`, due on `due`, was claimed by an application for a court order that
    /// stands (one returned is as if never filed): it is not claimed by a new one.
    pub fn in_an_order(&self, period: crate::model::Period, due: NaiveDate) -> bool {
        self.orders
            .iter()
            .any(|o| !o.returned() && o.covers(period, due))
    }

    /// Whether documents claim month `m`: a debt or a penalty, and within limitation unless the
    /// claimant claims time-barred months too (`[limitation] claim`).
    pub fn claimable(&self, m: &MonthCalc) -> bool {
        m.claimable(self.claiming.time_barred)
    }

    /// The court order behind the writ: the order of the same number, else the newest that was not
    /// cancelled.
    pub fn writ_order(&self) -> Option<&OrderRecord<'a>> {
        let w = self.writ.as_ref()?;
        let number = w.issued.reference.as_deref();
        let same = |o: &&OrderRecord| {
            number.is_some() && o.outcome.and_then(|e| e.reference.as_deref()) == number
        };
        self.orders.iter().rev().find(same).or_else(|| {
            self.orders
                .iter()
                .rev()
                .find(|o| o.outcome.is_none_or(|e| e.kind == EventKind::OrderIssued))
        })
    }

    /// What is left of the writ's sum after the payments since (`remainder.rs`); `None` without a
    /// writ.
    pub fn writ_remainder(&self) -> Option<Remainder> {
        let w = self.writ.as_ref()?;
        Some(remainder::of(w, self.writ_order(), self.claim, self.calc))
    }

    /// The months of the court order behind the writ, where the order recorded them.
    pub fn writ_months(&self) -> Option<crate::model::MonthSpan> {
        self.writ_order()?.months
    }

    /// Whether every month of the writ's order is paid (no debt, no penalty): enforcing it would
    /// collect what is not owed.
    fn writ_satisfied(&self) -> bool {
        let Some(span) = self.writ_months() else {
            return false;
        };
        let months: Vec<&MonthCalc> = self
            .calc
            .months
            .iter()
            .filter(|m| span.contains(m.period))
            .collect();
        !months.is_empty()
            && months
                .iter()
                .all(|m| m.debt.is_zero() && m.penalty.is_zero())
    }

    /// The one place the writ may go now, or why it may go nowhere: never where it is, never
    /// back to who returned it; a writ not yet presented goes to the debtor's bank where it is
    /// known (229-ФЗ ст.8), else to the bailiffs (ст.30).
    pub fn writ_route(&self) -> Result<Route, crate::lang::Text> {
        use crate::tr;
        let d = crate::russian::date;
        let Some(w) = &self.writ else {
            return Err(tr!(
                "writ.none",
                "нет исполнительного документа (запишите событие writ_issued с его номером)",
                "no enforceable document (record a writ_issued event with its number)"
            ));
        };
        if let (true, Some(end)) = (w.expired(self.as_of()), w.term_ends) {
            let (issued, end) = (d(w.issued.date), d(end));
            return Err(tr!(
                "writ.expired",
                "исполнительный документ от {issued} больше не может быть предъявлен: трёхлетний срок истёк {end} (229-ФЗ ст.21)",
                "the writ of {issued} may no longer be presented: its 3-year term ended {end} (229-ФЗ ст.21)"
            ));
        }
        let bank = self.account.bank.is_some();
        if !matches!(w.presentation, Presentation::Out { .. }) && self.writ_satisfied() {
            let months = self
                .writ_months()
                .map(|m| m.to_string())
                .unwrap_or_default();
            return Err(tr!(
                "writ.satisfied",
                "по месяцам приказа, на котором основан исполнительный документ ({months}), в ledger нет долга: документ, по-видимому, исполнен (запишите paid_in_full или исправьте ledger)",
                "the months of the order behind the writ ({months}) show no debt in the ledger: the writ seems satisfied (record paid_in_full, or correct the ledger)"
            ));
        }
        let out = matches!(w.presentation, Presentation::Out { .. });
        if let (false, Some(why)) = (out, self.writ_remainder().and_then(|r| r.settled())) {
            return Err(why);
        }
        match w.presentation {
            Presentation::Out { to, since } => {
                let since = d(since.date);
                Err(match to {
                    Route::Bank => tr!(
                        "writ.out",
                        "исполнительный документ с {since} в банке и не возвращён (подлинник один: 229-ФЗ ст.8, 30)",
                        "the writ is with a bank since {since} and has not come back (one original: 229-ФЗ ст.8, 30)"
                    ),
                    Route::Bailiffs => tr!(
                        "writ.out",
                        "исполнительный документ с {since} у приставов и не возвращён (подлинник один: 229-ФЗ ст.8, 30)",
                        "the writ is with the bailiffs since {since} and has not come back (one original: 229-ФЗ ст.8, 30)"
                    ),
                })
            }
            Presentation::Returned {
                from: Route::Bank, ..
            } => Ok(Route::Bailiffs),
            Presentation::Returned { on, .. } if !bank => {
                let on = d(on.date);
                Err(tr!(
                    "writ.returned_no_bank",
                    "исполнительный документ возвращён приставами {on}, а банк должника неизвестен (колонка bank)",
                    "the writ was returned by the bailiffs on {on}, and no bank of the debtor is known (the bank column)"
                ))
            }
            Presentation::Returned { .. } => Ok(Route::Bank),
            Presentation::None if bank => Ok(Route::Bank),
            Presentation::None => Ok(Route::Bailiffs),
        }
    }
}

/// «nothing past due», in a refusal's words.
pub fn nothing_past_due() -> crate::lang::Text {
    crate::tr!(
        "debt.none_past_due",
        "просроченного долга нет",
        "nothing past due"
    )
}

/// Accounts built in memory for the tests of the case and of the ladder.
#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
