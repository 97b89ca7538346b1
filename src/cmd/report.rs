//! `vzysk report WS --as-of DATE -o report.pdf` — the portfolio for the principal and the head of
//! the legal department (`portfolio`): accounts and sums by stage and by court, the debt by age and
//! its movement in a month, what each step achieved, the month's filings and the duty, the trend.
//!
//! Usage: `vzysk report samples/ruza --as-of 2026-11-27 -o report.pdf [--format pdf|csv|json]`
//!
//! CSV and JSON carry the same figures as the PDF and go to standard output without `-o`. The
//! accounts stream one at a time, as in `calc`: memory does not grow with the portfolio.

use super::common::{Target, each_account};
use crate::archive::guard;
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::portfolio::{self, Portfolio, Seen, output};
use crate::render::compose::Composer;
use crate::render::pool::{Composed, OwnedJob, Worker};
use crate::templates;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Csv,
    Json,
}

/// Report on the portfolio: stages, courts, ageing, what each step achieved, the duty.
#[derive(clap::Args)]
#[command(after_help = "Example: vzysk report samples/ruza --as-of 2026-11-27 -o report.pdf")]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: ReportFormat,
    /// The file to write (required for a PDF; CSV and JSON go to standard output without it).
    #[arg(short = 'o', long = "out")]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.target.as_of();
    if args.format == ReportFormat::Pdf && args.out.is_none() {
        say!(
            "vzysk: {}",
            crate::tr!(
                "report.needs_out",
                "для отчёта в PDF нужен -o ФАЙЛ.pdf (или --format csv|json)",
                "a PDF report needs -o FILE.pdf (or --format csv|json)"
            )
        );
        return Ok(ExitCode::from(2));
    }
    let refusal = crate::tr!("report.refused", "отчёт не составлен", "no report");
    let (mut ws, errors) = match args.target.load_indexed(&refusal) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    if let Some(out) = &args.out {
        let inputs = crate::workspace::input_paths(&args.target.workspace, &ws.config);
        if let Err(why) = guard::check(out, false, &inputs) {
            say!("vzysk: {}: {why}", super::common::nothing_written());
            return Ok(ExitCode::FAILURE);
        }
    }
    let config = ws.config.clone();
    let conv = &config.conventions;
    let mut p = Portfolio::new(as_of);
    each_account(&mut ws, &args.target, |account, with_errors| {
        if with_errors.is_some() {
            p.refused += 1;
            return Ok(());
        }
        let now = calculate_account(account, as_of, conv);
        let before = calculate_account(account, p.previous, conv);
        let case = Case::of(account, &now, &config.claiming);
        let stage = case.stage().name();
        let deadlines = crate::law::deadlines::deadlines(&case);
        let court = portfolio::court_of(account, &now, &config.courts);
        p.add(&Seen {
            account,
            now: &now,
            before: &before,
            stage,
            court: &court,
            calc_on: &|day| calculate_account(account, day, conv),
            deadlines: &deadlines,
        });
        Ok(())
    })?;
    // The PDF is a document, in Russian whatever the run's language; the figures' labels are the
    // run's.
    let lang = match args.format {
        ReportFormat::Pdf => crate::lang::Lang::Ru,
        _ => crate::lang::current(),
    };
    let court_name = |id: &str| portfolio::labels::court_name(&config.courts, id, lang);
    let report = output::json(&p, &court_name, lang);
    let bytes = match args.format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            text.push('\n');
            text.into_bytes()
        }
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(output::CSV_HEADER)
                .map_err(|e| e.to_string())?;
            for row in output::csv_rows(&report) {
                w.write_record(&row).map_err(|e| e.to_string())?;
            }
            w.into_inner().map_err(|e| e.to_string())?
        }
        ReportFormat::Pdf => match pdf(&args, &config, &report, as_of) {
            Ok(bytes) => bytes,
            Err(why) => {
                say!("vzysk: {}: {why}", super::common::nothing_written());
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    match &args.out {
        Some(out) => guard::write_whole(out, &bytes).map_err(|e| e.to_string())?,
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| super::common::output_failed(&e))?;
        }
    }
    if let Some(out) = &args.out {
        let (n, day, shown) = (p.total.accounts, crate::russian::date(as_of), out.display());
        say!(
            "vzysk: {}",
            crate::tr!(
                "report.done",
                "отчёт на {day} записан в {shown}; лицевых счетов в нём: {n}",
                "report on {n} accounts as of {day} in {shown}"
            )
        );
    }
    Ok(if errors > 0 || p.refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The report as a PDF: its template (the workspace's own where it has one) composed with the
/// organisation's values, rendered in a renderer process under the same budgets as documents.
fn pdf(
    args: &Args,
    config: &crate::workspace::config::Config,
    report: &serde_json::Value,
    as_of: chrono::NaiveDate,
) -> Result<Vec<u8>, String> {
    let dir = Some(args.target.workspace.join("templates")).filter(|d| d.is_dir());
    let composer = Composer::new(dir.clone());
    let context = crate::docs::org::org_context(config, None);
    let text = composer.compose(templates::REPORT, &context).map_err(|e| {
        let origin = Composer::origin(dir.as_deref(), templates::REPORT);
        crate::tr!(
            "report.template_failed",
            "шаблон {origin}: {e}",
            "template {origin}: {e}"
        )
        .to_string()
    })?;
    let mut view = output::view(report);
    // The date as documents print it (the partials every template includes read it).
    view["date"] = serde_json::json!(crate::russian::date(as_of));
    let data = serde_json::to_vec(&view).map_err(|e| e.to_string())?;
    let template = Composed {
        id: Composed::next_id(),
        name: templates::REPORT.to_string(),
        text,
    };
    let job = OwnedJob {
        ident: format!("vzysk/report/{as_of}"),
        data: data.into(),
        files: Vec::new(),
    };
    let mut worker = Worker::new(as_of, true);
    match worker.render(&template, &[job]).into_iter().next() {
        Some(Ok(pdf)) => Ok(pdf.bytes),
        Some(Err(e)) => Err(crate::tr!(
            "report.render_failed",
            "не удалось свёрстать отчёт: {e}",
            "the report could not be rendered: {e}"
        )
        .to_string()),
        None => Err(crate::render::pool::no_result()),
    }
}
