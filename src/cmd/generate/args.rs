//! `vzysk generate`'s arguments: what a batch is asked for, on the command line or by the
//! workbench (which fills the same flags).

use crate::cmd::common::Target;
use std::path::PathBuf;

/// Generate documents into a ZIP archive.
#[derive(clap::Args)]
#[command(
    after_help = "Example: vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip"
)]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    /// Document kinds, comma-separated (the registry's: `docs::kinds`); or auto (what each
    /// account's next step needs) or all.
    #[arg(long, value_delimiter = ',', default_value = "auto", help = crate::docs::kinds::with_kinds(
        "Document kinds, comma-separated: {kinds}; or auto (what each account's next step needs) or all."
    ))]
    pub docs: Vec<String>,
    /// The archive to write.
    #[arg(
        short = 'o',
        long = "out",
        required_unless_present_any = ["out_dir", "jobs_dir"],
        conflicts_with = "out_dir"
    )]
    pub out: Option<PathBuf>,
    /// Write the same layout into this folder instead of a ZIP (it must not exist yet).
    #[arg(long, value_name = "FOLDER")]
    pub out_dir: Option<PathBuf>,
    /// No progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    pub quiet: bool,
    /// Benchmark aid: write the composed templates and each document's data into this folder
    /// instead of rendering (see `benches/routes.sh`).
    #[arg(long, value_name = "FOLDER", hide = true)]
    pub jobs_dir: Option<PathBuf>,
    /// Renderer processes to run side by side (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Render in this process (threads) instead of renderer processes: slower, for debugging.
    #[arg(long)]
    pub in_process: bool,
    /// A trial run, never for sending: its numbers (ШПИ, outgoing, payment orders) follow the
    /// journal only, and are not reserved in the workspace's register (`.vzysk/issued.csv`).
    #[arg(long)]
    pub trial: bool,
    /// For a program that runs generate (`vzysk serve`): a line `vzysk: progress N/M` on stderr
    /// each half second while accounts are decided.
    #[arg(long, hide = true)]
    pub progress_lines: bool,
}
