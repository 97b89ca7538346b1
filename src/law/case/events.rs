//! Finding events: the newest of some kinds, and which of two is newer. An event is newer by its
//! date, then by its line in `events.csv` (two events of one day keep the order they were written in).

use crate::model::{Event, EventKind};

/// Whether `a` is newer than `b`.
pub fn newer(a: &Event, b: &Event) -> bool {
    (a.date, a.line) > (b.date, b.line)
}

/// The newest event of these kinds.
pub fn latest<'a>(events: &'a [Event], kinds: &[EventKind]) -> Option<&'a Event> {
    events
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .max_by_key(|e| (e.date, e.line))
}

/// The newer of two events.
pub fn newest<'a>(a: Option<&'a Event>, b: Option<&'a Event>) -> Option<&'a Event> {
    match (a, b) {
        (Some(a), Some(b)) if newer(b, a) => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}
