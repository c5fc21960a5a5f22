//! The learned Q&A ranker. Each candidate pair's features are combined linearly into a utility; the
//! weights maximise, over the LiveQA *training* questions, the softmax probability that the question's best
//! candidate is a relevant one (a listwise, conditional-logit objective: what counts is the order within a
//! question, not how scores compare across questions), with an L2 strength chosen by 5-fold
//! cross-validation grouped by question on that objective out of fold. A logistic fit of the relevance labels on the
//! utility (Platt scaling) then turns it into a probability. Silver labels: a pair is relevant when its
//! focus is the annotated focus and its MedQuAD type the annotated type. The answering threshold and the
//! notice threshold come from the same training questions; the development half is never used (see
//! `docs/decision-learned-ranker.md`). Two models ship: one over lexical features, one adding the
//! sentence-embedding similarity, used when the embedding model is installed. `vesalius eval train-ranker`
//! fits them.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use vesalius_entail::{fold_of, Logistic};

/// Format version of the model files.
const FORMAT_VERSION: u32 = 2;
const FOLDS: usize = 5;
/// L2 strengths tried, strongest first.
const L2_GRID: [f64; 7] = [3.0, 1.0, 0.3, 0.1, 0.03, 0.01, 0.001];
/// Gradient steps of one fit (the objective is smooth and low-dimensional).
const STEPS: usize = 400;

/// Names of the lexical features, in order.
pub const LEXICAL_FEATURES: &[&str] =
    &["entailment", "coverage", "focus_coverage", "bm25_relative", "focus_named", "type_match"];
/// Names of the features with semantics on: the lexical ones, then the embedding similarities.
pub const SEMANTIC_FEATURES: &[&str] = &[
    "entailment",
    "coverage",
    "focus_coverage",
    "bm25_relative",
    "focus_named",
    "type_match",
    "cosine",
    "cosine_gap",
    "cosine_whole",
    "cosine_whole_gap",
];

/// A fitted ranker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranker {
    version: u32,
    features: Vec<String>,
    l2: f64,
    /// Out-of-fold share of training questions (with a relevant candidate) whose best-ranked candidate is
    /// relevant, at the chosen strength.
    cv_top1: f64,
    /// A candidate scoring below this does not answer: the 5th percentile of the out-of-fold score of each
    /// training question's best candidate (the least supported twentieth of real questions is refused).
    threshold: f64,
    /// An answer scoring below this carries the "may not fully answer" notice: the median out-of-fold
    /// score of the best candidate over training questions where it is relevant.
    confident: f64,
    /// Per-feature standardisation.
    mean: Vec<f64>,
    scale: Vec<f64>,
    /// Weight of each standardised feature in the utility.
    weights: Vec<f64>,
    /// Utility → probability of relevance.
    platt: Logistic,
}

/// One training question's candidates: feature rows and silver labels.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// A stable key for the question (its text), for grouped folds.
    pub key: String,
    /// One row per candidate.
    pub rows: Vec<Vec<f64>>,
    /// Relevant or not, per candidate.
    pub labels: Vec<bool>,
}

/// The mean and standard deviation of each feature over every candidate of the groups (1 for a constant one).
fn standardise(groups: &[Group], d: usize) -> (Vec<f64>, Vec<f64>) {
    let rows: Vec<&Vec<f64>> = groups.iter().flat_map(|g| &g.rows).collect();
    let n = rows.len().max(1) as f64;
    let mut mean = vec![0.0; d];
    for r in &rows {
        mean.iter_mut().zip(r.iter()).for_each(|(m, v)| *m += v / n);
    }
    let mut var = vec![0.0; d];
    for r in &rows {
        var.iter_mut().zip(r.iter().zip(&mean)).for_each(|(s, (v, m))| *s += (v - m) * (v - m) / n);
    }
    (mean, var.into_iter().map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 }).collect())
}

fn utility(w: &[f64], mean: &[f64], scale: &[f64], row: &[f64]) -> f64 {
    w.iter().zip(row).zip(mean.iter().zip(scale)).map(|((w, v), (m, s))| w * (v - m) / s).sum()
}

/// Mean over groups with a relevant candidate of −log P(relevant | group), plus `l2/2 · ‖w‖²`, and its
/// gradient.
fn objective(groups: &[&Group], mean: &[f64], scale: &[f64], w: &[f64], l2: f64) -> (f64, Vec<f64>) {
    let d = w.len();
    let mut loss = 0.0;
    let mut grad = vec![0.0; d];
    let mut n = 0usize;
    for g in groups.iter().filter(|g| g.labels.iter().any(|l| *l)) {
        let z: Vec<Vec<f64>> = g
            .rows
            .iter()
            .map(|r| r.iter().zip(mean.iter().zip(scale)).map(|(v, (m, s))| (v - m) / s).collect())
            .collect();
        let u: Vec<f64> = z.iter().map(|z| z.iter().zip(w).map(|(a, b)| a * b).sum()).collect();
        let top = u.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = u.iter().map(|u| (u - top).exp()).collect();
        let all: f64 = e.iter().sum();
        let pos: f64 = e.iter().zip(&g.labels).filter(|(_, l)| **l).map(|(e, _)| e).sum();
        loss += all.ln() - pos.ln();
        for ((zi, ei), li) in z.iter().zip(&e).zip(&g.labels) {
            let coef = ei / all - if *li { ei / pos } else { 0.0 };
            grad.iter_mut().zip(zi).for_each(|(g, z)| *g += coef * z);
        }
        n += 1;
    }
    let n = n.max(1) as f64;
    let penalty: f64 = w.iter().map(|w| w * w).sum::<f64>() * l2 / 2.0;
    let grad = grad.iter().zip(w).map(|(g, w)| g / n + l2 * w).collect();
    (loss / n + penalty, grad)
}

/// Mean over groups with a relevant candidate of −log P(relevant | group) under the given utilities.
fn listwise_nll(groups: &[Group], utilities: &[Vec<f64>]) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for (g, u) in groups.iter().zip(utilities).filter(|(g, _)| g.labels.iter().any(|l| *l)) {
        let top = u.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let all: f64 = u.iter().map(|u| (u - top).exp()).sum();
        let pos: f64 = u.iter().zip(&g.labels).filter(|(_, l)| **l).map(|(u, _)| (u - top).exp()).sum();
        sum += all.ln() - pos.ln();
        n += 1;
    }
    sum / n.max(1) as f64
}

/// Weights minimising [`objective`] by gradient descent with a backtracking line search (deterministic).
fn fit_weights(groups: &[&Group], mean: &[f64], scale: &[f64], l2: f64) -> Vec<f64> {
    let mut w = vec![0.0; mean.len()];
    let mut step = 1.0;
    let (mut f, mut g) = objective(groups, mean, scale, &w, l2);
    for _ in 0..STEPS {
        let norm: f64 = g.iter().map(|x| x * x).sum::<f64>();
        if norm < 1e-12 {
            break;
        }
        loop {
            let next: Vec<f64> = w.iter().zip(&g).map(|(w, g)| w - step * g).collect();
            let (f2, g2) = objective(groups, mean, scale, &next, l2);
            if f2 <= f - 0.5 * step * norm || step < 1e-8 {
                (w, f, g) = (next, f2, g2);
                step *= 1.5;
                break;
            }
            step /= 2.0;
        }
    }
    w
}

/// Share of groups (with a relevant candidate) whose best-scored candidate is relevant, and the scores of
/// those best candidates.
fn top1(groups: &[Group], scores: &[Vec<f64>]) -> (f64, Vec<f64>) {
    let mut best_relevant = Vec::new();
    let mut judged = 0;
    for (g, s) in groups.iter().zip(scores) {
        if !g.labels.iter().any(|l| *l) {
            continue;
        }
        judged += 1;
        if let Some(best) = (0..s.len()).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a))) {
            if g.labels[best] {
                best_relevant.push(s[best]);
            }
        }
    }
    (best_relevant.len() as f64 / f64::from(judged.max(1)), best_relevant)
}

impl Ranker {
    /// Fits a ranker over `features` to the training groups. Deterministic.
    pub fn fit(features: &[&str], groups: &[Group]) -> Ranker {
        let d = features.len();
        let (mean, scale) = standardise(groups, d);
        let folds: Vec<usize> = groups.iter().map(|g| fold_of(&g.key, FOLDS)).collect();
        // Out-of-fold utilities per strength, then the strength with the best top-1 (the stronger on ties).
        let mut best: Option<(f64, f64, Vec<Vec<f64>>)> = None;
        for &l2 in &L2_GRID {
            let mut oof: Vec<Vec<f64>> = groups.iter().map(|g| vec![0.0; g.rows.len()]).collect();
            for fold in 0..FOLDS {
                let train: Vec<&Group> =
                    groups.iter().zip(&folds).filter(|(_, f)| **f != fold).map(|(g, _)| g).collect();
                let w = fit_weights(&train, &mean, &scale, l2);
                for (i, g) in groups.iter().enumerate().filter(|(i, _)| folds[*i] == fold) {
                    oof[i] = g.rows.iter().map(|r| utility(&w, &mean, &scale, r)).collect();
                }
            }
            let nll = listwise_nll(groups, &oof);
            if best.as_ref().is_none_or(|(_, b, _)| nll < *b - 1e-12) {
                best = Some((l2, nll, oof));
            }
        }
        let (l2, _, oof) = best.unwrap_or((L2_GRID[0], 0.0, Vec::new()));
        let (cv_top1, _) = top1(groups, &oof);
        let all: Vec<&Group> = groups.iter().collect();
        let weights = fit_weights(&all, &mean, &scale, l2);
        // Platt scaling on the out-of-fold utilities, so the probabilities are those of unseen questions.
        let (u, y): (Vec<Vec<f64>>, Vec<bool>) =
            groups.iter().zip(&oof).flat_map(|(g, s)| s.iter().map(|u| vec![*u]).zip(g.labels.iter().copied())).unzip();
        let platt = Logistic::fit(&u, &y, 1e-6);
        let probs: Vec<Vec<f64>> = oof.iter().map(|s| s.iter().map(|u| platt.prob(&[*u])).collect()).collect();
        let mut best_scores: Vec<f64> = probs.iter().filter_map(|s| s.iter().copied().max_by(f64::total_cmp)).collect();
        best_scores.sort_by(f64::total_cmp);
        let threshold = best_scores.get(best_scores.len() / 20).copied().unwrap_or(0.5);
        let (_, mut relevant) = top1(groups, &probs);
        relevant.sort_by(f64::total_cmp);
        let confident = relevant.get(relevant.len() / 2).copied().unwrap_or(0.5);
        Ranker {
            version: FORMAT_VERSION,
            features: features.iter().map(|s| s.to_string()).collect(),
            l2,
            cv_top1,
            threshold,
            confident,
            mean,
            scale,
            weights,
            platt,
        }
    }

    /// The probability that a candidate with these features answers the question.
    pub fn score(&self, row: &[f64]) -> f32 {
        self.platt.prob(&[utility(&self.weights, &self.mean, &self.scale, row)]) as f32
    }

    /// Candidates below this score do not answer.
    pub fn threshold(&self) -> f32 {
        self.threshold as f32
    }

    /// Answers scoring below this carry the "may not fully answer" notice.
    pub fn confident(&self) -> f32 {
        self.confident as f32
    }

    /// Feature names with their weights (on standardised features).
    pub fn weights(&self) -> Vec<(&str, f64)> {
        self.features.iter().map(String::as_str).zip(self.weights.iter().copied()).collect()
    }

    /// Out-of-fold top-1 share on the training questions with a relevant candidate.
    pub fn cv_top1(&self) -> f64 {
        self.cv_top1
    }

    /// The chosen L2 strength.
    pub fn l2(&self) -> f64 {
        self.l2
    }

    /// The model as JSON (the format of `model/ranker-*.json`).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a model, checking its version and that it is over `features`.
    ///
    /// # Errors
    /// Bad JSON, another version or other features, named.
    pub fn from_json(json: &str, features: &[&str]) -> Result<Ranker, String> {
        let r: Ranker = serde_json::from_str(json).map_err(|e| format!("ranker model: {e}"))?;
        if r.version != FORMAT_VERSION {
            return Err(format!("ranker model: version {} (this build reads {FORMAT_VERSION})", r.version));
        }
        let d = features.len();
        if r.features != features || r.weights.len() != d || r.mean.len() != d || r.scale.len() != d {
            return Err(format!("ranker model: features {:?}, expected {features:?}", r.features));
        }
        Ok(r)
    }

    /// The shipped lexical model (`model/ranker-lexical.json`).
    pub fn lexical() -> &'static Ranker {
        static MODEL: OnceLock<Ranker> = OnceLock::new();
        MODEL.get_or_init(|| builtin(include_str!("../model/ranker-lexical.json"), LEXICAL_FEATURES))
    }

    /// The shipped model with semantics on (`model/ranker-semantic.json`).
    pub fn semantic() -> &'static Ranker {
        static MODEL: OnceLock<Ranker> = OnceLock::new();
        MODEL.get_or_init(|| builtin(include_str!("../model/ranker-semantic.json"), SEMANTIC_FEATURES))
    }
}

fn builtin(json: &str, features: &[&str]) -> Ranker {
    Ranker::from_json(json, features).unwrap_or_else(|e| panic!("a committed ranker model is valid (tested): {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_models_load() {
        assert_eq!(Ranker::lexical().weights().len(), LEXICAL_FEATURES.len());
        assert_eq!(Ranker::semantic().weights().len(), SEMANTIC_FEATURES.len());
    }

    #[test]
    fn fitting_learns_which_feature_marks_the_relevant_candidate() {
        // Feature 0 marks the relevant candidate; feature 1 is noise.
        let groups: Vec<Group> = (0..60)
            .map(|q| Group {
                key: format!("q{q}"),
                rows: (0..5)
                    .map(|c| vec![if c == q % 5 { 0.9 } else { 0.1 }, ((q * 7 + c * 3) % 10) as f64 / 10.0])
                    .collect(),
                labels: (0..5).map(|c| c == q % 5).collect(),
            })
            .collect();
        let r = Ranker::fit(&["signal", "noise"], &groups);
        let w = r.weights();
        assert!(w[0].1 > 1.0 && w[0].1 > 5.0 * w[1].1.abs(), "{w:?}");
        assert!(r.cv_top1() > 0.99, "{}", r.cv_top1());
        assert!(r.score(&[0.9, 0.5]) > r.threshold() && r.score(&[0.1, 0.5]) < r.score(&[0.9, 0.5]));
        let back = Ranker::from_json(&r.to_json(), &["signal", "noise"]).unwrap();
        assert_eq!(back, r);
        assert!(Ranker::from_json(&r.to_json(), &["other", "noise"]).is_err());
    }
}
