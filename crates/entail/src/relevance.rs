//! Answer relevance: does a passage answer a consumer question? Trained and measured on the MEDIQA 2019
//! answer re-ranking task (Ben Abacha, Shivade & Demner-Fushman, ACL-BioNLP 2019, Task 3).
//!
//! A logistic regression over a few interpretable (question, answer) features: how much of the question's
//! content (plain and IDF-weighted) the answer covers, in its opening words too, whether it names the
//! question's rarest term, whether it speaks to the question's type (treatment words for a treatment
//! question, …), its length, the retrieval rank it came with, and its coverage against the other answers to
//! the same question. Regularisation and the decision threshold are chosen by cross-validation on the
//! training questions (folds grouped by question); [`RelevanceModel::builtin`] is the model trained on the
//! MEDIQA Alexa training set and shipped in `model/relevance-model.json` (regenerate it with
//! `cargo run -p vesalius-entail --release --example train_relevance -- DATA/mediqa`).

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::{Deserialize, Serialize};

use crate::cv::{best_threshold, fold_of};
use crate::idf::IdfTable;
use crate::logreg::Logistic;
use crate::qtype::{question_types, QType};
use crate::text::content_terms;
use crate::EntailError;

const FORMAT_VERSION: u32 = 1;
const FOLDS: usize = 5;
const MIN_DF: u32 = 2;
const L2_GRID: [f64; 6] = [0.001, 0.01, 0.1, 1.0, 10.0, 100.0];
/// The opening words of an answer, where a page that is about the question names its subject.
const LEAD_WORDS: usize = 40;
/// At most this many answers per question and characters per answer are read (bounds the work of a file).
pub const MAX_ANSWERS: usize = 200;
const MAX_ANSWER_CHARS: usize = 20_000;

/// The rarest question terms whose coverage is measured: consumer questions run to dozens of words (the
/// training questions to five), so coverage of all their terms does not carry from one to the other.
const KEY_TERMS: usize = 3;

const FEATURE_NAMES: [&str; 9] = [
    "relative_key_coverage",
    "relative_key_lead_coverage",
    "relative_coverage",
    "relative_lead_coverage",
    "rarest_term",
    "type_cue",
    "log_length",
    "inverse_rank",
    "relative_rank",
];

/// One consumer question with the answers a retrieval system returned for it.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedQuestion {
    /// The question's id (`QID`).
    pub id: String,
    /// The question text.
    pub text: String,
    /// The answers, in the file's order.
    pub answers: Vec<Candidate>,
}

/// One answer to a [`RankedQuestion`].
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The answer's id (`AID`).
    pub id: String,
    /// The answer text.
    pub text: String,
    /// The retrieval system's rank, from 1.
    pub system_rank: u32,
    /// The correct order (`ReferenceRank`), when judged.
    pub reference_rank: Option<u32>,
    /// The human grade (`ReferenceScore`: 4 excellent, 3 correct but incomplete, 2 related, 1 incorrect).
    pub reference_score: Option<u8>,
}

impl Candidate {
    /// The gold label, when judged: correct iff the grade is at least 3.
    pub fn correct(&self) -> Option<bool> {
        self.reference_score.map(|s| s >= 3)
    }
}

/// Parses a MEDIQA 2019 Task 3 file (`<Question QID><QuestionText/><AnswerList><Answer AID SystemRank
/// ReferenceRank ReferenceScore><AnswerText/></Answer>…`).
///
/// # Errors
/// Malformed XML, or a question or answer without its id, text or a valid `SystemRank`, with the byte offset.
pub fn parse_mediqa(xml: &str) -> Result<Vec<RankedQuestion>, EntailError> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<RankedQuestion> = Vec::new();
    let mut text = String::new();
    let mut in_text = false;
    let bad = |at: u64, msg: String| EntailError::Data(format!("MEDIQA file, byte {at}: {msg}"));
    loop {
        let at = reader.buffer_position();
        match reader.read_event().map_err(|e| bad(at, format!("malformed XML: {e}")))? {
            Event::Start(e) => {
                let attr = |name: &str| -> Result<Option<String>, EntailError> {
                    for a in e.attributes() {
                        let a = a.map_err(|err| bad(at, format!("bad attribute: {err}")))?;
                        if a.key.as_ref() == name.as_bytes() {
                            let v = a.unescape_value().map_err(|err| bad(at, format!("bad attribute: {err}")))?;
                            return Ok(Some(v.into_owned()));
                        }
                    }
                    Ok(None)
                };
                match e.name().as_ref() {
                    b"Question" => {
                        let id = attr("QID")?.ok_or_else(|| bad(at, "a Question without QID".into()))?;
                        out.push(RankedQuestion { id, text: String::new(), answers: Vec::new() });
                    }
                    b"Answer" => {
                        let q = out.last_mut().ok_or_else(|| bad(at, "an Answer outside a Question".into()))?;
                        if q.answers.len() >= MAX_ANSWERS {
                            return Err(bad(at, format!("question {} has more than {MAX_ANSWERS} answers", q.id)));
                        }
                        let id = attr("AID")?.ok_or_else(|| bad(at, "an Answer without AID".into()))?;
                        let number = |name: &str| -> Result<Option<u32>, EntailError> {
                            attr(name)?
                                .map(|v| {
                                    v.trim()
                                        .parse::<u32>()
                                        .map_err(|_| bad(at, format!("{id}: {name} {v:?} is not a number")))
                                })
                                .transpose()
                        };
                        let system_rank =
                            number("SystemRank")?.ok_or_else(|| bad(at, format!("{id}: no SystemRank")))?;
                        let reference_rank = number("ReferenceRank")?;
                        let reference_score = number("ReferenceScore")?
                            .map(|s| u8::try_from(s).ok().filter(|s| (1..=4).contains(s)))
                            .map(|s| s.ok_or_else(|| bad(at, format!("{id}: ReferenceScore must be 1–4"))))
                            .transpose()?;
                        q.answers.push(Candidate {
                            id,
                            text: String::new(),
                            system_rank,
                            reference_rank,
                            reference_score,
                        });
                    }
                    b"QuestionText" | b"AnswerText" => {
                        in_text = true;
                        text.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let t = t.unescape().map_err(|e| bad(at, format!("bad text: {e}")))?;
                if text.len() < MAX_ANSWER_CHARS {
                    text.push_str(&t);
                }
            }
            Event::CData(t) if in_text => text.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => match e.name().as_ref() {
                b"QuestionText" => {
                    in_text = false;
                    if let Some(q) = out.last_mut() {
                        q.text = text.trim().to_string();
                    }
                }
                b"AnswerText" => {
                    in_text = false;
                    if let Some(a) = out.last_mut().and_then(|q| q.answers.last_mut()) {
                        a.text = text.trim().chars().take(MAX_ANSWER_CHARS).collect();
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(q) = out.iter().find(|q| q.text.is_empty()) {
        return Err(EntailError::Data(format!("MEDIQA file: question {} has no QuestionText", q.id)));
    }
    Ok(out)
}

/// Words that show an answer speaks to a question type (content-term stems).
fn type_cues(t: QType) -> &'static [&'static str] {
    match t {
        QType::Treatment => &["treat", "therapi", "medic", "surgeri", "drug", "manag", "cure", "relief"],
        QType::Symptoms => &["symptom", "sign", "pain", "feel"],
        QType::Causes => &["caus", "due", "result", "trigger", "risk"],
        QType::Diagnosis => &["diagnos", "test", "exam", "scan", "biopsi"],
        QType::Prevention => &["prevent", "avoid", "reduc", "vaccin"],
        QType::Prognosis => &["outlook", "prognosi", "surviv", "recov", "life"],
        QType::Genetics => &["gene", "inherit", "mutat", "genet"],
        QType::Susceptibility => &["risk", "common", "peopl", "ag"],
        QType::Dosage => &["dose", "dosag", "mg", "daili", "tablet"],
        _ => &[],
    }
}

/// A question analysed once for all its answers.
struct Query {
    terms: Vec<String>,
    /// The [`KEY_TERMS`] rarest terms.
    key: Vec<String>,
    rarest: Option<String>,
    cues: Vec<&'static str>,
}

impl Query {
    fn new(text: &str, idf: &IdfTable) -> Query {
        let mut terms = content_terms(text);
        terms.sort();
        terms.dedup();
        let mut key = terms.clone();
        key.sort_by(|a, b| idf.idf(b).total_cmp(&idf.idf(a)).then(a.cmp(b)));
        key.truncate(KEY_TERMS);
        let rarest = key.first().cloned();
        let cues = question_types(text).into_iter().flat_map(|t| type_cues(t).iter().copied()).collect();
        Query { terms, key, rarest, cues }
    }
}

/// IDF-weighted share of `terms` found in `have`.
fn coverage(terms: &[String], have: &HashSet<String>, idf: &IdfTable) -> f64 {
    let total: f64 = terms.iter().map(|t| idf.idf(t)).sum();
    let got: f64 = terms.iter().filter(|t| have.contains(*t)).map(|t| idf.idf(t)).sum();
    if total > 0.0 {
        got / total
    } else {
        0.0
    }
}

/// Feature rows of one question's answers, in their order.
fn question_rows(question: &str, answers: &[(&str, u32)], idf: &IdfTable) -> Vec<Vec<f64>> {
    let q = Query::new(question, idf);
    let n = answers.len().max(1);
    let mut rows: Vec<Vec<f64>> = answers
        .iter()
        .map(|(text, rank)| {
            let terms = content_terms(text);
            let all: HashSet<String> = terms.iter().cloned().collect();
            let lead: HashSet<String> = terms.iter().take(LEAD_WORDS).cloned().collect();
            let (key, key_lead) = (coverage(&q.key, &all, idf), coverage(&q.key, &lead, idf));
            let (whole, whole_lead) = (coverage(&q.terms, &all, idf), coverage(&q.terms, &lead, idf));
            let rarest = q.rarest.as_ref().is_some_and(|r| all.contains(r));
            let cue = q.cues.iter().any(|c| terms.iter().any(|t| t.starts_with(c)));
            let rank = f64::from((*rank).max(1));
            vec![
                key,
                key_lead,
                whole,
                whole_lead,
                f64::from(u8::from(rarest)),
                f64::from(u8::from(cue)),
                ((terms.len() as f64).ln_1p() / 1000f64.ln()).min(1.5),
                1.0 / rank,
                if n > 1 { ((rank - 1.0) / (n as f64 - 1.0)).min(1.0) } else { 0.0 },
            ]
        })
        .collect();
    // Coverage counts against the best answer to the same question, so that it carries from short questions
    // to long ones.
    for k in [0, 1, 2, 3] {
        let best = rows.iter().map(|r| r[k]).fold(0.0, f64::max);
        for r in &mut rows {
            r[k] = if best > 0.0 { r[k] / best } else { 0.0 };
        }
    }
    rows
}

/// The model: logistic regression over [`FEATURE_NAMES`], with the threshold chosen by cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelevanceModel {
    version: u32,
    features: Vec<String>,
    l2: f64,
    threshold: f64,
    cv_accuracy: f64,
    order: Order,
    logistic: Logistic,
    idf: IdfTable,
}

/// How a question's answers are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// By the model's score.
    Score,
    /// Answers predicted correct first, each group in the retrieval system's order.
    LabelThenRetrieval,
}

/// The order of a question's answers (indices) given their scores and retrieval ranks.
fn order_answers(scores: &[f64], ranks: &[u32], threshold: f64, order: Order) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    match order {
        Order::Score => idx.sort_by(|&i, &j| scores[j].total_cmp(&scores[i]).then(ranks[i].cmp(&ranks[j]))),
        Order::LabelThenRetrieval => {
            idx.sort_by_key(|&i| (scores[i] < threshold, ranks[i]));
        }
    }
    idx
}

/// 1 / the position (from 1, in `ranked`) of the first answer both predicted correct and correct; 0 if none.
fn first_right(ranked: &[usize], predicted: impl Fn(usize) -> bool, gold: impl Fn(usize) -> Option<bool>) -> f64 {
    ranked.iter().position(|&i| predicted(i) && gold(i) == Some(true)).map_or(0.0, |p| 1.0 / (p + 1) as f64)
}

const BUILTIN_JSON: &str = include_str!("../model/relevance-model.json");

impl RelevanceModel {
    /// Trains on judged questions (answers without a grade are skipped). Deterministic.
    ///
    /// The IDF table comes from the questions and answer texts; the L2 strength is chosen by 5-fold
    /// cross-validation grouped by question on log-loss, the threshold on out-of-fold accuracy.
    pub fn train(questions: &[RankedQuestion]) -> RelevanceModel {
        let docs: Vec<Vec<String>> = questions
            .iter()
            .flat_map(|q| std::iter::once(q.text.as_str()).chain(q.answers.iter().map(|a| a.text.as_str())))
            .map(|t| {
                let mut terms = content_terms(t);
                terms.sort();
                terms.dedup();
                terms
            })
            .collect();
        let idf = IdfTable::build(docs.iter().map(|d| d.as_slice()), MIN_DF);
        let (mut x, mut y, mut folds) = (Vec::new(), Vec::new(), Vec::new());
        // Each question's rows (start, end) and the retrieval ranks, for choosing the order.
        let (mut spans, mut ranks) = (Vec::new(), Vec::new());
        for q in questions {
            let start = x.len();
            let judged: Vec<&Candidate> = q.answers.iter().filter(|a| a.correct().is_some()).collect();
            let inputs: Vec<(&str, u32)> = judged.iter().map(|a| (a.text.as_str(), a.system_rank)).collect();
            for (row, a) in question_rows(&q.text, &inputs, &idf).into_iter().zip(&judged) {
                x.push(row);
                y.push(a.correct().unwrap_or(false));
                folds.push(fold_of(&q.id, FOLDS));
                ranks.push(a.system_rank);
            }
            spans.push((start, x.len()));
        }
        let mut best: Option<(f64, f64, Vec<f64>)> = None;
        for &l2 in &L2_GRID {
            let mut oof = vec![0.5; x.len()];
            for k in 0..FOLDS {
                let (tx, ty): (Vec<Vec<f64>>, Vec<bool>) =
                    (0..x.len()).filter(|&i| folds[i] != k).map(|i| (x[i].clone(), y[i])).unzip();
                if tx.is_empty() {
                    continue;
                }
                let m = Logistic::fit(&tx, &ty, l2);
                for i in (0..x.len()).filter(|&i| folds[i] == k) {
                    oof[i] = m.prob(&x[i]);
                }
            }
            let loss = oof
                .iter()
                .zip(&y)
                .map(|(p, &t)| {
                    let p = p.clamp(1e-9, 1.0 - 1e-9);
                    if t {
                        -p.ln()
                    } else {
                        -(1.0 - p).ln()
                    }
                })
                .sum::<f64>()
                / oof.len().max(1) as f64;
            if best.as_ref().is_none_or(|b| loss < b.1) {
                best = Some((l2, loss, oof));
            }
        }
        let (l2, threshold, cv_accuracy, order) = match &best {
            Some((l2, _, oof)) => {
                let (t, acc) = best_threshold(oof, &y);
                // The order with the better out-of-fold MRR over the training questions.
                let mrr = |order: Order| {
                    let sum: f64 = spans
                        .iter()
                        .map(|&(a, b)| {
                            let ranked = order_answers(&oof[a..b], &ranks[a..b], t, order);
                            first_right(&ranked, |i| oof[a + i] >= t, |i| Some(y[a + i]))
                        })
                        .sum();
                    sum / spans.len().max(1) as f64
                };
                let order = if mrr(Order::LabelThenRetrieval) > mrr(Order::Score) {
                    Order::LabelThenRetrieval
                } else {
                    Order::Score
                };
                (*l2, t, acc, order)
            }
            None => (1.0, 0.5, 0.0, Order::Score),
        };
        RelevanceModel {
            version: FORMAT_VERSION,
            features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            l2,
            threshold,
            cv_accuracy,
            order,
            logistic: Logistic::fit(&x, &y, l2),
            idf,
        }
    }

    /// How answers are ordered (chosen by cross-validation).
    pub fn order(&self) -> Order {
        self.order
    }

    /// The model shipped with the crate (`model/relevance-model.json`, trained on the MEDIQA 2019 Task 3
    /// Alexa training questions).
    pub fn builtin() -> RelevanceModel {
        static MODEL: OnceLock<RelevanceModel> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                RelevanceModel::from_json(BUILTIN_JSON)
                    .expect("the committed model/relevance-model.json is a valid model (checked by tests)")
            })
            .clone()
    }

    /// The probability that each answer (text, retrieval rank from 1) answers the question, in their order.
    pub fn score(&self, question: &str, answers: &[(&str, u32)]) -> Vec<f64> {
        question_rows(question, answers, &self.idf).iter().map(|r| self.logistic.prob(r)).collect()
    }

    /// The decision threshold: a score at or above it predicts "answers the question".
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Out-of-fold accuracy on the training answers at the chosen threshold.
    pub fn cv_accuracy(&self) -> f64 {
        self.cv_accuracy
    }

    /// The chosen L2 strength.
    pub fn l2(&self) -> f64 {
        self.l2
    }

    /// Feature names with their learned weights.
    pub fn weights(&self) -> Vec<(&str, f64)> {
        self.features.iter().map(String::as_str).zip(self.logistic.weights.iter().copied()).collect()
    }

    /// The model as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a model written by [`to_json`](Self::to_json).
    ///
    /// # Errors
    /// Invalid JSON, another format version or a feature list that is not this code's.
    pub fn from_json(json: &str) -> Result<RelevanceModel, EntailError> {
        let m: RelevanceModel =
            serde_json::from_str(json).map_err(|e| EntailError::Data(format!("relevance model: {e}")))?;
        if m.version != FORMAT_VERSION || m.features != FEATURE_NAMES {
            return Err(EntailError::Data(format!(
                "relevance model: format {} with features {:?}, expected {FORMAT_VERSION} with {FEATURE_NAMES:?}",
                m.version, m.features
            )));
        }
        Ok(m)
    }
}

/// One answer of a run: its question, id, predicted label and score, in the system's rank order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The question id.
    pub question: String,
    /// The answer id.
    pub answer: String,
    /// Predicted to answer the question.
    pub label: bool,
    /// The model's probability.
    pub score: f64,
}

/// The task's measures (see the data README): accuracy and precision over all judged answers, MRR and
/// Spearman per question, averaged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RankingMetrics {
    /// Questions scored.
    pub questions: usize,
    /// Judged answers scored.
    pub answers: usize,
    /// Share of judged answers whose predicted label is the gold one.
    pub accuracy: f64,
    /// Share of answers predicted correct that are correct (0 when none is predicted correct).
    pub precision: f64,
    /// Mean over questions of 1 / the rank (in the system's order) of the first answer both predicted correct
    /// and correct; 0 for a question with none.
    pub mrr: f64,
    /// Mean over questions with at least two correct answers of Spearman's ρ between the system's order
    /// and `ReferenceRank` over the correct answers.
    pub spearman: f64,
}

/// Ranks and labels every answer of every question with `model`: the run, each question's answers in the
/// system's order (score descending, retrieval rank breaking ties), and its measures.
pub fn rank_and_score(model: &RelevanceModel, questions: &[RankedQuestion]) -> (Vec<Prediction>, RankingMetrics) {
    let mut run = Vec::new();
    let (mut judged, mut right, mut predicted, mut predicted_right) = (0usize, 0usize, 0usize, 0usize);
    let (mut mrr_sum, mut rho_sum, mut rho_n) = (0.0, 0.0, 0usize);
    for q in questions {
        let inputs: Vec<(&str, u32)> = q.answers.iter().map(|a| (a.text.as_str(), a.system_rank)).collect();
        let scores = model.score(&q.text, &inputs);
        let ranks: Vec<u32> = q.answers.iter().map(|a| a.system_rank).collect();
        let order = order_answers(&scores, &ranks, model.threshold, model.order);
        mrr_sum += first_right(&order, |i| scores[i] >= model.threshold, |i| q.answers[i].correct());
        for &i in &order {
            let a = &q.answers[i];
            let label = scores[i] >= model.threshold;
            run.push(Prediction { question: q.id.clone(), answer: a.id.clone(), label, score: scores[i] });
            if let Some(gold) = a.correct() {
                judged += 1;
                right += usize::from(label == gold);
                if label {
                    predicted += 1;
                    predicted_right += usize::from(gold);
                }
            }
        }
        // Spearman over the correct answers: system position against reference rank.
        let pairs: Vec<(f64, f64)> = order
            .iter()
            .enumerate()
            .filter(|(_, &i)| q.answers[i].correct() == Some(true))
            .filter_map(|(pos, &i)| q.answers[i].reference_rank.map(|r| (pos as f64, f64::from(r))))
            .collect();
        if pairs.len() >= 2 {
            rho_sum += spearman(&pairs);
            rho_n += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let metrics = RankingMetrics {
        questions: questions.len(),
        answers: judged,
        accuracy: ratio(right, judged),
        precision: ratio(predicted_right, predicted),
        mrr: if questions.is_empty() { 0.0 } else { mrr_sum / questions.len() as f64 },
        spearman: if rho_n == 0 { 0.0 } else { rho_sum / rho_n as f64 },
    };
    (run, metrics)
}

/// Spearman's ρ of paired values (ranks of each side; ties get their mean rank).
fn spearman(pairs: &[(f64, f64)]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut out = vec![0.0; v.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                j += 1;
            }
            let mean = (i + j) as f64 / 2.0 + 1.0;
            for &k in &idx[i..=j] {
                out[k] = mean;
            }
            i = j + 1;
        }
        out
    }
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let (va, vb): (f64, f64) = (a.iter().map(|x| (x - ma).powi(2)).sum(), b.iter().map(|y| (y - mb).powi(2)).sum());
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

/// Counts of judged answers by grade, for reports.
pub fn grade_counts(questions: &[RankedQuestion]) -> BTreeMap<u8, usize> {
    let mut out = BTreeMap::new();
    for a in questions.iter().flat_map(|q| &q.answers) {
        if let Some(s) = a.reference_score {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0"?><Set>
<Question QID="7"><QuestionText>How is gout treated?</QuestionText><AnswerList>
<Answer AID="7_Answer1" SystemRank="1" ReferenceRank="2" ReferenceScore="1"><AnswerURL>u</AnswerURL><AnswerText>Shingles is a rash.</AnswerText></Answer>
<Answer AID="7_Answer2" SystemRank="2" ReferenceRank="1" ReferenceScore="4"><AnswerText>Gout is treated with medicines that ease pain &amp; lower uric acid.</AnswerText></Answer>
</AnswerList></Question></Set>"#;

    #[test]
    fn parses_questions_answers_and_grades() {
        let qs = parse_mediqa(XML).unwrap();
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].text, "How is gout treated?");
        assert_eq!(qs[0].answers[1].text, "Gout is treated with medicines that ease pain & lower uric acid.");
        assert_eq!((qs[0].answers[1].system_rank, qs[0].answers[1].reference_rank), (2, Some(1)));
        assert_eq!(qs[0].answers[0].correct(), Some(false));
        assert_eq!(qs[0].answers[1].correct(), Some(true));
    }

    #[test]
    fn bad_files_are_refused_with_what_is_wrong() {
        let e = parse_mediqa(&XML.replace(r#"SystemRank="2""#, r#"SystemRank="two""#)).unwrap_err();
        assert!(e.to_string().contains("SystemRank \"two\" is not a number"), "{e}");
        let e = parse_mediqa(&XML.replace(r#"ReferenceScore="4""#, r#"ReferenceScore="9""#)).unwrap_err();
        assert!(e.to_string().contains("ReferenceScore must be 1–4"), "{e}");
        assert!(parse_mediqa("<Set><Question QID=\"1\"><QuestionText>x</Question>").is_err());
    }

    #[test]
    fn the_answer_about_the_question_ranks_first_and_measures_follow_the_definitions() {
        let qs = parse_mediqa(XML).unwrap();
        let (run, m) = rank_and_score(&RelevanceModel::builtin(), &qs);
        assert_eq!(run[0].answer, "7_Answer2", "{run:?}");
        assert_eq!((m.questions, m.answers), (1, 2));
        if run[0].label {
            assert!((m.mrr - 1.0).abs() < 1e-9, "{m:?}");
        }
    }

    #[test]
    fn spearman_is_one_for_the_same_order_and_minus_one_reversed() {
        assert!((spearman(&[(0.0, 1.0), (1.0, 2.0), (2.0, 3.0)]) - 1.0).abs() < 1e-9);
        assert!((spearman(&[(0.0, 3.0), (1.0, 2.0), (2.0, 1.0)]) + 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_builtin_model_loads_and_a_foreign_one_is_refused() {
        let m = RelevanceModel::builtin();
        assert!(m.threshold() > 0.0 && m.threshold() < 1.0);
        assert!(RelevanceModel::from_json(&BUILTIN_JSON.replace("\"type_cue\"", "\"other\"")).is_err());
    }
}
