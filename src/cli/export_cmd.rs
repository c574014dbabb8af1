//! `densing export`: a view as SVG/PNG (the same chart the window draws) or a table as
//! CSV/JSON (the same numbers `densing report` prints).

use super::analysis_args::{AnalysisArgs, inputs};
use super::{CliError, parse_size, report_bootstrap};
use crate::chart::{self, Chart};
use crate::io::{Table, TableFormat, WriteError, write_table};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ExportArgs {
    /// loss | sigmoid | inversion | density | iso | all (with all, --out is a folder; iso:
    /// the model-free check at its default thresholds, not part of all)
    #[arg(long, value_name = "VIEW")]
    pub chart: Option<String>,
    /// models | fits | regression
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,
    /// svg | png for a chart, csv | json for a table [default: from --out's extension]
    #[arg(long)]
    pub format: Option<String>,
    /// Chart size in pixels, e.g. 1200x800 [default: 1200x800]
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Pixel density of a PNG, e.g. 2 for print [default: 1]
    #[arg(long, value_name = "X")]
    pub scale: Option<f32>,
    /// The file to write (a folder with --chart all)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Draw bootstrap 95% bands from N replicates on the loss, sigmoid and density charts
    #[arg(long, value_name = "N")]
    pub bootstrap: Option<usize>,
    /// Seed of the bootstrap's resamples
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    // The density chart's overlays (issue 21 items 2 and 4).
    /// Draw the paper's published doubling times (arXiv 97 d, journal 106 d) as dashed lines
    /// through the frontier's centre on the density chart
    #[arg(long)]
    pub published_slopes: bool,
    /// Draw an arrow from each parent to its child on the density chart (densing lineage)
    #[arg(long)]
    pub lineage_arrows: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// The four views, in the window's order.
const VIEWS: [&str; 4] = ["loss", "sigmoid", "inversion", "density"];

enum What {
    Charts(Vec<&'static str>, bool),
    Table(Table),
}

fn usage(msg: impl Into<String>) -> CliError {
    CliError::Usage(msg.into())
}

/// An export failure as the command line's one-line write error.
pub(super) fn written(e: WriteError) -> CliError {
    let path = e.path().display().to_string();
    let reason = match &e {
        WriteError::Io { source, .. } => source.to_string(),
        other => {
            let full = other.to_string();
            full.strip_prefix(&format!("{path}: "))
                .unwrap_or(&full)
                .to_string()
        }
    };
    CliError::Write { path, reason }
}

/// Checks the arguments before any data is read or fitted.
fn what(args: &ExportArgs) -> Result<What, CliError> {
    match (&args.chart, &args.table) {
        (Some(_), Some(_)) => Err(usage("give --chart or --table, not both")),
        (None, None) => Err(usage(
            "nothing to export: give --chart loss|sigmoid|inversion|density|all or --table models|fits|regression",
        )),
        (Some(c), None) => match c.as_str() {
            "all" => Ok(What::Charts(VIEWS.to_vec(), true)),
            v => VIEWS
                .iter()
                .chain(std::iter::once(&"iso"))
                .find(|x| **x == v)
                .map(|x| What::Charts(vec![*x], false))
                .ok_or_else(|| {
                    usage(format!(
                        "--chart: '{c}' is not a view (expected loss, sigmoid, inversion, density, iso or all)"
                    ))
                }),
        },
        (None, Some(t)) => match t.as_str() {
            "models" => Ok(What::Table(Table::Models)),
            "fits" => Ok(What::Table(Table::Fits)),
            "regression" => Ok(What::Table(Table::Regression)),
            _ => Err(usage(format!(
                "--table: '{t}' is not a table (expected models, fits or regression)"
            ))),
        },
    }
}

/// The format: `--format`, else the extension of `--out` (not for a folder).
fn format_of(
    args: &ExportArgs,
    out: &Path,
    folder: bool,
    allowed: [&str; 2],
) -> Result<String, CliError> {
    let format = match &args.format {
        Some(f) => f.to_lowercase(),
        None if !folder => out
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default(),
        None => String::new(),
    };
    if allowed.contains(&format.as_str()) {
        Ok(format)
    } else if args.format.is_none() && !format.is_empty() {
        Err(usage(format!(
            "--out: '.{format}' is not {} or {} (give --format)",
            allowed[0], allowed[1]
        )))
    } else if args.format.is_none() {
        Err(usage(format!(
            "--format: needed ({} or {}); it could not be told from --out",
            allowed[0], allowed[1]
        )))
    } else {
        Err(usage(format!(
            "--format: '{format}' does not fit here (expected {} or {})",
            allowed[0], allowed[1]
        )))
    }
}

/// Runs `densing export` and returns what to print (the files written, one a line).
pub fn export(args: &ExportArgs) -> Result<String, CliError> {
    let what = what(args)?;
    let out = args
        .out
        .clone()
        .ok_or_else(|| usage("--out: needed (the file to write, or a folder with --chart all)"))?;
    let size = match &args.size {
        Some(s) => {
            let (w, h) = parse_size(s)?;
            (w.round() as u32, h.round() as u32)
        }
        None => (1200, 800),
    };
    let scale = args.scale.unwrap_or(1.0);
    if !(scale.is_finite() && (0.25..=8.0).contains(&scale)) {
        return Err(usage(format!(
            "--scale: {scale} is out of range (expected 0.25 to 8)"
        )));
    }
    if args.bootstrap.is_some() && matches!(what, What::Table(_)) {
        return Err(usage(
            "--bootstrap: draws bands on charts; give it with --chart (report --json --bootstrap gives the intervals)",
        ));
    }
    let format = match &what {
        What::Charts(_, folder) => format_of(args, &out, *folder, ["svg", "png"])?,
        What::Table(_) => format_of(args, &out, false, ["csv", "json"])?,
    };
    if let What::Charts(_, true) = what
        && !out.is_dir()
    {
        return Err(usage(format!(
            "--out: '{}' is not a folder (with --chart all, --out names the folder for the four files)",
            out.display()
        )));
    }

    let mut loaded = inputs(&args.analysis)?;
    loaded.options.published_slopes |= args.published_slopes;
    loaded.options.lineage_arrows |= args.lineage_arrows;
    // As `report --bootstrap`: laws given as constants hold, only the models resample.
    let boot = report_bootstrap::run(
        args.bootstrap,
        args.seed,
        args.analysis.params.is_none(),
        &loaded,
    )?;
    let (options, inputs) = (&loaded.options, loaded.charts());

    let mut done = String::new();
    match what {
        What::Table(table) => {
            let f = if format == "csv" {
                TableFormat::Csv
            } else {
                TableFormat::Json
            };
            write_table(table, f, inputs, &out).map_err(written)?;
            done.push_str(&format!("{}\n", out.display()));
        }
        What::Charts(views, folder) => {
            // The task the loss and sigmoid views show, as in the window.
            let task = options.view_task();
            for view in views {
                let mut c: Chart = match view {
                    "loss" => chart::loss_chart(inputs, &task),
                    "sigmoid" => chart::sigmoid_chart(inputs, &task),
                    "inversion" => chart::inversion_chart(inputs),
                    "iso" => chart::iso_chart(inputs, &[]),
                    _ => chart::density_chart(inputs),
                };
                if let Some(u) = &boot {
                    chart::add_bands(&mut c, view, u, &loaded.dataset, options, &task);
                }
                // A session's zoom and hidden series, as the window showed them.
                let c = match loaded.views.get(view) {
                    Some(v) => c.with_view(v),
                    None => c,
                };
                let path = if folder {
                    out.join(format!("{view}.{format}"))
                } else {
                    out.clone()
                };
                if format == "svg" {
                    crate::io::write_svg(&c, size, &path)
                } else {
                    crate::io::write_png(&c, size, scale, &path)
                }
                .map_err(written)?;
                done.push_str(&format!("{}\n", path.display()));
            }
        }
    }
    Ok(done)
}
