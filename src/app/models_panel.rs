//! The panel's section for leaderboards (issue 20 items 2, 4, 5): which date places a
//! model without a release date, the model filters (`--only`, `--exclude`), and the
//! guards of every inversion. The same options as the command line's flags; each change
//! is one `SetOptions` command.

use super::commands::Command;
use crate::analysis::Options;
use crate::analysis::filters::{DatesFrom, ModelFilter};
use crate::data::Dataset;

/// What the data can be filtered and dated by: the section shows only what applies.
struct Offered {
    upload: usize,
    submission: usize,
    filters: Vec<ModelFilter>,
}

fn offered(dataset: &Dataset, o: &Options) -> Offered {
    let ms = &dataset.models;
    let upload = ms
        .iter()
        .filter(|m| m.release_date.is_none() && m.info.upload_date.is_some())
        .count();
    let submission = ms
        .iter()
        .filter(|m| m.release_date.is_none() && m.info.submission_date.is_some())
        .count();
    // A filter is offered when some model holds it (or it is already chosen).
    let filters = ModelFilter::ALL
        .into_iter()
        .filter(|f| o.only.contains(f) || o.exclude.contains(f) || ms.iter().any(|m| f.holds(m)))
        .collect();
    Offered {
        upload,
        submission,
        filters,
    }
}

fn push(out: &mut Vec<Command>, o: &Options, key: &'static str, f: impl Fn(&mut Options)) {
    let mut options = o.clone();
    f(&mut options);
    out.push(Command::SetOptions { options, key });
}

/// The section, collapsed by default.
pub(super) fn show(ui: &mut egui::Ui, o: &Options, dataset: &Dataset, out: &mut Vec<Command>) {
    let what = offered(dataset, o);
    egui::CollapsingHeader::new("Models, dates and guards")
        .id_salt("models_dates_guards")
        .show(ui, |ui| {
            dates(ui, o, &what, out);
            filters(ui, o, &what, out);
            guards(ui, o, out);
        })
        .header_response
        .on_hover_text(
            "Which date places an undated model, which models are kept, and when an \
             inversion is marked or excluded (the command line's --dates-from, --only, \
             --exclude and guard flags)",
        );
}

fn dates(ui: &mut egui::Ui, o: &Options, what: &Offered, out: &mut Vec<Command>) {
    if what.upload == 0 && what.submission == 0 && o.dates_from.is_release() {
        return;
    }
    let text = |d: DatesFrom| match d {
        DatesFrom::Release => "release dates only".to_string(),
        DatesFrom::Upload => format!("else hub upload ({})", what.upload),
        DatesFrom::Submission => format!("else submission ({})", what.submission),
    };
    let mut d = o.dates_from;
    egui::ComboBox::from_label("dates")
        .selected_text(text(d))
        .show_ui(ui, |ui| {
            for c in DatesFrom::ALL {
                ui.selectable_value(&mut d, c, text(c));
            }
        })
        .response
        .on_hover_text(
            "A model without a release date may be placed at its hub upload or leaderboard \
             submission date (counts: undated models that have one). Such models are drawn in \
             their own colours and named in the density view's note; 2022-03-02 hub dates are \
             unknown.",
        );
    if d != o.dates_from {
        push(out, o, "dates_from", |op| op.dates_from = d);
    }
}

fn filters(ui: &mut egui::Ui, o: &Options, what: &Offered, out: &mut Vec<Command>) {
    if what.filters.is_empty() {
        return;
    }
    ui.label("keep only")
        .on_hover_text("Type words are alternatives (pretrained or chat); flags must all hold");
    ui.horizontal_wrapped(|ui| {
        for &f in &what.filters {
            let mut on = o.only.contains(&f);
            if ui.checkbox(&mut on, f.name()).changed() {
                push(out, o, "only", |op| toggle(&mut op.only, f, on));
            }
        }
    });
    ui.label("leave out");
    ui.horizontal_wrapped(|ui| {
        for &f in &what.filters {
            let mut on = o.exclude.contains(&f);
            if ui
                .checkbox(&mut on, f.name())
                .on_hover_text(format!("exclude {} models", f.name()))
                .changed()
            {
                push(out, o, "exclude", |op| toggle(&mut op.exclude, f, on));
            }
        }
    });
}

fn toggle(list: &mut Vec<ModelFilter>, f: ModelFilter, on: bool) {
    list.retain(|x| *x != f);
    if on {
        list.push(f);
        list.sort();
    }
}

fn guards(ui: &mut egui::Ui, o: &Options, out: &mut Vec<Command>) {
    let g = &o.guards;
    let row = |ui: &mut egui::Ui,
               value: f64,
               range: std::ops::RangeInclusive<f64>,
               text: &str,
               hover: &str| {
        let mut v = value;
        let changed = ui
            .horizontal(|ui| {
                let r = ui.add(
                    egui::DragValue::new(&mut v)
                        .range(range)
                        .speed(0.05)
                        .max_decimals(2),
                );
                ui.label(text).on_hover_text(hover);
                r.changed()
            })
            .inner;
        changed.then_some(v)
    };
    if let Some(v) = row(
        ui,
        g.extrapolation_factor,
        1.0..=100.0,
        "× extrapolation allowed",
        "A score outside the reference's range is extrapolated: marked up to this factor \
         beyond its largest/smallest member, excluded beyond it (a family; a ladder's are \
         marked only unless set below)",
    ) {
        push(out, o, "guards", |op| op.guards.extrapolation_factor = v);
    }
    if let Some(v) = row(
        ui,
        g.chance_margin,
        0.0..=20.0,
        "points above chance",
        "Scores within this many points of the task's chance level are excluded",
    ) {
        push(out, o, "guards", |op| op.guards.chance_margin = v);
    }
    if let Some(v) = row(
        ui,
        g.unreliable_factor,
        1.01..=100.0,
        "× per point: unreliable",
        "A density that one score point moves by this factor or more is marked unreliable, \
         drawn hollow and kept out of the regression",
    ) {
        push(out, o, "guards", |op| op.guards.unreliable_factor = v);
    }
    let mut inc = g.include_unreliable;
    if ui
        .checkbox(&mut inc, "unreliable in the regression")
        .on_hover_text("Keep unreliable densities in the frontier and the regression")
        .changed()
    {
        push(out, o, "guards", |op| op.guards.include_unreliable = inc);
    }
    let mut lad = g.exclude_ladder_extrapolation;
    if ui
        .checkbox(&mut lad, "exclude a ladder's far extrapolations")
        .on_hover_text(
            "By default a ladder's extrapolations are marked only: the paper extrapolates a \
             5M–828M ladder to 70B models by design",
        )
        .changed()
    {
        push(out, o, "guards", |op| {
            op.guards.exclude_ladder_extrapolation = lad
        });
    }
}
