//! The RQE model: feature extraction, a logistic regression and a decision threshold.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::augment::{augment, Example};
use crate::cv::{best_threshold, fold_of};
use crate::data::Pair;
use crate::error::EntailError;
use crate::features::{pair_features, Analyzed, FEATURE_NAMES, NUM_FEATURES};
use crate::idf::IdfTable;
use crate::logreg::Logistic;

/// Format version written to and required in model files.
const FORMAT_VERSION: u32 = 1;
/// Number of cross-validation folds used for model selection.
const FOLDS: usize = 5;
/// L2 strengths tried by cross-validation, strongest first (each fit warm-starts the next).
const L2_GRID: [f64; 5] = [1.0, 1e-1, 1e-2, 1e-3, 1e-4];
/// Terms seen in fewer training questions are left out of the stored IDF table.
const MIN_DF: u32 = 2;

/// A trained question-entailment model.
///
/// ```
/// use vesalius_entail::{Pair, RqeModel};
/// let pairs = vec![
///     Pair::new("How is asthma in children treated?", "How is asthma treated?", true),
///     Pair::new("How is asthma in children treated?", "What causes gout?", false),
///     Pair::new("What causes gout attacks at night?", "What causes gout?", true),
///     Pair::new("What causes gout attacks at night?", "How is asthma treated?", false),
/// ];
/// let model = RqeModel::train(&pairs);
/// assert!(model.score("My son has asthma, how is it treated?", "How is asthma treated?")
///     > model.score("My son has asthma, how is it treated?", "What causes gout?"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RqeModel {
    version: u32,
    features: Vec<String>,
    l2: f64,
    threshold: f64,
    cv_accuracy: f64,
    logistic: Logistic,
    idf: IdfTable,
}

/// Cross-validation outcome for one L2 strength.
struct CvResult {
    l2: f64,
    log_loss: f64,
    oof: Vec<f64>,
}

impl RqeModel {
    /// Trains a model on labelled pairs. Deterministic: the same pairs give the same model.
    ///
    /// The IDF table comes from the distinct questions of `pairs`; the L2 strength is chosen
    /// by 5-fold cross-validation (folds grouped by consumer question) on log-loss, and the
    /// decision threshold maximises out-of-fold accuracy.
    ///
    /// Pairs with an empty question are skipped.
    pub fn train(pairs: &[Pair]) -> RqeModel {
        let pairs: Vec<&Pair> = pairs.iter().filter(|p| !p.chq.trim().is_empty() && !p.faq.trim().is_empty()).collect();
        let mut analyzed: BTreeMap<&str, Analyzed> = BTreeMap::new();
        for p in &pairs {
            for text in [p.chq.as_str(), p.faq.as_str()] {
                analyzed.entry(text).or_insert_with(|| Analyzed::new(text));
            }
        }
        let idf = IdfTable::build(analyzed.values().map(Analyzed::terms), MIN_DF);
        let examples = augment(&pairs, &analyzed, &idf);
        let (x, y) = feature_rows(&examples, &analyzed, &idf);
        let folds: Vec<usize> = examples.iter().map(|e| fold_of(e.group, FOLDS)).collect();

        let mut best: Option<CvResult> = None;
        for result in cross_validate(&x, &y, &folds) {
            if best.as_ref().is_none_or(|b| result.log_loss < b.log_loss) {
                best = Some(result);
            }
        }
        let (l2, threshold, cv_accuracy) = match &best {
            Some(b) => {
                let (t, acc) = best_threshold(&b.oof, &y);
                (b.l2, t, acc)
            }
            None => (L2_GRID[2], 0.5, 0.0),
        };
        RqeModel {
            version: FORMAT_VERSION,
            features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            l2,
            threshold,
            cv_accuracy,
            logistic: Logistic::fit(&x, &y, l2),
            idf,
        }
    }

    /// The model shipped with the crate (`model/rqe-model.json`, trained on the RQE training
    /// set of Ben Abacha & Demner-Fushman, AMIA 2016).
    pub fn builtin() -> RqeModel {
        static MODEL: OnceLock<RqeModel> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                RqeModel::from_json(BUILTIN_JSON)
                    .expect("the committed model/rqe-model.json is a valid model (checked by tests)")
            })
            .clone()
    }

    /// The probability (0–1) that `chq` entails `faq`.
    pub fn score(&self, chq: &str, faq: &str) -> f32 {
        self.prob(&Analyzed::new(chq), &Analyzed::new(faq)) as f32
    }

    /// [`score`](Self::score) of one consumer question against many FAQs (the question is
    /// analysed once).
    pub fn score_all(&self, chq: &str, faqs: &[&str]) -> Vec<f32> {
        let chq = Analyzed::new(chq);
        faqs.iter().map(|faq| self.prob(&chq, &Analyzed::new(faq)) as f32).collect()
    }

    /// Whether `chq` entails `faq`: its probability is at or above the model's threshold.
    pub fn entails(&self, chq: &str, faq: &str) -> bool {
        self.prob(&Analyzed::new(chq), &Analyzed::new(faq)) >= self.threshold
    }

    fn prob(&self, chq: &Analyzed, faq: &Analyzed) -> f64 {
        self.logistic.prob(&pair_features(chq, faq, &self.idf))
    }

    /// The decision threshold on [`score`](Self::score), chosen by cross-validation.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Out-of-fold accuracy on the training pairs at the chosen threshold.
    pub fn cv_accuracy(&self) -> f64 {
        self.cv_accuracy
    }

    /// The chosen L2 regularisation strength.
    pub fn l2(&self) -> f64 {
        self.l2
    }

    /// Feature names with their weights (on standardised features), in feature order.
    pub fn weights(&self) -> Vec<(&str, f64)> {
        self.features.iter().map(String::as_str).zip(self.logistic.weights.iter().copied()).collect()
    }

    /// The model as JSON (pretty-printed, deterministic).
    pub fn to_json(&self) -> String {
        // Serialising plain structs, maps with string keys and finite floats cannot fail;
        // fall back to the compact form just in case.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
    }

    /// Loads a model from JSON written by [`to_json`](Self::to_json), checking that it matches
    /// this version's features.
    pub fn from_json(json: &str) -> Result<RqeModel, EntailError> {
        let model: RqeModel = serde_json::from_str(json).map_err(|e| EntailError::Model(e.to_string()))?;
        if model.version != FORMAT_VERSION {
            return Err(EntailError::Model(format!("format version {} (expected {FORMAT_VERSION})", model.version)));
        }
        if model.features != FEATURE_NAMES {
            return Err(EntailError::Model("feature list differs from this version's".into()));
        }
        let lr = &model.logistic;
        if lr.weights.len() != NUM_FEATURES || lr.mean.len() != NUM_FEATURES || lr.scale.len() != NUM_FEATURES {
            return Err(EntailError::Model(format!("expected {NUM_FEATURES} weights")));
        }
        if lr.scale.iter().any(|s| *s <= 0.0) {
            return Err(EntailError::Model("non-positive feature scale".into()));
        }
        Ok(model)
    }
}

const BUILTIN_JSON: &str = include_str!("../model/rqe-model.json");

/// Feature rows and labels for the examples, reusing analysed texts where there are some.
fn feature_rows(
    examples: &[Example<'_>],
    analyzed: &BTreeMap<&str, Analyzed>,
    idf: &IdfTable,
) -> (Vec<Vec<f64>>, Vec<bool>) {
    let mut x = Vec::with_capacity(examples.len());
    let mut y = Vec::with_capacity(examples.len());
    for e in examples {
        let fresh;
        let chq = match analyzed.get(e.chq.as_str()) {
            Some(a) => a,
            None => {
                fresh = Analyzed::new(&e.chq);
                &fresh
            }
        };
        let fresh_faq;
        let faq = match analyzed.get(e.faq.as_str()) {
            Some(a) => a,
            None => {
                fresh_faq = Analyzed::new(&e.faq);
                &fresh_faq
            }
        };
        x.push(pair_features(chq, faq, idf).to_vec());
        y.push(e.entails);
    }
    (x, y)
}

/// Out-of-fold probabilities and their mean log-loss for each L2 strength of the grid.
fn cross_validate(x: &[Vec<f64>], y: &[bool], folds: &[usize]) -> Vec<CvResult> {
    let mut oof = vec![vec![0.5; x.len()]; L2_GRID.len()];
    for k in 0..FOLDS {
        let train: Vec<usize> = (0..x.len()).filter(|&i| folds[i] != k).collect();
        let tx: Vec<Vec<f64>> = train.iter().map(|&i| x[i].clone()).collect();
        let ty: Vec<bool> = train.iter().map(|&i| y[i]).collect();
        let models = Logistic::fit_path(&tx, &ty, &L2_GRID);
        for (g, m) in models.iter().enumerate() {
            for i in (0..x.len()).filter(|&i| folds[i] == k) {
                oof[g][i] = m.prob(&x[i]);
            }
        }
    }
    let eps = 1e-12;
    L2_GRID
        .iter()
        .zip(oof)
        .map(|(&l2, oof)| {
            let log_loss = oof
                .iter()
                .zip(y)
                .map(|(p, &t)| if t { -(p.max(eps)).ln() } else { -((1.0 - p).max(eps)).ln() })
                .sum::<f64>()
                / x.len().max(1) as f64;
            CvResult { l2, log_loss, oof }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_pairs() -> Vec<Pair> {
        let qs = [
            ("My mother was just diagnosed with gout. How is gout treated?", "How is gout treated?"),
            ("What causes migraine headaches in teenagers?", "What causes migraine?"),
            (
                "I have asthma. What are the side effects of albuterol inhalers?",
                "What are the side effects of albuterol?",
            ),
            ("Is psoriasis inherited? My father had it.", "Is psoriasis inherited?"),
            ("What are the symptoms of Lyme disease after a tick bite?", "What are the symptoms of Lyme disease?"),
            ("How is celiac disease diagnosed in children?", "How is celiac disease diagnosed?"),
            ("How can I prevent kidney stones from coming back?", "How can kidney stones be prevented?"),
            ("What is the outlook for pancreatic cancer?", "What is the prognosis of pancreatic cancer?"),
        ];
        let mut pairs = Vec::new();
        for (i, (chq, faq)) in qs.iter().enumerate() {
            pairs.push(Pair::new(chq, faq, true));
            let (_, other) = qs[(i + 3) % qs.len()];
            pairs.push(Pair::new(chq, other, false));
        }
        pairs
    }

    #[test]
    fn training_separates_entailed_from_unrelated() {
        let model = RqeModel::train(&tiny_pairs());
        let chq = "My son has had eczema for years. How is eczema treated?";
        let yes = model.score(chq, "How is eczema treated?");
        let no = model.score(chq, "What causes kidney stones?");
        assert!(yes > no, "{yes} vs {no}");
        assert!(model.entails(chq, "How is eczema treated?"));
        assert!(!model.entails(chq, "What causes kidney stones?"));
        assert!((0.0..=1.0).contains(&yes) && (0.0..=1.0).contains(&no));
        assert_eq!(model.score_all(chq, &["How is eczema treated?", "What causes kidney stones?"]), [yes, no]);
        // Trained pairs are classified correctly.
        let m = crate::eval::evaluate(&model, &tiny_pairs());
        assert_eq!(m.accuracy, 1.0, "{m:?}");
    }

    #[test]
    fn training_is_deterministic_and_json_round_trips() {
        let a = RqeModel::train(&tiny_pairs());
        let b = RqeModel::train(&tiny_pairs());
        assert_eq!(a, b);
        assert_eq!(a.to_json(), b.to_json());
        let back = RqeModel::from_json(&a.to_json()).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.to_json(), a.to_json());
    }

    #[test]
    fn from_json_rejects_bad_models() {
        assert!(matches!(RqeModel::from_json("not json"), Err(EntailError::Model(_))));
        assert!(RqeModel::from_json("{}").is_err());
        let good = RqeModel::train(&tiny_pairs());
        let mut wrong_version = good.clone();
        wrong_version.version = 99;
        assert!(RqeModel::from_json(&wrong_version.to_json()).is_err());
        let mut wrong_features = good.clone();
        wrong_features.features.pop();
        assert!(RqeModel::from_json(&wrong_features.to_json()).is_err());
        let mut short = good;
        short.logistic.weights.pop();
        assert!(RqeModel::from_json(&short.to_json()).is_err());
    }

    #[test]
    fn training_on_nothing_gives_a_usable_model() {
        let model = RqeModel::train(&[]);
        assert!((0.0..=1.0).contains(&model.score("a", "b")));
        let model = RqeModel::train(&[Pair::new("", "", true)]);
        assert!((0.0..=1.0).contains(&model.score("a", "b")));
    }

    #[test]
    fn builtin_model_loads_and_ranks() {
        let model = RqeModel::builtin();
        assert!(model.threshold() > 0.0 && model.threshold() < 1.0);
        assert!(model.cv_accuracy() > 0.9);
        let chq = "I was diagnosed with sleep apnea 5 years ago. What treatments are there besides CPAP?";
        assert!(model.entails(chq, "How is sleep apnea treated?"));
        assert!(!model.entails(chq, "What causes kidney stones?"));
        assert!(model.score(chq, "How is sleep apnea treated?") > model.score(chq, "What causes sleep apnea?"));
    }
}
