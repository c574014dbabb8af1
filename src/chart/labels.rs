//! Greedy placement of point labels (issue 13), shared by the window and the exporter so
//! both put a model's name in the same place relative to its point: each label in turn
//! takes the first free spot of rings of candidate spots around its point — right, left,
//! above, below, then the diagonals, farther out ring by ring — that stays inside the
//! plot, overlaps no label already placed nor any box to avoid (the notes), and, where
//! room allows, covers no point. A label placed away from its point gets a leader line.
//! A label with no free spot at all is left out rather than drawn over another.

/// A placed label in pixels (y down), `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    /// Index of the label in the input.
    pub index: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// The labelled point.
    pub anchor: (f32, f32),
    /// True when the label sits away from its point and needs a leader line.
    pub leader: bool,
}

impl LabelBox {
    pub fn overlaps(&self, o: &LabelBox) -> bool {
        overlap(
            [self.x0, self.y0, self.x1, self.y1],
            [o.x0, o.y0, o.x1, o.y1],
        )
    }

    /// The point of the box nearest its anchor (where a leader line ends).
    pub fn attach(&self) -> (f32, f32) {
        (
            self.anchor.0.clamp(self.x0, self.x1),
            self.anchor.1.clamp(self.y0, self.y1),
        )
    }
}

fn overlap(a: [f32; 4], b: [f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Rings of candidate spots tried around each point.
const RINGS: usize = 10;

/// Places labels of `sizes` (width, height in pixels) at `anchors`, in input order (put
/// the most important first). `points` are every marker's centre, `radius` their size,
/// `bounds` the plot `[x0, y0, x1, y1]`, `avoid` boxes already taken.
pub fn place_labels(
    anchors: &[(f32, f32)],
    sizes: &[(f32, f32)],
    points: &[(f32, f32)],
    radius: f32,
    bounds: [f32; 4],
    avoid: &[[f32; 4]],
) -> Vec<LabelBox> {
    let mut placed: Vec<LabelBox> = Vec::new();
    for (index, (&anchor, &(w, h))) in anchors.iter().zip(sizes).enumerate() {
        let free = |b: [f32; 4], strict: bool| {
            b[0] >= bounds[0]
                && b[1] >= bounds[1]
                && b[2] <= bounds[2]
                && b[3] <= bounds[3]
                && !avoid.iter().any(|a| overlap(b, *a))
                && !placed.iter().any(|p| overlap(b, [p.x0, p.y0, p.x1, p.y1]))
                && (!strict
                    || !points.iter().any(|&(x, y)| {
                        overlap(b, [x - radius, y - radius, x + radius, y + radius])
                    }))
        };
        let spot = [true, false]
            .into_iter()
            .find_map(|strict| candidates(anchor, (w, h), radius).find(|(b, _)| free(*b, strict)));
        if let Some((b, ring)) = spot {
            placed.push(LabelBox {
                index,
                x0: b[0],
                y0: b[1],
                x1: b[2],
                y1: b[3],
                anchor,
                leader: ring > 0,
            });
        }
    }
    placed
}

/// Candidate boxes around `anchor`, nearest ring first, with their ring number.
fn candidates(
    anchor: (f32, f32),
    (w, h): (f32, f32),
    radius: f32,
) -> impl Iterator<Item = ([f32; 4], usize)> {
    let (ax, ay) = anchor;
    let gap = radius + 3.0;
    (0..RINGS).flat_map(move |ring| {
        let d = gap + ring as f32 * (h * 1.2);
        let e = d * std::f32::consts::FRAC_1_SQRT_2;
        [
            (ax + d, ay - h / 2.0),
            (ax - d - w, ay - h / 2.0),
            (ax - w / 2.0, ay - d - h),
            (ax - w / 2.0, ay + d),
            (ax + e, ay - e - h),
            (ax + e, ay + e),
            (ax - e - w, ay - e - h),
            (ax - e - w, ay + e),
        ]
        .into_iter()
        .map(move |(x, y)| ([x, y, x + w, y + h], ring))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_labels_do_not_overlap_and_avoid_points() {
        // 12 points on a short diagonal, each label 80x14: they cannot all sit on the
        // right of their points without overlapping.
        let anchors: Vec<(f32, f32)> = (0..12)
            .map(|i| (200.0 + 6.0 * i as f32, 300.0 - 5.0 * i as f32))
            .collect();
        let sizes = vec![(80.0, 14.0); 12];
        let placed = place_labels(
            &anchors,
            &sizes,
            &anchors,
            4.0,
            [0.0, 0.0, 800.0, 600.0],
            &[],
        );
        assert_eq!(placed.len(), 12);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
            for &(x, y) in &anchors {
                assert!(!overlap(
                    [a.x0, a.y0, a.x1, a.y1],
                    [x - 4.0, y - 4.0, x + 4.0, y + 4.0]
                ));
            }
        }
        assert!(placed.iter().any(|b| b.leader));
        // The first label's first spot (right of its point) covers the next points, so it
        // takes the second: left of its point (x1 = 200 − radius − 3), without a leader.
        assert_eq!((placed[0].x1, placed[0].leader), (193.0, false));
    }

    #[test]
    fn a_label_without_room_is_left_out_and_avoid_boxes_are_respected() {
        let bounds = [0.0, 0.0, 100.0, 30.0];
        let placed = place_labels(&[(50.0, 15.0)], &[(120.0, 10.0)], &[], 2.0, bounds, &[]);
        assert!(placed.is_empty());
        let avoid = [[55.0, 0.0, 100.0, 30.0]];
        let placed = place_labels(&[(50.0, 15.0)], &[(20.0, 10.0)], &[], 2.0, bounds, &avoid);
        assert_eq!(placed.len(), 1);
        assert!(placed[0].x1 <= 55.0, "{:?}", placed[0]);
    }
}
