//! The drawing of the body map: our own simple polygons for a standing figure, front and back, in the
//! anatomical position (palms forward).
//!
//! Coordinates are half-figure: `dx` is the distance from the midline (larger = more lateral) and `y` runs
//! down from the top of the head, in a 540-unit-tall figure. A sided region is drawn once per side by
//! mirroring; an unsided one (saddle, perianal skin) gives its full shape around the midline. Pieces are
//! drawn in table order, so later ones sit on top.

/// Which figure a piece belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Figure {
    Front,
    Back,
}

/// A shape in half-figure coordinates.
#[derive(Debug, Clone, Copy)]
pub(super) enum Shape {
    /// A polygon.
    Poly(&'static [(f32, f32)]),
    /// An ellipse: centre `dx`, `y` and radii.
    Ellipse(f32, f32, f32, f32),
}

/// Where a region is drawn.
pub(super) struct Piece {
    pub region: &'static str,
    pub figure: Figure,
    pub shape: Shape,
}

use Figure::{Back, Front};
use Shape::{Ellipse, Poly};

const fn p(region: &'static str, figure: Figure, shape: Shape) -> Piece {
    Piece { region, figure, shape }
}

/// Height of one figure, in map units.
pub(super) const HEIGHT: f32 = 540.0;
/// Width of the whole map (front and back side by side).
pub(super) const WIDTH: f32 = 480.0;
/// Midline of each figure.
pub(super) fn centre(figure: Figure) -> f32 {
    match figure {
        Front => 120.0,
        Back => 360.0,
    }
}

/// The outline drawn under the regions: shapes marked `true` are mirrored to both sides.
pub(super) const SILHOUETTE: &[(Shape, bool)] = &[
    (Ellipse(0.0, 40.0, 21.0, 27.0), false),
    (Poly(&[(-11.0, 60.0), (11.0, 60.0), (13.0, 88.0), (-13.0, 88.0)]), false),
    (
        Poly(&[
            (-13.0, 84.0),
            (13.0, 84.0),
            (50.0, 92.0),
            (56.0, 102.0),
            (44.0, 110.0),
            (36.0, 120.0),
            (32.0, 175.0),
            (30.0, 200.0),
            (33.0, 225.0),
            (38.0, 248.0),
            (36.0, 262.0),
            (4.0, 278.0),
            (-4.0, 278.0),
            (-36.0, 262.0),
            (-38.0, 248.0),
            (-33.0, 225.0),
            (-30.0, 200.0),
            (-32.0, 175.0),
            (-36.0, 120.0),
            (-44.0, 110.0),
            (-56.0, 102.0),
            (-50.0, 92.0),
        ]),
        false,
    ),
    (
        Poly(&[(46.0, 92.0), (56.0, 100.0), (68.0, 185.0), (76.0, 262.0), (64.0, 262.0), (54.0, 185.0), (42.0, 112.0)]),
        true,
    ),
    (Poly(&[(62.0, 262.0), (80.0, 262.0), (82.0, 292.0), (60.0, 292.0)]), true),
    (Poly(&[(61.0, 290.0), (82.0, 290.0), (81.0, 318.0), (76.0, 323.0), (66.0, 320.0), (60.0, 311.0)]), true),
    (Poly(&[(79.0, 268.0), (84.0, 266.0), (93.0, 290.0), (88.0, 295.0), (80.0, 284.0)]), true),
    (
        Poly(&[
            (38.0, 246.0),
            (31.0, 345.0),
            (30.0, 372.0),
            (26.0, 455.0),
            (27.0, 470.0),
            (12.0, 470.0),
            (13.0, 455.0),
            (10.0, 372.0),
            (9.0, 345.0),
            (3.0, 276.0),
            (20.0, 262.0),
        ]),
        true,
    ),
];

/// The foot outline differs: front shows the top of the foot, back the heel and sole.
pub(super) fn foot(figure: Figure) -> Shape {
    match figure {
        Front => Poly(&[
            (8.0, 470.0),
            (30.0, 470.0),
            (34.0, 476.0),
            (33.0, 494.0),
            (31.0, 504.0),
            (7.0, 506.0),
            (6.0, 490.0),
        ]),
        Back => Poly(&[
            (12.0, 468.0),
            (28.0, 468.0),
            (32.0, 490.0),
            (33.0, 512.0),
            (30.0, 520.0),
            (8.0, 522.0),
            (6.0, 490.0),
        ]),
    }
}

const THUMB: Shape = Poly(&[(79.0, 268.0), (84.0, 266.0), (93.0, 290.0), (88.0, 295.0), (80.0, 284.0)]);
const INDEX: Shape = Poly(&[(76.0, 292.0), (81.0, 292.0), (82.0, 318.0), (77.0, 319.0)]);
const MIDDLE: Shape = Poly(&[(71.0, 292.0), (76.0, 292.0), (76.0, 323.0), (71.0, 323.0)]);
const RING: Shape = Poly(&[(66.0, 292.0), (71.0, 292.0), (70.0, 319.0), (65.0, 318.0)]);
/// The palm side of the ring finger is drawn in halves: the thumb side (radial, larger `dx`) is usually
/// median skin, the little-finger side ulnar.
const RING_ULNAR_HALF: Shape = Poly(&[(66.0, 292.0), (68.5, 292.0), (67.5, 318.5), (65.0, 318.0)]);
const RING_RADIAL_HALF: Shape = Poly(&[(68.5, 292.0), (71.0, 292.0), (70.0, 319.0), (67.5, 318.5)]);
const LITTLE: Shape = Poly(&[(61.0, 292.0), (66.0, 292.0), (64.0, 312.0), (60.0, 311.0)]);
const NECK: Shape = Poly(&[(5.0, 62.0), (11.0, 62.0), (13.0, 87.0), (6.0, 87.0)]);
const SHOULDER_TOP: Shape = Poly(&[(26.0, 86.0), (46.0, 91.0), (56.0, 100.0), (48.0, 100.0), (28.0, 96.0)]);
const MEDIAL_ANKLE: Shape = Poly(&[(13.0, 455.0), (18.0, 455.0), (18.0, 470.0), (12.0, 470.0)]);
const LATERAL_ANKLE: Shape = Poly(&[(22.0, 455.0), (26.0, 455.0), (27.0, 470.0), (22.0, 470.0)]);

/// Every region piece, in drawing order.
pub(super) const PIECES: &[Piece] = &[
    // head and neck
    p("occiput", Back, Poly(&[(2.0, 32.0), (18.0, 32.0), (21.0, 42.0), (14.0, 60.0), (2.0, 66.0)])),
    p("neck", Front, NECK),
    p("neck", Back, NECK),
    p("supraclavicular", Front, Poly(&[(13.0, 87.0), (26.0, 86.0), (28.0, 96.0), (13.0, 97.0)])),
    // trunk, front
    p("upper-chest", Front, Poly(&[(0.0, 97.0), (30.0, 97.0), (38.0, 104.0), (36.0, 124.0), (0.0, 124.0)])),
    p("nipple-line", Front, Poly(&[(0.0, 124.0), (36.0, 124.0), (34.0, 148.0), (0.0, 148.0)])),
    p("lower-chest", Front, Poly(&[(0.0, 148.0), (34.0, 148.0), (32.0, 174.0), (0.0, 174.0)])),
    p("upper-abdomen", Front, Poly(&[(0.0, 174.0), (32.0, 174.0), (30.0, 200.0), (0.0, 200.0)])),
    p("umbilicus", Front, Poly(&[(0.0, 200.0), (30.0, 200.0), (32.0, 216.0), (0.0, 216.0)])),
    p("lower-abdomen", Front, Poly(&[(0.0, 216.0), (32.0, 216.0), (35.0, 234.0), (3.0, 258.0), (0.0, 258.0)])),
    // upper limb
    p("shoulder-top", Front, SHOULDER_TOP),
    p("shoulder-top", Back, SHOULDER_TOP),
    p("lateral-arm", Front, Poly(&[(48.0, 100.0), (56.0, 100.0), (68.0, 185.0), (61.0, 185.0)])),
    p("medial-arm", Front, Poly(&[(42.0, 112.0), (49.0, 106.0), (61.0, 185.0), (54.0, 185.0)])),
    p("axilla", Front, Poly(&[(36.0, 104.0), (47.0, 104.0), (43.0, 118.0), (36.0, 124.0)])),
    p("posterior-arm", Back, Poly(&[(42.0, 112.0), (52.0, 100.0), (64.0, 185.0), (54.0, 185.0)])),
    p("lateral-arm", Back, Poly(&[(52.0, 100.0), (56.0, 100.0), (68.0, 185.0), (64.0, 185.0)])),
    p("lateral-forearm", Front, Poly(&[(61.0, 185.0), (68.0, 185.0), (76.0, 262.0), (70.0, 262.0)])),
    p("medial-forearm", Front, Poly(&[(54.0, 185.0), (61.0, 185.0), (70.0, 262.0), (64.0, 262.0)])),
    p("posterior-forearm", Back, Poly(&[(54.0, 185.0), (68.0, 185.0), (76.0, 262.0), (64.0, 262.0)])),
    p("thenar-eminence", Front, Poly(&[(71.0, 266.0), (80.0, 264.0), (82.0, 288.0), (72.0, 288.0)])),
    p("hypothenar-eminence", Front, Poly(&[(61.0, 268.0), (68.0, 268.0), (68.0, 291.0), (60.0, 291.0)])),
    p("dorsum-hand-radial", Back, Poly(&[(71.0, 262.0), (80.0, 262.0), (82.0, 292.0), (71.0, 292.0)])),
    p("dorsum-hand-ulnar", Back, Poly(&[(62.0, 262.0), (71.0, 262.0), (71.0, 292.0), (60.0, 292.0)])),
    p("thumb", Front, THUMB),
    p("thumb", Back, THUMB),
    p("index-finger", Front, INDEX),
    p("index-finger", Back, INDEX),
    p("middle-finger", Front, MIDDLE),
    p("middle-finger", Back, MIDDLE),
    p("ring-finger-ulnar-half", Front, RING_ULNAR_HALF),
    p("ring-finger-radial-half", Front, RING_RADIAL_HALF),
    p("ring-finger", Back, RING),
    p("little-finger", Front, LITTLE),
    p("little-finger", Back, LITTLE),
    // lower limb, front
    p("lateral-thigh", Front, Poly(&[(28.0, 252.0), (38.0, 247.0), (31.0, 345.0), (23.0, 345.0)])),
    p("anterior-thigh", Front, Poly(&[(14.0, 264.0), (28.0, 252.0), (23.0, 345.0), (15.0, 345.0)])),
    p("medial-thigh", Front, Poly(&[(3.0, 276.0), (14.0, 264.0), (15.0, 345.0), (9.0, 345.0)])),
    p("groin", Front, Poly(&[(35.0, 234.0), (38.0, 247.0), (12.0, 268.0), (2.0, 264.0), (2.0, 257.0)])),
    p("anterior-knee", Front, Poly(&[(14.0, 345.0), (31.0, 345.0), (30.0, 372.0), (15.0, 372.0)])),
    p("medial-knee", Front, Poly(&[(9.0, 345.0), (14.0, 345.0), (15.0, 372.0), (10.0, 372.0)])),
    p("lateral-leg", Front, Poly(&[(20.0, 372.0), (30.0, 372.0), (26.0, 455.0), (20.0, 455.0)])),
    p("medial-leg", Front, Poly(&[(10.0, 372.0), (20.0, 372.0), (20.0, 455.0), (13.0, 455.0)])),
    p("medial-ankle", Front, MEDIAL_ANKLE),
    p("lateral-ankle", Front, LATERAL_ANKLE),
    p("medial-foot", Front, Poly(&[(8.0, 471.0), (12.0, 470.0), (13.0, 490.0), (6.0, 490.0)])),
    p("dorsum-foot", Front, Poly(&[(12.0, 470.0), (28.0, 470.0), (30.0, 490.0), (13.0, 490.0)])),
    p("lateral-foot", Front, Poly(&[(28.0, 470.0), (30.0, 470.0), (34.0, 476.0), (33.0, 494.0), (30.0, 490.0)])),
    p("great-toe", Front, Poly(&[(6.0, 490.0), (13.0, 490.0), (13.0, 505.0), (7.0, 506.0)])),
    p("first-web-space", Front, Poly(&[(13.0, 489.0), (17.0, 489.0), (17.0, 498.0), (13.0, 498.0)])),
    // trunk, back
    p("upper-back", Back, Poly(&[(0.0, 88.0), (13.0, 86.0), (28.0, 96.0), (38.0, 104.0), (35.0, 140.0), (0.0, 140.0)])),
    p("mid-back", Back, Poly(&[(0.0, 140.0), (35.0, 140.0), (32.0, 178.0), (0.0, 178.0)])),
    p("lower-thoracic-back", Back, Poly(&[(0.0, 178.0), (32.0, 178.0), (30.0, 204.0), (0.0, 204.0)])),
    p("lumbar-back", Back, Poly(&[(0.0, 204.0), (30.0, 204.0), (33.0, 225.0), (35.0, 232.0), (0.0, 232.0)])),
    // lower limb and perineum, back
    p(
        "buttock",
        Back,
        Poly(&[(4.0, 232.0), (34.0, 232.0), (38.0, 250.0), (36.0, 268.0), (30.0, 290.0), (8.0, 292.0), (4.0, 280.0)]),
    ),
    p("sacral-region", Back, Poly(&[(-9.0, 222.0), (9.0, 222.0), (7.0, 246.0), (0.0, 256.0), (-7.0, 246.0)])),
    p("saddle", Back, Poly(&[(-6.0, 256.0), (6.0, 256.0), (9.0, 290.0), (0.0, 300.0), (-9.0, 290.0)])),
    p("perianal", Back, Ellipse(0.0, 277.0, 3.5, 3.5)),
    p("posterior-thigh", Back, Poly(&[(5.0, 292.0), (30.0, 290.0), (31.0, 345.0), (9.0, 345.0)])),
    p("popliteal-fossa", Back, Poly(&[(9.0, 345.0), (31.0, 345.0), (30.0, 372.0), (10.0, 372.0)])),
    p("posterior-calf", Back, Poly(&[(10.0, 372.0), (30.0, 372.0), (26.0, 455.0), (13.0, 455.0)])),
    p("medial-ankle", Back, MEDIAL_ANKLE),
    p("lateral-ankle", Back, LATERAL_ANKLE),
    p("medial-heel", Back, Poly(&[(12.0, 470.0), (19.5, 470.0), (19.5, 486.0), (11.0, 486.0)])),
    p("heel", Back, Poly(&[(19.5, 470.0), (27.0, 470.0), (28.0, 486.0), (19.5, 486.0)])),
    p("sole", Back, Poly(&[(11.0, 486.0), (28.0, 486.0), (30.0, 510.0), (10.0, 510.0)])),
    p("medial-foot", Back, Poly(&[(8.0, 488.0), (11.0, 486.0), (10.0, 510.0), (7.0, 508.0)])),
    p("lateral-foot", Back, Poly(&[(28.0, 486.0), (32.0, 488.0), (33.0, 510.0), (30.0, 510.0)])),
    p("great-toe", Back, Poly(&[(7.0, 510.0), (14.0, 510.0), (14.0, 520.0), (8.0, 520.0)])),
];

/// The direction of the patient's side in a figure: +1 to the viewer's right, −1 to the left.
/// From the front the patient's left is on the viewer's right; from the back, on the left.
pub(super) fn sign(figure: Figure, left: bool) -> f32 {
    match (figure, left) {
        (Front, true) | (Back, false) => 1.0,
        (Front, false) | (Back, true) => -1.0,
    }
}

/// The `points` of a shape drawn as an SVG polygon (an ellipse becomes a 20-sided polygon).
pub(super) fn points(shape: Shape, figure: Figure, mirror: f32) -> String {
    let cx = centre(figure);
    let pt = |dx: f32, y: f32| format!("{},{}", fmt(cx + mirror * dx), fmt(y));
    match shape {
        Poly(points) => points.iter().map(|(dx, y)| pt(*dx, *y)).collect::<Vec<_>>().join(" "),
        Ellipse(dx, y, rx, ry) => (0..20u8)
            .map(|i| {
                let a = f32::from(i) * std::f32::consts::TAU / 20.0;
                pt(dx + rx * a.cos(), y + ry * a.sin())
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A coordinate with at most one decimal.
fn fmt(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirroring_follows_the_patient_sides() {
        assert_eq!(
            points(Poly(&[(10.0, 5.0)]), Front, sign(Front, true)),
            "130,5",
            "front: patient's left on the viewer's right"
        );
        assert_eq!(
            points(Poly(&[(10.0, 5.0)]), Back, sign(Back, true)),
            "350,5",
            "back: patient's left on the viewer's left"
        );
        assert_eq!(points(Ellipse(0.0, 0.0, 1.0, 1.0), Front, 1.0).split(' ').count(), 20);
        assert_eq!(fmt(12.25), "12.3");
    }
}
