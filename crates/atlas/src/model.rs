//! The atlas's data types, as loaded from `content/atlas/*.toml` (format: `docs/atlas-format.md`).
//!
//! Every fact carries `cite`: reference ids from `content/references.toml`. Ids of regions, movements,
//! reflexes, nerves, lesion sites and patterns share one namespace; roots are named `C2` … `S4-5`.

use serde::Serialize;
use vesalius_core::Date;

use crate::findings::Cue;

/// One atlas file: a reviewable unit with its own slug and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtlasFile {
    /// The file's slug (e.g. `atlas-dermatomes`); the store keeps a review status per slug.
    pub slug: String,
    /// A short title.
    pub title: String,
    /// Date of the last content change.
    pub updated: Date,
    /// Where it was read from.
    pub path: String,
}

/// Which side of the body map shows a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// The front view.
    Front,
    /// The back view.
    Back,
    /// Both views.
    Both,
}

/// A named patch of skin: the controlled vocabulary of the atlas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Identifier, e.g. `dorsum-foot`.
    pub id: String,
    /// Plain label, e.g. "top of the foot": the wording for patients.
    pub label: String,
    /// Anatomical term, e.g. "dorsum of the foot": the wording for clinicians and students (the label when
    /// absent).
    pub term: Option<String>,
    /// Other names accepted for it.
    pub synonyms: Vec<String>,
    /// True when the region exists on the left and the right.
    pub sided: bool,
    /// Front or back view (or both).
    pub view: View,
    /// Body part: head, neck, trunk, upper, lower or perineum.
    pub limb: String,
    /// Slug of the file it comes from.
    pub source: String,
}

/// A name for several regions at once (e.g. `foot`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionGroup {
    /// Identifier.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Other names accepted for it.
    pub synonyms: Vec<String>,
    /// Member region ids.
    pub regions: Vec<String>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// Where sources disagree: an alternative claim with its citations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The alternative, in words.
    pub claim: String,
    /// Regions the alternative adds or moves.
    pub regions: Vec<String>,
    /// Roots the alternative adds or moves.
    pub roots: Vec<String>,
    /// Who says so.
    pub cite: Vec<String>,
}

/// The skin territory of one dorsal root and its ISNCSCI key sensory point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dermatome {
    /// The root, e.g. `L5` or `S4-5`.
    pub root: String,
    /// Regions most maps agree on.
    pub regions: Vec<String>,
    /// Regions some maps or some people include.
    pub variable: Vec<String>,
    /// The ISNCSCI key sensory point, in words.
    pub key_point: String,
    /// Citations for the key point.
    pub key_point_cite: Vec<String>,
    /// Citations for the territory.
    pub cite: Vec<String>,
    /// A remark, cited by `note_cite` (or `cite` when that is empty).
    pub note: Option<String>,
    /// Citations for the note.
    pub note_cite: Vec<String>,
    /// Alternative maps.
    pub conflicts: Vec<Conflict>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// A tested movement (key muscle group) with its roots and nerve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    /// Identifier, e.g. `ankle-dorsiflexion`.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Other names accepted for it.
    pub synonyms: Vec<String>,
    /// The muscles that perform it (also accepted as names).
    pub muscles: Vec<String>,
    /// Every root that contributes.
    pub roots: Vec<String>,
    /// The roots that contribute most.
    pub main: Vec<String>,
    /// The most specific nerve that carries it.
    pub nerve: String,
    /// The ISNCSCI level whose key muscle this is, if any.
    pub isncsci: Option<String>,
    /// Citations.
    pub cite: Vec<String>,
    /// A remark.
    pub note: Option<String>,
    /// Citations for the note (else `cite`).
    pub note_cite: Vec<String>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// A deep tendon reflex with the roots it samples and the nerve of its arc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reflex {
    /// Identifier, e.g. `ankle-jerk`.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Other names accepted for it.
    pub synonyms: Vec<String>,
    /// Every root it samples.
    pub roots: Vec<String>,
    /// The root(s) it is used to test.
    pub main: Vec<String>,
    /// The nerve of the reflex arc.
    pub nerve: String,
    /// Citations.
    pub cite: Vec<String>,
    /// A remark.
    pub note: Option<String>,
    /// Citations for the note (else `cite`).
    pub note_cite: Vec<String>,
    /// Where sources disagree.
    pub conflicts: Vec<Conflict>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// A peripheral nerve (or branch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nerve {
    /// Identifier, e.g. `common-fibular`.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Other names accepted for it.
    pub synonyms: Vec<String>,
    /// `upper` or `lower`.
    pub limb: String,
    /// The plexus it leaves, for nerves that are not branches of another.
    pub plexus: Option<String>,
    /// The nerve it branches from.
    pub branch_of: Option<String>,
    /// Its own roots as given by the sources; empty for a branch that carries its parent's roots.
    pub roots: Vec<String>,
    /// Its own cutaneous territory (branches add theirs).
    pub regions: Vec<String>,
    /// Regions it supplies in some people.
    pub variable: Vec<String>,
    /// Citations.
    pub cite: Vec<String>,
    /// A remark.
    pub note: Option<String>,
    /// Citations for the note (else `cite`).
    pub note_cite: Vec<String>,
    /// Where sources disagree.
    pub conflicts: Vec<Conflict>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// A named lesion site of a nerve, sparing the branches that leave above it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LesionSite {
    /// Identifier, e.g. `carpal-tunnel`.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Other names accepted for it.
    pub synonyms: Vec<String>,
    /// The nerve.
    pub nerve: String,
    /// Ids of branches, movements, reflexes or regions spared by a lesion here.
    pub spares: Vec<String>,
    /// Ids of branches, movements, reflexes or regions a lesion here involves only in some people (the
    /// branch leaves the nerve above the site in some, within or below it in others): expected weakly.
    pub variable: Vec<String>,
    /// Citations.
    pub cite: Vec<String>,
    /// A remark.
    pub note: Option<String>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// What kind of lesion a pattern describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PatternKind {
    /// A nerve root (applies to the roots it lists).
    Root,
    /// A single peripheral nerve (applies to every nerve and lesion site).
    Nerve,
    /// A plexus (applies to the nerves of its plexus).
    Plexus,
    /// Length-dependent polyneuropathy.
    Polyneuropathy,
    /// Cauda equina syndrome.
    CaudaEquina,
    /// A spinal cord lesion.
    Cord,
}

/// The reflex change a pattern predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReflexChange {
    /// Reduced or absent (lower motor neuron).
    Reduced,
    /// Brisk (upper motor neuron).
    Brisk,
}

/// A lesion pattern the localiser reasons with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pattern {
    /// Identifier.
    pub id: String,
    /// What kind of lesion.
    pub kind: PatternKind,
    /// Plain label.
    pub label: String,
    /// For root patterns, the roots it applies to.
    pub roots: Vec<String>,
    /// For plexus patterns, the plexus.
    pub plexus: Option<String>,
    /// Regions it characteristically involves (both sides).
    pub regions: Vec<String>,
    /// Regions it may involve.
    pub variable: Vec<String>,
    /// Roots whose territories it may involve.
    pub variable_roots: Vec<String>,
    /// Movements it characteristically weakens.
    pub movements: Vec<String>,
    /// Movements it may weaken.
    pub variable_movements: Vec<String>,
    /// Reflexes it characteristically changes.
    pub reflexes: Vec<String>,
    /// Reflexes it may change.
    pub variable_reflexes: Vec<String>,
    /// True when it changes every reflex.
    pub all_reflexes: bool,
    /// How it changes reflexes.
    pub reflex_change: ReflexChange,
    /// Characteristic distribution cues.
    pub cues: Vec<Cue>,
    /// Cues that fit but are not required.
    pub possible_cues: Vec<Cue>,
    /// Cues that count against it.
    pub against: Vec<Cue>,
    /// A red-flag pattern.
    pub urgent: bool,
    /// What makes a red flag present: cue names, `region:<id>` or `reflex:brisk`.
    pub triggers: Vec<String>,
    /// Citations.
    pub cite: Vec<String>,
    /// A remark.
    pub note: Option<String>,
    /// Slug of the file it comes from.
    pub source: String,
}

/// How common a lesion is before any finding is seen: the localiser's prior (see `docs/localizer.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prior {
    /// The candidates it applies to: roots (`L5`), nerve or site ids, or pattern ids (then every root or
    /// nerve of that pattern without a prior of its own).
    pub ids: Vec<String>,
    /// Relative frequency: approximate new presentations per 100 000 adults a year.
    pub weight: f64,
    /// For a nerve or lesion site: the fraction of patients with the same lesion on both sides, when a
    /// source gives it.
    pub bilateral: Option<f64>,
    /// Where the figure comes from.
    pub cite: Vec<String>,
    /// The figure in words and how it was derived.
    pub note: Option<String>,
    /// Slug of the file it comes from.
    pub source: String,
}
