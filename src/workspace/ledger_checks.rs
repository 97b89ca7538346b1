//! The checks of a ledger that need more than one row: a turnover sheet's opening balance, an
//! account paid but never charged, a ledger older than the run's day, and a row repeated exactly.

use super::parse;
use super::table::{self, Table};
use crate::diag::Diagnostic;
use crate::model::{Account, Entry};
use std::collections::HashMap;

/// A turnover sheet's first row of an account opens with the debt of months the sheet does not
/// give: it cannot be claimed by month, and is said, never dropped in silence.
fn opening_balance(
    t: &Table,
    row: &table::Row,
    turnover: bool,
    seen: &mut bool,
    diags: &mut Vec<Diagnostic>,
) {
    if !turnover || std::mem::replace(seen, true) {
        return;
    }
    let cell = t.cell(row, "opening");
    if let Ok(Some(opening)) = parse::amount(cell)
        && !opening.is_zero()
    {
        let account = t.cell(row, "account").text.unwrap_or("");
        let sum = crate::money::ru_with(opening, ' ');
        diags.push(
            cell.warning(
                crate::tr!(
                    "ledger.opening_balance",
                    "лицевой счёт {account} открывается сальдо {sum} за месяцы до начала ведомости; этого долга в ledger.csv нет",
                    "account {account} opens with a balance of {sum} from months before the sheet; it is not in the ledger"
                ),
                crate::tr!(
                    "ledger.opening_balance.fix",
                    "выгрузите и более ранние месяцы, чтобы долг можно было взыскать помесячно",
                    "export the earlier months too, so that the debt can be claimed month by month"
                ),
            )
            .account(account),
        );
    }
}

/// What the ledger showed of each account, for the checks that need more than one row: a turnover
/// sheet's opening balance (on an account's first row), payments without charges (at the end).
pub struct LedgerChecks {
    seen: Vec<bool>,
    charged: Vec<bool>,
    first_payment: Vec<Option<u32>>,
    /// The latest month charged in the whole ledger.
    last_charged: Option<crate::model::Period>,
}

/// The code of the warning that the ledger is older than the as-of date (printed by every
/// command, not only listed by `check`).
pub const STALE_LEDGER: &str = "ledger.stale";

impl LedgerChecks {
    pub fn new(accounts: usize) -> LedgerChecks {
        LedgerChecks {
            seen: vec![false; accounts],
            charged: vec![false; accounts],
            first_payment: vec![None; accounts],
            last_charged: None,
        }
    }

    /// Account number `i`'s good `row`, read as `entries`.
    pub fn add(
        &mut self,
        t: &Table,
        row: &table::Row,
        turnover: bool,
        i: usize,
        entries: &[Entry],
        diags: &mut Vec<Diagnostic>,
    ) {
        opening_balance(t, row, turnover, &mut self.seen[i], diags);
        for e in entries {
            match e {
                Entry::Charge(c) => {
                    self.charged[i] = true;
                    self.last_charged = self.last_charged.max(Some(c.period));
                }
                Entry::Payment(p) => {
                    self.first_payment[i].get_or_insert(p.line);
                }
            }
        }
    }

    /// An account with payments and no charge at all: its money can only show as an overpayment.
    /// A ledger whose last charged month is older than the month before the as-of date was not
    /// exported again: every sum «на» that date would miss the later charges.
    pub fn report(
        &self,
        t: &Table,
        as_of: Option<chrono::NaiveDate>,
        id: &dyn Fn(usize) -> String,
        diags: &mut Vec<Diagnostic>,
    ) {
        if let (Some(last), Some(as_of)) = (self.last_charged, as_of) {
            let due = crate::model::Period::of(as_of).prev();
            if last < due {
                let (last_ru, due_ru, as_of) = (
                    crate::russian::month(last),
                    crate::russian::month(due),
                    crate::russian::date(as_of),
                );
                diags.push(Diagnostic::warning(
                    &t.file,
                    crate::tr!(
                        "ledger.stale",
                        "последний месяц с начислениями в ledger.csv ({last_ru}) раньше, чем {due_ru} (месяц перед датой расчёта {as_of}): в суммах этого запуска нет более поздних начислений",
                        "the ledger's last charged month is {last}, older than {due} (the month before the as-of date {as_of}): the sums of this run miss the later charges"
                    ),
                    crate::tr!(
                        "ledger.stale.fix",
                        "выгрузите ledger.csv из биллинговой системы заново перед запуском",
                        "export the ledger from billing again (re-import) before the run"
                    ),
                ));
            }
        }
        for (i, (charged, first_payment)) in
            self.charged.iter().zip(&self.first_payment).enumerate()
        {
            if let (false, Some(line)) = (*charged, *first_payment) {
                let id = id(i);
                diags.push(
                    Diagnostic::warning(
                        &t.file,
                        crate::tr!(
                            "ledger.payments_without_charges",
                            "по лицевому счёту {id} есть оплаты, но нет начислений: оплаты будут показаны как переплата",
                            "account {id} has payments but no charges: they show as an overpayment"
                        ),
                        crate::tr!(
                            "ledger.payments_without_charges.fix",
                            "выгрузите и начисления по этому лицевому счёту",
                            "export the account's charges too"
                        ),
                    )
                    .at(line.into())
                    .account(&id),
                );
            }
        }
    }
}

/// An exact repeat of a ledger row (the same charge or payment, every cell alike) is counted twice:
/// it may be a real second payment of the same sum on the same day, or an export run twice. Said
/// at the repeat's line, never dropped.
pub(super) fn repeated_rows(file: &str, account: &Account, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for entry in &account.ledger {
        let (line, key) = match entry {
            Entry::Charge(c) => (
                c.line,
                format!(
                    "c|{}|{}|{:?}|{:?}|{:?}|{:?}",
                    c.period, c.amount, c.date, c.service, c.due_date, c.reference
                ),
            ),
            Entry::Payment(p) => (
                p.line,
                format!(
                    "p|{}|{}|{:?}|{:?}|{:?}",
                    p.date, p.amount, p.period, p.service, p.reference
                ),
            ),
        };
        if let Some(first) = seen.insert(key, line) {
            diags.push(
                Diagnostic::warning(
                    file,
                    crate::tr!(
                        "ledger.repeated_row",
                        "та же строка, что и строка {first}: учитываются обе",
                        "the same row as line {first}: both are counted"
                    ),
                    crate::tr!(
                        "ledger.repeated_row.fix",
                        "удалите повтор, если выгрузка прошла дважды; оставьте, если это второе начисление или вторая оплата",
                        "remove the repeat if the export ran twice; keep it if it is a second charge or payment"
                    ),
                )
                .at(u64::from(line))
                .account(&account.id),
            );
        }
    }
}
