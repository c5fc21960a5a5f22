//! Evaluation: accuracy, precision, recall and F1, and the word-overlap baseline.

use crate::cv::best_threshold;
use crate::data::Pair;
use crate::model::RqeModel;

/// Binary classification metrics, with "entails" as the positive class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Share of pairs classified correctly.
    pub accuracy: f64,
    /// Share of predicted entailments that are real (0 when none is predicted).
    pub precision: f64,
    /// Share of real entailments that are predicted (0 when there is none).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl Metrics {
    /// Metrics of predictions against gold labels (pairs beyond the shorter list are ignored).
    pub fn from_predictions(predicted: &[bool], gold: &[bool]) -> Metrics {
        let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
        for (&p, &g) in predicted.iter().zip(gold) {
            match (p, g) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, false) => tn += 1,
                (false, true) => fn_ += 1,
            }
        }
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = div(tp, tp + fp);
        let recall = div(tp, tp + fn_);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Metrics { accuracy: div(tp + tn, tp + fp + tn + fn_), precision, recall, f1 }
    }
}

/// Scores a model on labelled pairs.
pub fn evaluate(model: &RqeModel, pairs: &[Pair]) -> Metrics {
    let predicted: Vec<bool> = pairs.iter().map(|p| model.entails(&p.chq, &p.faq)).collect();
    let gold: Vec<bool> = pairs.iter().map(|p| p.entails).collect();
    Metrics::from_predictions(&predicted, &gold)
}

/// Accuracy on `test` of the word-overlap baseline: a pair entails when the share of the FAQ's content
/// words (lowercase words that are not stop words; no stemming or synonyms) found in the CHQ reaches a
/// threshold chosen for accuracy on `train`.
pub fn baseline_accuracy(train: &[Pair], test: &[Pair]) -> f64 {
    let words = |t: &str| -> std::collections::BTreeSet<String> {
        crate::text::tokenize(t).into_iter().filter(|w| !crate::text::is_stopword(w)).collect()
    };
    let cov = |p: &Pair| {
        let (q, f) = (words(&p.chq), words(&p.faq));
        if f.is_empty() {
            0.0
        } else {
            f.iter().filter(|w| q.contains(*w)).count() as f64 / f.len() as f64
        }
    };
    let scores: Vec<f64> = train.iter().map(cov).collect();
    let labels: Vec<bool> = train.iter().map(|p| p.entails).collect();
    let (threshold, _) = best_threshold(&scores, &labels);
    let predicted: Vec<bool> = test.iter().map(|p| cov(p) >= threshold).collect();
    let gold: Vec<bool> = test.iter().map(|p| p.entails).collect();
    Metrics::from_predictions(&predicted, &gold).accuracy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_count_correctly() {
        let m = Metrics::from_predictions(&[true, true, false, false], &[true, false, true, false]);
        assert_eq!(m.accuracy, 0.5);
        assert_eq!(m.precision, 0.5);
        assert_eq!(m.recall, 0.5);
        assert_eq!(m.f1, 0.5);
        let none = Metrics::from_predictions(&[false], &[false]);
        assert_eq!((none.accuracy, none.precision, none.f1), (1.0, 0.0, 0.0));
    }

    #[test]
    fn baseline_separates_overlap() {
        let train = vec![
            Pair::new("how is asthma treated in kids", "how is asthma treated", true),
            Pair::new("how is asthma treated in kids", "what causes gout", false),
            Pair::new("what causes gout in men", "what causes gout", true),
            Pair::new("what causes gout in men", "how is asthma treated", false),
        ];
        let test = vec![
            Pair::new("treating migraine in adults", "how is migraine treated", true),
            Pair::new("treating migraine in adults", "what causes lupus", false),
        ];
        assert_eq!(baseline_accuracy(&train, &test), 1.0);
    }
}
