//! Views 1 and 2 when a model family is the reference (issue 20): the family's score
//! against size on a task with its members, and where every model's (N, score) sits
//! against that curve — above it a model scores more than a family member of its size,
//! so it is denser than the family.

use super::build::{ChartInputs, axis, empty, linspace, reference_note};
use super::palette::{ACCENT, BLUE, GREY};
use super::{Chart, RefLine, Scale, Series, Style};
use crate::format::format_count;
use crate::law::FamilyTask;

/// The family's name and task, or the reason there is none to draw.
fn family_task<'a>(inp: &ChartInputs<'a>, task: &str) -> Result<(&'a str, &'a FamilyTask), String> {
    let family = inp.fits.family.as_ref().ok_or("no family reference")?;
    let ft = family
        .tasks
        .get(task)
        .ok_or_else(|| format!("the family {} has no curve for task {task}", family.name))?;
    Ok((family.name.as_str(), ft))
}

/// Both views' axes: size (log) against score.
fn axes() -> (super::Axis, super::Axis) {
    (
        axis("parameters N", Scale::Log10),
        axis("score S (%)", Scale::Linear),
    )
}

/// The family's members on `task` and its fitted curve, from a quarter of the smallest
/// member's size to four times the largest (the guards' default extrapolation range).
fn members_and_curve(ft: &FamilyTask, name: &str) -> (Series, Option<Series>, Vec<String>) {
    let mut members = Series::new(
        format!("{name} members"),
        BLUE,
        Style::Points {
            radius: 4.0,
            filled: true,
        },
    );
    for &(n, s) in &ft.points {
        members.points.push([n.log10(), s]);
        members
            .labels
            .push(format!("{name} member\nN {}  S {s:.2}", format_count(n)));
    }
    let mut notes = Vec::new();
    let curve = ft.curve.filter(|_| ft.refused.is_none()).map(|c| {
        let (lo, hi) = ft.n_range();
        let mut line = Series::new(
            "family curve S(N)",
            BLUE,
            Style::Line {
                width: 2.0,
                dashed: false,
            },
        );
        for ln in linspace((lo / 4.0).log10(), (hi * 4.0).log10(), 80) {
            line.points.push([ln, c.score(10f64.powf(ln))]);
        }
        notes.push(format!(
            "S = {:.1} + {:.1}/(1 + exp(−{:.2}·(ln N − {:.2})))  (midpoint N {})",
            c.d,
            c.c,
            c.k,
            c.m,
            format_count(c.m.exp())
        ));
        line
    });
    if let Some(why) = &ft.refused {
        notes.push(format!("refused: {why}"));
    }
    (members, curve, notes)
}

fn chart(title: String, series: Vec<Series>, ref_lines: Vec<RefLine>, notes: Vec<String>) -> Chart {
    let (x, y) = axes();
    Chart {
        title,
        x,
        y,
        series,
        ref_lines,
        notes,
        empty_reason: None,
        x_range: None,
        y_range: None,
        point_labels: Vec::new(),
    }
}

/// View 1 with a family reference: the members' scores against size and the fitted curve.
pub fn family_curve_chart(inp: ChartInputs<'_>, task: &str) -> Chart {
    let title = format!("Reference family: score against size ({task})");
    let (name, ft) = match family_task(&inp, task) {
        Ok(found) => found,
        Err(why) => {
            let (x, y) = axes();
            return empty(title, x, y, why);
        }
    };
    let (members, curve, mut notes) = members_and_curve(ft, name);
    let mut series: Vec<Series> = curve.into_iter().collect();
    series.push(members);
    let mut ref_lines = Vec::new();
    if let Some(c) = ft.curve {
        ref_lines.push(RefLine {
            label: format!("d = {:.1}", c.d),
            vertical: false,
            at: c.d,
            color: GREY,
        });
    }
    notes.extend(reference_note(&inp));
    chart(title, series, ref_lines, notes)
}

/// View 2 with a family reference: every model's actual size and score over the family's
/// curve; a model above it is denser than the family (ρ = N̂ / N > 1).
pub fn family_models_chart(inp: ChartInputs<'_>, task: &str) -> Chart {
    let title = format!("Models against the family's curve ({task})");
    let (name, ft) = match family_task(&inp, task) {
        Ok(found) => found,
        Err(why) => {
            let (x, y) = axes();
            return empty(title, x, y, why);
        }
    };
    let (members, curve, mut notes) = members_and_curve(ft, name);
    let mut series: Vec<Series> = curve.into_iter().collect();
    let mut models = Series::new(
        "models (actual N)",
        ACCENT,
        Style::Points {
            radius: 3.0,
            filled: false,
        },
    );
    if inp.options.task == task {
        for (m, r) in inp.dataset.models.iter().zip(&inp.analysis.models) {
            if let (Some(n), Some(s)) = (r.n_params, r.score) {
                models.points.push([n.log10(), s]);
                let rho = r.density.map_or("no density".to_string(), |d| {
                    format!("ρ {}", crate::format::sig(d))
                });
                models.labels.push(format!(
                    "{}\nN {}  S {s:.2}  {rho}",
                    m.name,
                    format_count(n)
                ));
            }
        }
    }
    notes.push("above the curve: denser than the family; below: less dense".into());
    notes.extend(reference_note(&inp));
    if !models.points.is_empty() {
        series.push(models);
    }
    series.push(members);
    chart(title, series, Vec::new(), notes)
}
