//! Entailment v2: the lexical RQE model's probability stacked with sentence-embedding similarity.
//!
//! The embedding similarity of the two questions (computed by the caller, so this crate needs no model) is
//! what the lexical features miss: meaning beyond shared words. A second logistic regression combines the
//! lexical model's *out-of-fold* probability (5 folds grouped by consumer question, so it is the probability
//! of a model that never saw the pair), the cosine, and their product. Its L2 strength and decision threshold
//! are chosen by cross-validation on the training pairs only; the test pairs are never used for a choice.

use crate::cv::{best_threshold, fold_of};
use crate::data::Pair;
use crate::logreg::Logistic;
use crate::model::RqeModel;

const FOLDS: usize = 5;
const L2_GRID: [f64; 5] = [1.0, 0.1, 0.01, 0.001, 0.0001];

/// The lexical model plus the stacked combiner.
#[derive(Debug, Clone)]
pub struct StackedRqe {
    base: RqeModel,
    top: Logistic,
    threshold: f64,
    cv_accuracy: f64,
    base_cv_accuracy: f64,
}

fn row(base: f64, cosine: f32) -> Vec<f64> {
    let c = f64::from(cosine);
    vec![base, c, base * c]
}

impl StackedRqe {
    /// Trains on `pairs` with `cosines[i]` the embedding similarity of pair `i`'s two questions.
    pub fn train(pairs: &[Pair], cosines: &[f32]) -> StackedRqe {
        let n = pairs.len().min(cosines.len());
        let (pairs, cosines) = (&pairs[..n], &cosines[..n]);
        let folds: Vec<usize> = pairs.iter().map(|p| fold_of(&p.chq, FOLDS)).collect();
        let labels: Vec<bool> = pairs.iter().map(|p| p.entails).collect();
        // Out-of-fold lexical probabilities.
        let mut base_oof = vec![0.0; n];
        for fold in 0..FOLDS {
            let train: Vec<Pair> =
                pairs.iter().zip(&folds).filter(|(_, f)| **f != fold).map(|(p, _)| p.clone()).collect();
            let model = RqeModel::train(&train);
            for (i, p) in pairs.iter().enumerate().filter(|(i, _)| folds[*i] == fold) {
                base_oof[i] = f64::from(model.score(&p.chq, &p.faq));
            }
        }
        let x: Vec<Vec<f64>> = base_oof.iter().zip(cosines).map(|(b, c)| row(*b, *c)).collect();
        let base_cv_accuracy = best_threshold(&base_oof, &labels).1;
        // The combiner's strength and threshold, by cross-validation over the same folds.
        let mut best: Option<(f64, f64, Vec<f64>)> = None;
        for &l2 in &L2_GRID {
            let mut oof = vec![0.0; n];
            for fold in 0..FOLDS {
                let (tx, ty): (Vec<Vec<f64>>, Vec<bool>) = x
                    .iter()
                    .zip(&labels)
                    .zip(&folds)
                    .filter(|(_, f)| **f != fold)
                    .map(|((x, y), _)| (x.clone(), *y))
                    .unzip();
                let m = Logistic::fit(&tx, &ty, l2);
                for i in (0..n).filter(|i| folds[*i] == fold) {
                    oof[i] = m.prob(&x[i]);
                }
            }
            let loss: f64 = oof
                .iter()
                .zip(&labels)
                .map(|(p, y)| {
                    let p = p.clamp(1e-9, 1.0 - 1e-9);
                    if *y {
                        -p.ln()
                    } else {
                        -(1.0 - p).ln()
                    }
                })
                .sum::<f64>()
                / n.max(1) as f64;
            if best.as_ref().is_none_or(|(_, b, _)| loss < *b) {
                best = Some((l2, loss, oof));
            }
        }
        let (l2, _, oof) = best.unwrap_or((L2_GRID[2], 0.0, vec![0.0; n]));
        let (threshold, cv_accuracy) = best_threshold(&oof, &labels);
        StackedRqe {
            base: RqeModel::train(pairs),
            top: Logistic::fit(&x, &labels, l2),
            threshold,
            cv_accuracy,
            base_cv_accuracy,
        }
    }

    /// The probability that `chq` entails `faq`, given their embedding similarity.
    pub fn score(&self, chq: &str, faq: &str, cosine: f32) -> f64 {
        self.top.prob(&row(f64::from(self.base.score(chq, faq)), cosine))
    }

    /// Whether `chq` entails `faq`.
    pub fn entails(&self, chq: &str, faq: &str, cosine: f32) -> bool {
        self.score(chq, faq, cosine) >= self.threshold
    }

    /// Out-of-fold accuracy on the training pairs: stacked, and of the lexical model alone.
    pub fn cv_accuracy(&self) -> (f64, f64) {
        (self.cv_accuracy, self.base_cv_accuracy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_similarity_decides_where_words_do_not() {
        // Word overlap is the same for both kinds; only the (given) similarity tells them apart.
        let mut pairs = Vec::new();
        let mut cosines = Vec::new();
        for i in 0..200 {
            let entails = i % 2 == 0;
            pairs.push(Pair::new(&format!("question {i} about topic"), &format!("faq {i} about topic"), entails));
            cosines.push(if entails { 0.8 + (i % 7) as f32 * 0.01 } else { 0.3 + (i % 5) as f32 * 0.01 });
        }
        let m = StackedRqe::train(&pairs, &cosines);
        assert!(m.cv_accuracy().0 > 0.95, "{:?}", m.cv_accuracy());
        assert!(m.entails("q about topic", "f about topic", 0.85));
        assert!(!m.entails("q about topic", "f about topic", 0.3));
    }
}
