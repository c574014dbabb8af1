//! Draws a [`Chart`] with egui_plot: log axes print real values, dates print as dates,
//! hovering a point shows its label, the legend toggles series.

use crate::chart::{Chart, ChartView, Marker, Style, format_axis_value, place_labels};
use egui::Color32;
use egui_plot::{
    Corner, FilledArea, HLine, HoverPosition, ItemId, Legend, Line, LineStyle, MarkerShape, Plot,
    PlotMemory, PlotPoint, PlotPoints, PlotUi, Points, Text, VLine, log_grid_spacer,
};

fn color(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Shows the chart's notes and plot in `height` points of space. With `restore`, the plot
/// takes the zoom and hidden series of `view` (a session just opened). Returns the zoom
/// and hidden series on screen now (`None` when there is no plot).
pub fn show_chart(
    ui: &mut egui::Ui,
    chart: &Chart,
    id: egui::Id,
    height: f32,
    view: &ChartView,
    restore: bool,
) -> Option<ChartView> {
    // One line per note, cut to the view's width (the whole note on hover), so notes
    // never wrap into the plot or the titles.
    for note in &chart.notes {
        ui.add(egui::Label::new(egui::RichText::new(note).small()).truncate())
            .on_hover_text(note);
    }
    if let Some(reason) = &chart.empty_reason {
        ui.add_space(8.0);
        ui.label(reason);
        return None;
    }
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
    // The legend goes where it hides the fewest points (issue 22, item 2).
    let corner = match crate::chart::emptiest_corner(chart, (0.4, 0.45)) {
        (true, true) => Corner::LeftTop,
        (false, true) => Corner::RightTop,
        (true, false) => Corner::LeftBottom,
        (false, false) => Corner::RightBottom,
    };
    let mut legend = Legend::default()
        .follow_insertion_order(true)
        .position(corner)
        .background_alpha(0.85);
    if restore {
        legend = legend.hidden_items(view.hidden.iter().map(|n| ItemId::new(n.as_str())));
    }
    let mut plot = Plot::new(id)
        .id(id)
        .height(height.max(80.0))
        .legend(legend)
        .x_axis_label(chart.x.label.clone())
        .y_axis_label(chart.y.label.clone())
        .x_axis_formatter(move |mark, _| format_axis_value(mark.value, xs))
        .y_axis_formatter(move |mark, _| format_axis_value(mark.value, ys))
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
    if xs.is_log() {
        plot = plot.x_grid_spacer(log_grid_spacer(10));
    }
    if ys.is_log() {
        plot = plot.y_grid_spacer(log_grid_spacer(10));
    }
    // A new plot follows the data (the memory's default would be fixed at the first frame).
    let fresh = PlotMemory::load(ui.ctx(), id).is_none();
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
        for s in &chart.series {
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
        for r in &chart.ref_lines {
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
    let mem = PlotMemory::load(ui.ctx(), id)?;
    let names = chart
        .series
        .iter()
        .map(|s| &s.name)
        .chain(chart.ref_lines.iter().map(|r| &r.label));
    let mut hidden: Vec<String> = Vec::new();
    for n in names {
        if mem.hidden_items.contains(&ItemId::new(n.as_str())) && !hidden.contains(n) {
            hidden.push(n.clone());
        }
    }
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
