//! What supplies each region, from the atlas data: the roots whose dermatome includes it (and those that
//! include it only in some maps or some people) and the nerves whose cutaneous territory includes it.

use std::collections::BTreeMap;

use vesalius_atlas::{Atlas, Nerve};

/// The roots of the atlas in spinal order (the built-in atlas lists exactly these; a test checks it), for
/// places that have no atlas at hand: the colour of a root is that of its position here.
pub(super) const ROOTS: [&str; 28] = [
    "C2", "C3", "C4", "C5", "C6", "C7", "C8", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11",
    "T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4-5",
];

/// The supply of one region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Supply {
    /// Roots whose usual territory (most maps) includes the region, in spinal order.
    pub roots: Vec<String>,
    /// Roots that include it only in some maps or some people (`variable` or a conflicting map).
    pub variable_roots: Vec<String>,
    /// Nerves whose own skin includes it, most specific first.
    pub nerves: Vec<String>,
    /// The same nerves and every nerve above them (a nerve's territory includes its branches').
    pub nerve_tree: Vec<String>,
    /// Nerves that supply it in some people (and the nerves above them), not already in `nerve_tree`.
    pub variable_nerves: Vec<String>,
}

fn push(list: &mut Vec<String>, s: &str) {
    if !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

/// The supply of every region of the atlas, by region id.
pub(super) fn supplies(atlas: &Atlas) -> BTreeMap<String, Supply> {
    let mut out: BTreeMap<String, Supply> = atlas.regions.iter().map(|r| (r.id.clone(), Supply::default())).collect();
    for d in &atlas.dermatomes {
        for r in &d.regions {
            if let Some(s) = out.get_mut(r) {
                push(&mut s.roots, &d.root);
            }
        }
        let others = d.variable.iter().chain(d.conflicts.iter().flat_map(|c| c.regions.iter()));
        for r in others {
            if let Some(s) = out.get_mut(r) {
                if !s.roots.contains(&d.root) {
                    push(&mut s.variable_roots, &d.root);
                }
            }
        }
    }
    for n in &atlas.nerves {
        let chain: Vec<&Nerve> = atlas.nerve_chain(&n.id);
        for r in &n.regions {
            if let Some(s) = out.get_mut(r) {
                push(&mut s.nerves, &n.id);
                for c in &chain {
                    push(&mut s.nerve_tree, &c.id);
                }
            }
        }
    }
    for n in &atlas.nerves {
        let chain: Vec<&Nerve> = atlas.nerve_chain(&n.id);
        for r in n.variable.iter().chain(n.conflicts.iter().flat_map(|c| c.regions.iter())) {
            if let Some(s) = out.get_mut(r) {
                for c in &chain {
                    if !s.nerve_tree.contains(&c.id) {
                        push(&mut s.variable_nerves, &c.id);
                    }
                }
            }
        }
    }
    // A variable root listed before its strong entry (file order) is dropped once it is strong.
    for s in out.values_mut() {
        let strong = s.roots.clone();
        s.variable_roots.retain(|r| !strong.contains(r));
        s.nerves.sort_by_key(|id| std::cmp::Reverse(atlas.nerve_chain(id).len()));
    }
    out
}

/// Region ids of a root's territory: (most maps, some maps or people).
pub(super) fn root_territory(atlas: &Atlas, root: &str) -> (Vec<String>, Vec<String>) {
    let Some(d) = atlas.dermatome(root) else { return (Vec::new(), Vec::new()) };
    let strong = d.regions.clone();
    let mut variable = Vec::new();
    for r in d.variable.iter().chain(d.conflicts.iter().flat_map(|c| c.regions.iter())) {
        if !strong.contains(r) {
            push(&mut variable, r);
        }
    }
    (strong, variable)
}

/// Region ids of a nerve's territory including its branches: (usual, in some people).
pub(super) fn nerve_territory(atlas: &Atlas, nerve: &str) -> (Vec<String>, Vec<String>) {
    let mut strong = Vec::new();
    let mut variable = Vec::new();
    for id in atlas.nerve_subtree(nerve) {
        if let Some(n) = atlas.nerve(&id) {
            for r in &n.regions {
                push(&mut strong, r);
            }
        }
    }
    for id in atlas.nerve_subtree(nerve) {
        if let Some(n) = atlas.nerve(&id) {
            for r in n.variable.iter().chain(n.conflicts.iter().flat_map(|c| c.regions.iter())) {
                if !strong.contains(r) {
                    push(&mut variable, r);
                }
            }
        }
    }
    (strong, variable)
}

/// The labels of region ids, joined.
pub(super) fn region_labels(atlas: &Atlas, ids: &[String]) -> String {
    ids.iter().map(|id| atlas.region(id).map_or(id.as_str(), |r| r.label.as_str())).collect::<Vec<_>>().join(", ")
}

/// A colour per root, spread round the hue circle so that neighbouring roots differ clearly.
pub(super) fn root_colour(index: usize) -> String {
    #[allow(clippy::cast_precision_loss)]
    let hue = (index as f32 * 137.508) % 360.0;
    hsl_hex(hue, 0.62, 0.6)
}

fn hsl_hex(h: f32, s: f32, l: f32) -> String {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", to(r), to(g), to(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_hex_and_neighbours_differ() {
        assert_eq!(hsl_hex(0.0, 1.0, 0.5), "#ff0000");
        assert_eq!(hsl_hex(120.0, 1.0, 0.5), "#00ff00");
        assert_ne!(root_colour(3), root_colour(4));
        assert_eq!(root_colour(0).len(), 7);
    }
}
