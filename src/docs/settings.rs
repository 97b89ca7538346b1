//! What every document builder reads besides the case: the workspace's settings and the run's
//! templates (for the plain-text outputs, rendered per debtor).

use crate::render::compose::Composer;
use crate::workspace::config::Config;

pub struct Settings<'a> {
    pub config: &'a Config,
    pub composer: &'a Composer,
}
