//! The localiser's output: ranked candidate lesions and the next test (see `docs/localizer.md`).

use serde::{Deserialize, Serialize};

use crate::findings::Side;

/// What kind of lesion a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// A single nerve root.
    Root,
    /// Two adjacent roots.
    RootPair,
    /// A peripheral nerve, branch or named lesion site of a nerve.
    Nerve,
    /// The lumbosacral or brachial plexus.
    Plexus,
    /// Length-dependent polyneuropathy.
    Polyneuropathy,
    /// Cauda equina syndrome.
    CaudaEquina,
    /// A spinal cord lesion.
    Cord,
}

/// One explanation of the findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Identifier: a root (`L5`), a root pair (`L4-L5`), a nerve or lesion-site id (`common-fibular`,
    /// `carpal-tunnel`) or a pattern id (`lumbosacral-plexus`, `polyneuropathy`, `cauda-equina`, `myelopathy`).
    pub id: String,
    /// What kind of lesion it is.
    pub kind: CandidateKind,
    /// Plain label, e.g. "L5 radiculopathy".
    pub label: String,
    /// The side, for one-sided lesions.
    pub side: Option<Side>,
    /// Posterior probability among all candidates considered, 0–1.
    pub score: f32,
    /// True for a red-flag pattern whose warning signs are present: act now.
    pub urgent: bool,
    /// Findings it explains.
    pub explains: Vec<String>,
    /// Findings that count against it.
    pub contradicts: Vec<String>,
    /// Reference ids supporting the reasoning.
    pub citations: Vec<String>,
    /// A short description of the pattern, with no citation markers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the next test examines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestKind {
    /// Strength of a movement.
    Movement,
    /// A tendon reflex.
    Reflex,
    /// Sensation in a region.
    Sensation,
}

/// What one candidate predicts for the next test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expectation {
    /// The candidate id.
    pub candidate: String,
    /// Probability that the test is abnormal if this candidate is right, 0–1.
    pub abnormal: f32,
}

/// The single test that best tells the top two candidates apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextTest {
    /// Movement, reflex or sensation.
    pub kind: TestKind,
    /// The movement, reflex or region id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The side to test.
    pub side: Option<Side>,
    /// The advice in words.
    pub text: String,
    /// What each of the top two candidates predicts.
    pub expected: Vec<Expectation>,
    /// Reference ids for the anatomy the test relies on.
    pub citations: Vec<String>,
}

/// One of two candidates in a near-tie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TieMember {
    /// The candidate id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Its side, for one-sided lesions.
    pub side: Option<Side>,
    /// Its score.
    pub score: f32,
}

/// The two leading candidates are too close to rank: posterior odds below 2 : 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    /// The two candidates, the higher score first.
    pub candidates: Vec<TieMember>,
    /// Posterior odds of the first over the second (1 to 2).
    pub odds: f32,
    /// A movement, reflex or region one of them predicts abnormal and the other does not, when the atlas has
    /// one; otherwise the test whose predictions differ most.
    pub test: Option<NextTest>,
    /// The tie in words.
    pub text: String,
}

/// The localiser's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Localization {
    /// True when any red-flag pattern is present; its candidate is then first.
    pub urgent: bool,
    /// Candidates, best first (urgent ones first of all).
    pub candidates: Vec<Candidate>,
    /// The most useful next test, when there are two candidates to separate.
    pub next_test: Option<NextTest>,
    /// Set when the two leading candidates are too close to rank, with the test that separates them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie: Option<Tie>,
    /// Notes on the findings: names not recognised (and so ignored), findings counted once, conflicts.
    pub warnings: Vec<String>,
}
