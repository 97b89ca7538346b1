//! Who may be taken to court for an account, for which months and sums, in which court and at
//! what duty (`legal-rules.md` §4–§6, §13.2): the court-order application (ГПК ст.121–124) and the
//! statement of claim (ст.131–132) that follows a cancelled or refused order or a total above the
//! ceiling.
//!
//! - A court order: a debt past due or a penalty; no order pending for it (a returned application
//!   may be filed again, ст.125 ч.2); the total within the ceiling and at least the claimant's
//!   minimum (`[court] min_order_claim`); a magistrate. After a cancelled or refused order, a new
//!   application claims only the months the old one did not.
//! - A claim: an order cancelled or refused (ст.129, 125 ч.3) — then only for the months that order
//!   claimed (ст.135 ч.1 п.1.1: the others go through order proceedings first) —, or a total above
//!   the ceiling; the court by the claim's price (ст.23, 24); the order's duty credited (НК
//!   ст.333.20 п.1 пп.13).
//! - Time-barred months are claimed or not as the claimant chose (`[limitation] claim`).
//! - Every debtor active, named, with a residence (or the premises) known; birth data and
//!   identifiers may be missing (the application then says so, ст.124 ч.2).
//! - Shares (`1/2`) give one filing per owner for that share of the sums, to the court of that
//!   owner's residence (ГПК ст.28); several debtors without shares give one joint (солидарно) filing.

use super::calculation::MonthCalc;
use super::case::{Case, OrderState};
use super::duty::state_duty;
use super::duty_credit::claim_duty_due;
use super::jurisdiction::{court_for, court_for_debtor};
use super::shares::split;
use super::thresholds::{COURT_ORDER_CEILING, claim_court, court_order_allowed};
use crate::lang::Text;
use crate::model::{Account, CourtKind, Debtor, Office, Period, Share, Status};
use crate::money::ru;
use crate::tr;
use rust_decimal::Decimal;

/// How a debt is taken to court.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Procedure {
    /// An application for a court order (приказное производство).
    CourtOrder,
    /// A statement of claim, with the duty of a cancelled or refused order credited.
    Claim { credit: Decimal },
}

/// The months a filing claims and their sums, before any share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub months: Vec<Period>,
    /// The debt past due of these months.
    pub principal: Decimal,
    pub penalty: Decimal,
}

impl Scope {
    fn of<'m>(as_of: chrono::NaiveDate, months: impl Iterator<Item = &'m MonthCalc>) -> Scope {
        let months: Vec<&MonthCalc> = months.collect();
        Scope {
            principal: months
                .iter()
                .filter(|m| m.due < as_of)
                .map(|m| m.debt)
                .sum(),
            penalty: months.iter().map(|m| m.penalty).sum(),
            months: months.iter().map(|m| m.period).collect(),
        }
    }

    pub fn total(&self) -> Decimal {
        self.principal + self.penalty
    }

    /// Whether month `period` is claimed.
    pub fn has(&self, period: Period) -> bool {
        self.months.contains(&period)
    }
}

/// One filing: against one debtor (or jointly against several) of one account.
pub struct Filing<'a> {
    pub account: &'a Account,
    pub debtors: Vec<&'a Debtor>,
    pub share: Option<Share>,
    pub court: &'a Office,
    /// Which address (or the court column) chose the court.
    pub court_basis: String,
    /// The months claimed and their whole sums (of the account, before the share).
    pub scope: Scope,
    /// This filing's part of the scope's sums.
    pub principal: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
    /// The duty to pay now (for a claim: less the credit of the order's duty).
    pub duty: Decimal,
    /// The duty by the scale, before any credit.
    pub duty_full: Decimal,
    pub procedure: Procedure,
}

/// Why a debtor (or, with no debtor, the whole account) gets no filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub debtor: Option<String>,
    pub reason: Text,
}

fn refuse(reason: Text) -> Vec<Refusal> {
    vec![Refusal {
        debtor: None,
        reason: reason.into(),
    }]
}

/// The months of a court-order application: those claimable that no standing application
/// claimed (a cancelled or refused one's go to a claim; a pending one's wait for its court).
pub fn order_scope(case: &Case) -> Scope {
    claimable_scope(case, |m| !case.in_an_order(m.period, m.due))
}

/// The months of a statement of claim: those a failed order claimed, else every claimable month.
pub fn claim_scope(case: &Case) -> Scope {
    let failed = case.order.filter(|o| o.failed());
    claimable_scope(case, |m| failed.is_none_or(|o| o.covers(m.period, m.due)))
}

/// The claimable months (limitation, by the convention) that `keep` keeps.
fn claimable_scope(case: &Case, keep: impl Fn(&MonthCalc) -> bool) -> Scope {
    let months = case.calc.months.iter();
    Scope::of(
        case.as_of(),
        months.filter(|m| case.claimable(m) && keep(m)),
    )
}

/// Why no new application is made while one is pending (filed, not yet answered): one application
/// at a time, so that the months after it go with the next and no court sees the claim split (a
/// choice of this tool; ГПК ст.125 leaves the court 5 days to answer).
pub fn pending_application(case: &Case) -> Option<Text> {
    let order = case.order.filter(|o| o.state == OrderState::Filed)?;
    let filed = crate::russian::date(order.filed_on());
    Some(tr!(
        "order.pending",
        "заявление о вынесении судебного приказа, поданное {filed}, ещё не рассмотрено: месяцы после него ждут его исхода и пойдут в следующее заявление",
        "the application for a court order filed on {filed} is pending: the months after it wait for its outcome and go to the next application"
    ))
}

/// The court-order applications of an account, or why there are none.
pub fn court_order_filings<'a>(
    courts: &'a [Office],
    case: &Case<'a>,
) -> Result<Vec<Filing<'a>>, Vec<Refusal>> {
    if let Some(why) = pending_application(case) {
        return Err(refuse(why));
    }
    let scope = order_scope(case);
    if scope.total() <= Decimal::ZERO {
        nothing_to_collect(case, &scope)?;
        let on = |e: &crate::model::Event| crate::russian::date(e.date);
        return Err(refuse(match case.order {
            Some(o) if o.failed() => {
                let (ru, en, date) = (o.state.word_ru(), o.state.word(), on(o.event));
                tr!(
                    "order.all_months_failed",
                    "все месяцы долга были заявлены в приказном производстве, а судебный приказ {ru} {date}: теперь долг взыскивается в исковом порядке",
                    "every month owed was in the court order {en} on {date}: the debt is now claimed by a statement of claim"
                )
            }
            Some(o) => {
                let (date, event, label) = (on(o.event), o.event.kind.name(), o.event.kind.label());
                tr!(
                    "order.all_months_sought",
                    "судебный приказ по всем месяцам долга уже запрошен {date} («{label}»): повторно за те же месяцы не запрашивается",
                    "a court order was already sought on {date} ({event}) for every month owed: not again for the same months"
                )
            }
            None => tr!(
                "order.all_time_barred",
                "по всем месяцам долга истёк срок исковой давности ([limitation] claim = \"within\")",
                "every month owed is time-barred ([limitation] claim = \"within\")"
            ),
        }));
    }
    let (total, as_of) = (scope.total(), case.as_of());
    if !court_order_allowed(total, as_of) {
        let (sum, ceiling) = (ru(total), COURT_ORDER_CEILING.text_on(as_of));
        return Err(refuse(tr!(
            "order.over_ceiling",
            "сумма {sum} превышает предел для судебного приказа {ceiling} (ГПК ст.121): подайте исковое заявление",
            "the total {sum} exceeds the court-order ceiling of {ceiling} (ГПК ст.121): file a statement of claim"
        )));
    }
    let min = case.claiming.min_order_claim;
    if total < min {
        let (sum, least) = (ru(total), ru(min));
        return Err(refuse(tr!(
            "order.below_minimum",
            "сумма {sum} меньше наименьшей, с которой запрашивается судебный приказ ({least}, [court] min_order_claim): госпошлина и расходы превысили бы её",
            "the total {sum} is below the least a court order is sought for ({least}, [court] min_order_claim): the duty and the costs would outweigh it"
        )));
    }
    court_for(courts, case.account, CourtKind::Magistrate).map_err(refuse)?;
    filings(courts, case, scope, Procedure::CourtOrder)
}

/// The statements of claim of an account, or why there are none.
pub fn claim_filings<'a>(
    courts: &'a [Office],
    case: &Case<'a>,
) -> Result<Vec<Filing<'a>>, Vec<Refusal>> {
    let failed = case.order.filter(|o| o.failed());
    if failed.is_none() && court_order_allowed(case.total(), case.as_of()) {
        return Err(refuse(tr!(
            "claim.order_first",
            "сумма не превышает предела для судебного приказа, а судебный приказ не отменялся и в его вынесении не отказывали: подайте заявление о вынесении судебного приказа (ГПК ст.121–122)",
            "the total is within the court-order ceiling and no order was cancelled or refused: file for a court order (ГПК ст.121–122)"
        )));
    }
    let scope = claim_scope(case);
    nothing_to_collect(case, &scope)?;
    if scope.total() <= Decimal::ZERO {
        return Err(refuse(tr!(
            "claim.nothing_claimable",
            "все месяцы, которые вошли бы в иск, оплачены или за пределами срока исковой давности ([limitation] claim)",
            "every month the claim would cover is paid or time-barred ([limitation] claim)"
        )));
    }
    let credit = failed.and_then(|o| o.duty_paid).unwrap_or(Decimal::ZERO);
    filings(courts, case, scope, Procedure::Claim { credit })
}

/// `Err` when the account owes nothing at all; `Ok` when it does (whether or not `scope` has it).
fn nothing_to_collect(case: &Case, scope: &Scope) -> Result<(), Vec<Refusal>> {
    let calc = case.calc;
    if scope.total() > Decimal::ZERO || case.total() > Decimal::ZERO {
        return Ok(());
    }
    Err(refuse(if calc.credit > Decimal::ZERO {
        let credit = ru(calc.credit);
        tr!(
            "debt.credit",
            "взыскивать нечего: по лицевому счёту переплата {credit}",
            "nothing to collect: the account has a credit of {credit}"
        )
    } else {
        tr!(
            "debt.none",
            "взыскивать нечего: просроченного долга и пеней нет",
            "nothing to collect: no debt past due and no penalty"
        )
    }))
}

/// Why a debtor of this status cannot be taken to court for utility debt: the list's data where
/// a register says it (`workspace::registers`), else the status of `accounts.csv`.
pub fn status_reason(d: &Debtor) -> Option<Text> {
    if let Some(death) = &d.death {
        let day = crate::russian::date(death.date);
        let (case, case_en) = match death.inheritance_case.as_deref() {
            Some(c) => (
                format!(", наследственное дело № {c}"),
                format!(", inheritance case № {c}"),
            ),
            None => Default::default(),
        };
        return Some(tr!(
            "debtor.deceased.listed",
            "должник умер {day} (список умерших{case}): судебный приказ против умершего недействителен; долг взыскивается за счёт наследственного имущества или с наследников (ГК ст.1175)",
            "the debtor is deceased, died {day} (deaths list{case_en}): a court order against the deceased is void; the debt is claimed from the estate or the heirs (ГК ст.1175)"
        ));
    }
    // A sole debtor in bankruptcy is pursued for the current months (`cutoff`); one of several
    // is left out (`workspace::registers`).
    if let Some(b) = d
        .bankruptcy
        .as_ref()
        .filter(|_| d.status == Status::Bankrupt)
    {
        let day = crate::russian::date(b.accepted);
        let case = b
            .case_number
            .as_deref()
            .map(|c| format!(" № {c}"))
            .unwrap_or_default();
        let procedure = b.procedure.genitive();
        return Some(tr!(
            "debtor.bankrupt.listed",
            "должник в процедуре {procedure} (дело{case}, заявление принято {day}; список Федресурса): долги до этой даты предъявляются только в деле о банкротстве (127-ФЗ ст.213.11, 100)",
            "the debtor is in bankruptcy (case{case}, petition accepted {day}; the Fedresurs list): debts before that date are claimed only in the bankruptcy case (127-ФЗ ст.213.11, 100)"
        ));
    }
    match d.status {
        Status::Active | Status::Incapacitated => None,
        Status::Deceased => Some(tr!(
            "debtor.deceased",
            "должник умер: долг взыскивается за счёт наследственного имущества или с наследников, а не судебным приказом",
            "the debtor is deceased: the debt is claimed from the estate or the heirs, not by a court order"
        )),
        Status::Bankrupt => Some(tr!(
            "debtor.bankrupt",
            "должник признан банкротом: требования предъявляются в деле о банкротстве (Закон № 127-ФЗ)",
            "the debtor is bankrupt: claims go to the bankruptcy proceedings (Закон № 127-ФЗ)"
        )),
        Status::LegalEntity => Some(tr!(
            "debtor.legal_entity",
            "должник — юридическое лицо: спор подсуден арбитражному суду, и пени начисляются в ином порядке",
            "the debtor is a legal entity: the arbitration court and another penalty regime apply"
        )),
    }
}

/// The debtors who may be named in a filing, and a refusal for each of the others.
fn parties(account: &Account) -> (Vec<&Debtor>, Vec<Refusal>) {
    let mut usable = Vec::new();
    let mut refusals = Vec::new();
    for d in &account.debtors {
        let reason = if let Some(reason) = status_reason(d) {
            reason
        } else if let Some(title) = &d.not_in_extract {
            tr!(
                "debtor.not_in_extract",
                "по {title} должник собственником помещения не значится, а в accounts.csv назван собственником: приказ против него отменили бы (ГПК ст.125 ч.1; ЖК ст.30, 153)",
                "the {title} does not name the debtor as an owner, while accounts.csv does: an order against him would be cancelled (ГПК ст.125 ч.1; ЖК ст.30, 153)"
            )
        } else if let crate::model::Answers::Refused { why, .. } = &d.answers {
            // A minor with no representative known, or months on both sides of his 14th birthday
            // (`capacity.rs`).
            why.clone()
        } else if d.full_name.trim().is_empty() {
            tr!(
                "debtor.no_name",
                "не указаны фамилия, имя и отчество должника",
                "the debtor's name is missing"
            )
        } else if d.residence_address.is_none() && account.premises_address.is_none() {
            tr!(
                "debtor.no_residence",
                "место жительства должника неизвестно (ГПК ст.124 ч.2 п.3)",
                "the debtor's residence is unknown (ГПК ст.124 ч.2 п.3)"
            )
        } else {
            usable.push(d);
            continue;
        };
        refusals.push(Refusal {
            debtor: Some(d.full_name.clone()),
            reason,
        });
    }
    (usable, refusals)
}

/// The filings of an account once the procedure is chosen: the parties, their parts of the sums,
/// the court and the duty.
fn filings<'a>(
    courts: &'a [Office],
    case: &Case<'a>,
    scope: Scope,
    procedure: Procedure,
) -> Result<Vec<Filing<'a>>, Vec<Refusal>> {
    let (account, as_of) = (case.account, case.as_of());
    let shares: Vec<Option<Share>> = account.debtors.iter().map(|d| d.share).collect();
    let with_share = shares.iter().filter(|s| s.is_some()).count();
    if with_share != 0 && with_share != shares.len() {
        return Err(refuse(tr!(
            "shares.partial",
            "доли указаны не для всех должников: укажите долю каждого собственника или не указывайте ни одной для солидарной ответственности",
            "shares are given for some debtors only: give every owner's share, or none for joint liability"
        )));
    }
    let joint = with_share == 0;
    let (usable, mut refusals) = parties(account);
    if joint && !refusals.is_empty() {
        // Joint liability: one filing for all or none.
        return Err(refusals);
    }
    let parts = split(&shares, scope.principal, scope.penalty);
    let mut out = Vec::new();
    for d in usable {
        if joint && !out.is_empty() {
            break;
        }
        let idx = account
            .debtors
            .iter()
            .position(|x| std::ptr::eq(x, d))
            .unwrap_or(0);
        let (principal, penalty) = parts[idx];
        let total = principal + penalty;
        // A court order goes to the magistrate; a claim by its price (ГПК ст.23, 24).
        let kind = match procedure {
            Procedure::CourtOrder => CourtKind::Magistrate,
            Procedure::Claim { .. } => claim_court(total, as_of),
        };
        // Joint debtors go to the court of the first residence a court serves; an owner to the
        // court of that owner's residence (ГПК ст.28).
        let court = if joint {
            court_for(courts, account, kind)
        } else {
            court_for_debtor(courts, account, d, kind)
        };
        let (court, court_basis) = match court {
            Ok(c) => c,
            Err(r) => {
                refusals.extend(refuse(r));
                continue;
            }
        };
        let Some(duty) = state_duty(total, as_of) else {
            refusals.extend(refuse(super::duty::no_scale(as_of)));
            continue;
        };
        let (due, full) = match procedure {
            Procedure::CourtOrder => (duty.court_order, duty.court_order),
            Procedure::Claim { credit } => {
                (claim_duty_due(duty.claim, credit, d.share), duty.claim)
            }
        };
        out.push(Filing {
            account,
            debtors: if joint {
                account.debtors.iter().collect()
            } else {
                vec![d]
            },
            share: d.share,
            court,
            court_basis,
            scope: scope.clone(),
            principal,
            penalty,
            total,
            duty: due,
            duty_full: full,
            procedure,
        });
    }
    if out.is_empty() {
        Err(refusals)
    } else {
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::case::fixtures::{account, calc, claiming, ev};
    use crate::model::EventKind as K;

    fn court(id: &str, kind: &str) -> Office {
        Office {
            id: id.into(),
            kind: Some(kind.into()),
            serves: vec!["г. Руза".into()],
            ..Office::default()
        }
    }

    #[test]
    fn an_order_is_sought_once_and_a_claim_only_after_it_or_above_the_ceiling() {
        let courts = [court("s165", "magistrate"), court("ruza", "district")];
        let a = account("3000", &[]);
        let c = calc(&a);
        let case = Case::of(&a, &c, claiming());
        let filings = court_order_filings(&courts, &case).unwrap_or_default();
        assert_eq!(filings.len(), 1);
        assert_eq!(filings[0].court.id, "s165");
        assert_eq!(filings[0].duty, Decimal::from(2000));
        let why = claim_filings(&courts, &case).err().unwrap();
        assert!(
            why[0]
                .reason
                .en()
                .contains("within the court-order ceiling"),
            "{why:?}"
        );

        // An application pending for every month owed: not again.
        let filed = account("3000", &[ev("2026-11-20", K::OrderFiled, "duty=2000")]);
        let c = calc(&filed);
        let why = court_order_filings(&courts, &Case::of(&filed, &c, claiming()))
            .err()
            .unwrap();
        assert!(
            why[0]
                .reason
                .en()
                .contains("filed on 20.11.2026 is pending: the months after it wait"),
            "{why:?}"
        );
        // Filed on 02.11.2026, it claimed the months due before: October (due 15.11) is in no
        // order, and waits for the pending one's outcome.
        let earlier = account("3000", &[ev("2026-11-02", K::OrderFiled, "duty=2000")]);
        let c = calc(&earlier);
        let case = Case::of(&earlier, &c, claiming());
        let months: Vec<String> = order_scope(&case)
            .months
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(months, ["2026-10"]);
        assert!(court_order_filings(&courts, &case).is_err());

        // The cancelled order claimed Jan–Mar 2026: the claim is for those months only, and a new
        // application for Apr–Oct (ГПК ст.135 ч.1 п.1.1).
        let cancelled = account(
            "3000",
            &[
                ev(
                    "2026-05-03",
                    K::OrderFiled,
                    "duty=2000;period=2026-01..2026-03",
                ),
                ev("2026-06-21", K::OrderCancelled, ""),
            ],
        );
        let c = calc(&cancelled);
        let case = Case::of(&cancelled, &c, claiming());
        let claims = claim_filings(&courts, &case).unwrap_or_default();
        assert_eq!(claims.len(), 1);
        let months = |f: &Filing| {
            f.scope
                .months
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(months(&claims[0]), ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(claims[0].principal, Decimal::from(9000));
        // A claim of about 9 000 goes to the magistrate; 4 000 by the scale, 2 000 credited.
        assert_eq!(claims[0].court.id, "s165");
        assert_eq!(
            (claims[0].duty_full, claims[0].duty),
            (Decimal::from(4000), Decimal::from(2000))
        );
        let orders = court_order_filings(&courts, &case).unwrap_or_default();
        assert_eq!(orders.len(), 1);
        assert_eq!(
            months(&orders[0]).first().map(String::as_str),
            Some("2026-04")
        );
        assert_eq!(orders[0].principal, Decimal::from(21000));
        // Without `period=`, the order claimed the months due before its filing.
        let unrecorded = account(
            "3000",
            &[
                ev("2026-05-03", K::OrderFiled, "duty=2000"),
                ev("2026-06-21", K::OrderCancelled, ""),
            ],
        );
        let c = calc(&unrecorded);
        let case = Case::of(&unrecorded, &c, claiming());
        let claims = claim_filings(&courts, &case).unwrap_or_default();
        assert_eq!(
            months(&claims[0]),
            ["2026-01", "2026-02", "2026-03"],
            "due up to 10.04.2026"
        );
    }

    #[test]
    fn the_least_a_court_order_is_sought_for() {
        let courts = [court("s165", "magistrate")];
        let a = account("250", &[]);
        let c = calc(&a);
        let why = court_order_filings(&courts, &Case::of(&a, &c, claiming()))
            .err()
            .unwrap();
        assert!(
            why[0]
                .reason
                .en()
                .contains("below the least a court order is sought for (3\u{a0}000,00"),
            "{why:?}"
        );
    }

    #[test]
    fn joint_debtors_are_filed_against_together_or_not_at_all() {
        let courts = [court("s165", "magistrate")];
        let mut a = account("3000", &[]);
        let mut second = crate::law::case::fixtures::debtor("Иванова Анна Петровна");
        second.status = crate::model::Status::Bankrupt;
        a.debtors.push(second);
        let c = calc(&a);
        let why = court_order_filings(&courts, &Case::of(&a, &c, claiming()))
            .err()
            .unwrap();
        assert_eq!(why[0].debtor.as_deref(), Some("Иванова Анна Петровна"));
        assert!(why[0].reason.en().contains("bankrupt"), "{why:?}");
    }
}
