//! Training-set augmentation derived from the definition of entailment.
//!
//! The RQE training pairs pair a clinician's question with its own shortened form (entailed)
//! or with a random other question (not entailed). Real consumer questions are long, ask
//! several things, and get compared with templated FAQs on the *same* topic. Three
//! deterministic augmentations, built only from the training pairs, teach the model about that
//! (all are labelled by rule, so they carry some noise):
//!
//! * **Same-topic negatives.** For each CHQ, the FAQ of a *different* training question that
//!   covers at least half of its topic terms (IDF-weighted), is not one of the CHQ's own FAQs,
//!   and asks a different type of question ([`QType`]) is added as a negative.
//! * **Templated FAQs.** For each CHQ with a detected type, FAQ-style questions about its focus
//!   ("How is asthma treated?") are added: one per type it asks (entailed) and one for a type
//!   it does not ask (not entailed).
//! * **Padding.** If A entails B, then "A + another question" still entails B (each answer to
//!   B still partly answers it), and an unrelated FAQ stays unrelated. So every example above
//!   is repeated with another training question appended (or prepended) to its CHQ, with the
//!   same label. This makes CHQ length useless as a cue.

use std::collections::{BTreeMap, BTreeSet};

use crate::cv::fold_of;
use crate::data::Pair;
use crate::features::{topic_terms, Analyzed};
use crate::idf::IdfTable;
use crate::qtype::QType;
use crate::template::faq_template;
use crate::text::{is_stopword, normalize_word, tokenize};

/// Templated FAQs for each consumer question with a detected type: "<type> of <focus>?" for
/// each of its types (entailed) and for one other type (not entailed). The focus is the rarest
/// topic term its own FAQ shares with it.
fn templated<'a>(pairs: &[&'a Pair], analyzed: &BTreeMap<&'a str, Analyzed>, idf: &IdfTable) -> Vec<Example<'a>> {
    let mut out = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for p in pairs.iter().filter(|p| p.entails) {
        if !done.insert(p.chq.as_str()) {
            continue;
        }
        let (Some(chq), Some(faq)) = (analyzed.get(p.chq.as_str()), analyzed.get(p.faq.as_str())) else {
            continue;
        };
        if chq.types().is_empty() {
            continue;
        }
        let Some(focus) = topic_terms(faq, idf).into_iter().find(|t| chq.set().contains(*t)) else {
            continue;
        };
        // The focus as the consumer wrote it.
        let word = tokenize(&p.chq)
            .into_iter()
            .find(|w| !is_stopword(w) && normalize_word(w) == *focus)
            .unwrap_or_else(|| focus.clone());
        for t in chq.types() {
            let faq = faq_template(*t, &word);
            out.push(Example { chq: p.chq.clone(), faq, entails: true, group: &p.chq });
        }
        let start = fold_of(&p.chq, QType::ALL.len());
        if let Some(other) =
            (0..QType::ALL.len()).map(|k| QType::ALL[(start + k) % QType::ALL.len()]).find(|t| !chq.types().contains(t))
        {
            let faq = faq_template(other, &word);
            out.push(Example { chq: p.chq.clone(), faq, entails: false, group: &p.chq });
        }
    }
    out
}

/// Share of a candidate FAQ's topic (IDF-weighted) that the CHQ must contain for the FAQ to
/// count as being on the same topic.
const MIN_TOPIC_OVERLAP: f64 = 0.5;

/// Whether both questions have a detected type and they share none.
fn different_type(chq: &Analyzed, faq: &Analyzed) -> bool {
    !chq.types().is_empty() && !faq.types().is_empty() && !faq.types().iter().any(|t| chq.types().contains(t))
}

/// A training example: premise and hypothesis texts, label, and the index of the original
/// consumer question it derives from (for grouping cross-validation folds).
#[derive(Debug, Clone)]
pub struct Example<'a> {
    /// The consumer question (possibly padded).
    pub chq: String,
    /// The FAQ.
    pub faq: String,
    /// Whether the CHQ entails the FAQ.
    pub entails: bool,
    /// The original consumer question, for fold assignment.
    pub group: &'a str,
}

/// The original pairs, then same-topic negatives, then a padded copy of each of those.
pub fn augment<'a>(pairs: &[&'a Pair], analyzed: &BTreeMap<&'a str, Analyzed>, idf: &IdfTable) -> Vec<Example<'a>> {
    let mut out: Vec<Example<'a>> = pairs
        .iter()
        .map(|p| Example { chq: p.chq.clone(), faq: p.faq.clone(), entails: p.entails, group: &p.chq })
        .collect();
    let n = pairs.len();
    if n < 2 {
        return out;
    }

    // Positive FAQs of each consumer question.
    let mut own: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in pairs.iter().filter(|p| p.entails) {
        own.entry(p.chq.as_str()).or_default().insert(p.faq.as_str());
    }

    out.extend(same_topic_negatives(pairs, analyzed, idf, &own));
    out.extend(templated(pairs, analyzed, idf));

    // Padding: example i borrows the CHQ of the pair half-way round the list (skipping any
    // question that has this FAQ as its own).
    let no_faqs = BTreeSet::new();
    let base = out.len();
    for i in 0..base {
        let e = &out[i];
        let Some(other) = (0..n)
            .map(|k| pairs[(i + n / 2 + k) % n])
            .find(|o| o.chq != e.group && !own.get(o.chq.as_str()).unwrap_or(&no_faqs).contains(e.faq.as_str()))
        else {
            continue;
        };
        let chq = if i % 2 == 0 { format!("{} {}", e.chq, other.chq) } else { format!("{} {}", other.chq, e.chq) };
        let padded = Example { chq, faq: e.faq.clone(), entails: e.entails, group: e.group };
        out.push(padded);
    }
    out
}

/// An FAQ of a positive training pair, as a candidate same-topic negative for other questions.
struct Candidate<'a> {
    faq: &'a str,
    /// The consumer question it belongs to.
    source: &'a str,
    /// Its topic terms with their IDF.
    topic: Vec<(String, f64)>,
}

/// For each consumer question, the positive FAQ of another question that covers the most of
/// the same topic (at least [`MIN_TOPIC_OVERLAP`]) while asking a different type of question.
fn same_topic_negatives<'a>(
    pairs: &[&'a Pair],
    analyzed: &BTreeMap<&'a str, Analyzed>,
    idf: &IdfTable,
    own: &BTreeMap<&str, BTreeSet<&str>>,
) -> Vec<Example<'a>> {
    let mut candidates: Vec<Candidate<'a>> = Vec::new();
    let mut by_term: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for p in pairs.iter().filter(|p| p.entails) {
        let Some(faq) = analyzed.get(p.faq.as_str()) else { continue };
        let topic: Vec<(String, f64)> = topic_terms(faq, idf).into_iter().map(|t| (t.clone(), idf.idf(t))).collect();
        for (t, _) in &topic {
            by_term.entry(t.clone()).or_default().push(candidates.len());
        }
        candidates.push(Candidate { faq: &p.faq, source: &p.chq, topic });
    }
    let mut out = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for p in pairs {
        if !done.insert(p.chq.as_str()) {
            continue;
        }
        let Some(chq) = analyzed.get(p.chq.as_str()) else { continue };
        let mine = own.get(p.chq.as_str());
        let near: BTreeSet<usize> = chq.set().iter().filter_map(|t| by_term.get(t)).flatten().copied().collect();
        let mut best: Option<(f64, &str)> = None;
        for c in near.iter().map(|&i| &candidates[i]) {
            if c.source == p.chq || mine.is_some_and(|m| m.contains(c.faq)) {
                continue;
            }
            let total: f64 = c.topic.iter().map(|(_, w)| w).sum();
            let hit: f64 = c.topic.iter().filter(|(t, _)| chq.set().contains(t)).map(|(_, w)| w).sum();
            let score = if total > 0.0 { hit / total } else { 0.0 };
            let worse = best.is_some_and(|(s, b)| score < s || (score == s && c.faq >= b));
            if score < MIN_TOPIC_OVERLAP || worse {
                continue;
            }
            // Only a different kind of question on the same topic is a safe negative.
            if analyzed.get(c.faq).is_some_and(|f| different_type(chq, f)) {
                best = Some((score, c.faq));
            }
        }
        if let Some((_, faq)) = best {
            let faq = faq.to_string();
            out.push(Example { chq: p.chq.clone(), faq, entails: false, group: &p.chq });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_negatives_templates_and_padded_copies() {
        let pairs = [
            Pair::new("How is asthma treated in a child?", "How is asthma treated?", true),
            Pair::new("How is asthma treated in a child?", "What causes gout?", false),
            Pair::new(
                "What is the dose of albuterol for asthma in a child?",
                "Albuterol dose for asthma in a child?",
                true,
            ),
            Pair::new("What causes gout flares?", "What causes gout?", true),
        ];
        let refs: Vec<&Pair> = pairs.iter().collect();
        let analyzed: BTreeMap<&str, Analyzed> =
            pairs.iter().flat_map(|p| [p.chq.as_str(), p.faq.as_str()]).map(|t| (t, Analyzed::new(t))).collect();
        let idf = IdfTable::build(analyzed.values().map(Analyzed::terms), 1);
        let ex = augment(&refs, &analyzed, &idf);
        let half = ex.len() / 2;
        assert_eq!(ex.len(), 2 * half, "every example gets a padded copy");
        for (i, (orig, padded)) in ex[..half].iter().zip(&ex[half..]).enumerate() {
            assert!(padded.chq.contains(&orig.chq), "{i}");
            assert!(padded.chq.len() > orig.chq.len(), "{i}");
            assert_eq!((padded.entails, &padded.faq), (orig.entails, &orig.faq), "{i}");
        }
        let added = &ex[4..half];
        // The asthma-treatment question gets the albuterol-dose FAQ as a same-topic negative.
        assert!(added
            .iter()
            .any(|e| e.chq == pairs[0].chq && e.faq == "Albuterol dose for asthma in a child?" && !e.entails));
        // Templated FAQs: its own type entailed, another type not.
        assert!(added.iter().any(|e| e.chq == pairs[3].chq && e.faq == "What causes gout?" && e.entails));
        assert!(added.iter().any(|e| e.chq == pairs[0].chq && e.faq == "How is asthma treated?" && e.entails));
        assert!(added.iter().any(|e| e.chq == pairs[0].chq
            && e.faq.contains("asthma")
            && !e.entails
            && e.faq != "Albuterol dose for asthma in a child?"));
    }
}
