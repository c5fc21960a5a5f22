//! The question's named subject: a condition the question names ("carpal tunnel syndrome", "plantar
//! fasciitis") must be what a built-in answer is about, or the engine says it has no answer about *that*.

use crate::analysis::words;

/// Word endings that mark the name of a condition.
const CONDITION_ENDINGS: &[&str] =
    &["itis", "osis", "emia", "aemia", "oma", "pathy", "algia", "plegia", "paresis", "trophy", "ectomy", "iasis"];
/// Words after which the one or two words before name a condition ("carpal tunnel syndrome").
const CONDITION_HEADS: &[&str] = &["syndrome", "disease", "disorder", "cancer", "palsy", "tumour", "tumor"];

/// True when `w` (a lowercase word) looks like the name of a condition.
fn condition_word(w: &str) -> bool {
    w.len() > 5 && CONDITION_ENDINGS.iter().any(|e| w.ends_with(e))
}

/// The words of `question` that name a condition: condition-like words, and the words before a condition
/// head (stop words excluded).
pub(crate) fn named_subjects(question: &str) -> Vec<String> {
    let w = words(question);
    let mut out: Vec<String> = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if condition_word(word) {
            out.push(word.clone());
        }
        if CONDITION_HEADS.contains(&word.as_str()) {
            for prev in w[i.saturating_sub(2)..i].iter().filter(|p| !vesalius_entail::is_stopword(p)) {
                out.push(prev.clone());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A crude stem, enough to match "radiculopathies" with "radiculopathy" and "diabetic" with "diabetes".
fn stem(w: &str) -> &str {
    let n = w.char_indices().nth(6).map_or(w.len(), |(i, _)| i);
    &w[..n]
}

/// True when every subject the question names appears in `about` (what an answer is about: its title,
/// question, topics and keywords).
pub(crate) fn covers(subjects: &[String], about: &str) -> bool {
    let about: Vec<String> = words(about);
    subjects.iter().all(|s| about.iter().any(|a| stem(a) == stem(s)))
}

/// Phrases that describe weakness or a lost movement.
const WEAKNESS: &[&str] = &[
    "can't lift",
    "cannot lift",
    "cant lift",
    "unable to lift",
    "can't raise",
    "cannot raise",
    "foot drop",
    "drop foot",
    "dropped foot",
    "weak",
    "trips",
    "tripping",
    "slaps",
    "can't walk on my heel",
    "can't stand on",
];

/// True when the question describes weakness, not only a change in feeling.
pub(crate) fn describes_weakness(question: &str) -> bool {
    let q = question.to_lowercase().replace('’', "'");
    WEAKNESS.iter().any(|w| q.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_named_conditions() {
        assert_eq!(named_subjects("what is the treatment for carpal tunnel syndrome?"), ["carpal", "tunnel"]);
        assert_eq!(named_subjects("plantar fasciitis heel pain"), ["fasciitis"]);
        assert!(named_subjects("what is the L4 dermatome?").is_empty());
    }

    #[test]
    fn an_answer_about_another_condition_does_not_cover() {
        let s = named_subjects("what is the treatment for carpal tunnel syndrome?");
        assert!(!covers(&s, "Meralgia paresthetica (lateral femoral cutaneous nerve entrapment)"));
        assert!(covers(&s, "Carpal tunnel syndrome: median nerve at the wrist"));
        assert!(covers(&named_subjects("C6 radiculopathy symptoms"), "cervical radiculopathies"));
    }

    #[test]
    fn tells_weakness_from_numbness() {
        assert!(describes_weakness("my big toe is numb and I can’t lift my foot"));
        assert!(!describes_weakness("my big toe is numb"));
    }
}
