//! Pair features: how much of the FAQ the consumer question covers, and whether it asks the
//! same kind of question.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::idf::IdfTable;
use crate::qtype::{question_types, QType};
use crate::text::{content_terms, normalize_word};

/// Names of the features, in vector order (stored in the model file for readability).
pub const FEATURE_NAMES: [&str; 15] = [
    "coverage",
    "idf_coverage",
    "soft_idf_coverage",
    "bigram_coverage",
    "focus_top1",
    "focus_top2",
    "topic_coverage",
    "type_match",
    "type_mismatch",
    "type_coverage",
    "faq_untyped",
    "chq_untyped",
    "log_len_faq",
    "unmatched_max_idf",
    "focus_and_type",
];

/// Number of features.
pub const NUM_FEATURES: usize = FEATURE_NAMES.len();

/// A question analysed once: its content terms and question types.
#[derive(Debug, Clone)]
pub struct Analyzed {
    terms: Vec<String>,
    set: BTreeSet<String>,
    types: Vec<QType>,
}

impl Analyzed {
    /// Analyses a question's text.
    pub fn new(text: &str) -> Analyzed {
        let terms = content_terms(text);
        let set = terms.iter().cloned().collect();
        Analyzed { terms, set, types: question_types(text) }
    }

    /// The content terms, in order.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The distinct content terms.
    pub fn set(&self) -> &BTreeSet<String> {
        &self.set
    }

    /// The question types.
    pub fn types(&self) -> &[QType] {
        &self.types
    }
}

/// The feature vector of a (consumer question, FAQ) pair.
pub fn pair_features(chq: &Analyzed, faq: &Analyzed, idf: &IdfTable) -> [f64; NUM_FEATURES] {
    let max_idf = idf.max_idf();
    let f_terms = &faq.set;
    let c_terms = &chq.set;

    let exact: Vec<&String> = f_terms.iter().filter(|t| c_terms.contains(*t)).collect();
    // Each FAQ term found in the CHQ, exactly or as a spelling variant (computed once).
    let soft_hits: BTreeSet<&String> =
        f_terms.iter().filter(|t| c_terms.contains(*t) || c_terms.iter().any(|c| fuzzy_eq(t, c))).collect();
    let soft = |t: &String| soft_hits.contains(t);

    let coverage = ratio(exact.len() as f64, f_terms.len() as f64);
    let f_idf: f64 = f_terms.iter().map(|t| idf.idf(t)).sum();
    let shared_idf: f64 = exact.iter().map(|t| idf.idf(t)).sum();
    let idf_coverage = ratio(shared_idf, f_idf);
    let soft_idf: f64 = f_terms.iter().filter(|t| soft(t)).map(|t| idf.idf(t)).sum();
    let soft_idf_coverage = ratio(soft_idf, f_idf);

    let f_bigrams = bigrams(&faq.terms);
    let c_bigrams = bigrams(&chq.terms);
    let bigram_coverage =
        ratio(f_bigrams.iter().filter(|b| c_bigrams.contains(*b)).count() as f64, f_bigrams.len() as f64);

    // Focus: the FAQ's rarest terms that are not question-type or filler words.
    let topic: Vec<(&String, f64)> = topic_terms(faq, idf).into_iter().map(|t| (t, idf.idf(t))).collect();
    let focus_top1 = topic.first().map_or(0.0, |(t, _)| bool_f(soft(t)));
    let top2 = &topic[..topic.len().min(2)];
    let focus_top2 = ratio(top2.iter().filter(|(t, _)| soft(t)).count() as f64, top2.len() as f64);
    let topic_idf: f64 = topic.iter().map(|(_, w)| w).sum();
    let topic_hit: f64 = topic.iter().filter(|(t, _)| soft(t)).map(|(_, w)| w).sum();
    let topic_coverage = ratio(topic_hit, topic_idf);

    let shared_types = faq.types.iter().filter(|t| chq.types.contains(t)).count();
    let type_match = bool_f(shared_types > 0);
    let type_mismatch = bool_f(shared_types == 0 && !faq.types.is_empty() && !chq.types.is_empty());
    let type_coverage = ratio(shared_types as f64, faq.types.len() as f64);
    let faq_untyped = bool_f(faq.types.is_empty());
    let chq_untyped = bool_f(chq.types.is_empty());

    let unmatched_max_idf = f_terms.iter().filter(|t| !soft(t)).map(|t| idf.idf(t)).fold(0.0, f64::max) / max_idf;

    [
        coverage,
        idf_coverage,
        soft_idf_coverage,
        bigram_coverage,
        focus_top1,
        focus_top2,
        topic_coverage,
        type_match,
        type_mismatch,
        type_coverage,
        faq_untyped,
        chq_untyped,
        (1.0 + faq.terms.len() as f64).ln(),
        unmatched_max_idf,
        focus_top1 * type_match,
    ]
}

/// A question's topic terms: its distinct content terms other than question-type and filler
/// words, rarest (highest IDF) first, ties alphabetical.
pub fn topic_terms<'a>(q: &'a Analyzed, idf: &IdfTable) -> Vec<&'a String> {
    let generic = generic_terms();
    let mut topic: Vec<(&String, f64)> =
        q.set.iter().filter(|t| !generic.contains(*t)).map(|t| (t, idf.idf(t))).collect();
    topic.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    topic.into_iter().map(|(t, _)| t).collect()
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 {
        num / den
    } else {
        0.0
    }
}

fn bool_f(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn bigrams(terms: &[String]) -> BTreeSet<(&str, &str)> {
    terms.windows(2).map(|w| (w[0].as_str(), w[1].as_str())).collect()
}

/// Whether two terms are spelling variants: same first letter, at least five letters, and
/// within one edit (two for words of eight letters or more).
pub fn fuzzy_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.len().abs_diff(b.len()) > 2 || a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = a.len().min(b.len());
    if shorter < 5 || a[0] != b[0] || !a.iter().chain(&b).all(|c| c.is_alphabetic()) {
        return false;
    }
    let limit = if shorter >= 8 { 2 } else { 1 };
    a.len().abs_diff(b.len()) <= limit && edit_distance(&a, &b) <= limit
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
            best = best.min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = best;
        }
    }
    d[a.len() * w + b.len()]
}

/// Normalised terms that say what kind of question it is, or are filler, rather than what it
/// is about; they never count as the focus.
fn generic_terms() -> &'static BTreeSet<String> {
    static GENERIC: OnceLock<BTreeSet<String>> = OnceLock::new();
    GENERIC.get_or_init(|| {
        const WORDS: &[&str] = &[
            "treat",
            "treatment",
            "drug",
            "symptom",
            "cause",
            "diagnosis",
            "test",
            "prevent",
            "prevention",
            "risk",
            "information",
            "info",
            "help",
            "effect",
            "sideeffect",
            "option",
            "long",
            "term",
            "outlook",
            "prognosis",
            "common",
            "people",
            "person",
            "patient",
            "doctor",
            "disease",
            "condition",
            "disorder",
            "problem",
            "syndrome",
            "best",
            "new",
            "use",
            "take",
            "find",
            "work",
            "year",
            "day",
            "time",
            "good",
            "normal",
            "possible",
            "question",
            "answer",
            "additional",
            "available",
            "way",
            "get",
            "inherit",
            "gene",
            "complication",
            "support",
            "group",
            "cope",
            "live",
            "live",
            "happen",
            "type",
            "kind",
            "research",
            "study",
            "safe",
            "dose",
            "mean",
            "learn",
            "tell",
            "old",
            "age",
        ];
        WORDS.iter().map(|w| normalize_word(w)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idf() -> IdfTable {
        let docs: Vec<Vec<String>> =
            ["treat asthma", "treat gout", "symptom gout", "treat"].iter().map(|d| content_terms(d)).collect();
        IdfTable::build(docs.iter().map(|d| d.as_slice()), 1)
    }

    fn feats(chq: &str, faq: &str) -> [f64; NUM_FEATURES] {
        pair_features(&Analyzed::new(chq), &Analyzed::new(faq), &idf())
    }

    fn get(f: &[f64; NUM_FEATURES], name: &str) -> f64 {
        f[FEATURE_NAMES.iter().position(|n| *n == name).unwrap()]
    }

    #[test]
    fn coverage_and_types() {
        let f = feats("My son has asthma. What treatments are there?", "How is asthma treated?");
        assert_eq!(get(&f, "coverage"), 1.0);
        assert_eq!(get(&f, "type_match"), 1.0);
        assert_eq!(get(&f, "focus_top1"), 1.0);
        let f = feats("My son has asthma. What treatments are there?", "What causes gout?");
        assert_eq!(get(&f, "coverage"), 0.0);
        assert_eq!(get(&f, "type_mismatch"), 1.0);
        assert_eq!(get(&f, "focus_top1"), 0.0);
    }

    #[test]
    fn misspellings_match_softly() {
        let f = feats("is there any treatment for fibromalgia?", "How is fibromyalgia treated?");
        assert!(get(&f, "coverage") < 1.0);
        assert_eq!(get(&f, "soft_idf_coverage"), 1.0);
        assert!(fuzzy_eq("leukaemia", "leukemia"));
        assert!(!fuzzy_eq("cat", "bat"));
        assert!(!fuzzy_eq("asthma", "plasma"));
    }

    #[test]
    fn empty_questions_give_finite_features() {
        let f = feats("", "");
        assert!(f.iter().all(|x| x.is_finite()));
    }
}
