//! The entry that says all about a document kind (`Kind`): one per kind, kept in the file that
//! builds it (`notice.rs` holds `NOTICE`) and listed by the registry (`kinds.rs`).

use super::batch::Batch;
use super::kind::{Category, Part, Role};
use super::settings::Settings;
use crate::ladder::Step;
use crate::law::authority::Power;
use crate::law::case::Case;
use crate::law::gates::Gate;
use crate::model::EventKind;

/// One kind of document: everything vzysk knows of it, in one place.
pub struct Kind {
    /// Its name for `--docs` and in the manifest (`court-order`).
    pub name: &'static str,
    /// What it is, in Russian, as a list of documents names it.
    pub title: &'static str,
    /// What it is, in a line: in Russian, and in English.
    pub about: (&'static str, &'static str),
    /// The archive's top folder for its files.
    pub folder: &'static str,
    pub role: Role,
    /// Addressed to the debtor in person, reaching or binding him (an SMS, a call, an agreement):
    /// never to a minor, nor to his representative in his stead (`law::capacity`).
    pub personal: bool,
    /// The templates it renders (`templates list` shows who uses each).
    pub templates: &'static [&'static str],
    /// What the case's history must allow (`law::gates`).
    pub gate: &'static Gate,
    /// The ladder step it serves (`generate --docs auto` makes it when that step is next).
    pub serves: Option<Step>,
    /// The powers its signatory needs (`law::authority`): `None` for what is not signed at all.
    pub powers: Option<&'static [Power]>,
    /// The event its document starts in the journal (a letter sent, a filing filed), and which of
    /// its documents does (`None`: each).
    pub starts: Option<(EventKind, Option<Part>)>,
    /// How its letters go by post (Form 103); `None` for what is never posted (a list, an act
    /// handed over on the spot, the batch's own papers).
    pub post: Option<Category>,
    /// Adds its documents for one account to the batch, or its refusals (`None`: the batch papers,
    /// made from the batch's documents).
    pub build: Option<fn(&Settings, &Case, &mut Batch)>,
}
