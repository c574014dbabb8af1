//! Draws a [`Chart`] with egui_plot: log axes print real values, dates print as dates,
//! hovering a point shows its label; the legend beside the plot (`legend.rs`) toggles
//! series.

use crate::chart::{
    Chart, ChartView, Marker, Scale, Style, axis_ticks, format_axis_value, place_labels,
};
use egui::Color32;
use egui_plot::{
    AxisHints, FilledArea, GridInput, GridMark, HLine, HoverPosition, Line, LineStyle, MarkerShape,
    Plot, PlotMemory, PlotPoint, PlotPoints, PlotUi, Points, Text, VLine,
};

fn color(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Where a view remembers whether its legend is open (per view, across runs).
fn legend_open_id(id: egui::Id) -> egui::Id {
    id.with("legend_open")
}

/// Whether the legend of the plot `id` is shown (open unless collapsed).
pub fn legend_open(ctx: &egui::Context, id: egui::Id) -> bool {
    ctx.data_mut(|d| *d.get_persisted_mut_or(legend_open_id(id), true))
}

/// Collapses or opens the legend of the plot `id`.
pub fn toggle_legend(ctx: &egui::Context, id: egui::Id) {
    ctx.data_mut(|d| {
        let open = d.get_persisted_mut_or(legend_open_id(id), true);
        *open = !*open;
    });
}

/// How many lines a chart writes above its plot when it may write at most `max_notes`
/// (the grid gives their rows height): every note when they fit, else `max_notes - 1`
/// notes and one line that holds the rest on hover.
pub fn note_lines(chart: &Chart, max_notes: usize) -> usize {
    chart.notes.len().min(max_notes.max(1)) + usize::from(chart.empty_reason.is_some())
}

/// Writes the chart's notes, one line each cut to the view's width (the whole note on
/// hover), so notes never wrap into the plot or the titles. Past `max_notes` lines the
/// first `max_notes - 1` are written and one line says how many more there are and shows
/// them all on hover, so a short grid cell keeps its plot (issue 22, item 3).
fn show_notes(ui: &mut egui::Ui, notes: &[String], max_notes: usize) {
    let max_notes = max_notes.max(1);
    let (written, rest) = if notes.len() > max_notes {
        notes.split_at(max_notes - 1)
    } else {
        (notes, &[][..])
    };
    for note in written {
        ui.add(egui::Label::new(egui::RichText::new(note).small()).truncate())
            .on_hover_text(note);
    }
    if !rest.is_empty() {
        let first = rest[0].as_str();
        let line = format!(
            "+{} more notes (hover; enlarge shows all): {first}",
            rest.len()
        );
        ui.add(egui::Label::new(egui::RichText::new(line).small().italics()).truncate())
            .on_hover_text(rest.join("\n"));
    }
}

/// Shows the chart's notes, plot and legend in `height` points of space (the legend in a
/// column beside the plot, so it never covers data). With `restore`, the plot takes the
/// zoom of `view` (a session just opened). Returns the zoom and hidden series on screen now
/// (`None` when there is no plot).
#[allow(clippy::too_many_arguments)]
pub fn show_chart(
    ui: &mut egui::Ui,
    chart: &Chart,
    id: egui::Id,
    height: f32,
    max_notes: usize,
    view: &ChartView,
    restore: bool,
) -> Option<ChartView> {
    let top = ui.cursor().top();
    show_notes(ui, &chart.notes, max_notes);
    if let Some(reason) = &chart.empty_reason {
        ui.add_space(8.0);
        ui.label(reason);
        return None;
    }
    // The rotated y title is drawn along the plot's left edge: when the plot is shorter
    // than the title it would run up into the notes, so it is written above the plot
    // instead (issue 22, item 3).
    let body = egui::TextStyle::Body.resolve(ui.style());
    let title_len = ui.ctx().fonts_mut(|f| {
        f.layout_no_wrap(chart.y.label.clone(), body, Color32::WHITE)
            .size()
            .x
    });
    let mut plot_h = (height - (ui.cursor().top() - top)).max(90.0);
    let y_title_inside = title_len + 24.0 <= plot_h;
    if !y_title_inside {
        ui.add(
            egui::Label::new(egui::RichText::new(format!("y: {}", chart.y.label)).small())
                .truncate(),
        );
        plot_h = (plot_h - 16.0).max(80.0);
    }
    let mut hidden = view.hidden.clone();
    let shown = |name: &str| !view.hidden.iter().any(|h| h == name);
    let open = legend_open(ui.ctx(), id);
    let avail_w = ui.available_width();
    let legend_w = if open {
        super::legend::width(avail_w)
    } else {
        0.0
    };
    let plot_w = (avail_w - legend_w - 6.0).max(120.0);
    let (xs, ys) = (chart.x.scale, chart.y.scale);
    // Hover text by series name (points series only: lines share names with them).
    let label_of = move |name: &str, index: usize| -> Option<String> {
        chart
            .series
            .iter()
            .find(|s| s.name == name && matches!(s.style, Style::Points { .. }))
            .and_then(|s| s.labels.get(index))
            .cloned()
    };
    // As many labelled ticks as the plot's size holds, at least 3 (issue 22, item 3);
    // the grid spacer and the label formatter ask for the same ticks.
    let (x_max, y_max) = (
        ((plot_w - 60.0) / 85.0).max(3.0) as usize,
        ((plot_h - 30.0) / 30.0).max(3.0) as usize,
    );
    let mut plot = Plot::new(id)
        .id(id)
        .width(plot_w)
        .height(plot_h)
        // egui_plot skips x labels whose step is under 60 px, which on a narrow plot
        // (a grid cell at 1280×720) leaves a date axis bare; the galley-width check that
        // follows it still keeps labels from overlapping.
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(chart.x.label.clone())
                .formatter(move |mark, range| tick_label(mark, range, xs, x_max))
                .label_spacing(32.0..=48.0),
        ])
        .y_axis_formatter(move |mark, range| tick_label(mark, range, ys, y_max))
        .x_grid_spacer(move |input| grid_marks(input, xs, x_max))
        .y_grid_spacer(move |input| grid_marks(input, ys, y_max))
        .label_formatter(move |pos: &HoverPosition<'_>| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                index,
            } => Some(label_of(plot_name, *index).unwrap_or_else(|| {
                format!(
                    "{plot_name}\n{}, {}",
                    format_axis_value(position.x, xs),
                    format_axis_value(position.y, ys)
                )
            })),
            HoverPosition::Elsewhere { position } => Some(format!(
                "{}, {}",
                format_axis_value(position.x, xs),
                format_axis_value(position.y, ys)
            )),
        });
    // Bounds from the data alone: labels placed with last frame's transform would
    // otherwise widen the range each frame, and the result would depend on the history of
    // the plot's size (issue 22, item 8). Double-click returns to these.
    let (xr, yr) = crate::chart::auto_ranges(chart);
    if xr[0] < xr[1] && yr[0] < yr[1] {
        plot = plot
            .default_x_bounds(xr[0], xr[1])
            .default_y_bounds(yr[0], yr[1]);
    }
    if y_title_inside {
        plot = plot.y_axis_label(chart.y.label.clone());
    }
    // A new plot follows the data (the memory's default would be fixed at the first frame).
    let fresh = PlotMemory::load(ui.ctx(), id).is_none();
    ui.horizontal_top(|ui| {
        plot.show(ui, |pui| {
            if fresh || restore {
                pui.set_auto_bounds(true);
            }
            if restore {
                if let Some([lo, hi]) = view.x_range {
                    pui.set_plot_bounds_x(lo..=hi);
                }
                if let Some([lo, hi]) = view.y_range {
                    pui.set_plot_bounds_y(lo..=hi);
                }
            }
            for s in chart.series.iter().filter(|s| shown(&s.name)) {
                let c = color(s.color);
                match s.style {
                    Style::Points { radius, filled } => {
                        let shape = match s.marker {
                            Marker::Circle => MarkerShape::Circle,
                            Marker::Diamond => MarkerShape::Diamond,
                        };
                        pui.points(
                            Points::new(s.name.clone(), PlotPoints::from(s.points.clone()))
                                .color(c)
                                .radius(radius)
                                .filled(filled)
                                .shape(shape),
                        );
                    }
                    Style::Line { width, dashed } => {
                        let style = if dashed {
                            LineStyle::dashed_dense()
                        } else {
                            LineStyle::Solid
                        };
                        // A line with gaps (NaN points: the lineage arrows) is drawn piece by
                        // piece under one name.
                        for piece in s.points.split(|p| !(p[0].is_finite() && p[1].is_finite())) {
                            if piece.len() < 2 {
                                continue;
                            }
                            pui.line(
                                Line::new(s.name.clone(), PlotPoints::from(piece.to_vec()))
                                    .color(c)
                                    .width(width)
                                    .style(style),
                            );
                        }
                    }
                    Style::Band => {
                        // A filled area between the two edges: a band is rarely convex (the
                        // sigmoid's is S-shaped), and a convex-polygon fill of it draws
                        // straight wedges instead of the band.
                        let n = s.points.len().min(s.upper.len());
                        let xs: Vec<f64> = s.points[..n].iter().map(|p| p[0]).collect();
                        let lows: Vec<f64> = s.points[..n].iter().map(|p| p[1]).collect();
                        pui.add(
                            FilledArea::new(s.name.clone(), &xs, &lows, &s.upper[..n])
                                .fill_color(Color32::from_rgba_unmultiplied(
                                    s.color[0], s.color[1], s.color[2], 40,
                                ))
                                .stroke(egui::Stroke::new(0.5, c.gamma_multiply(0.6)))
                                .allow_hover(false),
                        );
                    }
                }
            }
            point_labels(pui, chart, view);
            for r in chart.ref_lines.iter().filter(|r| shown(&r.label)) {
                let c = color(r.color);
                if r.vertical {
                    pui.vline(
                        VLine::new(r.label.clone(), r.at)
                            .color(c)
                            .style(LineStyle::dashed_loose()),
                    );
                } else {
                    pui.hline(
                        HLine::new(r.label.clone(), r.at)
                            .color(c)
                            .style(LineStyle::dashed_loose()),
                    );
                }
            }
        });
        if open {
            ui.vertical(|ui| {
                ui.set_width(legend_w);
                egui::ScrollArea::vertical()
                    .id_salt(id.with("legend"))
                    .max_height(plot_h)
                    .show(ui, |ui| super::legend::show(ui, chart, &mut hidden));
            });
        }
    });
    let mem = PlotMemory::load(ui.ctx(), id)?;
    let b = mem.bounds();
    let (min, max) = (b.min(), b.max());
    Some(ChartView {
        hidden,
        x_range: (!mem.auto_bounds.x).then_some([min[0], max[0]]),
        y_range: (!mem.auto_bounds.y).then_some([min[1], max[1]]),
    })
}

/// The chart's point labels where [`place_labels`] puts them on screen (the exporter
/// places them the same way), with leader lines; labels of hidden series are left out.
fn point_labels(pui: &mut PlotUi<'_>, chart: &Chart, view: &ChartView) {
    let t = *pui.transform();
    let frame = *t.frame();
    let shown = |name: &str| !view.hidden.iter().any(|h| h == name);
    let font = egui::FontId::proportional(11.0);
    let text_color = pui.ctx().global_style().visuals.text_color();
    let mut anchors = Vec::new();
    let mut sizes = Vec::new();
    let mut texts = Vec::new();
    for l in chart.point_labels.iter().filter(|l| shown(&l.series)) {
        let p = t.position_from_point(&PlotPoint::new(l.at[0], l.at[1]));
        if !frame.contains(p) {
            continue;
        }
        let size = pui.ctx().fonts_mut(|f| {
            f.layout_no_wrap(l.text.clone(), font.clone(), text_color)
                .size()
        });
        anchors.push((p.x, p.y));
        sizes.push((size.x, size.y));
        texts.push(l.text.clone());
    }
    if texts.is_empty() {
        return;
    }
    let mut points = Vec::new();
    for s in chart.series.iter().filter(|s| shown(&s.name)) {
        if let Style::Points { .. } = s.style {
            points.extend(s.points.iter().map(|p| {
                let q = t.position_from_point(&PlotPoint::new(p[0], p[1]));
                (q.x, q.y)
            }));
        }
    }
    let bounds = [frame.min.x, frame.min.y, frame.max.x, frame.max.y];
    let value = |x: f32, y: f32| t.value_from_position(egui::pos2(x, y));
    for b in place_labels(&anchors, &sizes, &points, 5.0, bounds, &[]) {
        if b.leader {
            let (a, e) = (b.anchor, b.attach());
            let (a, e) = (value(a.0, a.1), value(e.0, e.1));
            pui.line(
                Line::new("", PlotPoints::from(vec![[a.x, a.y], [e.x, e.y]]))
                    .color(Color32::GRAY)
                    .width(0.8)
                    .allow_hover(false),
            );
        }
        pui.text(
            Text::new(
                "",
                value(b.x0, b.y0),
                egui::RichText::new(&texts[b.index]).font(font.clone()),
            )
            .anchor(egui::Align2::LEFT_TOP)
            .color(text_color),
        );
    }
}

/// The window's grid: the exporter's ticks for the visible range (labelled ones with their
/// spacing as step, so egui_plot labels them; the rest as a light grid).
fn grid_marks(input: GridInput, scale: Scale, max: usize) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let (major, minor) = axis_ticks(lo, hi, scale, max);
    let step = major
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let step = if step.is_finite() { step } else { hi - lo };
    let mut marks: Vec<GridMark> = major
        .iter()
        .map(|&value| GridMark {
            value,
            step_size: step,
        })
        .collect();
    marks.extend(minor.iter().map(|&value| GridMark {
        value,
        step_size: step / 10.0,
    }));
    marks
}

/// The label of a grid mark: the value for a labelled tick, nothing for a grid-only one.
fn tick_label(
    mark: GridMark,
    range: &std::ops::RangeInclusive<f64>,
    scale: Scale,
    max: usize,
) -> String {
    let (major, _) = axis_ticks(*range.start(), *range.end(), scale, max);
    let tol = (range.end() - range.start()).abs() * 1e-9;
    if major.iter().any(|&v| (v - mark.value).abs() <= tol) {
        format_axis_value(mark.value, scale)
    } else {
        String::new()
    }
}
