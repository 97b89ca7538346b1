//! The debtors' table's query: search, filters, sorting and the page; a batch takes the same filter.

use super::index::{Orders, Row};

/// The debtors' table's query: search, filters, sorting, page.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filter {
    pub q: String,
    pub stage: String,
    pub next: String,
    pub court: String,
    pub min: String,
    pub max: String,
    pub sort: String,
    pub desc: Option<String>,
    pub page: Option<usize>,
    /// A search kept by the server (see [`super::state::Views`]): the address carries its id, never
    /// the words searched (a name, an address).
    pub view: Option<String>,
    /// The form's CSRF token (a search is posted).
    pub csrf: String,
}

/// The longest search kept (words, in characters) and the longest of its other fields (codes,
/// sums): a kept search is small, so the [`Views`](super::state::Views) hold at most a few megabytes.
pub const SEARCH_CHARS: usize = 200;
pub const FIELD_CHARS: usize = 64;

/// Rows on a page of the debtors' table.
pub const PAGE_ROWS: usize = 50;

impl Filter {
    /// Whether the search is small enough to keep: its words at most
    /// [`SEARCH_CHARS`], every other field at most
    /// [`FIELD_CHARS`] characters; the reason if not.
    pub fn bounded(&self) -> Result<(), crate::lang::Text> {
        if self.q.chars().count() > SEARCH_CHARS {
            return Err(crate::tr!(
                "serve.search.long",
                "Строка поиска длиннее {SEARCH_CHARS} знаков: ищите по части фамилии, адреса или по номеру счёта.",
                "The search is longer than {SEARCH_CHARS} characters: search by a part of a surname, an address or by the account number."
            ));
        }
        let fields = [
            &self.stage,
            &self.next,
            &self.court,
            &self.min,
            &self.max,
            &self.sort,
        ];
        if fields.iter().any(|f| f.chars().count() > FIELD_CHARS) {
            return Err(crate::tr!(
                "serve.filter.long",
                "Поле фильтра длиннее {FIELD_CHARS} знаков: выберите значение из списка.",
                "A filter's field is longer than {FIELD_CHARS} characters: choose a value from the list."
            ));
        }
        Ok(())
    }

    /// Whether a row is kept: the words lowered and the sums read once, not for each row.
    pub fn keeper(&self) -> impl Fn(&Row) -> bool + '_ {
        let q = self.q.trim().to_lowercase();
        let amount = |s: &str| crate::money::parse_amount(s.trim()).ok();
        let (min, max) = (amount(&self.min), amount(&self.max));
        move |r: &Row| {
            let found = q.is_empty() || r.words.contains(&q);
            found
                && (self.stage.is_empty() || r.stage == self.stage)
                && (self.next.is_empty() || r.next == self.next)
                && match self.court.as_str() {
                    "" => true,
                    // The accounts no court serves («Суд не определён»).
                    "none" => r.court.is_empty() && r.refused.is_none(),
                    court => r.court == court,
                }
                && min.is_none_or(|m| r.total >= m)
                && max.is_none_or(|m| r.total <= m)
        }
    }

    /// The rows kept, sorted (in an order made once, see [`Orders`]), and the page asked for.
    pub fn apply<'r>(&self, rows: &'r [Row], orders: &Orders) -> (usize, Vec<&'r Row>) {
        let keeps = self.keeper();
        let order = orders.of_key(&self.sort);
        let at = |i: &u32| &rows[*i as usize];
        let mut kept: Vec<&Row> = match order {
            Some(order) => order.iter().map(at).filter(|r| keeps(r)).collect(),
            None => rows.iter().filter(|r| keeps(r)).collect(),
        };
        if self.desc.is_some() {
            kept.reverse();
        }
        let total = kept.len();
        let page = self.page.unwrap_or(1).max(1);
        let start = (page - 1) * PAGE_ROWS;
        (
            total,
            kept.into_iter().skip(start).take(PAGE_ROWS).collect(),
        )
    }
}
