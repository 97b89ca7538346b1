//! The debtors' table's query: search, filters, sorting and the page; a batch takes the same filter.

use super::index::Row;

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

/// Rows on a page of the debtors' table.
pub const PAGE_ROWS: usize = 50;

impl Filter {
    /// Whether a row is kept: the words lowered and the sums read once, not for each row.
    pub fn keeper(&self) -> impl Fn(&Row) -> bool + '_ {
        let q = self.q.trim().to_lowercase();
        let amount = |s: &str| crate::money::parse_amount(s.trim()).ok();
        let (min, max) = (amount(&self.min), amount(&self.max));
        move |r: &Row| {
            let found = q.is_empty()
                || r.account.to_lowercase().contains(&q)
                || r.debtors.to_lowercase().contains(&q)
                || r.address.to_lowercase().contains(&q);
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

    /// The rows kept, sorted, and the page asked for.
    pub fn apply<'r>(&self, rows: &'r [Row]) -> (usize, Vec<&'r Row>) {
        let keeps = self.keeper();
        let mut kept: Vec<&Row> = rows.iter().filter(|r| keeps(r)).collect();
        match self.sort.as_str() {
            "total" => kept.sort_by_key(|r| r.total),
            "penalty" => kept.sort_by_key(|r| r.penalty),
            "overdue" => kept.sort_by_key(|r| r.overdue),
            "debtors" => kept.sort_by(|a, b| a.debtors.cmp(&b.debtors)),
            "earliest" => kept.sort_by_key(|r| r.earliest),
            "stage" => kept.sort_by(|a, b| a.stage_label.cmp(&b.stage_label)),
            _ => {}
        }
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

/// What the filters offer: each stage, next step and court the rows have (code and title).
#[derive(serde::Serialize)]
pub struct Choices {
    pub stages: Vec<(String, String)>,
    pub nexts: Vec<(String, String)>,
    pub courts: Vec<(String, String)>,
}

impl Choices {
    pub fn of(rows: &[Row]) -> Choices {
        let choices = |f: fn(&Row) -> (String, String)| {
            let mut all: Vec<(String, String)> =
                rows.iter().map(f).filter(|c| !c.0.is_empty()).collect();
            all.sort();
            all.dedup();
            all
        };
        let mut stages = choices(|r| (r.stage.clone(), r.stage_label.clone()));
        stages.sort_by_key(|(code, _)| crate::portfolio::labels::stage_order(code));
        let mut courts = choices(|r| (r.court.clone(), r.court_name.clone()));
        if rows
            .iter()
            .any(|r| r.court.is_empty() && r.refused.is_none())
        {
            courts.push(("none".into(), crate::portfolio::labels::court_name(&[], "")));
        }
        Choices {
            stages,
            nexts: choices(|r| (r.next.clone(), r.next_title.clone())),
            courts,
        }
    }
}
