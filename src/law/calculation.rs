//! One account's sums on an as-of date: principal per month, the allocation of payments, the penalty
//! table, the state duty and the thresholds, with every warning a lawyer must see. Pure.

use super::allocation::{self, Payment as Credit};
use super::calendar::{due_date, ymd};
use super::conventions::Conventions;
use super::duty::{Duty, state_duty};
use super::limitation::{self, Facts, Limitation, State};
use super::penalty::{MonthPenalty, Obligation, PenaltyError, Row, month_penalty};
use super::thresholds::{claim_court, court_order_allowed};
use crate::lang::Text;
use crate::model::{Account, CourtKind, Entry, Period};
use crate::money::ru;
use crate::russian;
use crate::tr;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The current ЖК ст.155 ч.14 (30 grace days, 1/300, 1/130) applies to debts due from 01.01.2016
/// (307-ФЗ). Older debts had 1/300 from day 1; that regime is not implemented (`legal-rules.md` §1.1).
pub const CURRENT_PENALTY_REGIME_FROM: NaiveDate = ymd(2016, 1, 1);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthCalc {
    pub period: Period,
    pub due: NaiveDate,
    /// Net of recalculations; negative when recalculations exceed the charges.
    pub charged: Decimal,
    /// Allocated to this month by payments dated on or before the as-of date.
    pub paid: Decimal,
    pub debt: Decimal,
    pub penalty: Decimal,
    /// A debt whose limitation has ended (the debtor may plead it).
    pub time_barred: bool,
    /// The last day of its limitation period; none while it is paused.
    pub limitation_ends: Option<NaiveDate>,
    pub limitation: Limitation,
    /// The payments that paid it: (date, amount).
    pub payments: Vec<(NaiveDate, Decimal)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountCalc {
    pub as_of: NaiveDate,
    pub months: Vec<MonthCalc>,
    pub rows: Vec<Row>,
    /// Every unpaid charge, time-barred months included.
    pub principal: Decimal,
    /// The part of the principal past due on the as-of date.
    pub overdue: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
    pub credit: Decimal,
    /// On the claim price `total`, by the scale of the as-of (filing) date.
    pub duty: Option<Duty>,
    pub court_order_allowed: bool,
    pub claim_court: CourtKind,
    /// What a lawyer must see before relying on the sums, in both languages.
    pub warnings: Vec<Text>,
    /// Where each payment went and why, in the order credited; `to[].month` indexes `months`.
    pub applied: Vec<allocation::Applied>,
}

impl MonthCalc {
    /// Whether documents claim it: a debt or a penalty, and within limitation unless the claimant
    /// claims time-barred months too (`[limitation] claim`).
    pub fn claimable(&self, time_barred: super::conventions::TimeBarred) -> bool {
        (!self.debt.is_zero() || !self.penalty.is_zero())
            && (time_barred == super::conventions::TimeBarred::All || !self.barred())
    }

    /// Its limitation has ended, whether or not it is still owed (`time_barred` says so only of a
    /// month with a debt): its penalty is past limitation too (`conventions::TimeBarred`).
    pub fn barred(&self) -> bool {
        self.limitation.state == super::limitation::State::Barred
    }
}

impl AccountCalc {
    /// The months with a debt past due on the as-of date, oldest first.
    pub fn overdue_months(&self) -> impl Iterator<Item = &MonthCalc> {
        self.months
            .iter()
            .filter(|m| m.debt > Decimal::ZERO && m.due < self.as_of)
    }
}

/// A billing month's charges: net amount, due date (an override wins; conflicting overrides: the
/// earliest), the last charge's date.
struct Charged {
    net: Decimal,
    due_override: Option<NaiveDate>,
    conflicting_due: bool,
    last_date: Option<NaiveDate>,
}

/// The ledger up to the as-of date: charges by month, and payments as credits. What lies after it
/// is left out, with a warning.
fn gather(
    ledger: &[Entry],
    as_of: NaiveDate,
    warnings: &mut Vec<Text>,
) -> (BTreeMap<Period, Charged>, Vec<Credit>) {
    let as_of_month = Period::of(as_of);
    let mut months: BTreeMap<Period, Charged> = BTreeMap::new();
    let mut credits: Vec<Credit> = Vec::new();
    let (mut future_charges, mut future_payments) = (Vec::new(), Vec::new());
    for entry in ledger {
        match entry {
            Entry::Charge(c) if c.period > as_of_month => future_charges.push(c.period),
            Entry::Charge(c) => {
                let m = months.entry(c.period).or_insert(Charged {
                    net: Decimal::ZERO,
                    due_override: None,
                    conflicting_due: false,
                    last_date: None,
                });
                m.net += c.amount;
                if let Some(d) = c.due_date {
                    m.conflicting_due |= m.due_override.is_some_and(|o| o != d);
                    m.due_override = Some(m.due_override.map_or(d, |o| o.min(d)));
                }
                m.last_date = c.date.max(m.last_date);
            }
            Entry::Payment(p) if p.date > as_of => future_payments.push(p.date),
            Entry::Payment(p) => credits.push(Credit {
                date: p.date,
                amount: p.amount,
                named: p.period,
            }),
        }
    }
    if !future_charges.is_empty() {
        future_charges.dedup();
        let (list_ru, list_en) = months_listed(&future_charges);
        let day = russian::date(as_of);
        warnings.push(tr!(
            "calc.future_charges",
            "начисления за месяцы после даты расчёта {day} не учтены: {list_ru}",
            "charges for months after the as-of date {as_of} left out: {list_en}"
        ));
    }
    if !future_payments.is_empty() {
        let n = future_payments.len();
        let first = future_payments.iter().min().copied();
        let first_en = first.map(|d| d.to_string()).unwrap_or_default();
        let first_ru = first.map(russian::date).unwrap_or_default();
        let day = russian::date(as_of);
        warnings.push(tr!(
            "calc.future_payments",
            "не учтены платежи, датированные позже даты расчёта {day}: {n} (первый — {first_ru})",
            "{n} payment(s) dated after the as-of date {as_of} left out (first {first_en})"
        ));
    }
    (months, credits)
}

/// Each month's debt and due date. A month whose recalculations exceed its charges owes nothing,
/// and the excess pays other months, from the bill after it (a credit dated so).
fn debts_and_dues(
    months: &BTreeMap<Period, Charged>,
    as_of: NaiveDate,
    conv: &Conventions,
    credits: &mut Vec<Credit>,
    warnings: &mut Vec<Text>,
) -> (Vec<(Period, Decimal)>, Vec<NaiveDate>) {
    let mut debts = Vec::with_capacity(months.len());
    let mut dues = Vec::with_capacity(months.len());
    for (period, m) in months {
        let due = m
            .due_override
            .unwrap_or_else(|| due_date(*period, conv.due_day, conv.fixed_due_from));
        if m.conflicting_due {
            let (month, due_ru) = (russian::month(*period), russian::date(due));
            warnings.push(tr!(
                "calc.due_conflict",
                "{month}: в строках разные сроки оплаты; принят самый ранний — {due_ru}",
                "{period}: rows give different due dates; the earliest, {due}, is used"
            ));
        }
        if m.net < Decimal::ZERO {
            let date = m
                .last_date
                .unwrap_or_else(|| period.next().first_day())
                .min(as_of);
            let (month, excess, excess_ru, day) = (
                russian::month(*period),
                -m.net,
                ru(-m.net),
                russian::date(date),
            );
            warnings.push(tr!(
                "calc.recalculation_excess",
                "{month}: перерасчёты превышают начисления на {excess_ru}; излишек зачтён с {day}",
                "{period}: recalculations exceed the charges by {excess}; the excess is credited from {date}"
            ));
            credits.push(Credit {
                date,
                amount: -m.net,
                named: None,
            });
        }
        debts.push((*period, m.net.max(Decimal::ZERO)));
        dues.push(due);
    }
    (debts, dues)
}

/// One month's calculation: what was paid of it, its penalty, its limitation.
fn month(
    ob: &Obligation,
    charged: Decimal,
    parts: &[allocation::Part],
    facts: &Facts,
    as_of: NaiveDate,
    conv: &Conventions,
    warnings: &mut Vec<Text>,
) -> (MonthCalc, MonthPenalty) {
    let (period, due, amount) = (ob.period, ob.due, ob.amount);
    let paid: Decimal = parts.iter().map(|p| p.amount).sum();
    let debt = amount - paid;
    let mp = if due < CURRENT_PENALTY_REGIME_FROM {
        MonthPenalty::default()
    } else {
        match month_penalty(ob, parts, as_of, conv) {
            Ok(mp) => mp,
            Err(PenaltyError::NoRate(date)) => {
                let (month, day) = (russian::month(period), russian::date(date));
                warnings.push(tr!(
                    "calc.no_rate",
                    "{month}: ключевая ставка на {day} неизвестна; пени не начислены",
                    "{period}: no key rate is known for {date}; no penalty computed"
                ));
                MonthPenalty::default()
            }
        }
    };
    let lim = limitation::of_month(period, due, facts, as_of);
    let barred = debt > Decimal::ZERO && lim.state == State::Barred;
    if barred {
        let month = russian::month(period);
        let ends_en = lim.ends.map(|d| d.to_string()).unwrap_or_default();
        let ends_ru = lim.ends.map(russian::date).unwrap_or_default();
        warnings.push(tr!(
            "calc.time_barred",
            "{month}: срок исковой давности истёк {ends_ru} (ГК ст.196, 200); должник вправе заявить о его пропуске",
            "{period}: limitation period ended {ends_en} (ГК ст.196, 200); the debtor may plead it"
        ));
    }
    let calc = MonthCalc {
        period,
        due,
        charged,
        paid,
        debt,
        penalty: mp.total,
        time_barred: barred,
        limitation_ends: lim.ends,
        limitation: lim,
        payments: parts.iter().map(|p| (p.date, p.amount)).collect(),
    };
    (calc, mp)
}

/// Months as a warning lists them: in Russian («октябрь 2026, ноябрь 2026») and in English
/// (`2026-10, 2026-11`).
fn months_listed(months: &[Period]) -> (String, String) {
    let in_russian: Vec<String> = months.iter().map(|p| russian::month(*p)).collect();
    let in_english: Vec<String> = months.iter().map(Period::to_string).collect();
    (in_russian.join(", "), in_english.join(", "))
}

/// Calculates one account from its ledger, with no history of its case (see [`calculate_with`]).
/// Entries after the as-of date are left out, with a warning.
pub fn calculate(ledger: &[Entry], as_of: NaiveDate, conv: &Conventions) -> AccountCalc {
    calculate_with(ledger, &Facts::default(), as_of, conv)
}

/// Calculates an account from its ledger and its history (what pauses or restarts limitation).
/// An account whose one debtor is in bankruptcy or has died is calculated for the months after
/// the split only (`cutoff.rs`): the months before are claimed by the papers that replace the
/// court order, each with its own calculation.
pub fn calculate_account(account: &Account, as_of: NaiveDate, conv: &Conventions) -> AccountCalc {
    let facts = Facts::from_events(&account.events);
    match super::cutoff::of(account) {
        Some(cut) => calculate_with(&cut.ledger_after(&account.ledger), &facts, as_of, conv),
        None => calculate_with(&account.ledger, &facts, as_of, conv),
    }
}

/// Calculates one account from its ledger, its limitation from `facts`.
pub fn calculate_with(
    ledger: &[Entry],
    facts: &Facts,
    as_of: NaiveDate,
    conv: &Conventions,
) -> AccountCalc {
    let mut warnings = Vec::new();
    let (months, mut credits) = gather(ledger, as_of, &mut warnings);
    let (debts, dues) = debts_and_dues(&months, as_of, conv, &mut credits, &mut warnings);
    // Asked for the unpaid months a payment passes: with no pause and no acknowledgement the
    // period is the plain 3 years, and the words of `of_month` are not needed.
    let plain = facts.pauses.is_empty() && facts.acknowledged.is_empty();
    let barred = |i: usize, day: NaiveDate| match plain {
        true => limitation::time_barred(dues[i], day),
        false => limitation::of_month(debts[i].0, dues[i], facts, day).state == State::Barred,
    };
    let alloc = allocation::allocate(&debts, &credits, conv.allocation, &barred);
    for (date, named) in alloc.unknown_named() {
        let (day, month) = (russian::date(date), russian::month(named));
        warnings.push(tr!(
            "calc.unknown_named",
            "платёж от {day} указывает месяц {month}, за который ничего не начислено; он зачтён как платёж без указания периода",
            "payment of {date} names {named}, which has no charge; it was credited as naming no month"
        ));
    }

    let mut out_months = Vec::with_capacity(debts.len());
    let mut rows = Vec::new();
    let mut rates = Vec::new();
    let mut old_regime = Vec::new();
    for (i, &(period, amount)) in debts.iter().enumerate() {
        let ob = Obligation {
            period,
            due: dues[i],
            amount,
        };
        if ob.due < CURRENT_PENALTY_REGIME_FROM {
            old_regime.push(period);
        }
        let charged = months.get(&period).map_or(amount, |m| m.net);
        let (m, mp) = month(
            &ob,
            charged,
            &alloc.parts[i],
            facts,
            as_of,
            conv,
            &mut warnings,
        );
        out_months.push(m);
        rows.extend(mp.rows);
        rates.extend(mp.rates);
    }
    if !old_regime.is_empty() {
        let (list_ru, list_en) = months_listed(&old_regime);
        warnings.push(tr!(
            "calc.old_regime",
            "на месяцы со сроком оплаты до 01.01.2016 пени здесь не начисляются (порядок до 307-ФЗ не реализован): {list_ru}",
            "months due before 01.01.2016 carry no penalty here (the pre-307-ФЗ regime is not implemented): {list_en}"
        ));
    }
    rates.retain(|r| r.unconfirmed);
    rates.sort_by_key(|r| r.rate_date);
    rates.dedup_by_key(|r| r.rate_date);
    for r in rates {
        let (date, rate) = (r.rate_date, r.rate);
        let (day, rate_ru) = (russian::date(date), rate.to_string().replace('.', ","));
        warnings.push(tr!(
            "calc.rate_unconfirmed",
            "ключевая ставка на {day} ({rate_ru} %) НЕ ПОДТВЕРЖДЕНА: сверьте её с данными Банка России перед подачей",
            "the key rate for {date} ({rate} %) is UNCONFIRMED: check it with the Bank of Russia before filing"
        ));
    }
    let mut calc = totals(as_of, out_months, rows, alloc.credit, warnings);
    calc.applied = alloc.applied;
    calc
}

/// The account's sums from its months, with the duty and the thresholds on the as-of date.
fn totals(
    as_of: NaiveDate,
    months: Vec<MonthCalc>,
    rows: Vec<Row>,
    credit: Decimal,
    mut warnings: Vec<Text>,
) -> AccountCalc {
    let principal: Decimal = months.iter().map(|m| m.debt).sum();
    let overdue: Decimal = months
        .iter()
        .filter(|m| m.due < as_of)
        .map(|m| m.debt)
        .sum();
    let penalty: Decimal = months.iter().map(|m| m.penalty).sum();
    let total = principal + penalty;
    let duty = state_duty(total, as_of);
    match &duty {
        None => warnings.push(super::duty::no_scale(as_of)),
        Some(d) if d.unconfirmed => warnings.push(tr!(
            "calc.duty_unconfirmed",
            "госпошлина попадает в диапазон шкалы, помеченный как НЕ ПОДТВЕРЖДЁННЫЙ (НК ст.333.19)",
            "the state duty falls in a bracket marked UNCONFIRMED (НК ст.333.19)"
        )),
        _ => {}
    }
    let allowed = court_order_allowed(total, as_of);
    if !allowed {
        let total_ru = ru(total);
        warnings.push(tr!(
            "calc.over_ceiling",
            "сумма {total_ru} превышает предел для судебного приказа (ГПК ст.121): нужно исковое заявление",
            "the total {total} exceeds the court-order ceiling (ГПК ст.121): a claim is needed"
        ));
    }
    AccountCalc {
        as_of,
        months,
        rows,
        principal,
        overdue,
        penalty,
        total,
        credit,
        duty,
        court_order_allowed: allowed,
        claim_court: claim_court(total, as_of),
        warnings,
        applied: Vec::new(),
    }
}
