//! The computable atlas of Vesalius: which skin, muscle and reflex belongs to which root and nerve, as
//! cited data, with two uses built on it.
//!
//! - [`Atlas::answer`] answers atlas look-ups ("which root does the ankle jerk test?") from the data, with
//!   `[@ref-id]` citation markers like article text.
//! - [`Atlas::localize`] ranks explanations of examination findings: roots, adjacent root pairs, nerves,
//!   plexus, polyneuropathy and the red-flag patterns (cauda equina, spinal cord), each with the findings
//!   it explains and contradicts, and the next test that best separates the top two. Each explanation is
//!   weighed by how common it is (cited priors in `content/atlas/priors.toml`).
//!
//! The data lives in `content/atlas/*.toml` (format: `docs/atlas-format.md`; localiser: `docs/localizer.md`).
//!
//! ```
//! let corpus = vesalius_content::Corpus::builtin().expect("built-in content");
//! let atlas = vesalius_atlas::Atlas::builtin(&corpus.references).expect("built-in atlas");
//! let answer = atlas.answer("which root is tested by the ankle jerk?").expect("an atlas question");
//! assert!(answer.summary.contains("S1"));
//! ```

mod answer;
mod atlas;
mod check;
mod compose;
mod findings;
mod lines;
mod load;
mod localization;
mod localize;
mod mentions;
mod model;
mod next_test;
mod params;
mod predict;
mod priors;
mod raw;
mod text;

pub use answer::AtlasAnswer;
pub use atlas::Atlas;
pub use findings::{
    Cue, Cues, Findings, FindingsError, Grade, MotorFinding, ReflexFinding, ReflexState, SensoryFinding, SensoryKind,
    Side, SideFindings, MAX_FINDINGS,
};
pub use localization::{Candidate, CandidateKind, Expectation, Localization, NextTest, TestKind, Tie, TieMember};
pub use mentions::{tokens, Mention, MentionKind, Token};
pub use model::{
    AtlasFile, Conflict, Dermatome, LesionSite, Movement, Nerve, Pattern, PatternKind, Prior, Reflex, ReflexChange,
    Region, RegionGroup, View,
};
