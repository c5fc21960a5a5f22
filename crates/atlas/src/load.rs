//! Loading atlas files: TOML parsing, conversion to the model, then the cross-file checks of
//! [`crate::check`]. Every problem is collected with its file, line and field.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use vesalius_content::{ContentError, LoadErrors};
use vesalius_core::{Date, Reference, Slug};

use crate::atlas::{Atlas, Entity};
use crate::findings::Cue;
use crate::lines::{field_in_message, line_at, line_of_key, line_of_value};
use crate::model::{
    AtlasFile, Conflict, Dermatome, LesionSite, Movement, Nerve, Pattern, PatternKind, Prior, Reflex, ReflexChange,
    Region, RegionGroup, View,
};
use crate::raw::{RawConflict, RawFile};
use crate::text;

/// Where an entry was read: file index and byte offset of its table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loc {
    pub file: usize,
    pub start: usize,
}

/// The files of a load and the errors found so far.
pub(crate) struct Errors {
    pub files: Vec<(PathBuf, String)>,
    pub list: Vec<ContentError>,
}

impl Errors {
    /// Records a problem with `field` of the entry at `loc`; with `value`, the line is where it is written.
    pub fn at(&mut self, loc: Loc, field: &str, value: Option<&str>, message: impl Into<String>) {
        let (path, text) = &self.files[loc.file];
        let line = match value {
            Some(v) => line_of_value(text, field, v, loc.start),
            None => line_of_key(text, field, loc.start).unwrap_or_else(|| line_at(text, loc.start)),
        };
        self.list.push(ContentError {
            path: path.clone(),
            line: Some(line),
            field: Some(field.to_string()),
            message: message.into(),
        });
    }
}

/// Entries of every file, converted but not yet cross-checked.
#[derive(Default)]
pub(crate) struct Pending {
    pub files: Vec<(AtlasFile, Loc)>,
    pub regions: Vec<(Region, Loc)>,
    pub groups: Vec<(RegionGroup, Loc)>,
    pub dermatomes: Vec<(Dermatome, Loc)>,
    pub movements: Vec<(Movement, Loc)>,
    pub reflexes: Vec<(Reflex, Loc)>,
    pub nerves: Vec<(Nerve, Loc)>,
    pub sites: Vec<(LesionSite, Loc)>,
    pub patterns: Vec<(Pattern, Loc)>,
    pub priors: Vec<(Prior, Loc)>,
}

fn conflicts(raw: Vec<RawConflict>) -> Vec<Conflict> {
    raw.into_iter().map(|c| Conflict { claim: c.claim, regions: c.regions, roots: c.roots, cite: c.cite }).collect()
}

fn cues(names: &[String], field: &str, loc: Loc, errors: &mut Errors) -> Vec<Cue> {
    let mut out = Vec::new();
    for name in names {
        match Cue::parse(name) {
            Some(c) => out.push(c),
            None => errors.at(loc, field, Some(name), format!("unknown cue `{name}`")),
        }
    }
    out
}

fn header(raw: &RawFile, path: &Path, file: usize, errors: &mut Errors) -> Option<AtlasFile> {
    let loc = Loc { file, start: 0 };
    let mut need = |field: &str, v: &Option<String>| match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Some(s.to_string()),
        _ => {
            errors.at(loc, field, None, "missing field: every atlas file has a slug, a title and an updated date");
            None
        }
    };
    let (slug, title, updated) = (need("slug", &raw.slug), need("title", &raw.title), need("updated", &raw.updated));
    let slug = slug.and_then(|s| match s.parse::<Slug>() {
        Ok(_) => Some(s),
        Err(e) => {
            errors.at(loc, "slug", Some(&s), e.to_string());
            None
        }
    });
    let updated = updated.and_then(|d| match d.parse::<Date>() {
        Ok(d) => Some(d),
        Err(e) => {
            errors.at(loc, "updated", Some(&d), e.to_string());
            None
        }
    });
    Some(AtlasFile { slug: slug?, title: title?, updated: updated?, path: path.display().to_string() })
}

/// Converts one parsed file into model entries.
fn convert(raw: RawFile, path: &Path, file: usize, pending: &mut Pending, errors: &mut Errors) {
    let Some(info) = header(&raw, path, file, errors) else { return };
    let source = info.slug.clone();
    pending.files.push((info, Loc { file, start: 0 }));
    let at = |start: usize| Loc { file, start };
    for s in raw.region {
        let loc = at(s.span().start);
        let r = s.into_inner();
        let view = match r.view.as_str() {
            "front" => View::Front,
            "back" => View::Back,
            "both" => View::Both,
            other => {
                errors.at(loc, "view", Some(other), "view must be front, back or both");
                View::Both
            }
        };
        let region = Region {
            id: r.id,
            label: r.label,
            term: r.term,
            synonyms: r.synonyms,
            sided: r.sided,
            view,
            limb: r.limb,
            source: source.clone(),
        };
        pending.regions.push((region, loc));
    }
    for s in raw.group {
        let loc = at(s.span().start);
        let g = s.into_inner();
        let group =
            RegionGroup { id: g.id, label: g.label, synonyms: g.synonyms, regions: g.regions, source: source.clone() };
        pending.groups.push((group, loc));
    }
    for s in raw.dermatome {
        let loc = at(s.span().start);
        let d = s.into_inner();
        pending.dermatomes.push((
            Dermatome {
                root: d.root,
                regions: d.regions,
                variable: d.variable,
                key_point: d.key_point,
                key_point_cite: d.key_point_cite,
                cite: d.cite,
                note: d.note,
                note_cite: d.note_cite,
                conflicts: conflicts(d.conflict),
                source: source.clone(),
            },
            loc,
        ));
    }
    for s in raw.movement {
        let loc = at(s.span().start);
        let m = s.into_inner();
        pending.movements.push((
            Movement {
                id: m.id,
                label: m.label,
                synonyms: m.synonyms,
                muscles: m.muscles,
                roots: m.roots,
                main: m.main,
                nerve: m.nerve,
                isncsci: m.isncsci,
                cite: m.cite,
                note: m.note,
                note_cite: m.note_cite,
                source: source.clone(),
            },
            loc,
        ));
    }
    for s in raw.reflex {
        let loc = at(s.span().start);
        let r = s.into_inner();
        pending.reflexes.push((
            Reflex {
                id: r.id,
                label: r.label,
                synonyms: r.synonyms,
                roots: r.roots,
                main: r.main,
                nerve: r.nerve,
                cite: r.cite,
                note: r.note,
                note_cite: r.note_cite,
                conflicts: conflicts(r.conflict),
                source: source.clone(),
            },
            loc,
        ));
    }
    for s in raw.nerve {
        let loc = at(s.span().start);
        let n = s.into_inner();
        pending.nerves.push((
            Nerve {
                id: n.id,
                label: n.label,
                synonyms: n.synonyms,
                limb: n.limb,
                plexus: n.plexus,
                branch_of: n.branch_of,
                roots: n.roots,
                regions: n.regions,
                variable: n.variable,
                cite: n.cite,
                note: n.note,
                note_cite: n.note_cite,
                conflicts: conflicts(n.conflict),
                source: source.clone(),
            },
            loc,
        ));
    }
    for s in raw.site {
        let loc = at(s.span().start);
        let t = s.into_inner();
        pending.sites.push((
            LesionSite {
                id: t.id,
                label: t.label,
                synonyms: t.synonyms,
                nerve: t.nerve,
                spares: t.spares,
                variable: t.variable,
                cite: t.cite,
                note: t.note,
                source: source.clone(),
            },
            loc,
        ));
    }
    for s in raw.pattern {
        let loc = at(s.span().start);
        let p = s.into_inner();
        let kind = match p.kind.as_str() {
            "root" => PatternKind::Root,
            "nerve" => PatternKind::Nerve,
            "plexus" => PatternKind::Plexus,
            "polyneuropathy" => PatternKind::Polyneuropathy,
            "cauda-equina" => PatternKind::CaudaEquina,
            "cord" => PatternKind::Cord,
            other => {
                errors.at(
                    loc,
                    "kind",
                    Some(other),
                    "kind must be root, nerve, plexus, polyneuropathy, cauda-equina or cord",
                );
                continue;
            }
        };
        let reflex_change = match p.reflex_change.as_deref() {
            None | Some("reduced") => ReflexChange::Reduced,
            Some("brisk") => ReflexChange::Brisk,
            Some(other) => {
                errors.at(loc, "reflex_change", Some(other), "reflex_change must be reduced or brisk");
                ReflexChange::Reduced
            }
        };
        let pattern = Pattern {
            cues: cues(&p.cues, "cues", loc, errors),
            possible_cues: cues(&p.possible_cues, "possible_cues", loc, errors),
            against: cues(&p.against, "against", loc, errors),
            id: p.id,
            kind,
            label: p.label,
            roots: p.roots,
            plexus: p.plexus,
            regions: p.regions,
            variable: p.variable,
            variable_roots: p.variable_roots,
            movements: p.movements,
            variable_movements: p.variable_movements,
            reflexes: p.reflexes,
            variable_reflexes: p.variable_reflexes,
            all_reflexes: p.all_reflexes,
            reflex_change,
            urgent: p.urgent,
            triggers: p.triggers,
            cite: p.cite,
            note: p.note,
            source: source.clone(),
        };
        pending.patterns.push((pattern, loc));
    }
    for s in raw.prior {
        let loc = at(s.span().start);
        let p = s.into_inner();
        let prior = Prior {
            ids: p.ids,
            weight: p.weight,
            bilateral: p.bilateral,
            cite: p.cite,
            note: p.note,
            source: source.clone(),
        };
        pending.priors.push((prior, loc));
    }
}

impl Atlas {
    /// Loads and cross-checks atlas files given as (path, text) pairs; files not ending in `.toml` are
    /// ignored. Every citation must name one of `references`.
    ///
    /// # Errors
    /// Every problem found, each naming its file, line and field: TOML errors, missing or malformed
    /// slugs and dates, duplicate ids, and unknown regions, roots, movements, reflexes, nerves, cues or
    /// references.
    pub fn from_files(
        files: impl IntoIterator<Item = (PathBuf, String)>,
        references: &[Reference],
    ) -> Result<Atlas, LoadErrors> {
        let files: Vec<(PathBuf, String)> =
            files.into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "toml")).collect();
        let mut errors = Errors { files: files.clone(), list: Vec::new() };
        let mut pending = Pending::default();
        let mut unparsed = 0;
        for (i, (path, text)) in files.iter().enumerate() {
            match toml::from_str::<RawFile>(text) {
                Ok(raw) => convert(raw, path, i, &mut pending, &mut errors),
                Err(e) => {
                    unparsed += 1;
                    errors.list.push(ContentError {
                        path: path.clone(),
                        line: e.span().map(|s| line_at(text, s.start)),
                        field: field_in_message(e.message()),
                        message: e.message().trim().to_string(),
                    });
                }
            }
        }
        if pending.files.is_empty() && errors.list.is_empty() {
            errors.list.push(ContentError {
                path: PathBuf::from("content/atlas"),
                line: None,
                field: None,
                message: "no atlas files".into(),
            });
        }
        let before = errors.list.len();
        let roots = crate::check::check(&pending, references, &mut errors);
        // A file that does not parse takes its ids with it, so the cross-file checks would report every use of
        // them: report the root causes, and only how many further errors there were.
        let cascade = errors.list.len() - before;
        if unparsed > 0 && cascade > 0 {
            errors.list.truncate(before);
            errors.list.push(ContentError {
                path: PathBuf::from("content/atlas"),
                line: None,
                field: None,
                message: format!(
                    "and {cascade} more error(s) from the cross-file checks, not shown: they may follow from the \
                     {unparsed} file(s) that did not parse; fix those first"
                ),
            });
        }
        if !errors.list.is_empty() {
            return Err(LoadErrors(errors.list));
        }
        let mut atlas = Atlas {
            files: strip(pending.files),
            regions: strip(pending.regions),
            groups: strip(pending.groups),
            roots,
            dermatomes: strip(pending.dermatomes),
            movements: strip(pending.movements),
            reflexes: strip(pending.reflexes),
            nerves: strip(pending.nerves),
            sites: strip(pending.sites),
            patterns: strip(pending.patterns),
            priors: strip(pending.priors),
            names: Vec::new(),
            anatomical: false,
        };
        atlas.names = name_index(&atlas);
        Ok(atlas)
    }
}

fn strip<T>(v: Vec<(T, Loc)>) -> Vec<T> {
    v.into_iter().map(|(x, _)| x).collect()
}

/// Every name of every entity, as normalised words, longest first (ties keep file order).
pub(crate) fn name_index(a: &Atlas) -> Vec<(Vec<String>, Entity)> {
    let mut out: Vec<(Vec<String>, Entity)> = Vec::new();
    let mut add = |names: Vec<&String>, e: Entity| {
        let mut seen: HashMap<Vec<String>, ()> = HashMap::new();
        for n in names {
            let w = text::words(n);
            if !w.is_empty() && seen.insert(w.clone(), ()).is_none() {
                out.push((w, e));
            }
        }
    };
    for (i, r) in a.regions.iter().enumerate() {
        add([&r.id, &r.label].into_iter().chain(&r.term).chain(&r.synonyms).collect(), Entity::Region(i));
    }
    for (i, g) in a.groups.iter().enumerate() {
        add([&g.id, &g.label].into_iter().chain(&g.synonyms).collect(), Entity::Group(i));
    }
    for (i, m) in a.movements.iter().enumerate() {
        add([&m.id, &m.label].into_iter().chain(&m.synonyms).chain(&m.muscles).collect(), Entity::Movement(i));
    }
    for (i, r) in a.reflexes.iter().enumerate() {
        add([&r.id, &r.label].into_iter().chain(&r.synonyms).collect(), Entity::Reflex(i));
    }
    for (i, n) in a.nerves.iter().enumerate() {
        add([&n.id, &n.label].into_iter().chain(&n.synonyms).collect(), Entity::Nerve(i));
    }
    for (i, s) in a.sites.iter().enumerate() {
        add([&s.id, &s.label].into_iter().chain(&s.synonyms).collect(), Entity::Site(i));
    }
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
}
