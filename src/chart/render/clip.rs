//! Clips a chart's data to the plotted ranges, so a chart exported with the window's zoom
//! draws nothing outside its frame: points outside are dropped, lines are cut at the edges
//! (Liang–Barsky; a line leaving and re-entering becomes several pieces), bands are cut
//! (Sutherland–Hodgman on their outline), reference lines outside are dropped.

use crate::chart::{Chart, Series, Style};

type Range = (f64, f64);

/// The chart with every series and reference line clipped to `x` × `y`.
pub(super) fn clip_chart(chart: &Chart, x: Range, y: Range) -> Chart {
    let mut c = chart.clone();
    c.series = chart
        .series
        .iter()
        .flat_map(|s| clip_series(s, x, y))
        .collect();
    c.ref_lines.retain(|r| {
        let (lo, hi) = if r.vertical { x } else { y };
        (lo..=hi).contains(&r.at)
    });
    c
}

fn inside(p: [f64; 2], x: Range, y: Range) -> bool {
    (x.0..=x.1).contains(&p[0]) && (y.0..=y.1).contains(&p[1])
}

fn clip_series(s: &Series, x: Range, y: Range) -> Vec<Series> {
    let with_points = |points: Vec<[f64; 2]>, upper: Vec<f64>, labels: Vec<String>| Series {
        points,
        upper,
        labels,
        ..s.clone()
    };
    match s.style {
        Style::Points { .. } => {
            let (mut pts, mut labels) = (Vec::new(), Vec::new());
            for (i, p) in s.points.iter().enumerate() {
                if inside(*p, x, y) {
                    pts.push(*p);
                    if let Some(l) = s.labels.get(i) {
                        labels.push(l.clone());
                    }
                }
            }
            vec![with_points(pts, Vec::new(), labels)]
        }
        Style::Line { .. } => line_pieces(&s.points, x, y)
            .into_iter()
            .map(|piece| with_points(piece, Vec::new(), Vec::new()))
            .collect(),
        Style::Band => {
            let mut outline: Vec<[f64; 2]> = s.points.clone();
            outline.extend(s.points.iter().zip(&s.upper).rev().map(|(p, u)| [p[0], *u]));
            let clipped = clip_polygon(&outline, x, y);
            if clipped.len() < 3 {
                return Vec::new();
            }
            // A clipped band is drawn as its outline: `points` the polygon, `upper` empty.
            vec![with_points(clipped, Vec::new(), Vec::new())]
        }
    }
}

/// Cuts a polyline at the rectangle's edges; returns the visible pieces.
pub(super) fn line_pieces(points: &[[f64; 2]], x: Range, y: Range) -> Vec<Vec<[f64; 2]>> {
    let mut pieces: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    let finite = |p: &[f64; 2]| p[0].is_finite() && p[1].is_finite();
    for seg in points.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let clipped = if finite(&a) && finite(&b) {
            clip_segment(a, b, x, y)
        } else {
            None
        };
        match clipped {
            Some((ca, cb)) => {
                if current.last() != Some(&ca) {
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(ca);
                }
                current.push(cb);
            }
            None => {
                if current.len() >= 2 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

/// Liang–Barsky: the part of segment a→b inside the rectangle.
fn clip_segment(a: [f64; 2], b: [f64; 2], x: Range, y: Range) -> Option<([f64; 2], [f64; 2])> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a[0] - x.0),
        (dx, x.1 - a[0]),
        (-dy, a[1] - y.0),
        (dy, y.1 - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then(|| {
        let at = |t: f64| {
            if t == 0.0 {
                a
            } else if t == 1.0 {
                b
            } else {
                [a[0] + t * dx, a[1] + t * dy]
            }
        };
        (at(t0), at(t1))
    })
}

/// Sutherland–Hodgman: the polygon cut to the rectangle.
fn clip_polygon(poly: &[[f64; 2]], x: Range, y: Range) -> Vec<[f64; 2]> {
    // Each edge: (is the point inside, the crossing of a→b with the edge).
    let edges: [(usize, f64, bool); 4] = [
        (0, x.0, true),
        (0, x.1, false),
        (1, y.0, true),
        (1, y.1, false),
    ];
    let mut out: Vec<[f64; 2]> = poly
        .iter()
        .copied()
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .collect();
    for (axis, at, keep_above) in edges {
        let is_in = |p: &[f64; 2]| {
            if keep_above {
                p[axis] >= at
            } else {
                p[axis] <= at
            }
        };
        let input = std::mem::take(&mut out);
        for (i, &cur) in input.iter().enumerate() {
            let prev = input[(i + input.len() - 1) % input.len()];
            let cross = |a: [f64; 2], b: [f64; 2]| {
                let t = (at - a[axis]) / (b[axis] - a[axis]);
                let mut p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
                p[axis] = at;
                p
            };
            match (is_in(&prev), is_in(&cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: Range = (0.0, 1.0);

    #[test]
    fn a_line_leaving_and_reentering_becomes_two_pieces_cut_at_the_edges() {
        let pts = [[0.2, 0.5], [0.5, 2.0], [0.8, 0.5]];
        let pieces = line_pieces(&pts, UNIT, UNIT);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0][0], [0.2, 0.5]);
        // The first segment rises 1.5 over 0.3 in x: it leaves y = 1 at x = 0.3.
        assert!((pieces[0][1][0] - 0.3).abs() < 1e-12 && pieces[0][1][1] == 1.0);
        assert!((pieces[1][0][0] - 0.7).abs() < 1e-12);
        assert_eq!(pieces[1][1], [0.8, 0.5]);
    }

    #[test]
    fn a_line_inside_stays_one_piece_and_one_outside_vanishes() {
        let inside = [[0.1, 0.1], [0.5, 0.5], [0.9, 0.2]];
        assert_eq!(line_pieces(&inside, UNIT, UNIT), vec![inside.to_vec()]);
        assert!(line_pieces(&[[2.0, 2.0], [3.0, 3.0]], UNIT, UNIT).is_empty());
    }

    #[test]
    fn a_polygon_is_cut_to_the_rectangle() {
        // A square from -1 to 2 covers the unit square: the clip is the unit square.
        let sq = [[-1.0, -1.0], [2.0, -1.0], [2.0, 2.0], [-1.0, 2.0]];
        let c = clip_polygon(&sq, UNIT, UNIT);
        assert_eq!(c.len(), 4);
        for p in &c {
            assert!(inside(*p, UNIT, UNIT));
            assert!(p[0] == 0.0 || p[0] == 1.0);
        }
    }
}
