//! Priors: how common each candidate lesion is before any finding is seen, from the cited weights of
//! `content/atlas/priors.toml` (new presentations per 100 000 adults a year), tempered by
//! [`params::PRIOR_EXPONENT`]. See `docs/localizer.md`.

use crate::atlas::Atlas;
use crate::localization::CandidateKind;
use crate::model::{Pattern, Prior};
use crate::params;

impl Atlas {
    /// The prior naming `id`, else the one naming the pattern.
    fn prior_entry(&self, id: &str, pattern: &Pattern) -> Option<&Prior> {
        let find = |x: &str| self.priors.iter().find(|p| p.ids.iter().any(|i| i == x));
        find(id).or_else(|| find(&pattern.id))
    }
}

/// The unnormalised prior of a candidate and the references behind it. `ids` is the candidate's id, or
/// the two roots of a root pair. Without any prior in the data (a partial atlas), the flat parsimony
/// weights of [`params`] are used.
pub(crate) fn prior(atlas: &Atlas, kind: CandidateKind, ids: &[&str], pattern: &Pattern) -> (f64, Vec<String>) {
    let entries: Vec<&Prior> = ids.iter().filter_map(|id| atlas.prior_entry(id, pattern)).collect();
    if entries.len() != ids.len() || entries.is_empty() {
        return (fallback(kind), Vec::new());
    }
    let weight = entries.iter().map(|p| p.weight).fold(f64::INFINITY, f64::min);
    let parsimony = if kind == CandidateKind::RootPair { params::PAIR_FACTOR } else { 1.0 };
    let mut cite: Vec<String> = Vec::new();
    for id in entries.iter().flat_map(|p| p.cite.iter()) {
        if !cite.contains(id) {
            cite.push(id.clone());
        }
    }
    (parsimony * weight.powf(params::PRIOR_EXPONENT), cite)
}

/// How much likelier the same lesion on both sides is than on one given side: with a fraction `b` of
/// bilateral cases, `b` against `(1 − b) / 2`. The fraction comes from the prior naming `id` (or its
/// pattern), else [`params::BILATERAL_FRACTION`].
pub(crate) fn both_sides_factor(atlas: &Atlas, id: &str, pattern: &Pattern) -> f64 {
    let b = atlas.prior_entry(id, pattern).and_then(|p| p.bilateral).unwrap_or(params::BILATERAL_FRACTION);
    2.0 * b / (1.0 - b)
}

fn fallback(kind: CandidateKind) -> f64 {
    match kind {
        CandidateKind::Root => params::PRIOR_ROOT,
        CandidateKind::RootPair => params::PRIOR_PAIR,
        CandidateKind::Nerve => params::PRIOR_NERVE,
        CandidateKind::Plexus => params::PRIOR_PLEXUS,
        CandidateKind::Polyneuropathy => params::PRIOR_POLYNEUROPATHY,
        CandidateKind::CaudaEquina | CandidateKind::Cord => params::PRIOR_RED_FLAG,
    }
}
