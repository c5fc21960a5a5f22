//! Cross-file consistency checks: every id referenced exists, ids are unique, every fact is cited.

use std::collections::{HashMap, HashSet};

use vesalius_core::{Reference, Slug};

use crate::findings::Cue;
use crate::load::{Errors, Loc, Pending};
use crate::model::PatternKind;
use crate::text;

/// The ids known to the load, for reference checks.
struct Known<'a> {
    refs: HashSet<&'a str>,
    regions: HashSet<&'a str>,
    roots: HashSet<String>,
    movements: HashSet<&'a str>,
    reflexes: HashSet<&'a str>,
    nerves: HashSet<&'a str>,
}

impl Known<'_> {
    fn cites(&self, e: &mut Errors, loc: Loc, field: &str, ids: &[String], required: bool) {
        if required && ids.is_empty() {
            e.at(loc, field, None, "every fact needs at least one citation (a reference id)");
        }
        for id in ids.iter().filter(|id| !self.refs.contains(id.as_str())) {
            e.at(loc, field, Some(id), format!("unknown reference `{id}` (not in references.toml)"));
        }
    }

    fn regions(&self, e: &mut Errors, loc: Loc, field: &str, ids: &[String]) {
        for id in ids.iter().filter(|id| !self.regions.contains(id.as_str())) {
            e.at(loc, field, Some(id), format!("unknown region `{id}` (not in the regions vocabulary)"));
        }
    }

    fn roots(&self, e: &mut Errors, loc: Loc, field: &str, ids: &[String]) {
        for id in ids.iter().filter(|id| !self.roots.contains(id.as_str())) {
            e.at(loc, field, Some(id), format!("unknown root `{id}` (no dermatome entry for it)"));
        }
    }

    fn nerve(&self, e: &mut Errors, loc: Loc, field: &str, id: &str) {
        if !self.nerves.contains(id) {
            e.at(loc, field, Some(id), format!("unknown nerve `{id}`"));
        }
    }

    fn movements(&self, e: &mut Errors, loc: Loc, field: &str, ids: &[String]) {
        for id in ids.iter().filter(|id| !self.movements.contains(id.as_str())) {
            e.at(loc, field, Some(id), format!("unknown movement `{id}`"));
        }
    }

    fn reflexes(&self, e: &mut Errors, loc: Loc, field: &str, ids: &[String]) {
        for id in ids.iter().filter(|id| !self.reflexes.contains(id.as_str())) {
            e.at(loc, field, Some(id), format!("unknown reflex `{id}`"));
        }
    }
}

fn subset(e: &mut Errors, loc: Loc, main: &[String], roots: &[String]) {
    if main.is_empty() {
        e.at(loc, "main", None, "name at least one main root");
    }
    for r in main.iter().filter(|r| !roots.contains(r)) {
        e.at(loc, "main", Some(r), format!("main root `{r}` is not listed in `roots`"));
    }
}

/// Checks ids, names and references; returns the roots in spinal order (from the dermatomes).
pub(crate) fn check(p: &Pending, references: &[Reference], e: &mut Errors) -> Vec<String> {
    let mut slugs: HashMap<&str, ()> = HashMap::new();
    for (f, loc) in &p.files {
        if slugs.insert(&f.slug, ()).is_some() {
            e.at(*loc, "slug", Some(&f.slug), format!("duplicate slug `{}`", f.slug));
        }
    }
    // One namespace for every named entity.
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let named = p
        .regions
        .iter()
        .map(|(r, l)| (r.id.as_str(), *l, "region"))
        .chain(p.groups.iter().map(|(g, l)| (g.id.as_str(), *l, "group")))
        .chain(p.movements.iter().map(|(m, l)| (m.id.as_str(), *l, "movement")))
        .chain(p.reflexes.iter().map(|(r, l)| (r.id.as_str(), *l, "reflex")))
        .chain(p.nerves.iter().map(|(n, l)| (n.id.as_str(), *l, "nerve")))
        .chain(p.sites.iter().map(|(s, l)| (s.id.as_str(), *l, "site")))
        .chain(p.patterns.iter().map(|(s, l)| (s.id.as_str(), *l, "pattern")));
    for (id, loc, kind) in named {
        if id.parse::<Slug>().is_err() {
            e.at(loc, "id", Some(id), "an id is lowercase letters, digits and single hyphens");
        }
        if let Some(first) = ids.insert(id, kind) {
            e.at(loc, "id", Some(id), format!("duplicate id `{id}` (already a {first})"));
        }
    }
    // Roots come from the dermatomes, in order.
    let mut roots = Vec::new();
    for (d, loc) in &p.dermatomes {
        match text::root_of_word(&d.root.to_lowercase()) {
            Some(r) if r == d.root => {
                if roots.contains(&r) {
                    e.at(*loc, "root", Some(&d.root), format!("duplicate dermatome for `{r}`"));
                } else {
                    roots.push(r);
                }
            }
            _ => e.at(*loc, "root", Some(&d.root), "a root is written like C5, T12, L4, S1 or S4-5"),
        }
    }
    let known = Known {
        refs: references.iter().map(|r| r.id.as_str()).collect(),
        regions: p.regions.iter().map(|(r, _)| r.id.as_str()).collect(),
        roots: roots.iter().cloned().collect(),
        movements: p.movements.iter().map(|(m, _)| m.id.as_str()).collect(),
        reflexes: p.reflexes.iter().map(|(r, _)| r.id.as_str()).collect(),
        nerves: p.nerves.iter().map(|(n, _)| n.id.as_str()).collect(),
    };
    for (g, loc) in &p.groups {
        known.regions(e, *loc, "regions", &g.regions);
    }
    for (d, loc) in &p.dermatomes {
        let loc = *loc;
        known.regions(e, loc, "regions", &d.regions);
        known.regions(e, loc, "variable", &d.variable);
        known.cites(e, loc, "cite", &d.cite, true);
        known.cites(e, loc, "key_point_cite", &d.key_point_cite, true);
        known.cites(e, loc, "note_cite", &d.note_cite, false);
        if d.key_point.trim().is_empty() {
            e.at(loc, "key_point", None, "must not be empty");
        }
        for c in &d.conflicts {
            known.regions(e, loc, "regions", &c.regions);
            known.roots(e, loc, "roots", &c.roots);
            known.cites(e, loc, "cite", &c.cite, true);
        }
    }
    for (m, loc) in &p.movements {
        let loc = *loc;
        known.roots(e, loc, "roots", &m.roots);
        known.roots(e, loc, "main", &m.main);
        subset(e, loc, &m.main, &m.roots);
        if let Some(level) = &m.isncsci {
            known.roots(e, loc, "isncsci", std::slice::from_ref(level));
        }
        known.nerve(e, loc, "nerve", &m.nerve);
        known.cites(e, loc, "cite", &m.cite, true);
        known.cites(e, loc, "note_cite", &m.note_cite, false);
    }
    for (r, loc) in &p.reflexes {
        let loc = *loc;
        known.roots(e, loc, "roots", &r.roots);
        known.roots(e, loc, "main", &r.main);
        subset(e, loc, &r.main, &r.roots);
        known.nerve(e, loc, "nerve", &r.nerve);
        known.cites(e, loc, "cite", &r.cite, true);
        known.cites(e, loc, "note_cite", &r.note_cite, false);
        for c in &r.conflicts {
            known.roots(e, loc, "roots", &c.roots);
            known.cites(e, loc, "cite", &c.cite, true);
        }
    }
    for (n, loc) in &p.nerves {
        let loc = *loc;
        known.roots(e, loc, "roots", &n.roots);
        known.regions(e, loc, "regions", &n.regions);
        known.regions(e, loc, "variable", &n.variable);
        known.cites(e, loc, "cite", &n.cite, true);
        known.cites(e, loc, "note_cite", &n.note_cite, false);
        match &n.branch_of {
            Some(parent) if parent == &n.id => {
                e.at(loc, "branch_of", Some(parent), "a nerve cannot branch from itself")
            }
            Some(parent) => known.nerve(e, loc, "branch_of", parent),
            None => {
                if n.plexus.is_none() {
                    e.at(loc, "plexus", None, "a nerve that is not a branch names its plexus");
                }
                if n.roots.is_empty() {
                    e.at(loc, "roots", None, "a nerve that is not a branch lists its roots");
                }
            }
        }
        for c in &n.conflicts {
            known.roots(e, loc, "roots", &c.roots);
            known.cites(e, loc, "cite", &c.cite, true);
        }
    }
    for (s, loc) in &p.sites {
        let loc = *loc;
        known.nerve(e, loc, "nerve", &s.nerve);
        known.cites(e, loc, "cite", &s.cite, true);
        for (field, ids) in [("spares", &s.spares), ("variable", &s.variable)] {
            for id in ids {
                let ok = known.nerves.contains(id.as_str())
                    || known.movements.contains(id.as_str())
                    || known.reflexes.contains(id.as_str())
                    || known.regions.contains(id.as_str());
                if !ok {
                    e.at(loc, field, Some(id), format!("unknown nerve, movement, reflex or region `{id}`"));
                }
            }
        }
        if let Some(id) = s.variable.iter().find(|id| s.spares.contains(id)) {
            e.at(loc, "variable", Some(id), format!("`{id}` is listed as both spared and variable"));
        }
    }
    let plexuses: HashSet<&str> = p.nerves.iter().filter_map(|(n, _)| n.plexus.as_deref()).collect();
    for (pat, loc) in &p.patterns {
        let loc = *loc;
        known.roots(e, loc, "roots", &pat.roots);
        known.roots(e, loc, "variable_roots", &pat.variable_roots);
        known.regions(e, loc, "regions", &pat.regions);
        known.regions(e, loc, "variable", &pat.variable);
        known.movements(e, loc, "movements", &pat.movements);
        known.movements(e, loc, "variable_movements", &pat.variable_movements);
        known.reflexes(e, loc, "reflexes", &pat.reflexes);
        known.reflexes(e, loc, "variable_reflexes", &pat.variable_reflexes);
        known.cites(e, loc, "cite", &pat.cite, true);
        if pat.kind == PatternKind::Root && pat.roots.is_empty() {
            e.at(loc, "roots", None, "a root pattern lists the roots it applies to");
        }
        if pat.kind == PatternKind::Plexus {
            match pat.plexus.as_deref() {
                Some(x) if plexuses.contains(x) => {}
                Some(x) => e.at(loc, "plexus", Some(x), format!("no nerve leaves the plexus `{x}`")),
                None => e.at(loc, "plexus", None, "a plexus pattern names its plexus"),
            }
        }
        for t in &pat.triggers {
            let ok = match t.split_once(':') {
                Some(("region", r)) => known.regions.contains(r),
                Some(("reflex", s)) => s == "brisk" || s == "reduced",
                Some(_) => false,
                None => Cue::parse(t).is_some(),
            };
            if !ok {
                e.at(loc, "triggers", Some(t), format!("unknown trigger `{t}` (a cue, region:<id> or reflex:brisk)"));
            }
        }
    }
    check_priors(p, &known, e);
    check_names(p, e);
    roots
}

/// A prior names roots, nerves, lesion sites or patterns, once each, with a positive weight and a citation.
fn check_priors(p: &Pending, known: &Known, e: &mut Errors) {
    let sites: HashSet<&str> = p.sites.iter().map(|(s, _)| s.id.as_str()).collect();
    let patterns: HashSet<&str> = p.patterns.iter().map(|(x, _)| x.id.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for (prior, loc) in &p.priors {
        let loc = *loc;
        if prior.ids.is_empty() {
            e.at(loc, "ids", None, "name at least one root, nerve, lesion site or pattern");
        }
        for id in &prior.ids {
            let ok = known.roots.contains(id.as_str())
                || known.nerves.contains(id.as_str())
                || sites.contains(id.as_str())
                || patterns.contains(id.as_str());
            if !ok {
                e.at(loc, "ids", Some(id), format!("unknown root, nerve, lesion site or pattern `{id}`"));
            } else if !seen.insert(id) {
                e.at(loc, "ids", Some(id), format!("`{id}` already has a prior"));
            }
        }
        if !(prior.weight.is_finite() && prior.weight > 0.0) {
            e.at(loc, "weight", None, "a prior weight is a positive number (new cases per 100 000 a year)");
        }
        if prior.bilateral.is_some_and(|b| !(0.0..1.0).contains(&b)) {
            e.at(loc, "bilateral", None, "the fraction of bilateral cases is at least 0 and below 1");
        }
        known.cites(e, loc, "cite", &prior.cite, true);
    }
}

/// Two entities of the same kind may not share a name, or look-ups would be ambiguous.
fn check_names(p: &Pending, e: &mut Errors) {
    let mut seen: HashMap<(String, &str), String> = HashMap::new();
    let mut check = |kind: &'static str, id: &str, names: Vec<&String>, loc: Loc, e: &mut Errors| {
        for name in names {
            let key = (text::key(name), kind);
            match seen.get(&key) {
                Some(other) if other != id => {
                    e.at(loc, "synonyms", Some(name), format!("name `{name}` is already used by {kind} `{other}`"))
                }
                _ => {
                    seen.insert(key, id.to_string());
                }
            }
        }
    };
    for (r, loc) in &p.regions {
        check("region", &r.id, [&r.id, &r.label].into_iter().chain(&r.synonyms).collect(), *loc, e);
    }
    for (g, loc) in &p.groups {
        check("region", &g.id, [&g.id, &g.label].into_iter().chain(&g.synonyms).collect(), *loc, e);
    }
    for (m, loc) in &p.movements {
        let names = [&m.id, &m.label].into_iter().chain(&m.synonyms).chain(&m.muscles).collect();
        check("movement", &m.id, names, *loc, e);
    }
    for (r, loc) in &p.reflexes {
        check("reflex", &r.id, [&r.id, &r.label].into_iter().chain(&r.synonyms).collect(), *loc, e);
    }
    for (n, loc) in &p.nerves {
        check("nerve", &n.id, [&n.id, &n.label].into_iter().chain(&n.synonyms).collect(), *loc, e);
    }
}
