//! The parameter panel: task and options, every fit parameter as a drag value and a
//! slider, the fit buttons. Widgets only read the state and push commands.

use super::commands::{Command, FitWhat, Param};
use super::state::AppState;
use crate::analysis::{Aggregate, Basis, BreakpointFrontier, FrontierRule, PointLabels};
use crate::data::{AVERAGE, BENCHMARKS, tasks_present};
use crate::format::format_count;
use crate::law::LossForm;
use chrono::NaiveDate;

/// Text being typed into the date fields (applied when it parses).
#[derive(Default)]
pub struct PanelBuffers {
    pub ref_date: Option<String>,
    pub breakpoint: Option<String>,
}

fn param_row(
    ui: &mut egui::Ui,
    state: &AppState,
    task: &str,
    param: Param,
    out: &mut Vec<Command>,
    gesture_end: &mut bool,
) {
    let Some(fit) = state.fits.tasks.get(task) else {
        return;
    };
    let mut value = param.get(fit);
    let edited = state.edited.contains(&(task.to_string(), param));
    ui.horizontal(|ui| {
        let text = if edited {
            format!("{} *", param.name())
        } else {
            param.name().to_string()
        };
        let label = ui.label(text).on_hover_text(if edited {
            format!("{} — edited since the last fit", param.help())
        } else {
            param.help().to_string()
        });
        let speed = (value.abs() * 0.002).max(1e-4);
        let drag = ui
            .add(
                egui::DragValue::new(&mut value)
                    .speed(speed)
                    .max_decimals(6),
            )
            .labelled_by(label.id)
            .on_hover_text(param.help());
        let mut slider_value = value;
        let centre = state.slider_centre(task, param).unwrap_or(value);
        let range = super::slider::Range::of(param, centre);
        let slider =
            super::slider::show(ui, &mut slider_value, range, param.name()).labelled_by(label.id);
        if drag.changed() {
            out.push(Command::SetParam {
                task: task.to_string(),
                param,
                value,
            });
        } else if slider.changed() {
            out.push(Command::SetParam {
                task: task.to_string(),
                param,
                value: slider_value,
            });
        }
        if drag.drag_stopped() || drag.lost_focus() || slider.drag_stopped() {
            *gesture_end = true;
        }
    });
}

fn date_field(
    ui: &mut egui::Ui,
    label: &str,
    buffer: &mut Option<String>,
    current: NaiveDate,
) -> Option<NaiveDate> {
    let mut text = buffer.clone().unwrap_or_else(|| current.to_string());
    let mut parsed = None;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(90.0))
            .labelled_by(l.id);
        let ok = NaiveDate::parse_from_str(&text, "%Y-%m-%d");
        if r.changed() {
            *buffer = Some(text.clone());
            if let Ok(d) = ok {
                parsed = Some(d);
            }
        }
        if ok.is_err() {
            ui.colored_label(ui.visuals().error_fg_color, "YYYY-MM-DD");
        }
        if r.lost_focus() && ok.is_ok() {
            *buffer = None;
        }
    });
    parsed
}

/// The whole panel.
pub fn show(
    ui: &mut egui::Ui,
    state: &AppState,
    buffers: &mut PanelBuffers,
    out: &mut Vec<Command>,
    gesture_end: &mut bool,
) {
    let o = &state.options;
    let set =
        |out: &mut Vec<Command>, key: &'static str, f: &dyn Fn(&mut crate::analysis::Options)| {
            let mut options = o.clone();
            f(&mut options);
            out.push(Command::SetOptions { options, key });
        };
    ui.heading("Analysis");
    // Every task present in the data, and the paper's five (the default average).
    let mut tasks = tasks_present(&state.dataset);
    for b in BENCHMARKS {
        if !tasks.iter().any(|t| t == b) {
            tasks.push(b.to_string());
        }
    }
    let mut task = o.task.clone();
    egui::ComboBox::from_label("task")
        .selected_text(&task)
        .show_ui(ui, |ui| {
            for t in std::iter::once(AVERAGE).chain(tasks.iter().map(String::as_str)) {
                ui.selectable_value(&mut task, t.to_string(), t);
            }
        });
    if task != o.task {
        set(out, "task", &|op| op.task = task.clone());
    }
    if o.task == AVERAGE {
        ui.horizontal_wrapped(|ui| {
            for b in &tasks {
                let mut on = o.benchmarks.iter().any(|x| x == b);
                if ui.checkbox(&mut on, b.as_str()).changed() {
                    set(out, "benchmarks", &|op| {
                        op.benchmarks = tasks
                            .iter()
                            .filter(|x| {
                                if *x == b {
                                    on
                                } else {
                                    op.benchmarks.iter().any(|y| y == *x)
                                }
                            })
                            .cloned()
                            .collect();
                        if op.benchmarks.is_empty() {
                            op.benchmarks.push(b.clone());
                        }
                    });
                }
            }
        });
        let mut agg = o.aggregate;
        ui.horizontal(|ui| {
            ui.radio_value(&mut agg, Aggregate::MeanScore, "mean score")
                .on_hover_text(
                    "Invert the mean of the benchmarks' scores through the average's own laws",
                );
            ui.radio_value(&mut agg, Aggregate::GeoMeanDensity, "geo-mean ρ")
                .on_hover_text(
                    "Geometric mean of per-benchmark densities (needs each benchmark's laws)",
                );
        });
        if agg != o.aggregate {
            set(out, "aggregate", &|op| op.aggregate = agg);
        }
    }
    let mut rule = o.frontier;
    egui::ComboBox::from_label("frontier")
        .selected_text(rule.label())
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut rule, FrontierRule::Record, "record")
                .on_hover_text("Per date the densest; kept when denser than every earlier model");
            ui.selectable_value(&mut rule, FrontierRule::All, "all");
            let q = if let FrontierRule::Quantile(q) = o.frontier {
                q
            } else {
                0.9
            };
            ui.selectable_value(&mut rule, FrontierRule::Quantile(q), "upper quantile");
        });
    if let FrontierRule::Quantile(q) = rule {
        let mut q2 = q;
        ui.add(egui::Slider::new(&mut q2, 0.5..=1.0).text("quantile"));
        rule = FrontierRule::Quantile(q2);
    }
    if rule != o.frontier {
        set(out, "frontier", &|op| op.frontier = rule);
    }
    basis_and_labels(ui, o, &state.dataset, out);
    super::overlays::t_ref_field(ui, o, out);
    super::models_panel::show(ui, o, &state.dataset, out);
    let mut log_d0 = o.d0_tokens.log10();
    let d0 = ui
        .add(
            egui::Slider::new(&mut log_d0, 10.0..=14.0)
                .text("D₀ tokens")
                .custom_formatter(|v, _| format_count(10f64.powf(v))),
        )
        .on_hover_text("Data budget at which scores are inverted (paper: 1T; journal version: 5T)");
    if d0.changed() {
        set(out, "d0", &|op| op.d0_tokens = 10f64.powf(log_d0));
    }
    if d0.drag_stopped() {
        *gesture_end = true;
    }
    if let Some(d) = date_field(ui, "reference date", &mut buffers.ref_date, o.ref_date) {
        set(out, "ref_date", &|op| op.ref_date = d);
    }
    let mut use_bp = o.breakpoint.is_some();
    if ui
        .checkbox(&mut use_bp, "breakpoint")
        .on_hover_text("Fit the two sides of a date separately (the paper: ChatGPT, 2022-11-30)")
        .changed()
    {
        let bp = use_bp.then(|| NaiveDate::from_ymd_opt(2022, 11, 30).unwrap_or_default());
        set(out, "breakpoint", &|op| op.breakpoint = bp);
    }
    if let Some(bp) = o.breakpoint
        && let Some(d) = date_field(ui, "breakpoint date", &mut buffers.breakpoint, bp)
    {
        set(out, "breakpoint", &|op| op.breakpoint = Some(d));
    }
    if o.breakpoint.is_some() {
        let mut bf = o.breakpoint_frontier;
        ui.horizontal(|ui| {
            ui.radio_value(&mut bf, BreakpointFrontier::Whole, "whole frontier")
                .on_hover_text(
                    "The slopes split one whole-timeline frontier at the date (the paper's reading): a later model counts only when denser than every earlier one",
                );
            ui.radio_value(&mut bf, BreakpointFrontier::PerSide, "frontier per side")
                .on_hover_text("Each side's slope uses a frontier selected on that side's models alone");
        });
        if bf != o.breakpoint_frontier {
            set(out, "breakpoint_frontier", &|op| {
                op.breakpoint_frontier = bf
            });
        }
    }

    ui.separator();
    let task = state.view_task();
    ui.heading(format!("Laws: {task}"));
    if state.pending.contains(&task) {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("fitting…");
        });
    } else if !state.fits.tasks.contains_key(&task) {
        ui.label(format!(
            "No laws for {task}: the data has no ladder points or checkpoints for it."
        ));
    }
    let form = state.fits.tasks.get(&task).map(|f| f.loss.form);
    ui.label("Loss law L(N, D)");
    for p in Param::LOSS {
        if p == Param::E && form != Some(LossForm::Chinchilla) {
            continue;
        }
        param_row(ui, state, &task, p, out, gesture_end);
    }
    ui.label("Sigmoid S(L)");
    for p in Param::SIGMOID {
        param_row(ui, state, &task, p, out, gesture_end);
    }
    ui.horizontal(|ui| {
        if ui
            .button("Fit loss")
            .on_hover_text("Refit the loss law on the ladder points")
            .clicked()
        {
            out.push(Command::Fit {
                task: task.clone(),
                what: FitWhat::Loss,
            });
        }
        if ui
            .button("Fit sigmoid")
            .on_hover_text("Refit the sigmoid on the checkpoints")
            .clicked()
        {
            out.push(Command::Fit {
                task: task.clone(),
                what: FitWhat::Sigmoid,
            });
        }
        if ui
            .button("reset range")
            .on_hover_text("Centre every slider of these laws on the current values")
            .clicked()
        {
            out.push(Command::ResetSliderRanges { task: task.clone() });
        }
        if ui
            .button("Fit all")
            .on_hover_text("Refit every task (Ctrl+R)")
            .clicked()
        {
            out.push(Command::FitAll);
        }
    });
    if let Some((loss, sigmoid)) = state.fit_reports.get(&task) {
        if let Some(f) = loss {
            ui.small(format!(
                "loss fit: objective {:.3e}, {}/{} starts converged",
                f.objective, f.n_converged, f.n_starts
            ));
        }
        if let Some(f) = sigmoid {
            ui.small(format!(
                "sigmoid fit: objective {:.3e}, {}/{} starts converged; bounds: {}",
                f.objective,
                f.n_converged,
                f.n_starts,
                f.bounds.describe()
            ));
        }
    }
}

/// The density basis (total or active parameters) and the names on the density view.
fn basis_and_labels(
    ui: &mut egui::Ui,
    o: &crate::analysis::Options,
    dataset: &crate::data::Dataset,
    out: &mut Vec<Command>,
) {
    let (mut basis, mut labels) = (o.basis, o.labels);
    ui.horizontal(|ui| {
        ui.label("ρ per");
        for b in Basis::ALL
            .into_iter()
            .filter(|b| super::overlays::basis_offered(*b, o, dataset))
        {
            ui.radio_value(&mut basis, b, b.name())
                .on_hover_text(b.describe());
        }
    });
    egui::ComboBox::from_label("labels")
        .selected_text(labels.name())
        .show_ui(ui, |ui| {
            for l in PointLabels::ALL {
                ui.selectable_value(&mut labels, l, l.name());
            }
        });
    for (changed, key) in [(basis != o.basis, "basis"), (labels != o.labels, "labels")] {
        if changed {
            let mut options = o.clone();
            options.basis = basis;
            options.labels = labels;
            out.push(Command::SetOptions { options, key });
        }
    }
}
