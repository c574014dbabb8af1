//! `densing`: thin entry point. Errors print one line and exit with status 2.

use clap::Parser;
use densing::cli::{Cli, run};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("error: bad command line");
            eprintln!("{first} (see densing --help)");
            return ExitCode::from(2);
        }
    };
    #[cfg(feature = "app")]
    if cli.command.is_none() {
        let size = match cli
            .size
            .as_deref()
            .map(densing::cli::parse_size)
            .transpose()
        {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        match cli.view.as_deref() {
            None => {}
            Some("iso") => densing::app::iso_view::start_on_iso(),
            Some("lineage") => densing::app::overlays::start_on_lineage(),
            Some(other) => {
                eprintln!(
                    "error: --view: '{other}' is not a view to open on (expected iso or lineage)"
                );
                return ExitCode::from(2);
            }
        }
        let family = match cli.reference.as_deref().map(|r| r.strip_prefix("family:")) {
            None => None,
            Some(Some(spec)) => Some(spec.to_string()),
            Some(None) => {
                eprintln!(
                    "error: --reference: the window takes family:PATTERN here (open a ladder folder with --open DIR)"
                );
                return ExitCode::from(2);
            }
        };
        let breakpoint = match cli.breakpoint.as_deref().map(densing::cli::parse_date) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        use densing::analysis::filters::{DatesFrom, ModelFilter};
        let dates_from = match cli.dates_from.as_deref() {
            None => None,
            Some(d) => match DatesFrom::parse(d) {
                Some(d) => Some(d),
                None => {
                    eprintln!(
                        "error: --dates-from: '{d}' is not a choice (expected upload, submission or release)"
                    );
                    return ExitCode::from(2);
                }
            },
        };
        let only = match cli.only.iter().map(|w| ModelFilter::parse(w)).collect() {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: --only: {e}");
                return ExitCode::from(2);
            }
        };
        densing::app::startup::start_with(densing::app::startup::Startup {
            task: cli.task.clone(),
            family,
            breakpoint,
            dates_from,
            only,
        });
        let mut paths = cli.paths;
        paths.extend(cli.open);
        if let Some(p) = paths.iter().find(|p| !p.exists()) {
            eprintln!(
                "error: {}: no such file or folder (expected a table, a results file, a data folder or a session; or a subcommand, see densing --help)",
                p.display()
            );
            return ExitCode::from(2);
        }
        return match densing::app::run(cli.screenshot, size, paths) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    match run(cli) {
        Ok(out) => {
            let _ = std::io::stdout().write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
