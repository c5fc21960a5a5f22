//! Answers from trusted Q&A pairs: the most relevant sentences first, each source cited and linked.

use std::collections::HashSet;

use vesalius_core::{
    source_name, Answer, AnswerKind, Audience, Block, NumberedReference, RefType, Reference, ReviewStage, Section,
    Source,
};
use vesalius_store::StoredPair;

use crate::analysis::words;

/// Year of the MedQuAD collection, used as the year of its pairs' references.
const MEDQUAD_YEAR: u16 = 2019;
/// Longest excerpt of one answer shown, in characters.
const MAX_EXCERPT: usize = 1400;

/// A QA pair chosen to answer (part of) a question.
pub(crate) struct Chosen {
    /// The part of the question it answers.
    pub part: String,
    /// The pair.
    pub pair: StoredPair,
}

/// Everyday words that ask about the same thing, so a sentence that says "child" answers a question about a
/// "baby".
const KINDRED: &[&[&str]] = &[
    &["baby", "babies", "infant", "infants", "newborn", "child", "children", "kid", "kids", "toddler"],
    &["give", "pass", "spread", "spreads", "catch", "contagious", "transmit", "transmitted", "infect"],
    &["pregnant", "pregnancy", "expecting"],
    &["cure", "treat", "treatment", "treated", "therapy", "medicine", "medicines"],
    &["die", "death", "fatal", "deadly", "survive", "survival"],
    &["inherit", "inherited", "genetic", "hereditary", "family", "parents"],
];

/// Splits an answer into sentences.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1).is_none_or(|n| *n == b' ');
        if end {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The answer's sentences, the ones sharing most words with the question first (ties keep text order),
/// cut to about `MAX_EXCERPT` characters.
pub(crate) fn relevant_excerpt(answer: &str, question: &str, focus: &str) -> (String, bool) {
    // The focus is named in almost every sentence, so it says nothing about relevance.
    let focus_words: HashSet<String> = words(focus).into_iter().collect();
    let mut q: HashSet<String> = words(question)
        .into_iter()
        .filter(|w| w.len() > 2 && !vesalius_entail::is_stopword(w) && !focus_words.contains(w))
        .collect();
    for group in KINDRED {
        if group.iter().any(|w| q.contains(*w)) {
            q.extend(group.iter().map(|w| w.to_string()));
        }
    }
    let all = sentences(answer);
    let mut scored: Vec<(usize, usize)> =
        all.iter().enumerate().map(|(i, s)| (words(s).iter().filter(|w| q.contains(*w)).count(), i)).collect();
    // The best two sentences lead; the rest follow in their original order.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let lead: Vec<usize> = scored.iter().take(2).filter(|(n, _)| *n > 0).map(|(_, i)| *i).collect();
    let order: Vec<usize> = lead.iter().copied().chain((0..all.len()).filter(|i| !lead.contains(i))).collect();
    let mut out = String::new();
    let mut cut = false;
    for i in order {
        if out.len() + all[i].len() > MAX_EXCERPT && !out.is_empty() {
            cut = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(all[i]);
    }
    (out, cut)
}

fn reference(pair: &StoredPair) -> Reference {
    Reference {
        id: pair.pair_id.clone(),
        ref_type: RefType::Dataset,
        title: format!("{} ({})", pair.question.trim_end_matches([' ', '?']).to_string() + "?", pair.focus),
        authors: source_name(&pair.source).to_string(),
        journal: "MedQuAD, U.S. National Institutes of Health".into(),
        year: MEDQUAD_YEAR,
        pmid: None,
        doi: None,
        url: pair.url.clone(),
    }
}

/// Composes an answer from the chosen pairs (in order of preference), one section per pair.
pub(crate) fn compose_qa(question: &str, audience: Audience, chosen: &[Chosen], confidence: f32) -> Answer {
    let mut sections = Vec::new();
    let mut references = Vec::new();
    let mut sources = Vec::new();
    let mut summary = String::new();
    for (i, c) in chosen.iter().enumerate() {
        let n = i + 1;
        let p = &c.pair;
        let name = source_name(&p.source);
        let mut blocks = Vec::new();
        match p.answer.as_deref() {
            Some(text) => {
                let (excerpt, cut) = relevant_excerpt(text, &c.part, &p.focus);
                if summary.is_empty() {
                    let first: Vec<&str> = sentences(&excerpt).into_iter().take(2).collect();
                    summary = format!("{} [{n}]", first.join(" "));
                }
                blocks.push(Block::Paragraph { text: format!("{excerpt} [{n}]") });
                if cut {
                    blocks.push(Block::Paragraph { text: format!("The full answer is on the {name} page [{n}].") });
                }
            }
            None => {
                let text = format!("{name} answers “{}” on its page about {}; the text is not stored here for copyright reasons, so follow the link to read it [{n}].", p.question, p.focus);
                if summary.is_empty() {
                    summary = text.clone();
                }
                blocks.push(Block::Paragraph { text });
            }
        }
        sections.push(Section { heading: p.question.clone(), blocks });
        references.push(NumberedReference { n, reference: reference(p) });
        sources.push(Source { name: name.to_string(), url: p.url.clone(), id: p.pair_id.clone() });
    }
    let title = chosen.first().map(|c| c.pair.focus.clone()).unwrap_or_default();
    Answer {
        title,
        summary,
        sections,
        references,
        sources,
        ..crate::compose::shell(question, audience, AnswerKind::Qa, ReviewStage::Submitted, confidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_the_most_relevant_sentences_first() {
        let (x, cut) = relevant_excerpt(
            "Shingles is a rash. It is caused by a virus. You can pass the virus to a child who never had chickenpox.",
            "can my mom give shingles to my baby",
            "Shingles",
        );
        assert!(x.starts_with("You can pass the virus to a child"), "{x}");
        assert!(!cut);
    }
}
