//! The command line: one file per subcommand, each with its usage at the top; `common.rs` holds
//! what several share (the workspace and date a command works on, printing).

pub mod calc;
pub mod check;
pub mod clap_ru;
pub mod generate;
pub mod init;
pub mod plan;
mod progress;
pub mod record;
pub mod render_worker;
pub mod report;
pub mod serve;
pub mod synth;
pub mod templates;

pub mod common;
pub mod help_ru;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "vzysk",
    version,
    about = "Utility-debt records in, enforcement documents out: exact penalties, duty and court packages",
    after_help = "Start with `vzysk check samples/ruza`, then `vzysk calc samples/ruza --as-of 2026-11-27`."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of every message: ru (default) or en; else VZYSK_LANG.
    #[arg(long, global = true, value_name = "ru|en", value_parser = ["ru", "en"])]
    lang: Option<String>,
}

/// The language asked for: `--lang X` or `--lang=X` anywhere on the line (read before clap, so
/// that its help is in that language too), else `VZYSK_LANG`, else Russian.
fn chosen_language() -> crate::lang::Lang {
    use crate::lang::Lang;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let given = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).cloned(),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        });
    given
        .or_else(|| std::env::var(crate::lang::ENV).ok())
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(Lang::Ru)
}

#[derive(Subcommand)]
enum Command {
    Init(init::Args),
    Check(check::Args),
    Calc(calc::Args),
    Plan(plan::Args),
    Generate(generate::Args),
    Record(record::Args),
    Report(report::Args),
    Serve(serve::Args),
    Synth(synth::Args),
    Templates(templates::Args),
    /// Prints a shell completion script: `vzysk completions bash > /etc/bash_completion.d/vzysk`.
    #[command(after_help = "Example: source <(vzysk completions bash)")]
    Completions {
        shell: clap_complete::Shell,
    },
    #[command(hide = true)]
    RenderWorker(render_worker::Args),
}

/// The command line in the run's language: in Russian, its help, headings and usage errors are
/// Russian (`clap_ru`, with the words of `help_ru`); in English, clap's own.
fn command() -> clap::Command {
    use clap::CommandFactory;
    match crate::lang::current() {
        crate::lang::Lang::Ru => clap_ru::russian(Cli::command()),
        crate::lang::Lang::En => Cli::command(),
    }
}

pub fn main() -> ExitCode {
    crate::lang::set(chosen_language());
    let cli = match crate::lang::current() {
        crate::lang::Lang::En => Cli::parse(),
        crate::lang::Lang::Ru => {
            use clap::CommandFactory;
            match clap_ru::parse::<Cli>(Cli::command()) {
                Ok(cli) => cli,
                Err(code) => return code,
            }
        }
    };
    let result = match cli.command {
        Command::Init(a) => init::run(a),
        Command::Check(a) => check::run(a),
        Command::Calc(a) => calc::run(a),
        Command::Plan(a) => plan::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Record(a) => record::run(a),
        Command::Report(a) => report::run(a),
        Command::Serve(a) => serve::run(a).map_err(|e| e.to_string()),
        Command::Synth(a) => synth::run(a),
        Command::Templates(a) => templates::run(a),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "vzysk", &mut script);
            common::print(&String::from_utf8_lossy(&script)).map(|()| ExitCode::SUCCESS)
        }
        Command::RenderWorker(a) => render_worker::run(a),
    };
    // Usage errors exit 2 where they are found (clap's own, an unknown kind); anything else that
    // stops a command (a file that cannot be written, a full disk) exits 1, as the README says.
    match result {
        Ok(code) => code,
        Err(e) => {
            say!("vzysk: {e}");
            ExitCode::FAILURE
        }
    }
}
