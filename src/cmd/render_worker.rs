//! `vzysk render-worker --as-of DATE` — not for people: the renderer process `generate` starts, one
//! per core. It reads templates and documents on stdin and answers with PDFs on stdout
//! (`render::pool` describes the protocol), and exits when its input closes.

use std::process::ExitCode;

/// The renderer process of `generate` (internal).
#[derive(clap::Args)]
pub struct Args {
    /// The date the documents are made on.
    #[arg(long, value_parser = super::common::parse_as_of)]
    pub as_of: chrono::NaiveDate,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    crate::render::pool::serve(args.as_of)
        .map(|()| ExitCode::SUCCESS)
        .map_err(|e| {
            crate::tr!(
                "render_worker.failed",
                "процесс отрисовки (render-worker): {e}",
                "render-worker: {e}"
            )
            .to_string()
        })
}
