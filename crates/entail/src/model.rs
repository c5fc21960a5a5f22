//! The RQE model: feature extraction, a logistic regression and a decision threshold.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

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
/// L2 strengths tried by cross-validation.
const L2_GRID: [f64; 5] = [1e-4, 1e-3, 1e-2, 1e-1, 1.0];
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
    pub fn train(pairs: &[Pair]) -> RqeModel {
        let mut analyzed: BTreeMap<&str, Analyzed> = BTreeMap::new();
        for p in pairs {
            for text in [p.chq.as_str(), p.faq.as_str()] {
                analyzed.entry(text).or_insert_with(|| Analyzed::new(text));
            }
        }
        let idf = IdfTable::build(analyzed.values().map(Analyzed::terms), MIN_DF);
        let (x, y) = feature_rows(pairs, &analyzed, &idf);
        let folds: Vec<usize> = pairs.iter().map(|p| fold_of(&p.chq, FOLDS)).collect();

        let mut best: Option<CvResult> = None;
        for l2 in L2_GRID {
            let result = cross_validate(&x, &y, &folds, l2);
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
        let x = pair_features(&Analyzed::new(chq), &Analyzed::new(faq), &self.idf);
        self.logistic.prob(&x) as f32
    }

    /// Whether `chq` entails `faq`: [`score`](Self::score) at or above the model's threshold.
    pub fn entails(&self, chq: &str, faq: &str) -> bool {
        f64::from(self.score(chq, faq)) >= self.threshold
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
        let model: RqeModel =
            serde_json::from_str(json).map_err(|e| EntailError::Model(e.to_string()))?;
        if model.version != FORMAT_VERSION {
            return Err(EntailError::Model(format!(
                "format version {} (expected {FORMAT_VERSION})",
                model.version
            )));
        }
        if model.features != FEATURE_NAMES {
            return Err(EntailError::Model("feature list differs from this version's".into()));
        }
        let lr = &model.logistic;
        if lr.weights.len() != NUM_FEATURES
            || lr.mean.len() != NUM_FEATURES
            || lr.scale.len() != NUM_FEATURES
        {
            return Err(EntailError::Model(format!("expected {NUM_FEATURES} weights")));
        }
        if lr.scale.iter().any(|s| *s <= 0.0) {
            return Err(EntailError::Model("non-positive feature scale".into()));
        }
        Ok(model)
    }
}

const BUILTIN_JSON: &str = include_str!("../model/rqe-model.json");

/// Feature rows and labels for `pairs`, using the analysed texts.
fn feature_rows(
    pairs: &[Pair],
    analyzed: &BTreeMap<&str, Analyzed>,
    idf: &IdfTable,
) -> (Vec<Vec<f64>>, Vec<bool>) {
    let mut x = Vec::with_capacity(pairs.len());
    let mut y = Vec::with_capacity(pairs.len());
    for p in pairs {
        if let (Some(c), Some(f)) = (analyzed.get(p.chq.as_str()), analyzed.get(p.faq.as_str())) {
            x.push(pair_features(c, f, idf).to_vec());
            y.push(p.entails);
        }
    }
    (x, y)
}

/// Out-of-fold probabilities and their mean log-loss for one L2 strength.
fn cross_validate(x: &[Vec<f64>], y: &[bool], folds: &[usize], l2: f64) -> CvResult {
    let mut oof = vec![0.5; x.len()];
    for k in 0..FOLDS {
        let train: Vec<usize> = (0..x.len()).filter(|&i| folds[i] != k).collect();
        let tx: Vec<Vec<f64>> = train.iter().map(|&i| x[i].clone()).collect();
        let ty: Vec<bool> = train.iter().map(|&i| y[i]).collect();
        let m = Logistic::fit(&tx, &ty, l2);
        for i in (0..x.len()).filter(|&i| folds[i] == k) {
            oof[i] = m.prob(&x[i]);
        }
    }
    let eps = 1e-12;
    let log_loss = oof
        .iter()
        .zip(y)
        .map(|(p, &t)| if t { -(p.max(eps)).ln() } else { -((1.0 - p).max(eps)).ln() })
        .sum::<f64>()
        / x.len().max(1) as f64;
    CvResult { l2, log_loss, oof }
}
