//! The loaded atlas and its look-ups: by id, by name (label or synonym), and along the nerve tree.

use std::path::PathBuf;

use vesalius_content::{builtin_files, LoadErrors};
use vesalius_core::Reference;

use crate::model::{AtlasFile, Dermatome, LesionSite, Movement, Nerve, Pattern, Prior, Reflex, Region, RegionGroup};
use crate::text;

/// Something a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entity {
    Region(usize),
    Group(usize),
    Movement(usize),
    Reflex(usize),
    Nerve(usize),
    Site(usize),
}

/// The computable atlas: cited dermatomes, movements, reflexes, nerves and lesion patterns.
#[derive(Debug, Clone)]
pub struct Atlas {
    /// The files it was loaded from (each a reviewable unit).
    pub files: Vec<AtlasFile>,
    /// The region vocabulary.
    pub regions: Vec<Region>,
    /// Names for several regions at once.
    pub groups: Vec<RegionGroup>,
    /// Roots in order down the spine (`C2` … `S4-5`).
    pub roots: Vec<String>,
    /// One dermatome per root, in the same order.
    pub dermatomes: Vec<Dermatome>,
    /// Tested movements.
    pub movements: Vec<Movement>,
    /// Tendon reflexes.
    pub reflexes: Vec<Reflex>,
    /// Peripheral nerves and branches.
    pub nerves: Vec<Nerve>,
    /// Named lesion sites of nerves.
    pub sites: Vec<LesionSite>,
    /// Lesion patterns for the localiser.
    pub patterns: Vec<Pattern>,
    /// How common each lesion is: the localiser's priors.
    pub priors: Vec<Prior>,
    /// Every name (id, label, synonym, muscle) as normalised words, longest first.
    pub(crate) names: Vec<(Vec<String>, Entity)>,
    /// True when composed answers name regions by their anatomical term (see [`Atlas::anatomical`]).
    pub(crate) anatomical: bool,
}

impl Atlas {
    /// The same atlas, composing answers in anatomical terms (each region's `term`, e.g. "dorsum of the
    /// foot", "medial lower leg") for clinicians and students; [`Atlas::answer`] on `self` keeps the lay
    /// labels ("top of the foot") meant for patients. Questions are read the same way by both.
    pub fn anatomical(&self) -> Atlas {
        Atlas { anatomical: true, ..self.clone() }
    }

    /// The name a composed answer gives `region`: its anatomical term in an [`Atlas::anatomical`] atlas
    /// (when it has one), else its lay label.
    pub fn region_name<'a>(&self, region: &'a Region) -> &'a str {
        match (&region.term, self.anatomical) {
            (Some(term), true) => term,
            _ => &region.label,
        }
    }

    /// The atlas compiled into this binary from the repository's `content/atlas/*.toml`.
    ///
    /// # Errors
    /// Every load error of the embedded files (a test keeps them valid).
    pub fn builtin(references: &[Reference]) -> Result<Atlas, LoadErrors> {
        let files = builtin_files()
            .filter(|(path, _)| path.starts_with("atlas/") && path.ends_with(".toml"))
            .map(|(path, text)| (PathBuf::from("content").join(path), text.to_string()));
        Self::from_files(files, references)
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The dermatome of this root.
    pub fn dermatome(&self, root: &str) -> Option<&Dermatome> {
        self.dermatomes.iter().find(|d| d.root == root)
    }

    /// The movement with this id.
    pub fn movement(&self, id: &str) -> Option<&Movement> {
        self.movements.iter().find(|m| m.id == id)
    }

    /// The reflex with this id.
    pub fn reflex(&self, id: &str) -> Option<&Reflex> {
        self.reflexes.iter().find(|r| r.id == id)
    }

    /// The nerve with this id.
    pub fn nerve(&self, id: &str) -> Option<&Nerve> {
        self.nerves.iter().find(|n| n.id == id)
    }

    /// Position of a root in spinal order.
    pub fn root_index(&self, root: &str) -> Option<usize> {
        self.roots.iter().position(|r| r == root)
    }

    /// The entity a whole name refers to (id, label, synonym or muscle), preferring `prefer`'s kind.
    pub(crate) fn lookup(&self, name: &str, accept: impl Fn(Entity) -> bool) -> Option<Entity> {
        let key = text::words(name);
        self.names.iter().find(|(words, e)| *words == key && accept(*e)).map(|(_, e)| *e)
    }

    /// The region ids a name refers to: one region, or every member of a group.
    pub fn resolve_region(&self, name: &str) -> Option<Vec<String>> {
        match self.lookup(name, |e| matches!(e, Entity::Region(_) | Entity::Group(_)))? {
            Entity::Region(i) => Some(vec![self.regions[i].id.clone()]),
            Entity::Group(i) => Some(self.groups[i].regions.clone()),
            _ => None,
        }
    }

    /// The movement a name (id, label, synonym or muscle) refers to.
    pub fn resolve_movement(&self, name: &str) -> Option<&Movement> {
        match self.lookup(name, |e| matches!(e, Entity::Movement(_)))? {
            Entity::Movement(i) => self.movements.get(i),
            _ => None,
        }
    }

    /// The reflex a name refers to.
    pub fn resolve_reflex(&self, name: &str) -> Option<&Reflex> {
        match self.lookup(name, |e| matches!(e, Entity::Reflex(_)))? {
            Entity::Reflex(i) => self.reflexes.get(i),
            _ => None,
        }
    }

    /// The nerve and its ancestors, nearest first.
    pub fn nerve_chain(&self, id: &str) -> Vec<&Nerve> {
        let mut out: Vec<&Nerve> = Vec::new();
        let mut next = self.nerve(id);
        while let Some(n) = next {
            if out.iter().any(|m| m.id == n.id) {
                break;
            }
            out.push(n);
            next = n.branch_of.as_deref().and_then(|p| self.nerve(p));
        }
        out
    }

    /// Ids of the nerve and every branch below it.
    pub fn nerve_subtree(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut i = 0;
        while i < out.len() {
            let parent = out[i].clone();
            for n in self.nerves.iter().filter(|n| n.branch_of.as_deref() == Some(parent.as_str())) {
                if !out.contains(&n.id) {
                    out.push(n.id.clone());
                }
            }
            i += 1;
        }
        out
    }

    /// The roots of a nerve and, when it carries its parent's roots, the nerve they were taken from.
    pub fn nerve_roots<'a>(&'a self, nerve: &'a Nerve) -> (&'a [String], Option<&'a Nerve>) {
        for n in self.nerve_chain(&nerve.id) {
            if !n.roots.is_empty() {
                let from = (n.id != nerve.id).then_some(n);
                return (&n.roots, from);
            }
        }
        (&nerve.roots, None)
    }

    /// A list of roots written compactly in spinal order: `L4–S1` for a run, `C5, C7` otherwise.
    pub fn format_roots(&self, roots: &[String]) -> String {
        let mut idx: Vec<usize> = roots.iter().filter_map(|r| self.root_index(r)).collect();
        idx.sort_unstable();
        idx.dedup();
        let mut parts = Vec::new();
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && idx[j + 1] == idx[j] + 1 {
                j += 1;
            }
            parts.push(if j > i {
                format!("{}–{}", self.roots[idx[i]], self.roots[idx[j]])
            } else {
                self.roots[idx[i]].clone()
            });
            i = j + 1;
        }
        parts.join(", ")
    }
}

/// Lay phrases the atlas's free text (notes, conflicts, key points) uses, and the anatomical wording an
/// [`Atlas::anatomical`] atlas shows clinicians and students instead; longest first, whole words.
pub const ANATOMICAL_WORDING: &[(&str, &str)] = &[
    ("inner (medial)", "medial"),
    ("outer (lateral)", "lateral"),
    ("top of the foot", "dorsum of the foot"),
    ("back of the hand", "dorsum of the hand"),
    ("sole", "plantar surface"),
    ("inner", "medial"),
    ("outer", "lateral"),
];

/// `text` with the lay phrases of `pairs` replaced by their anatomical wording: case-insensitive, whole
/// words only, a capital first letter kept, and `[@…]` citation markers left alone.
pub fn reword(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; fall back to the text as written then.
    if lower.len() != text.len() {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'@';
    let mut i = 0;
    'outer: while i < text.len() {
        if text.is_char_boundary(i) && (i == 0 || !word(bytes[i - 1])) {
            for (lay, term) in pairs {
                let end = i + lay.len();
                if end <= text.len()
                    && lower.is_char_boundary(end)
                    && &lower[i..end] == *lay
                    && (end == text.len() || !word(bytes[end]))
                {
                    if bytes[i].is_ascii_uppercase() {
                        let mut c = term.chars();
                        out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                        out.push_str(c.as_str());
                    } else {
                        out.push_str(term);
                    }
                    i = end;
                    continue 'outer;
                }
            }
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod wording_tests {
    use super::*;

    #[test]
    fn reword_replaces_whole_lay_words_and_keeps_capitals_and_markers() {
        let got = reword(
            "Outer thigh to the inner side of the big toe; the sole, not outermost [@inner-ref].",
            ANATOMICAL_WORDING,
        );
        assert_eq!(
            got,
            "Lateral thigh to the medial side of the big toe; the plantar surface, not outermost [@inner-ref]."
        );
        assert_eq!(reword("numb top of the foot", ANATOMICAL_WORDING), "numb dorsum of the foot");
        assert_eq!(reword("the inner (medial) leg", ANATOMICAL_WORDING), "the medial leg");
    }
}
