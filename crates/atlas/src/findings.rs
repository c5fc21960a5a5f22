//! The localiser's input: examination findings per side plus distribution cues (see `docs/localizer.md`).
//!
//! Every struct denies unknown fields, so a misspelt key is an error naming it. Names of regions,
//! movements and reflexes are resolved against the atlas by [`crate::Atlas::check_findings`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// Left or right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The patient's left.
    Left,
    /// The patient's right.
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// `left` or `right`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the patient feels in a region, or that it was tested and is normal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SensoryKind {
    /// No feeling.
    #[default]
    Numb,
    /// Reduced feeling.
    Reduced,
    /// Pins and needles, or burning (a positive sensory symptom of the same kind; `"burning"` is read as this).
    #[serde(alias = "burning", alias = "pins and needles")]
    Tingling,
    /// Pain felt there.
    Pain,
    /// Tested and normal.
    Normal,
}

impl SensoryKind {
    /// True for a sensory deficit or positive symptom other than pain.
    pub fn is_deficit(self) -> bool {
        matches!(self, SensoryKind::Numb | SensoryKind::Reduced | SensoryKind::Tingling)
    }
}

/// Altered (or normal) sensation in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensoryFinding {
    /// Region id, label or synonym (e.g. `dorsum-foot`, "top of the foot").
    pub region: String,
    /// What is felt; numb when omitted.
    #[serde(default)]
    pub kind: SensoryKind,
}

/// An MRC grade, 0 (no contraction) to 5 (normal power). In JSON a number, or a string of a grade with an
/// optional sign: `"4-"`, `"4−"` (minus sign) and `"4+"` are weakness of grade 4 (the signs refine grade 4
/// and are below normal power); `"5-"` is grade 4 too, for the same reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "GradeInput", into = "u8")]
pub struct Grade(u8);

/// A grade as written: a number or a string such as `"4-"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum GradeInput {
    Number(u8),
    Text(String),
}

impl TryFrom<GradeInput> for Grade {
    type Error = String;
    fn try_from(v: GradeInput) -> Result<Self, Self::Error> {
        match v {
            GradeInput::Number(n) => Grade::try_from(n),
            GradeInput::Text(t) => t.parse(),
        }
    }
}

impl std::str::FromStr for Grade {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || format!("grade `{t}` is not an MRC grade: use 0 (no contraction) to 5 (normal), or 4-, 4+");
        let (digits, signed) = match t.strip_suffix(['-', '+', '\u{2212}']) {
            Some(d) => (d.trim(), true),
            None => (t, false),
        };
        let n: u8 = digits.parse().map_err(|_| bad())?;
        match (n, signed) {
            (0..=5, false) => Ok(Grade(n)),
            // 4-, 4+: grade 4; 5-: below normal, so grade 4; 3+, 3-, 2+, …: the grade itself.
            (5, true) => Ok(Grade(4)),
            (1..=4, true) => Ok(Grade(n)),
            _ => Err(bad()),
        }
    }
}

impl Grade {
    /// The grade, 0–5.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Grade {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        if v <= 5 {
            Ok(Grade(v))
        } else {
            Err(format!("grade {v} is not an MRC grade: use 0 (no contraction) to 5 (normal)"))
        }
    }
}

impl From<Grade> for u8 {
    fn from(g: Grade) -> u8 {
        g.0
    }
}

/// Strength of one movement; grade 5 records a movement tested and found normal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotorFinding {
    /// Movement id, label, synonym or muscle name (e.g. `ankle-dorsiflexion`, "tibialis anterior").
    pub movement: String,
    /// MRC grade 0–5.
    pub grade: Grade,
}

/// The state of a tendon reflex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReflexState {
    /// Normal.
    Normal,
    /// Reduced.
    Reduced,
    /// Absent, even with reinforcement.
    Absent,
    /// Brisk (pathologically increased).
    Brisk,
}

/// One reflex and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflexFinding {
    /// Reflex id, label or synonym (e.g. `ankle-jerk`, "Achilles reflex").
    pub reflex: String,
    /// Its state.
    pub state: ReflexState,
}

/// Findings on one side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideFindings {
    /// Regions of altered (or normal) sensation.
    #[serde(default)]
    pub sensory: Vec<SensoryFinding>,
    /// Strength of tested movements (grade 5 = normal).
    #[serde(default)]
    pub motor: Vec<MotorFinding>,
    /// Tendon reflexes.
    #[serde(default)]
    pub reflexes: Vec<ReflexFinding>,
}

impl SideFindings {
    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.sensory.is_empty() && self.motor.is_empty() && self.reflexes.is_empty()
    }

    /// How many findings are recorded on this side.
    pub fn count(&self) -> usize {
        self.sensory.len() + self.motor.len() + self.reflexes.len()
    }
}

/// A distribution cue from the history or examination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// Both sides are affected.
    Bilateral,
    /// The two sides are affected alike.
    Symmetric,
    /// Distal, length-dependent (feet before hands, toes first).
    Distal,
    /// Saddle numbness.
    Saddle,
    /// New bladder disturbance (retention, incontinence, reduced sensation).
    Bladder,
    /// New bowel disturbance.
    Bowel,
    /// Low back pain.
    BackPain,
    /// Neck pain.
    NeckPain,
    /// Upper motor neuron signs: spasticity, clonus, extensor plantar, Hoffmann sign.
    UpperMotorNeuron,
}

impl Cue {
    /// Every cue, in a fixed order.
    pub const ALL: [Cue; 9] = [
        Cue::Bilateral,
        Cue::Symmetric,
        Cue::Distal,
        Cue::Saddle,
        Cue::Bladder,
        Cue::Bowel,
        Cue::BackPain,
        Cue::NeckPain,
        Cue::UpperMotorNeuron,
    ];

    /// The name used in files and JSON (e.g. `back_pain`).
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::Bilateral => "bilateral",
            Cue::Symmetric => "symmetric",
            Cue::Distal => "distal",
            Cue::Saddle => "saddle",
            Cue::Bladder => "bladder",
            Cue::Bowel => "bowel",
            Cue::BackPain => "back_pain",
            Cue::NeckPain => "neck_pain",
            Cue::UpperMotorNeuron => "upper_motor_neuron",
        }
    }

    /// A plain description.
    pub fn describe(self) -> &'static str {
        match self {
            Cue::Bilateral => "both sides affected",
            Cue::Symmetric => "symmetric distribution",
            Cue::Distal => "distal, length-dependent distribution",
            Cue::Saddle => "saddle numbness",
            Cue::Bladder => "bladder disturbance",
            Cue::Bowel => "bowel disturbance",
            Cue::BackPain => "back pain",
            Cue::NeckPain => "neck pain",
            Cue::UpperMotorNeuron => "upper motor neuron signs",
        }
    }

    /// The cue with this name.
    pub fn parse(name: &str) -> Option<Cue> {
        Cue::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Distribution cues: `true` present, `false` looked for and absent, missing unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Both sides affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bilateral: Option<bool>,
    /// The sides affected alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symmetric: Option<bool>,
    /// Distal, length-dependent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distal: Option<bool>,
    /// Saddle numbness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saddle: Option<bool>,
    /// Bladder disturbance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bladder: Option<bool>,
    /// Bowel disturbance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bowel: Option<bool>,
    /// Low back pain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_pain: Option<bool>,
    /// Neck pain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neck_pain: Option<bool>,
    /// Upper motor neuron signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_motor_neuron: Option<bool>,
}

impl Cues {
    /// How many cues are recorded (present or absent).
    pub fn count(&self) -> usize {
        Cue::ALL.into_iter().filter(|c| self.get(*c).is_some()).count()
    }

    /// The recorded value of one cue.
    pub fn get(&self, cue: Cue) -> Option<bool> {
        match cue {
            Cue::Bilateral => self.bilateral,
            Cue::Symmetric => self.symmetric,
            Cue::Distal => self.distal,
            Cue::Saddle => self.saddle,
            Cue::Bladder => self.bladder,
            Cue::Bowel => self.bowel,
            Cue::BackPain => self.back_pain,
            Cue::NeckPain => self.neck_pain,
            Cue::UpperMotorNeuron => self.upper_motor_neuron,
        }
    }
}

/// The most findings one record may hold (sensory, motor and reflex entries on both sides plus recorded
/// cues, counted before duplicates are dropped). A complete examination of the built-in atlas records at
/// most about 270 (every region altered or normal, every movement and reflex, on both sides, and all nine
/// cues), so 500 leaves room for larger atlases while keeping the work of one request small.
pub const MAX_FINDINGS: usize = 500;

/// Everything the localiser is told.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Findings on the left.
    #[serde(default)]
    pub left: SideFindings,
    /// Findings on the right.
    #[serde(default)]
    pub right: SideFindings,
    /// Distribution cues.
    #[serde(default)]
    pub cues: Cues,
}

impl Findings {
    /// Findings on one side.
    pub fn side(&self, side: Side) -> &SideFindings {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    /// How many findings are recorded: entries on both sides plus recorded cues, duplicates included.
    pub fn count(&self) -> usize {
        self.left.count() + self.right.count() + self.cues.count()
    }

    /// Checks the record against [`MAX_FINDINGS`].
    ///
    /// # Errors
    /// [`FindingsError::TooMany`] naming the limit and the count.
    pub fn check_limit(&self) -> Result<(), FindingsError> {
        match self.count() {
            got if got > MAX_FINDINGS => Err(FindingsError::TooMany { limit: MAX_FINDINGS, got }),
            _ => Ok(()),
        }
    }

    /// Parses findings from JSON and checks their number against [`MAX_FINDINGS`].
    ///
    /// # Errors
    /// Malformed JSON, an unknown key, or a bad value (e.g. grade 7), with line and column; more than
    /// [`MAX_FINDINGS`] findings.
    pub fn from_json(text: &str) -> Result<Findings, FindingsError> {
        let findings: Findings = serde_json::from_str(text).map_err(|e| FindingsError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        findings.check_limit()?;
        Ok(findings)
    }
}

/// A problem with the localiser's input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindingsError {
    /// The JSON could not be read as findings.
    #[error("findings JSON, line {line} column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// More findings than [`MAX_FINDINGS`].
    #[error("too many findings: at most {limit} findings; got {got}")]
    TooMany {
        /// The limit, [`MAX_FINDINGS`].
        limit: usize,
        /// How many were given.
        got: usize,
    },
    /// A name that is not in the atlas vocabulary.
    #[error("{side}.{field}: unknown {what} `{name}` (see docs/localizer.md for the vocabulary)")]
    UnknownName {
        /// Which side.
        side: Side,
        /// `sensory`, `motor` or `reflexes`.
        field: &'static str,
        /// `region`, `movement` or `reflex`.
        what: &'static str,
        /// The name given.
        name: String,
    },
    /// The same region recorded both as numb (or reduced) and as normal on one side.
    #[error("{side}.sensory: the {region} is recorded both as numb and as normal; keep one")]
    Conflict {
        /// Which side.
        side: Side,
        /// The region, in words.
        region: String,
    },
}
