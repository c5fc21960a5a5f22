//! Candidate lesions (hypotheses) and what each predicts, built from the atlas data: which regions,
//! movements and reflexes a lesion involves, strongly or weakly.

use std::collections::HashMap;

use crate::atlas::Atlas;
use crate::findings::Side;
use crate::localization::CandidateKind;
use crate::model::{Pattern, PatternKind, ReflexChange};
use crate::params::{self, Probs};

/// How strongly a candidate involves a structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    None,
    Weak,
    Strong,
}

fn raise(map: &mut HashMap<String, Role>, id: &str, role: Role) {
    let e = map.entry(id.to_string()).or_insert(Role::None);
    if role > *e {
        *e = role;
    }
}

/// One candidate lesion and its predictions.
#[derive(Debug, Clone)]
pub(crate) struct Hypothesis {
    pub id: String,
    pub kind: CandidateKind,
    pub label: String,
    /// The side for one-sided lesions; `None` for patterns that involve both sides.
    pub side: Option<Side>,
    pub probs: Probs,
    pub regions: HashMap<String, Role>,
    pub movements: HashMap<String, Role>,
    pub reflexes: HashMap<String, Role>,
    pub reflex_change: ReflexChange,
    /// Index of the pattern that supplies cues, prior class and citations.
    pub pattern: usize,
    pub prior: f64,
    pub cite: Vec<String>,
    pub note: Option<String>,
}

impl Hypothesis {
    fn new(id: String, kind: CandidateKind, label: String, side: Option<Side>, pattern: usize, p: &Pattern) -> Self {
        let (probs, prior) = match kind {
            CandidateKind::Root => (params::ROOT, params::PRIOR_ROOT),
            CandidateKind::RootPair => (params::ROOT, params::PRIOR_PAIR),
            CandidateKind::Nerve => (params::NERVE, params::PRIOR_NERVE),
            CandidateKind::Plexus => (params::PLEXUS, params::PRIOR_PLEXUS),
            CandidateKind::Polyneuropathy => (params::PATTERN, params::PRIOR_POLYNEUROPATHY),
            CandidateKind::CaudaEquina | CandidateKind::Cord => (params::PATTERN, params::PRIOR_RED_FLAG),
        };
        Hypothesis {
            id,
            kind,
            label,
            side,
            probs,
            regions: HashMap::new(),
            movements: HashMap::new(),
            reflexes: HashMap::new(),
            reflex_change: p.reflex_change,
            pattern,
            prior,
            cite: Vec::new(),
            note: p.note.clone(),
        }
    }

    fn applies(&self, side: Side) -> bool {
        self.side.is_none_or(|s| s == side)
    }

    /// Role of a region on a side (unsided regions such as the saddle count on either side).
    pub fn region(&self, atlas: &Atlas, side: Side, id: &str) -> Role {
        let sided = atlas.region(id).is_none_or(|r| r.sided);
        if sided && !self.applies(side) {
            return Role::None;
        }
        self.regions.get(id).copied().unwrap_or(Role::None)
    }

    /// Role of a movement on a side.
    pub fn movement(&self, side: Side, id: &str) -> Role {
        if !self.applies(side) {
            return Role::None;
        }
        self.movements.get(id).copied().unwrap_or(Role::None)
    }

    /// Role of a reflex on a side.
    pub fn reflex(&self, side: Side, id: &str) -> Role {
        if !self.applies(side) {
            return Role::None;
        }
        self.reflexes.get(id).copied().unwrap_or(Role::None)
    }

    /// Adds what a single root involves (dermatome, movements, reflexes).
    fn add_root(&mut self, atlas: &Atlas, root: &str, strong: Role, weak: Role) {
        if let Some(d) = atlas.dermatome(root) {
            d.regions.iter().for_each(|r| raise(&mut self.regions, r, strong));
            d.variable.iter().for_each(|r| raise(&mut self.regions, r, weak));
            d.conflicts.iter().flat_map(|c| &c.regions).for_each(|r| raise(&mut self.regions, r, weak));
            push_all(&mut self.cite, &d.cite);
        }
        for m in &atlas.movements {
            if m.main.iter().any(|r| r == root) {
                raise(&mut self.movements, &m.id, strong);
            } else if m.roots.iter().any(|r| r == root) {
                raise(&mut self.movements, &m.id, weak);
            }
        }
        for x in &atlas.reflexes {
            if x.main.iter().any(|r| r == root) {
                raise(&mut self.reflexes, &x.id, strong);
            } else if x.roots.iter().any(|r| r == root) {
                raise(&mut self.reflexes, &x.id, weak);
            }
        }
    }

    /// Adds what a nerve and its branches involve, less what `spares` names.
    fn add_nerve(&mut self, atlas: &Atlas, nerve: &str, spares: &[String], role: Role) {
        let mut tree = atlas.nerve_subtree(nerve);
        for s in spares.iter().filter(|s| atlas.nerve(s).is_some()) {
            let cut = atlas.nerve_subtree(s);
            tree.retain(|n| !cut.contains(n));
        }
        for n in atlas.nerves.iter().filter(|n| tree.contains(&n.id)) {
            n.regions.iter().for_each(|r| raise(&mut self.regions, r, role));
            let weak = if role == Role::Strong { Role::Weak } else { role };
            n.variable.iter().for_each(|r| raise(&mut self.regions, r, weak));
        }
        for m in atlas.movements.iter().filter(|m| tree.contains(&m.nerve)) {
            raise(&mut self.movements, &m.id, role);
        }
        for x in atlas.reflexes.iter().filter(|x| tree.contains(&x.nerve)) {
            raise(&mut self.reflexes, &x.id, role);
        }
        for s in spares {
            self.regions.remove(s);
            self.movements.remove(s);
            self.reflexes.remove(s);
        }
    }

    fn involves_anything(&self) -> bool {
        !(self.regions.is_empty() && self.movements.is_empty() && self.reflexes.is_empty())
    }
}

fn push_all(out: &mut Vec<String>, ids: &[String]) {
    for id in ids {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
}

/// Every candidate the atlas supports for these sides.
pub(crate) fn hypotheses(atlas: &Atlas, sides: &[Side]) -> Vec<Hypothesis> {
    let mut out = Vec::new();
    let nerve_pattern = atlas.patterns.iter().position(|p| p.kind == PatternKind::Nerve);
    for (pi, p) in atlas.patterns.iter().enumerate() {
        match p.kind {
            PatternKind::Root => {
                for &side in sides {
                    for (i, root) in p.roots.iter().enumerate() {
                        let mut h = Hypothesis::new(
                            root.clone(),
                            CandidateKind::Root,
                            format!("{root} radiculopathy"),
                            Some(side),
                            pi,
                            p,
                        );
                        h.add_root(atlas, root, Role::Strong, Role::Weak);
                        push_all(&mut h.cite, &p.cite);
                        out.push(h);
                        let Some(next) = p.roots.get(i + 1) else { continue };
                        let adjacent = matches!((atlas.root_index(root), atlas.root_index(next)), (Some(a), Some(b)) if b == a + 1);
                        if adjacent {
                            let mut h = Hypothesis::new(
                                format!("{root}-{next}"),
                                CandidateKind::RootPair,
                                format!("{root} and {next} radiculopathy (two adjacent roots)"),
                                Some(side),
                                pi,
                                p,
                            );
                            h.add_root(atlas, root, Role::Strong, Role::Weak);
                            h.add_root(atlas, next, Role::Strong, Role::Weak);
                            push_all(&mut h.cite, &p.cite);
                            out.push(h);
                        }
                    }
                }
            }
            PatternKind::Plexus => {
                let Some(plexus) = p.plexus.as_deref() else { continue };
                for &side in sides {
                    let mut h =
                        Hypothesis::new(p.id.clone(), CandidateKind::Plexus, p.label.clone(), Some(side), pi, p);
                    for n in atlas.nerves.iter().filter(|n| n.plexus.as_deref() == Some(plexus)) {
                        h.add_nerve(atlas, &n.id, &[], Role::Strong);
                    }
                    push_all(&mut h.cite, &p.cite);
                    out.push(h);
                }
            }
            PatternKind::Polyneuropathy | PatternKind::CaudaEquina | PatternKind::Cord => {
                out.push(bilateral(atlas, pi, p));
            }
            PatternKind::Nerve => {}
        }
    }
    let Some(pi) = nerve_pattern else { return out };
    let p = &atlas.patterns[pi];
    for &side in sides {
        for n in &atlas.nerves {
            let mut h =
                Hypothesis::new(n.id.clone(), CandidateKind::Nerve, format!("{} lesion", n.label), Some(side), pi, p);
            h.add_nerve(atlas, &n.id, &[], Role::Strong);
            push_all(&mut h.cite, &n.cite);
            push_all(&mut h.cite, &p.cite);
            h.note = n.note.clone().or(h.note);
            if h.involves_anything() {
                out.push(h);
            }
        }
        for s in &atlas.sites {
            let mut h = Hypothesis::new(s.id.clone(), CandidateKind::Nerve, s.label.clone(), Some(side), pi, p);
            h.add_nerve(atlas, &s.nerve, &s.spares, Role::Strong);
            push_all(&mut h.cite, &s.cite);
            push_all(&mut h.cite, &p.cite);
            h.note = s.note.clone().or(h.note);
            out.push(h);
        }
    }
    out
}

/// A pattern that involves both sides: polyneuropathy, cauda equina or cord.
fn bilateral(atlas: &Atlas, pi: usize, p: &Pattern) -> Hypothesis {
    let kind = match p.kind {
        PatternKind::Polyneuropathy => CandidateKind::Polyneuropathy,
        PatternKind::CaudaEquina => CandidateKind::CaudaEquina,
        _ => CandidateKind::Cord,
    };
    let mut h = Hypothesis::new(p.id.clone(), kind, p.label.clone(), None, pi, p);
    for root in &p.variable_roots {
        h.add_root(atlas, root, Role::Weak, Role::Weak);
    }
    h.cite.clear();
    p.regions.iter().for_each(|r| raise(&mut h.regions, r, Role::Strong));
    p.variable.iter().for_each(|r| raise(&mut h.regions, r, Role::Weak));
    p.movements.iter().for_each(|m| raise(&mut h.movements, m, Role::Strong));
    p.variable_movements.iter().for_each(|m| raise(&mut h.movements, m, Role::Weak));
    p.reflexes.iter().for_each(|x| raise(&mut h.reflexes, x, Role::Strong));
    p.variable_reflexes.iter().for_each(|x| raise(&mut h.reflexes, x, Role::Weak));
    if p.all_reflexes {
        atlas.reflexes.iter().for_each(|x| raise(&mut h.reflexes, &x.id, Role::Strong));
    }
    push_all(&mut h.cite, &p.cite);
    h
}
