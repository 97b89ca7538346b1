//! The account statement (выписка из лицевого счёта): the court's evidence of the debt (ГПК ст.132
//! п.5, `legal-rules.md` §6.2 item 4). From the ledger as it is: each month's charges by service,
//! its recalculations (negative charges) and the payments received in it, and the balance at the
//! month's end; then every payment with its date and the month it named. In every court package,
//! and a kind of its own (`account-statement`).

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{DocKind, Part, Role};
use super::meta::{Meta, StatementMeta};
use super::parties::names;
use crate::law::case::Case;
use crate::law::gates;
use crate::model::{Account, Entry, Period};
use crate::money::{fixed2, ru};
use crate::russian;
use crate::templates;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The account statement: charges, recalculations, payments and the balance by month.
pub const ACCOUNT_STATEMENT: Kind = Kind {
    name: "account-statement",
    title: "Выписка из лицевого счёта",
    about: (
        "выписка из лицевого счёта: начисления, перерасчёты, оплаты и остаток по месяцам (входит и в каждый пакет для суда)",
        "account statement: charges, recalculations, payments and the balance by month (in every court package too)",
    ),
    folder: "statements",
    role: Role::Annex,
    personal: false,
    templates: &[templates::STATEMENT],
    gate: &gates::FREE,
    serves: None,
    powers: Some(&[]),
    starts: None,
    post: None,
    build: Some(|_, case, batch| build(case, batch)),
};

const KIND: DocKind = DocKind::AccountStatement;
pub const FILE: &str = "Выписка из лицевого счёта.pdf";

/// What the ledger holds of one month, as the statement shows it.
#[derive(Default)]
struct Month {
    /// Charges by service (in the order of `services`).
    charged: BTreeMap<usize, Decimal>,
    recalculated: Decimal,
    paid: Decimal,
}

/// The statement's sums: charged, recalculated, paid and the closing balance (charged and
/// recalculated less paid).
pub struct Totals {
    pub charged: Decimal,
    pub recalculated: Decimal,
    pub paid: Decimal,
    pub balance: Decimal,
}

fn period_of(d: NaiveDate) -> Option<Period> {
    Period::new(d.year(), d.month())
}

/// The values of the statement of `account` on `as_of`, and its totals. An account split at a
/// bankruptcy or a death (`law::cutoff`) is stated for the months after the split, as it is
/// calculated; the months before have their statement beside their claim (`split.rs`).
pub fn values(account: &Account, as_of: NaiveDate) -> (Value, Totals) {
    let after;
    let cut = crate::law::cutoff::of(account);
    let ledger = match &cut {
        Some(cut) => {
            after = cut.ledger_after(&account.ledger);
            &after
        }
        None => &account.ledger,
    };
    let split_note = cut.map(|c| {
        let (until, whose) = (
            crate::russian::month_from(c.first_after),
            match c.why {
                crate::law::cutoff::Why::Bankruptcy(_) => {
                    "— реестровая задолженность по делу о банкротстве, в выписку не включена"
                }
                crate::law::cutoff::Why::Death(_) => "— долг наследодателя, в выписку не включён",
            },
        );
        format!("Выписка показывает месяцы {until}; месяцы до этого {whose}.")
    });
    let mut services: Vec<String> = Vec::new();
    let mut months: BTreeMap<Period, Month> = BTreeMap::new();
    let mut payments = Vec::new();
    for entry in ledger {
        match entry {
            Entry::Charge(c) => {
                let m = months.entry(c.period).or_default();
                if c.amount < Decimal::ZERO {
                    m.recalculated += c.amount;
                    continue;
                }
                let name = c.service.as_deref().unwrap_or("коммунальные услуги");
                let column = match services.iter().position(|s| s == name) {
                    Some(i) => i,
                    None => {
                        services.push(name.to_string());
                        services.len() - 1
                    }
                };
                *m.charged.entry(column).or_default() += c.amount;
            }
            Entry::Payment(p) if p.date <= as_of => {
                if let Some(period) = period_of(p.date) {
                    months.entry(period).or_default().paid += p.amount;
                }
                payments.push(p);
            }
            Entry::Payment(_) => {}
        }
    }
    payments.sort_by_key(|p| (p.date, p.line));
    let mut balance = Decimal::ZERO;
    let (mut charged, mut recalculated, mut paid) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let rows: Vec<Value> = months
        .iter()
        .map(|(period, m)| {
            let month_charged: Decimal = m.charged.values().sum();
            charged += month_charged;
            recalculated += m.recalculated;
            paid += m.paid;
            balance += month_charged + m.recalculated - m.paid;
            json!({
                "period": russian::month(*period),
                "charged": (0..services.len())
                    .map(|i| ru(m.charged.get(&i).copied().unwrap_or_default()))
                    .collect::<Vec<_>>(),
                "recalculated": ru(m.recalculated),
                "paid": ru(m.paid),
                "balance": ru(balance),
            })
        })
        .collect();
    let totals = Totals {
        charged,
        recalculated,
        paid,
        balance,
    };
    let owners: Vec<_> = account.debtors.iter().collect();
    let value = json!({
        "account": account.id,
        "date": russian::date(as_of),
        "premises": account.premises_address,
        "owners": owners.iter().map(|d| super::parties::as_owner(d)).collect::<Vec<_>>().join(", "),
        "columns": services,
        "months": rows,
        "payments": payments.iter().map(|p| json!({
            "date": russian::date(p.date),
            "amount": ru(p.amount),
            "named": p.period.map(russian::month),
            "reference": p.reference.as_deref(),
        })).collect::<Vec<_>>(),
        "totals": {
            "charged": ru(totals.charged),
            "recalculated": ru(totals.recalculated),
            "paid": ru(totals.paid),
            "balance": ru(totals.balance),
        },
        "balance_words": if totals.balance < Decimal::ZERO { "переплата" } else { "задолженность" },
        "split_note": split_note,
    });
    (value, totals)
}

/// The statement as a kind of its own, in `statements/<account>_<surname>/`.
pub fn build(case: &Case, batch: &mut Batch) {
    let account = case.account;
    if account.ledger.is_empty() {
        batch.refuse(
            &account.id,
            None,
            KIND,
            crate::tr!(
                "statement.empty_ledger",
                "в ledger.csv нет записей по этому лицевому счёту",
                "the ledger holds nothing for this account"
            ),
        );
        return;
    }
    let (mut value, totals) = values(account, case.as_of());
    value["signer_role"] = Value::Null;
    let owners: Vec<_> = account.debtors.iter().collect();
    let Some(first) = owners.first().copied() else {
        batch.refuse(
            &account.id,
            None,
            KIND,
            crate::tr!(
                "statement.no_debtor",
                "у лицевого счёта нет должника",
                "the account has no debtor"
            ),
        );
        return;
    };
    let folder = batch.debtor_folder(KIND.folder(), account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/{FILE}"),
        template: templates::STATEMENT,
        office: None,
        values: Batch::values(value),
        files: Vec::new(),
        meta: Meta::Statement(StatementMeta {
            account: account.id.clone(),
            debtors: names(&owners),
            kind: KIND,
            document: Part::Whole(KIND),
            charged: fixed2(totals.charged + totals.recalculated),
            paid: fixed2(totals.paid),
            balance: fixed2(totals.balance),
        }),
    });
}
