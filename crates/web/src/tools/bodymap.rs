//! The body map as SVG, generated from the atlas regions: one shape per region, view and side, tagged with
//! its dermatomes and nerves.
//!
//! Colours are presentation attributes (allowed by the Content-Security-Policy, and overridden by
//! `tools.css` when a selection is shown). Dermatome overlap is drawn honestly: a region shared by several
//! roots is striped in their colours, a region a root covers only in some maps or people is hatched, and
//! coloured regions are blurred slightly so that no border looks crisp.

use std::collections::BTreeMap;

use maud::{html, Markup, PreEscaped};
use vesalius_atlas::{Atlas, Region, View};

use super::geometry::{self, Figure, PIECES, SILHOUETTE};
use super::supply::{self, Supply};

/// Fill of a region that no shown root covers.
const NEUTRAL: &str = "#dfe4ea";
/// Fill and outline of the body outline.
const BODY: &str = "#f0f2f5";
const OUTLINE: &str = "#aeb8c4";

/// Which extra class a region shape gets: `""`, `"hl"`, `"hl-var"` or `"picked"`.
pub(super) type Marker<'a> = &'a dyn Fn(&str, Option<&str>) -> &'static str;

/// How to draw a map.
pub(super) struct MapSpec<'a> {
    /// Colour regions by these roots (a dermatome chart); neutral when `None`.
    pub colour_roots: Option<&'a [String]>,
    /// Focusable, tagged shapes for the scripts (ids, roots, nerves as data attributes).
    pub interactive: bool,
    /// A stand-alone SVG document (an `xmlns`, no classes needed).
    pub standalone: bool,
    /// A selection is shown: un-marked regions are greyed by the stylesheet.
    pub selection: bool,
    /// The accessible name of the whole map.
    pub label: &'a str,
    /// Extra class per region id and side.
    pub mark: Marker<'a>,
}

/// The drawn sides of a region: `[Some("left"), Some("right")]` or `[None]`.
fn sides(region: &Region) -> Vec<Option<&'static str>> {
    if region.sided {
        vec![Some("left"), Some("right")]
    } else {
        vec![None]
    }
}

fn shows(view: View, figure: Figure) -> bool {
    matches!((view, figure), (View::Both, _) | (View::Front, Figure::Front) | (View::Back, Figure::Back))
}

/// Regions of the atlas that the drawing has no shape for in a view they declare (listed under the map).
pub(super) fn undrawn(atlas: &Atlas) -> Vec<&Region> {
    atlas
        .regions
        .iter()
        .filter(|r| {
            [Figure::Front, Figure::Back]
                .into_iter()
                .any(|f| shows(r.view, f) && !PIECES.iter().any(|p| p.region == r.id && p.figure == f))
        })
        .collect()
}

/// A plain-words account of what supplies a region (tooltips, accessible names, the no-script table).
pub(super) fn describe(atlas: &Atlas, region: &Region, side: Option<&str>, s: &Supply) -> String {
    let mut out = region.label.clone();
    if let Some(side) = side {
        out.push_str(&format!(" ({side})"));
    }
    out.push_str(": ");
    if s.roots.is_empty() && s.variable_roots.is_empty() {
        out.push_str("no dermatome recorded");
    } else if s.roots.is_empty() {
        out.push_str(&format!("dermatome {} in some maps or people", s.variable_roots.join(", ")));
    } else {
        out.push_str(&format!("dermatome {}", s.roots.join(", ")));
        if !s.variable_roots.is_empty() {
            out.push_str(&format!(" (in some maps or people also {})", s.variable_roots.join(", ")));
        }
    }
    let nerve_label = |id: &String| atlas.nerve(id).map_or(id.clone(), |n| n.label.clone());
    if !s.nerves.is_empty() {
        out.push_str(&format!("; nerve: {}", s.nerves.iter().map(nerve_label).collect::<Vec<_>>().join(", ")));
    }
    if !s.variable_nerves.is_empty() {
        let v: Vec<String> = s
            .variable_nerves
            .iter()
            .filter(|id| atlas.nerve(id).is_some_and(|n| n.variable.contains(&region.id)))
            .map(nerve_label)
            .collect();
        if !v.is_empty() {
            out.push_str(&format!("; in some people: {}", v.join(", ")));
        }
    }
    out
}

/// The fill of a region in a dermatome chart of `roots`: a colour, or a pattern id to define.
fn chart_fill(
    atlas: &Atlas,
    s: &Supply,
    roots: &[String],
    patterns: &mut BTreeMap<String, (bool, Vec<String>)>,
) -> Option<String> {
    let colour = |r: &String| atlas.root_index(r).map(supply::root_colour).unwrap_or_else(|| NEUTRAL.to_string());
    let strong: Vec<&String> = s.roots.iter().filter(|r| roots.contains(r)).collect();
    let variable: Vec<&String> = s.variable_roots.iter().filter(|r| roots.contains(r)).collect();
    let (hatched, used) = match (strong.as_slice(), variable.as_slice()) {
        ([], []) => return None,
        ([one], _) => return Some(colour(one)),
        ([], v) => (true, v.to_vec()),
        (s, _) => (false, s.to_vec()),
    };
    let id = format!(
        "bm-{}-{}",
        if hatched { "v" } else { "s" },
        used.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("_")
    );
    patterns.insert(id.clone(), (hatched, used.iter().map(|r| colour(r)).collect()));
    Some(format!("url(#{id})"))
}

fn pattern_defs(patterns: &BTreeMap<String, (bool, Vec<String>)>) -> Markup {
    html! {
        @for (id, (hatched, colours)) in patterns {
            @let n = colours.len();
            @let w = if *hatched { 4 * n } else { 5 * n };
            pattern id=(id) patternUnits="userSpaceOnUse" width=(w) height="6" patternTransform="rotate(45)" {
                @if *hatched {
                    rect width=(w) height="6" fill="#f7f8fa" {}
                    @for (i, c) in colours.iter().enumerate() { rect x=(4 * i) width="2" height="6" fill=(c) {} }
                } @else {
                    @for (i, c) in colours.iter().enumerate() { rect x=(5 * i) width="5" height="6" fill=(c) {} }
                }
            }
        }
    }
}

/// The map: front and back figures side by side, every region of the atlas that has a view.
pub(super) fn render(atlas: &Atlas, spec: &MapSpec<'_>) -> Markup {
    let supplies = supply::supplies(atlas);
    let mut patterns = BTreeMap::new();
    let mut shapes = String::new();
    for figure in [Figure::Front, Figure::Back] {
        for piece in PIECES.iter().filter(|p| p.figure == figure) {
            let Some(region) = atlas.region(piece.region) else { continue };
            if !shows(region.view, figure) {
                continue;
            }
            let s = supplies.get(&region.id).cloned().unwrap_or_default();
            let fill = spec.colour_roots.and_then(|roots| chart_fill(atlas, &s, roots, &mut patterns));
            for side in sides(region) {
                let mirror = side.map_or(1.0, |sd| geometry::sign(figure, sd == "left"));
                let points = geometry::points(piece.shape, figure, mirror);
                shapes.push_str(&region_shape(atlas, region, side, &s, &points, fill.as_deref(), spec).into_string());
            }
        }
    }
    let view_box = format!("0 0 {} {}", geometry::WIDTH, geometry::HEIGHT);
    let class = if spec.selection { "bodymap has-selection" } else { "bodymap" };
    html! {
        svg xmlns=[spec.standalone.then_some("http://www.w3.org/2000/svg")] class=(class) id=[spec.interactive.then_some("bodymap")]
            viewBox=(view_box) role="img" aria-label=(spec.label) {
            title { (spec.label) }
            defs {
                filter id="bm-soft" x="-20%" y="-20%" width="140%" height="140%" { feGaussianBlur stdDeviation="1.2" {} }
                pattern id="bm-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)" {
                    rect width="5" height="5" fill="#dce8f7" {}
                    rect width="2" height="5" fill="#1f5fa8" {}
                }
                (pattern_defs(&patterns))
            }
            @for figure in [Figure::Front, Figure::Back] {
                @let cx = geometry::centre(figure);
                g.silhouette fill=(BODY) stroke=(OUTLINE) stroke-width="1" {
                    @for (shape, mirrored) in SILHOUETTE {
                        @for m in if *mirrored { vec![1.0, -1.0] } else { vec![1.0] } {
                            polygon points=(geometry::points(*shape, figure, m)) {}
                        }
                    }
                    @for m in [1.0, -1.0] { polygon points=(geometry::points(geometry::foot(figure), figure, m)) {} }
                }
                text x=(cx) y="532" text-anchor="middle" font-family="system-ui, sans-serif" font-size="13" fill="#1d2430" { (if figure == Figure::Front { "Front" } else { "Back" }) }
                @let (west, east) = if figure == Figure::Front { ("Right", "Left") } else { ("Left", "Right") };
                text x=(cx - 100.0) y="14" font-family="system-ui, sans-serif" font-size="11" fill="#5b6676" { (west) }
                text x=(cx + 100.0) y="14" font-family="system-ui, sans-serif" font-size="11" text-anchor="end" fill="#5b6676" { (east) }
            }
            g.regions { (PreEscaped(shapes)) }
        }
    }
}

fn region_shape(
    atlas: &Atlas,
    region: &Region,
    side: Option<&str>,
    s: &Supply,
    points: &str,
    fill: Option<&str>,
    spec: &MapSpec<'_>,
) -> Markup {
    let mark = (spec.mark)(&region.id, side);
    let class = if mark.is_empty() { "region".to_string() } else { format!("region {mark}") };
    let text = describe(atlas, region, side, s);
    let filter = fill.is_some().then_some("url(#bm-soft)");
    let fill = fill.unwrap_or(NEUTRAL);
    let stroke = if spec.colour_roots.is_some() { "none" } else { "#ffffff" };
    if !spec.interactive {
        return html! {
            polygon class=(class) points=(points) fill=(fill) filter=[filter] stroke=(stroke) stroke-width="0.8" data-region=(region.id) { title { (text) } }
        };
    }
    html! {
        polygon class=(class) points=(points) fill=(fill) filter=[filter] stroke=(stroke) stroke-width="0.8"
            data-region=(region.id) data-side=(side.unwrap_or("")) data-label=(region.label)
            data-roots=(s.roots.join(" ")) data-variable-roots=(s.variable_roots.join(" "))
            data-nerves=(s.nerve_tree.join(" ")) data-variable-nerves=(s.variable_nerves.join(" "))
            tabindex="0" role="button" aria-label=(text) aria-pressed=[(mark == "picked").then_some("true")] {
            title { (text) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn atlas() -> Atlas {
        let corpus = vesalius_content::Corpus::builtin().expect("built-in content");
        Atlas::builtin(&corpus.references).expect("built-in atlas")
    }

    #[test]
    fn every_region_with_a_view_is_drawn_once_per_view() {
        let atlas = atlas();
        assert!(
            undrawn(&atlas).is_empty(),
            "no shape for {:?}",
            undrawn(&atlas).iter().map(|r| &r.id).collect::<Vec<_>>()
        );
        let mut seen = std::collections::BTreeSet::new();
        for p in PIECES {
            assert!(seen.insert((p.region, p.figure == Figure::Front)), "{} drawn twice in one view", p.region);
            let r = atlas.region(p.region).unwrap_or_else(|| panic!("{} is not an atlas region", p.region));
            assert!(shows(r.view, p.figure), "{} is drawn in a view it does not declare", p.region);
        }
    }

    #[test]
    fn every_drawn_region_on_the_back_has_a_dermatome() {
        let atlas = atlas();
        let supply = supply::supplies(&atlas);
        let blank: Vec<&str> = PIECES
            .iter()
            .filter(|p| p.figure == Figure::Back)
            .filter(|p| supply.get(p.region).is_none_or(|s| s.roots.is_empty() && s.variable_roots.is_empty()))
            .map(|p| p.region)
            .collect();
        assert!(blank.is_empty(), "drawn on the back without a dermatome: {blank:?}");
        for trunk in ["upper-back", "mid-back", "lower-thoracic-back", "lumbar-back", "sacral-region"] {
            assert!(PIECES.iter().any(|p| p.region == trunk && p.figure == Figure::Back), "{trunk} is not drawn");
        }
    }

    #[test]
    fn the_atlas_roots_are_the_fixed_root_list() {
        assert_eq!(
            atlas().roots,
            supply::ROOTS.map(str::to_string).to_vec(),
            "article chart colours assume this order"
        );
    }

    #[test]
    fn overlap_is_striped_and_variable_territory_hatched() {
        let atlas = atlas();
        let roots = atlas.roots.clone();
        let none = |_: &str, _: Option<&str>| "";
        let svg = render(
            &atlas,
            &MapSpec {
                colour_roots: Some(&roots),
                interactive: false,
                standalone: true,
                selection: false,
                label: "m",
                mark: &none,
            },
        )
        .into_string();
        assert!(svg.contains("<pattern id=\"bm-s-L2_L3\""), "anterior thigh is shared by L2 and L3");
        assert!(svg.contains("id=\"bm-v-"), "a region only some maps include is hatched");
        assert!(svg.contains("filter=\"url(#bm-soft)\""), "borders are softened");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }
}
