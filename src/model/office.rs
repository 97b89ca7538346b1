//! The offices papers go to, as `vzysk.toml` names them: courts (a magistrate's precinct or a
//! district court) and bailiff departments, with the addresses each serves.

use serde::{Deserialize, Serialize};

/// Which court: a magistrate (court orders, claims up to the magistrate's limit) or a district court.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtKind {
    Magistrate,
    District,
}

impl CourtKind {
    /// Its name in `vzysk.toml` (`kind = "magistrate"`).
    pub fn name(self) -> &'static str {
        match self {
            CourtKind::Magistrate => "magistrate",
            CourtKind::District => "district",
        }
    }
}

/// A court (magistrate precinct or district court) or a bailiff department.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Office {
    pub id: String,
    /// `magistrate` or `district` for courts.
    pub kind: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    /// Address fragments this office serves; the first office with a fragment contained in the
    /// debtor's address (case-insensitive) is chosen.
    #[serde(default)]
    pub serves: Vec<String>,
    /// Details for paying the state duty to this court.
    pub duty: Option<DutyDetails>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DutyDetails {
    pub recipient: Option<String>,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub bank: Option<String>,
    pub bic: Option<String>,
    pub account: Option<String>,
    pub corr_account: Option<String>,
    pub kbk: Option<String>,
    pub oktmo: Option<String>,
}

impl Office {
    /// Whether this office is a court of `kind`.
    pub fn is(&self, kind: CourtKind) -> bool {
        self.kind.as_deref() == Some(kind.name())
    }
}
