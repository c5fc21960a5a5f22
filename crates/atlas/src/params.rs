//! The localiser's model parameters (documented in `docs/localizer.md`).
//!
//! These are modelling choices, not atlas facts: how often a finding is abnormal when a lesion of a given
//! kind involves the structure tested ("sensitivity"), and how often it is abnormal when it does not
//! (background). Root lesions are given lower sensitivities than nerve lesions because neighbouring roots
//! overlap: a single root often leaves little or no measurable numbness, and reported sensitivities of
//! motor, sensory and reflex testing for radiculopathy are moderate.

/// Probabilities that a finding is abnormal when the candidate involves it strongly / weakly.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probs {
    /// Sensory deficit in a core / variable region.
    pub sens: [f64; 2],
    /// Weakness of a movement of a main / minor root, or of the nerve's own muscle.
    pub motor: [f64; 2],
    /// Reflex change of a main / minor root, or of the nerve's own reflex.
    pub reflex: [f64; 2],
}

pub(crate) const ROOT: Probs = Probs { sens: [0.6, 0.2], motor: [0.6, 0.25], reflex: [0.55, 0.25] };
pub(crate) const NERVE: Probs = Probs { sens: [0.8, 0.35], motor: [0.85, 0.35], reflex: [0.75, 0.3] };
pub(crate) const PLEXUS: Probs = Probs { sens: [0.45, 0.3], motor: [0.45, 0.3], reflex: [0.45, 0.3] };
pub(crate) const PATTERN: Probs = Probs { sens: [0.8, 0.35], motor: [0.7, 0.35], reflex: [0.75, 0.35] };

/// Background rates: abnormal without the candidate involving the structure.
pub(crate) const BG_NUMB: f64 = 0.03;
pub(crate) const BG_TINGLING: f64 = 0.05;
pub(crate) const BG_WEAK: f64 = 0.02;
pub(crate) const BG_REDUCED: f64 = 0.08;
pub(crate) const BG_BRISK: f64 = 0.04;
/// A reflex changed the opposite way to the candidate's prediction (brisk in a root lesion).
pub(crate) const OPPOSITE_REFLEX: f64 = 0.02;

/// Pain is a weak localiser: it often spreads beyond dermatomes and nerve territories.
pub(crate) const PAIN: [f64; 3] = [0.6, 0.4, 0.15];

/// Severity: a lesion shown to be severe (grade ≤ 3 in one of its main muscles) makes weakness of its
/// other main muscles likelier, up to these ceilings (main, minor).
pub(crate) const SEVERE_CEILING: [f64; 2] = [0.95, 0.5];
/// Severe weakness (grade ≤ 2) of a muscle the candidate supplies only weakly is half as likely.
pub(crate) const SEVERE_MINOR_FACTOR: f64 = 0.5;

/// Cue probabilities: characteristic, possible, against.
pub(crate) const CUE: [f64; 3] = [0.8, 0.4, 0.02];
/// Background rates of spinal pain, which is common without any nerve lesion.
pub(crate) const BG_BACK_PAIN: f64 = 0.25;
pub(crate) const BG_NECK_PAIN: f64 = 0.2;
/// Background rate of other cues.
pub(crate) const BG_CUE: f64 = 0.05;

/// Priors come from the cited weights of `content/atlas/priors.toml` (new presentations per 100 000 a
/// year), raised to this power. Population incidence overstates the odds against rare lesions among
/// patients whose limbs are examined in detail (referral enriches them), and the rates of rare
/// neuropathies are known only to an order of magnitude; the square root keeps the ranking of common
/// over rare but lets two or three concordant findings overturn it.
pub(crate) const PRIOR_EXPONENT: f64 = 0.5;
/// Two adjacent roots at once: this fraction of the rarer root's tempered prior. A pair predicts
/// everything either root does, and untested structures count against no one, so without this
/// parsimony factor a pair would shadow its single root on every partial examination.
pub(crate) const PAIR_FACTOR: f64 = 0.15;
/// Fallback prior weights, used only when the atlas has no prior for a candidate (a partial atlas):
/// single lesions are favoured (parsimony); rare or composite patterns start lower.
pub(crate) const PRIOR_ROOT: f64 = 1.0;
pub(crate) const PRIOR_PAIR: f64 = 0.2;
pub(crate) const PRIOR_NERVE: f64 = 1.0;
pub(crate) const PRIOR_PLEXUS: f64 = 0.1;
pub(crate) const PRIOR_POLYNEUROPATHY: f64 = 0.5;
pub(crate) const PRIOR_RED_FLAG: f64 = 0.1;

/// The fraction of patients with a nerve lesion on both sides, for nerves whose prior gives none: most
/// mononeuropathies are one-sided (carpal tunnel syndrome, often bilateral, has its own figure).
pub(crate) const BILATERAL_FRACTION: f64 = 0.03;

/// A record with findings on one side only (and neither `bilateral` nor `symmetric` nor `distal` given)
/// is this much less likely under a pattern whose characteristic cues include `bilateral`.
pub(crate) const ONE_SIDED: f64 = 0.1;

/// How many candidates are returned.
pub(crate) const MAX_CANDIDATES: usize = 8;

/// Two leading candidates whose posterior odds are below this are shown as a tie (see
/// `docs/decision-localiser-ties-and-priors.md`): a lead of less than 2 : 1 is smaller than the spread of the
/// cited incidence figures behind the priors and smaller than what one weak finding (a pain site, a spinal-pain
/// cue) changes, so it is not a ranking a clinician should act on.
pub(crate) const TIE_ODDS: f64 = 2.0;
