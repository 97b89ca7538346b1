//! Where each account's rows are in a file left on disk (`account_index`, `ledger_index`): runs of
//! rows that follow one another in the file, so that a file sorted by account costs twelve bytes
//! per account, not eight per row, however many rows each account has.

use std::collections::HashMap;

/// Rows that follow one another in the file: the first one's byte offset and line, and how many
/// (blank lines between them are skipped, as when the file was read).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub offset: u32,
    pub line: u32,
    pub count: u32,
}

/// The runs of every account, by its place in `accounts.csv`. The first run of each account is
/// kept in one flat array; an account whose rows are scattered keeps the others aside.
#[derive(Debug, Default)]
pub struct Runs {
    first: Vec<Run>,
    more: HashMap<u32, Vec<Run>>,
    /// The account of the row read last, when that row was one of its runs' (a row of another
    /// account, or one that could not be used, ends every run).
    last: Option<usize>,
}

impl Runs {
    pub fn new(accounts: usize) -> Runs {
        Runs {
            first: vec![Run::default(); accounts],
            ..Runs::default()
        }
    }

    /// Adds a row of account `i` at `offset`, `line`, read right after the row `add` or `skip`
    /// was last told of.
    pub fn add(&mut self, i: usize, offset: u32, line: u32) {
        if i >= self.first.len() {
            self.first.resize(i + 1, Run::default());
        }
        let follows = self.last == Some(i);
        self.last = Some(i);
        let run = Run {
            offset,
            line,
            count: 1,
        };
        if self.first[i].count == 0 {
            self.first[i] = run;
            return;
        }
        let key = i as u32;
        let last = match self.more.get_mut(&key).and_then(|m| m.last_mut()) {
            Some(last) => last,
            None => &mut self.first[i],
        };
        if follows {
            last.count += 1;
        } else {
            self.more.entry(key).or_default().push(run);
        }
    }

    /// A row that belongs to no run (another table's, unreadable, or with an error): it ends the
    /// run being read.
    pub fn skip(&mut self) {
        self.last = None;
    }

    /// Account `i`'s runs, in file order, taken out (each account is read once).
    pub fn take(&mut self, i: usize) -> Vec<Run> {
        let Some(first) = self.first.get_mut(i).map(std::mem::take) else {
            return Vec::new();
        };
        if first.count == 0 {
            return Vec::new();
        }
        let mut runs = vec![first];
        runs.extend(self.more.remove(&(i as u32)).unwrap_or_default());
        runs
    }

    /// Account `i`'s runs, in file order, left in place.
    pub fn get(&self, i: usize) -> Vec<Run> {
        match self.first.get(i) {
            Some(first) if first.count > 0 => std::iter::once(*first)
                .chain(self.more.get(&(i as u32)).into_iter().flatten().copied())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(offset: u32, count: u32) -> Run {
        Run {
            offset,
            line: offset,
            count,
        }
    }

    #[test]
    fn rows_in_order_make_one_run_and_scattered_rows_several() {
        let mut runs = Runs::new(2);
        runs.add(0, 10, 10);
        runs.add(0, 11, 11);
        runs.add(0, 12, 12);
        runs.add(1, 13, 13);
        runs.add(0, 14, 14);
        runs.skip();
        runs.add(0, 16, 16);
        runs.add(1, 17, 17);
        runs.add(1, 18, 18);
        assert_eq!(runs.get(0).iter().map(|r| r.count).sum::<u32>(), 5);
        assert_eq!(runs.get(1), vec![run(13, 1), run(17, 2)]);
        assert_eq!(runs.take(0), vec![run(10, 3), run(14, 1), run(16, 1)]);
        assert!(runs.take(0).is_empty(), "an account is taken once");
        assert_eq!(runs.take(1).len(), 2);
        assert!(runs.take(7).is_empty());
    }
}
