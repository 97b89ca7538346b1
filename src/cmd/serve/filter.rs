//! The debtors' table's query: search, filters, sorting and the page; a batch takes the same filter.

use super::index::Row;

/// The debtors' table's query: search, filters, sorting, page.
#[derive(serde::Deserialize, Default, Clone)]
pub struct Filter {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub next: String,
    #[serde(default)]
    pub court: String,
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub max: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub desc: Option<String>,
    #[serde(default)]
    pub page: Option<usize>,
    /// A search kept by the server (see [`super::state::Views`]): the address carries its id, never
    /// the words searched (a name, an address).
    #[serde(default)]
    pub view: Option<String>,
    /// The form's CSRF token (a search is posted).
    #[serde(default)]
    pub csrf: String,
}

/// Rows on a page of the debtors' table.
pub const PAGE_ROWS: usize = 50;

impl Filter {
    pub fn keeps(&self, r: &Row) -> bool {
        let q = self.q.trim().to_lowercase();
        let found = q.is_empty()
            || r.account.to_lowercase().contains(&q)
            || r.debtors.to_lowercase().contains(&q)
            || r.address.to_lowercase().contains(&q);
        let amount = |s: &str| crate::money::parse_amount(s.trim()).ok();
        found
            && (self.stage.is_empty() || r.stage == self.stage)
            && (self.next.is_empty() || r.next == self.next)
            && match self.court.as_str() {
                "" => true,
                // The accounts no court serves («Суд не определён»).
                "none" => r.court.is_empty() && r.refused.is_none(),
                court => r.court == court,
            }
            && amount(&self.min).is_none_or(|m| r.total >= m)
            && amount(&self.max).is_none_or(|m| r.total <= m)
    }

    /// The rows kept, sorted, and the page asked for.
    pub fn apply<'r>(&self, rows: &'r [Row]) -> (usize, Vec<&'r Row>) {
        let mut kept: Vec<&Row> = rows.iter().filter(|r| self.keeps(r)).collect();
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
