//! The TOML shape of an atlas file, before ids are checked (see `docs/atlas-format.md`).

use serde::Deserialize;
use toml::Spanned;

/// One `content/atlas/*.toml` file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub updated: Option<String>,
    #[serde(default)]
    pub region: Vec<Spanned<RawRegion>>,
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub dermatome: Vec<Spanned<RawDermatome>>,
    #[serde(default)]
    pub movement: Vec<Spanned<RawMovement>>,
    #[serde(default)]
    pub reflex: Vec<Spanned<RawReflex>>,
    #[serde(default)]
    pub nerve: Vec<Spanned<RawNerve>>,
    #[serde(default)]
    pub site: Vec<Spanned<RawSite>>,
    #[serde(default)]
    pub pattern: Vec<Spanned<RawPattern>>,
    #[serde(default)]
    pub prior: Vec<Spanned<RawPrior>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRegion {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub term: Option<String>,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub sided: bool,
    pub view: String,
    pub limb: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGroup {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub regions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConflict {
    pub claim: String,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default)]
    pub cite: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDermatome {
    pub root: String,
    pub regions: Vec<String>,
    #[serde(default)]
    pub variable: Vec<String>,
    pub key_point: String,
    #[serde(default)]
    pub key_point_cite: Vec<String>,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub note_cite: Vec<String>,
    #[serde(default)]
    pub conflict: Vec<RawConflict>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMovement {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub muscles: Vec<String>,
    pub roots: Vec<String>,
    pub main: Vec<String>,
    pub nerve: String,
    pub isncsci: Option<String>,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub note_cite: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReflex {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub roots: Vec<String>,
    pub main: Vec<String>,
    pub nerve: String,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub note_cite: Vec<String>,
    #[serde(default)]
    pub conflict: Vec<RawConflict>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNerve {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub limb: String,
    pub plexus: Option<String>,
    pub branch_of: Option<String>,
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub variable: Vec<String>,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub note_cite: Vec<String>,
    #[serde(default)]
    pub conflict: Vec<RawConflict>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub nerve: String,
    #[serde(default)]
    pub spares: Vec<String>,
    #[serde(default)]
    pub variable: Vec<String>,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPattern {
    pub id: String,
    pub kind: String,
    pub label: String,
    #[serde(default)]
    pub roots: Vec<String>,
    pub plexus: Option<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub variable: Vec<String>,
    #[serde(default)]
    pub variable_roots: Vec<String>,
    #[serde(default)]
    pub movements: Vec<String>,
    #[serde(default)]
    pub variable_movements: Vec<String>,
    #[serde(default)]
    pub reflexes: Vec<String>,
    #[serde(default)]
    pub variable_reflexes: Vec<String>,
    #[serde(default)]
    pub all_reflexes: bool,
    pub reflex_change: Option<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub possible_cues: Vec<String>,
    #[serde(default)]
    pub against: Vec<String>,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub triggers: Vec<String>,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPrior {
    pub ids: Vec<String>,
    pub weight: f64,
    pub bilateral: Option<f64>,
    #[serde(default)]
    pub cite: Vec<String>,
    pub note: Option<String>,
}
