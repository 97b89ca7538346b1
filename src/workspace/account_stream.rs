//! The accounts of a read workspace taken out one at a time ([`Accounts`]), each with its ledger:
//! from the accounts read whole, or read again from their files when the workspace was loaded
//! indexed.

use super::account_index::AccountIndex;
use super::ledger_index::LedgerIndex;
use crate::model::Account;

/// The accounts of a read workspace, one at a time in the file's order, each with its ledger; read
/// again from their files when the workspace was loaded indexed, so that a run holds one account
/// at a time.
pub struct Accounts {
    pub(super) whole: std::vec::IntoIter<Account>,
    pub(super) index: Option<AccountIndex>,
    pub(super) ledger: Option<LedgerIndex>,
    /// Laid on each account taken out (`registers`).
    pub(super) registers: Option<std::sync::Arc<super::registers::Registers>>,
    pub(super) next: usize,
    pub(super) len: usize,
}

impl Accounts {
    /// The accounts as `accounts.csv` gives them, without the registers laid on (`check`
    /// compares the two).
    pub fn as_read(mut self) -> Accounts {
        self.registers = None;
        self
    }

    /// How many accounts there are.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the ledgers are read from the ledger's file account by account.
    pub fn ledger_indexed(&self) -> bool {
        self.ledger.is_some()
    }

    /// The account at place `i` of the file, looked up on its own (a server's card), before any
    /// [`Accounts::next_wanted`]; none past the end.
    pub fn at(&mut self, i: usize) -> Result<Option<Account>, String> {
        if i >= self.len || self.next > 0 {
            return Ok(None);
        }
        let mut account = match &mut self.index {
            Some(index) => index.get(i)?,
            None => match self.whole.as_slice().get(i) {
                Some(account) => account.clone(),
                None => return Ok(None),
            },
        };
        if let Some(ledger) = &mut self.ledger {
            account.ledger = ledger.get(i)?;
        }
        if let Some(r) = &self.registers {
            r.apply(&mut account, &mut Vec::new());
        }
        Ok(Some(account))
    }

    /// The next account whose number `wanted` accepts, with its ledger; `None` after the last.
    pub fn next_wanted(
        &mut self,
        wanted: &dyn Fn(&str) -> bool,
    ) -> Result<Option<Account>, String> {
        while self.next < self.len {
            let i = self.next;
            self.next += 1;
            if i % 500 == 499 {
                // The accounts done with are dropped: let their memory go.
                crate::memory::release_free_memory();
            }
            let mut account = match &mut self.index {
                Some(index) => match index.take(i)? {
                    account if wanted(&account.id) => account,
                    _ => continue,
                },
                None => match self.whole.next() {
                    Some(account) if wanted(&account.id) => account,
                    Some(_) => continue,
                    None => break,
                },
            };
            if let Some(ledger) = &mut self.ledger {
                account.ledger = ledger.take(i)?;
            }
            // What `check` says of them it says from the account as read (`registers::check`).
            if let Some(r) = &self.registers {
                r.apply(&mut account, &mut Vec::new());
            }
            return Ok(Some(account));
        }
        Ok(None)
    }
}
