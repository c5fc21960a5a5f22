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
    /// The same nerve lesion on both sides (then `side` is `None`).
    pub both_sides: bool,
    /// Unnormalised prior (see `crate::priors`) and the references behind it.
    pub prior: f64,
    pub prior_cite: Vec<String>,
    pub cite: Vec<String>,
    pub note: Option<String>,
}

impl Hypothesis {
    fn new(id: String, kind: CandidateKind, label: String, side: Option<Side>, pattern: usize, p: &Pattern) -> Self {
        let probs = match kind {
            CandidateKind::Root | CandidateKind::RootPair => params::ROOT,
            CandidateKind::Nerve => params::NERVE,
            CandidateKind::Plexus => params::PLEXUS,
            CandidateKind::Polyneuropathy | CandidateKind::CaudaEquina | CandidateKind::Cord => params::PATTERN,
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
            both_sides: false,
            prior: 1.0,
            prior_cite: Vec::new(),
            cite: Vec::new(),
            note: p.note.clone(),
        }
    }

    /// Sets the prior from the atlas's prior weights; `ids` is the candidate's id or a pair's two roots.
    fn with_prior(mut self, atlas: &Atlas, ids: &[&str]) -> Self {
        let (prior, cite) = crate::priors::prior(atlas, self.kind, ids, &atlas.patterns[self.pattern]);
        self.prior = prior;
        self.prior_cite = cite;
        self
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

    /// Lowers to weak what these ids (branches, movements, reflexes or regions) involve strongly.
    fn weaken(&mut self, atlas: &Atlas, ids: &[String]) {
        let mut regions: Vec<&String> = ids.iter().collect();
        let mut movements = regions.clone();
        let mut reflexes = regions.clone();
        for branch in ids.iter().filter(|id| atlas.nerve(id).is_some()) {
            let tree = atlas.nerve_subtree(branch);
            let in_tree = |n: &String| tree.contains(n);
            regions.extend(atlas.nerves.iter().filter(|n| in_tree(&n.id)).flat_map(|n| &n.regions));
            movements.extend(atlas.movements.iter().filter(|m| in_tree(&m.nerve)).map(|m| &m.id));
            reflexes.extend(atlas.reflexes.iter().filter(|x| in_tree(&x.nerve)).map(|x| &x.id));
        }
        let lower = |map: &mut HashMap<String, Role>, id: &String| {
            if let Some(role) = map.get_mut(id) {
                if *role == Role::Strong {
                    *role = Role::Weak;
                }
            }
        };
        regions.into_iter().for_each(|id| lower(&mut self.regions, id));
        movements.into_iter().for_each(|id| lower(&mut self.movements, id));
        reflexes.into_iter().for_each(|id| lower(&mut self.reflexes, id));
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
/// With `both`, each nerve and lesion site is also proposed on both sides at once.
pub(crate) fn hypotheses(atlas: &Atlas, sides: &[Side], both: bool) -> Vec<Hypothesis> {
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
                        )
                        .with_prior(atlas, &[root]);
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
                            )
                            .with_prior(atlas, &[root, next]);
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
                        Hypothesis::new(p.id.clone(), CandidateKind::Plexus, p.label.clone(), Some(side), pi, p)
                            .with_prior(atlas, &[&p.id]);
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
    let mut placements: Vec<Option<Side>> = sides.iter().copied().map(Some).collect();
    if both {
        placements.push(None);
    }
    for side in placements {
        for n in &atlas.nerves {
            let h = nerve_hypothesis(atlas, pi, &n.id, format!("{} lesion", n.label), side, &n.id, &[]);
            let h = with_sources(h, &n.cite, &atlas.patterns[pi].cite, &n.note);
            if h.involves_anything() {
                out.push(h);
            }
        }
        for s in &atlas.sites {
            let mut h = nerve_hypothesis(atlas, pi, &s.id, s.label.clone(), side, &s.nerve, &s.spares);
            h.weaken(atlas, &s.variable);
            out.push(with_sources(h, &s.cite, &atlas.patterns[pi].cite, &s.note));
        }
    }
    out
}

/// A single nerve or lesion-site candidate, on one side or (`side` `None`) on both.
fn nerve_hypothesis(
    atlas: &Atlas,
    pi: usize,
    id: &str,
    label: String,
    side: Option<Side>,
    nerve: &str,
    spares: &[String],
) -> Hypothesis {
    let p = &atlas.patterns[pi];
    let label = if side.is_none() { format!("{label} on both sides") } else { label };
    let mut h = Hypothesis::new(id.to_string(), CandidateKind::Nerve, label, side, pi, p).with_prior(atlas, &[id]);
    if side.is_none() {
        h.both_sides = true;
        h.prior *= crate::priors::both_sides_factor(atlas, id, p);
    }
    h.add_nerve(atlas, nerve, spares, Role::Strong);
    h
}

/// Adds the nerve's or site's citations, then the pattern's, and its note.
fn with_sources(mut h: Hypothesis, cite: &[String], pattern_cite: &[String], note: &Option<String>) -> Hypothesis {
    push_all(&mut h.cite, cite);
    push_all(&mut h.cite, pattern_cite);
    h.note = note.clone().or(h.note);
    h
}

/// A pattern that involves both sides: polyneuropathy, cauda equina or cord.
fn bilateral(atlas: &Atlas, pi: usize, p: &Pattern) -> Hypothesis {
    let kind = match p.kind {
        PatternKind::Polyneuropathy => CandidateKind::Polyneuropathy,
        PatternKind::CaudaEquina => CandidateKind::CaudaEquina,
        _ => CandidateKind::Cord,
    };
    let mut h = Hypothesis::new(p.id.clone(), kind, p.label.clone(), None, pi, p).with_prior(atlas, &[&p.id]);
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
