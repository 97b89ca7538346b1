//! `vzysk generate WS --as-of DATE --docs KINDS -o OUT.zip` — the documents, in one archive.
//!
//! Usage: `vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip`
//!
//! `--docs auto` (the default) makes for each account what its next step needs (`vzysk plan`);
//! `all` tries every kind, each refusing where its legal preconditions fail. Court papers go to
//! `courts/<court>/<account>_<surname>/`, enforcement papers to `bank/` and `fssp/<department>/`,
//! notices, warnings and agreements to their own folders, SMS and call lists to `sms/sms.csv` and
//! `calls/calls.csv`; `manifest.json` lists every file with its SHA-256, pages and sums, and
//! `errors.csv` everything not made, with the reason. The archive is written to a temporary file
//! beside OUT and renamed into place only when complete. Problems that make every document wrong (a
//! bad workspace file, a broken template, a missing claimant field) stop the run before anything is
//! written. Exit status 1 when a document failed to render.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

mod args;
mod output;
pub mod pipeline;

pub use args::Args;
pub use output::Outcome;
pub use pipeline::{Made, Progress, Report, generate};

/// `vzysk generate`: the pipeline, its progress printed (a bar on a terminal; with
/// `--progress-lines`, a line each half second for a program), and what it made said.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    let lines = args.progress_lines;
    let report: Report = Arc::new(move |p| match p {
        // A line for a program, not for a person: the same in both languages.
        Progress::Accounts { done, total } if lines => say!("vzysk: progress {done}/{total}"),
        Progress::Accounts { .. } => {}
        Progress::Said(line) => say!("{line}"),
    });
    match generate(&args, &report) {
        Ok(Made::Archive(made)) => Ok(say_made(&args, &made, started)),
        Ok(Made::Jobs(n)) => {
            let shown = args
                .jobs_dir
                .as_deref()
                .unwrap_or(&args.target.workspace)
                .display();
            say!(
                "vzysk: {}",
                crate::tr!(
                    "generate.jobs_written",
                    "заданий на отрисовку документов: {n}, в папке {shown}",
                    "{n} documents' jobs in {shown}"
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            if let Some(why) = &failure.why {
                say!("vzysk: {why}");
            }
            Ok(failure.code)
        }
    }
}

/// Says what the run made, and how fast; exit status 1 when a document failed to render.
fn say_made(args: &Args, made: &Outcome, started: Instant) -> ExitCode {
    let secs = started.elapsed().as_secs_f64();
    let out = args
        .out
        .as_ref()
        .or(args.out_dir.as_ref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let (files, refused) = (made.files, made.refused.len());
    let rate = made.files as f64 / secs.max(1e-9);
    let comma = |x: f64| format!("{x:.1}").replace('.', ",");
    let (secs_ru, rate_ru) = (comma(secs), comma(rate));
    say!(
        "vzysk: {}",
        crate::tr!(
            "generate.summary",
            "файлов в {out}: {files}; не составлено документов: {refused} (причины — в errors.csv); {secs_ru} с, {rate_ru} док./с",
            "{files} files in {out}; {refused} not made (errors.csv); {secs:.1} s, {rate:.1} documents/s"
        )
    );
    if made.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
