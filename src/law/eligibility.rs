//! Who may be taken to court for an account, for what sums, in which court and at what duty
//! (`legal-rules.md` §4–§6): the court-order application (ГПК ст.121–124) and the statement of
//! claim (ст.131–132) that follows a cancelled or refused order or a total above the ceiling.
//!
//! - A court order: a debt past due or a penalty; no order sought already for it (a returned
//!   application may be filed again, ст.125 ч.2); the total within the ceiling; a magistrate.
//! - A claim: an order cancelled or refused (ст.129, 125 ч.3), or a total above the ceiling; the
//!   court by the claim's price (ст.23, 24); the order's duty credited (НК ст.333.20 п.1 пп.13).
//! - Every debtor active, named, with a residence (or the premises) known; birth data and
//!   identifiers may be missing (the application then says so, ст.124 ч.2).
//! - Shares (`1/2`) give one filing per owner for that share of the sums; several debtors without
//!   shares give one joint (солидарно) filing.

use super::calculation::AccountCalc;
use super::case::{Case, OrderState};
use super::duty::state_duty;
use super::duty_credit::claim_duty_due;
use super::jurisdiction::court_for;
use super::penalty::kopecks;
use super::thresholds::{COURT_ORDER_CEILING, claim_court, court_order_allowed};
use crate::model::{Account, CourtKind, Debtor, Office, Share, Status};
use crate::money::ru;
use rust_decimal::Decimal;

/// How a debt is taken to court.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Procedure {
    /// An application for a court order (приказное производство).
    CourtOrder,
    /// A statement of claim, with the duty of a cancelled or refused order credited.
    Claim { credit: Decimal },
}

/// One filing: against one debtor (or jointly against several) of one account.
pub struct Filing<'a> {
    pub account: &'a Account,
    pub debtors: Vec<&'a Debtor>,
    pub share: Option<Share>,
    pub court: &'a Office,
    /// Which address (or the court column) chose the court.
    pub court_basis: String,
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
    pub reason: String,
}

fn refuse(reason: impl Into<String>) -> Vec<Refusal> {
    vec![Refusal {
        debtor: None,
        reason: reason.into(),
    }]
}

/// The court-order applications of an account, or why there are none.
pub fn court_order_filings<'a>(
    courts: &'a [Office],
    case: &Case<'a>,
) -> Result<Vec<Filing<'a>>, Vec<Refusal>> {
    nothing_to_collect(case.calc)?;
    if let Some(order) = case.order.filter(|o| o.state != OrderState::Returned) {
        let on = crate::russian::date(order.event.date);
        return Err(refuse(if order.failed() {
            let what = if order.state == OrderState::Cancelled {
                "cancelled"
            } else {
                "refused"
            };
            format!(
                "the court order was {what} on {on}: the debt is now claimed by a statement of claim"
            )
        } else {
            format!(
                "a court order was already sought on {on} ({}): not again for the same months",
                order.event.kind.name()
            )
        }));
    }
    let (total, as_of) = (case.total(), case.as_of());
    if !court_order_allowed(total, as_of) {
        return Err(refuse(format!(
            "the total {} exceeds the court-order ceiling of {} (ГПК ст.121): file a statement of claim",
            ru(total),
            COURT_ORDER_CEILING.text_on(as_of)
        )));
    }
    court_for(courts, case.account, CourtKind::Magistrate).map_err(refuse)?;
    filings(courts, case, Procedure::CourtOrder)
}

/// The statements of claim of an account, or why there are none.
pub fn claim_filings<'a>(
    courts: &'a [Office],
    case: &Case<'a>,
) -> Result<Vec<Filing<'a>>, Vec<Refusal>> {
    let failed = case.order.filter(|o| o.failed());
    if failed.is_none() && court_order_allowed(case.total(), case.as_of()) {
        return Err(refuse(
            "the total is within the court-order ceiling and no order was cancelled or refused: file for a court order (ГПК ст.121–122)",
        ));
    }
    nothing_to_collect(case.calc)?;
    let credit = failed.and_then(|o| o.duty_paid).unwrap_or(Decimal::ZERO);
    filings(courts, case, Procedure::Claim { credit })
}

fn nothing_to_collect(calc: &AccountCalc) -> Result<(), Vec<Refusal>> {
    if calc.overdue + calc.penalty > Decimal::ZERO {
        return Ok(());
    }
    Err(refuse(if calc.credit > Decimal::ZERO {
        format!(
            "nothing to collect: the account has a credit of {}",
            ru(calc.credit)
        )
    } else {
        "nothing to collect: no debt past due and no penalty".to_string()
    }))
}

/// Why a debtor of this status cannot be taken to court for utility debt.
fn status_reason(status: Status) -> Option<&'static str> {
    match status {
        Status::Active => None,
        Status::Deceased => Some(
            "the debtor is deceased: the debt is claimed from the estate or the heirs, not by a court order",
        ),
        Status::Bankrupt => {
            Some("the debtor is bankrupt: claims go to the bankruptcy proceedings (Закон № 127-ФЗ)")
        }
        Status::LegalEntity => Some(
            "the debtor is a legal entity: the arbitration court and another penalty regime apply",
        ),
    }
}

/// The debtors who may be named in a filing, and a refusal for each of the others.
fn parties(account: &Account) -> (Vec<&Debtor>, Vec<Refusal>) {
    let mut usable = Vec::new();
    let mut refusals = Vec::new();
    for d in &account.debtors {
        let reason = if let Some(reason) = status_reason(d.status) {
            reason
        } else if d.full_name.trim().is_empty() {
            "the debtor's name is missing"
        } else if d.residence_address.is_none() && account.premises_address.is_none() {
            "the debtor's residence is unknown (ГПК ст.124 ч.2 п.3)"
        } else {
            usable.push(d);
            continue;
        };
        refusals.push(Refusal {
            debtor: Some(d.full_name.clone()),
            reason: reason.into(),
        });
    }
    (usable, refusals)
}

/// Each debtor's part of (principal, penalty): the whole for joint liability, the share's part for
/// an owner. When the shares add up to 1 the last owner takes the remainder, so the parts add up to
/// the account's sums to the kopeck.
fn parts(
    shares: &[Option<Share>],
    principal: Decimal,
    penalty: Decimal,
) -> Vec<(Decimal, Decimal)> {
    let whole_split = shares_sum_to_one(shares);
    let mut parts: Vec<(Decimal, Decimal)> = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        let part = match share {
            None => (principal, penalty),
            Some(_) if whole_split && i + 1 == shares.len() => {
                let taken_principal: Decimal = parts.iter().map(|x| x.0).sum();
                let taken_penalty: Decimal = parts.iter().map(|x| x.1).sum();
                (principal - taken_principal, penalty - taken_penalty)
            }
            Some(s) => (
                kopecks(principal * s.as_decimal()),
                kopecks(penalty * s.as_decimal()),
            ),
        };
        parts.push(part);
    }
    parts
}

/// Whether the shares add up to exactly 1, in integer arithmetic (1/3 + 1/3 + 1/3 does).
fn shares_sum_to_one(shares: &[Option<Share>]) -> bool {
    let (mut num, mut den) = (0u128, 1u128);
    for s in shares.iter().flatten() {
        num = num * u128::from(s.denominator) + u128::from(s.numerator) * den;
        den *= u128::from(s.denominator);
        if den > 1 << 60 {
            return false;
        }
    }
    !shares.is_empty() && num == den
}

/// The filings of an account once the procedure is chosen: the parties, their parts of the sums,
/// the court and the duty.
fn filings<'a>(
    courts: &'a [Office],
    case: &Case<'a>,
    procedure: Procedure,
) -> Result<Vec<Filing<'a>>, Vec<Refusal>> {
    let (account, calc, as_of) = (case.account, case.calc, case.as_of());
    let shares: Vec<Option<Share>> = account.debtors.iter().map(|d| d.share).collect();
    let with_share = shares.iter().filter(|s| s.is_some()).count();
    if with_share != 0 && with_share != shares.len() {
        return Err(refuse(
            "shares are given for some debtors only: give every owner's share, or none for joint liability",
        ));
    }
    let joint = with_share == 0;
    let (usable, mut refusals) = parties(account);
    if joint && !refusals.is_empty() {
        // Joint liability: one filing for all or none.
        return Err(refusals);
    }
    let parts = parts(&shares, calc.overdue, calc.penalty);
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
        let (court, court_basis) = match court_for(courts, account, kind) {
            Ok(c) => c,
            Err(r) => {
                refusals.extend(refuse(r));
                continue;
            }
        };
        let Some(duty) = state_duty(total, as_of) else {
            refusals.extend(refuse(format!(
                "no state-duty scale is known for filing on {as_of}"
            )));
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
    use crate::law::case::fixtures::{account, calc, ev};
    use crate::model::{EventKind as K, Share};

    fn court(id: &str, kind: &str) -> Office {
        Office {
            id: id.into(),
            kind: Some(kind.into()),
            serves: vec!["г. Руза".into()],
            ..Office::default()
        }
    }

    #[test]
    fn thirds_add_up_to_the_account_to_the_kopeck() {
        let third = Some(Share {
            numerator: 1,
            denominator: 3,
        });
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let p = parts(&[third, third, third], d("100.00"), d("10.00"));
        assert_eq!(p[0], (d("33.33"), d("3.33")));
        assert_eq!(
            p[2],
            (d("33.34"), d("3.34")),
            "the last owner takes the remainder"
        );
        assert!(!shares_sum_to_one(&[third, third]));
    }

    #[test]
    fn an_order_is_sought_once_and_a_claim_only_after_it_or_above_the_ceiling() {
        let courts = [court("s165", "magistrate"), court("ruza", "district")];
        let a = account("3000", &[]);
        let c = calc(&a);
        let case = Case::of(&a, &c);
        let filings = court_order_filings(&courts, &case).unwrap_or_default();
        assert_eq!(filings.len(), 1);
        assert_eq!(filings[0].court.id, "s165");
        assert_eq!(filings[0].duty, Decimal::from(2000));
        let why = claim_filings(&courts, &case).err().unwrap();
        assert!(
            why[0].reason.contains("within the court-order ceiling"),
            "{why:?}"
        );

        let filed = account("3000", &[ev("2026-11-02", K::OrderFiled, "duty=2000")]);
        let c = calc(&filed);
        let why = court_order_filings(&courts, &Case::of(&filed, &c))
            .err()
            .unwrap();
        assert!(
            why[0].reason.contains("already sought on 02.11.2026"),
            "{why:?}"
        );

        let cancelled = account(
            "3000",
            &[
                ev("2025-03-03", K::OrderFiled, "duty=2000"),
                ev("2025-04-21", K::OrderCancelled, ""),
            ],
        );
        let c = calc(&cancelled);
        let case = Case::of(&cancelled, &c);
        assert!(court_order_filings(&courts, &case).is_err());
        let claims = claim_filings(&courts, &case).unwrap_or_default();
        assert_eq!(claims.len(), 1);
        // A claim of about 31 000 goes to the magistrate; 4 000 by the scale, 2 000 credited.
        assert_eq!(claims[0].court.id, "s165");
        assert_eq!(
            (claims[0].duty_full, claims[0].duty),
            (Decimal::from(4000), Decimal::from(2000))
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
        let why = court_order_filings(&courts, &Case::of(&a, &c))
            .err()
            .unwrap();
        assert_eq!(why[0].debtor.as_deref(), Some("Иванова Анна Петровна"));
        assert!(why[0].reason.contains("bankrupt"), "{why:?}");
    }
}
