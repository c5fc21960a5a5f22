//! Follow-up questions: reading a short or elliptical question in the context of the last answer.

use vesalius_atlas::{tokens, Atlas, Token};

use crate::analysis::FocusLexicon;
use crate::entities::{entities, is_content, with_disorder, Entity, Kind, POPULATIONS};

/// Openings that mark a follow-up leaning on the previous turn ("and S1?", "what about treatment?"),
/// longest first.
const LEANING: &[&str] = &[
    "and what about",
    "and how about",
    "what about",
    "how about",
    "what of",
    "and for",
    "same for",
    "and",
    "or",
    "also",
    "but",
    "then",
];

/// First words of a question that asks something by itself.
const QUESTION_WORDS: &[&str] = &[
    "what", "which", "how", "where", "why", "when", "who", "whom", "whose", "is", "are", "was", "were", "does", "do",
    "did", "can", "could", "should", "would", "will", "has", "have", "tell", "explain", "describe", "list",
];

/// Words that refer back to the previous turn's subject.
const PRONOUNS: &[&str] = &["it", "they", "them", "its", "their", "this", "that"];

/// What a question asks about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aspect {
    Dermatome,
    Myotome,
    Reflex,
    KeyMuscle,
    KeyPoint,
    Roots,
    Nerve,
    Muscles,
    Supply,
    Treatment,
    Cause,
    Symptoms,
    Diagnosis,
    Inheritance,
    Contagion,
    Outlook,
    Prevention,
    Complications,
}

/// The aspect one lowercase word asks for, if any.
pub(crate) fn aspect_of(word: &str) -> Option<Aspect> {
    let starts = |p: &[&str]| p.iter().any(|x| word.starts_with(x));
    Some(match word {
        "dermatome" | "dermatomes" | "skin" | "sensation" => Aspect::Dermatome,
        "myotome" | "myotomes" => Aspect::Myotome,
        "reflex" | "reflexes" | "jerk" | "jerks" => Aspect::Reflex,
        "root" | "roots" | "level" | "levels" | "segment" | "segments" => Aspect::Roots,
        "nerve" | "nerves" | "innervation" => Aspect::Nerve,
        "muscle" | "muscles" | "movement" | "movements" | "weakness" => Aspect::Muscles,
        "supply" | "supplies" | "territory" => Aspect::Supply,
        "cure" | "cured" | "curable" | "therapy" | "therapies" => Aspect::Treatment,
        "cause" | "causes" | "caused" | "why" => Aspect::Cause,
        "signs" => Aspect::Symptoms,
        "outlook" | "prognosis" => Aspect::Outlook,
        "contagious" | "infectious" | "catching" | "spread" | "spreads" | "transmitted" => Aspect::Contagion,
        "hereditary" | "genetic" | "genes" | "gene" => Aspect::Inheritance,
        _ if starts(&["treat", "manag", "medication"]) => Aspect::Treatment,
        _ if starts(&["symptom"]) => Aspect::Symptoms,
        _ if starts(&["diagnos"]) => Aspect::Diagnosis,
        _ if starts(&["inherit"]) => Aspect::Inheritance,
        _ if starts(&["prevent"]) => Aspect::Prevention,
        _ if starts(&["complication"]) => Aspect::Complications,
        _ => return None,
    })
}

/// The aspects the words outside any name ask for; "key muscle" and "key (sensory) point" are one aspect.
fn aspects(words: &[&str]) -> Vec<Aspect> {
    let mut out = Vec::new();
    let key = words.contains(&"key");
    for w in words {
        let a = match aspect_of(w) {
            Some(Aspect::Muscles) if key => Some(Aspect::KeyMuscle),
            None if key && matches!(*w, "point" | "sensory") => Some(Aspect::KeyPoint),
            Some(Aspect::Dermatome) if key && *w == "skin" => Some(Aspect::KeyPoint),
            a => a,
        };
        if let Some(a) = a.filter(|a| !out.contains(a)) {
            out.push(a);
        }
    }
    if out.contains(&Aspect::KeyPoint) || out.contains(&Aspect::KeyMuscle) {
        out.retain(|a| !matches!(a, Aspect::Muscles | Aspect::Dermatome));
    }
    out
}

/// `e` as it reads in a sentence: "L5", "shingles", "the sural nerve".
fn phrase(e: &Entity) -> String {
    let lower = e.text.to_lowercase();
    if e.kind.takes_article() && !lower.starts_with("the ") {
        format!("the {}", e.text)
    } else {
        e.text.clone()
    }
}

/// The question that asks `aspect` of `e`.
fn ask_aspect(aspect: Aspect, e: &Entity) -> String {
    let (t, p) = (e.text.as_str(), phrase(e));
    use Kind::{Limb, Movement, Nerve, Reflex, Region, Root};
    match (aspect, e.kind) {
        (Aspect::Dermatome, Root) => format!("What is the {t} dermatome?"),
        (Aspect::Dermatome, Region) => format!("Which dermatome covers {p}?"),
        (Aspect::Dermatome, Nerve) => format!("Which skin does {p} supply?"),
        (Aspect::Dermatome, _) => format!("What are the dermatomes of {p}?"),
        (Aspect::Myotome, Root) => format!("What is the {t} myotome?"),
        (Aspect::Myotome, Nerve) | (Aspect::Muscles, Nerve) => format!("Which muscles does {p} supply?"),
        (Aspect::Myotome | Aspect::Roots, Movement) => format!("Which root supplies {p}?"),
        (Aspect::Myotome, _) | (Aspect::Muscles, Limb) => format!("What are the myotomes of {p}?"),
        (Aspect::Reflex, Root) => format!("Which reflex tests {t}?"),
        (Aspect::Reflex, Limb) => format!("Which tendon reflexes are tested in {p}?"),
        (Aspect::Reflex | Aspect::Roots, Reflex) => format!("Which root does {p} test?"),
        (Aspect::Reflex, _) => format!("Which reflex tests {p}?"),
        (Aspect::KeyMuscle, _) => format!("What is the key muscle for {p}?"),
        (Aspect::KeyPoint, _) => format!("What is the key sensory point for {p}?"),
        (Aspect::Roots, Nerve) => format!("What are the roots of {p}?"),
        (Aspect::Roots, Region) => format!("Which dermatome covers {p}?"),
        (Aspect::Roots, _) => format!("Which roots supply {p}?"),
        (Aspect::Nerve, Reflex) => format!("Which nerve carries {p}?"),
        (Aspect::Nerve, Root) => format!("Which nerves carry {t}?"),
        (Aspect::Nerve, _) => format!("Which nerve supplies {p}?"),
        (Aspect::Muscles, Root) => format!("Which muscles does {t} supply?"),
        (Aspect::Muscles, _) => format!("Which muscles does {p} supply?"),
        (Aspect::Supply, _) => format!("What does {p} supply?"),
        (Aspect::Treatment, _) => format!("How is {p} treated?"),
        (Aspect::Cause, _) => format!("What causes {p}?"),
        (Aspect::Symptoms, _) => format!("What are the symptoms of {p}?"),
        (Aspect::Diagnosis, _) => format!("How is {p} diagnosed?"),
        (Aspect::Inheritance, _) => format!("How is {p} inherited?"),
        (Aspect::Contagion, _) => format!("Is {p} contagious?"),
        (Aspect::Outlook, _) => format!("What is the outlook for {p}?"),
        (Aspect::Prevention, _) => format!("How can {p} be prevented?"),
        (Aspect::Complications, _) => format!("What are the complications of {p}?"),
    }
}

/// What the engine needs to read a follow-up: the atlas's vocabulary and the MedQuAD foci.
pub(crate) struct Vocabulary<'a> {
    pub atlas: Option<&'a Atlas>,
    pub lexicon: &'a FocusLexicon,
}

/// The question as the engine should understand it, given the previous turn's understood question.
///
/// A complete question stands alone. A follow-up keeps the previous question's intent and swaps in what it
/// names: "and L5?" after "What is the L4 dermatome?" is "What is the L5 dermatome?" (a name replaces the
/// previous name of the same kind, else the previous subject). A follow-up that names an aspect instead
/// ("and its reflex?", "what about treatment?") asks that of the previous subject; pronouns ("is it
/// contagious?") are the previous subject; "and in children?" narrows the previous question.
pub(crate) fn in_context(question: &str, previous: Option<&str>, vocab: &Vocabulary<'_>) -> String {
    let asked = question.trim();
    let Some(prev) = previous.map(str::trim).filter(|p| !p.is_empty()) else { return asked.to_string() };
    let toks = tokens(asked);
    if toks.is_empty() {
        return asked.to_string();
    }
    let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let lean = LEANING
        .iter()
        .map(|l| l.split(' ').collect::<Vec<_>>())
        .find(|l| lowers.len() > l.len() && lowers[..l.len()] == l[..])
        .map_or(0, |l| l.len());
    let body_start = toks.get(lean).map_or(asked.len(), |t| t.start);
    let body = &asked[body_start..];
    let body_toks: Vec<Token> = tokens(body);
    let new = entities(body, vocab.atlas, vocab.lexicon);
    let outside: Vec<&str> = body_toks
        .iter()
        .filter(|t| new.iter().all(|e| t.end <= e.start || t.start >= e.end))
        .map(|t| t.lower.as_str())
        .collect();
    let pronoun = pronoun_at(&body_toks).is_some();
    let question_form = body_toks.first().is_some_and(|t| QUESTION_WORDS.contains(&t.lower.as_str()));
    let wanted = aspects(&outside);
    let content = lowers.iter().filter(|w| is_content(w)).count();

    // A complete question stands alone.
    if lean == 0 && !pronoun && ((question_form && !new.is_empty()) || content >= 3) {
        return asked.to_string();
    }
    if lean > 0 && !pronoun && question_form && !new.is_empty() && !wanted.is_empty() {
        return asked.to_string();
    }

    let old = entities(prev, vocab.atlas, vocab.lexicon);
    let subject = old.first().map(|e| with_disorder(prev, e));

    // A pronoun in a question of its own: the previous subject takes its place.
    if pronoun && question_form {
        if let Some(s) = &subject {
            return resolve_pronouns(body, &body_toks, s);
        }
    }
    // An aspect of the previous subject, or of a newly named one ("what about the myotome of S1?").
    if let Some(aspect) = wanted.first() {
        if let Some(e) = new.first().or(subject.as_ref()) {
            return ask_aspect(*aspect, e);
        }
    }
    // New names swap in for the previous ones.
    if !new.is_empty() && !old.is_empty() {
        return swap(prev, &old, &new, vocab.atlas);
    }
    // "and in children?": the previous question, narrowed.
    if outside.iter().any(|w| POPULATIONS.contains(w)) {
        let stem = prev.trim_end_matches(['?', '.', '!', ' ']);
        let tail = body.trim_end_matches(['?', '.', '!', ' ']);
        return format!("{stem} {tail}?");
    }
    if pronoun {
        if let Some(s) = &subject {
            return resolve_pronouns(body, &body_toks, s);
        }
    }
    if new.is_empty() && outside.iter().all(|w| !is_content(w)) {
        // Nothing of its own ("and?", "tell me more"): the previous question again.
        return prev.to_string();
    }
    asked.to_string()
}

/// The index of the first word that refers back ("it", "its", "is that …"), if any.
fn pronoun_at(toks: &[Token]) -> Option<usize> {
    toks.iter().enumerate().position(|(i, t)| {
        let w = t.lower.as_str();
        match w {
            // "this" and "that" refer back at the end or before a verb, not in "that nerve".
            "this" | "that" => toks.get(i + 1).is_none_or(|n| {
                matches!(n.lower.as_str(), "is" | "are" | "was" | "does" | "do" | "can" | "cause" | "causes" | "mean")
            }),
            _ => PRONOUNS.contains(&w),
        }
    })
}

/// `body` with each pronoun replaced by the subject; "its X" becomes "the X … of subject".
fn resolve_pronouns(body: &str, toks: &[Token], subject: &Entity) -> String {
    let name = phrase(subject);
    let mut out = String::new();
    let mut last = 0;
    let mut possessive = false;
    for (i, t) in toks.iter().enumerate() {
        let is_pronoun = pronoun_at(&toks[i..]) == Some(0);
        if !is_pronoun {
            continue;
        }
        out.push_str(&body[last..t.start]);
        if matches!(t.lower.as_str(), "its" | "their") {
            out.push_str("the");
            possessive = true;
        } else {
            out.push_str(&name);
        }
        last = t.end;
    }
    let rest = &body[last..];
    let trimmed = rest.trim_end_matches(['?', '.', '!', ' ']);
    out.push_str(trimmed);
    if possessive {
        out.push_str(" of ");
        out.push_str(&name);
    }
    out.push_str(&rest[trimmed.len()..]);
    if !out.ends_with('?') {
        out = out.trim_end_matches(['.', '!', ' ']).to_string() + "?";
    }
    out
}

/// `prev` with each new name in place of the previous name of the same kind (or of the subject).
fn swap(prev: &str, old: &[Entity], new: &[Entity], atlas: Option<&Atlas>) -> String {
    let mut used = vec![false; old.len()];
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (n_i, n) in new.iter().enumerate() {
        let target = old
            .iter()
            .enumerate()
            .position(|(i, o)| !used[i] && o.kind.same_as(n.kind))
            .or_else(|| (n_i == 0 && !used[0]).then_some(0));
        let Some(i) = target else { continue };
        used[i] = true;
        let mut text = n.text.clone();
        let mut kind = n.kind;
        // "and the biceps?" after a reflex means the biceps reflex.
        if old[i].kind == Kind::Reflex && n.kind == Kind::Movement {
            if let Some(a) = atlas {
                if let Some(r) =
                    ["reflex", "jerk"].iter().map(|w| format!("{text} {w}")).find(|r| a.resolve_reflex(r).is_some())
                {
                    text = r;
                    kind = Kind::Reflex;
                }
            }
        }
        // Cross-kind swaps keep the article right: "what does the median nerve supply?" → "what does C6 supply?".
        let mut start = old[i].start;
        let had_the = prev[..start].get(start.saturating_sub(4)..).is_some_and(|b| b.eq_ignore_ascii_case("the "));
        if had_the && old[i].kind.takes_article() && !kind.takes_article() {
            start -= 4;
        } else if !had_the && !old[i].kind.takes_article() && kind.takes_article() {
            text = format!("the {text}");
        }
        edits.push((start, old[i].end, text));
    }
    edits.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    let mut out = prev.to_string();
    for (s, e, text) in edits {
        out.replace_range(s..e, &text);
    }
    out
}

/// A new thread id: 16 random bytes in hex.
pub(crate) fn new_thread_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // Without an entropy source, fall back to the clock: unique enough for a conversation id.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        bytes = nanos.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(question: &str, previous: &str) -> String {
        let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
        let atlas = Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"));
        let lexicon = FocusLexicon::default();
        in_context(question, Some(previous), &Vocabulary { atlas: Some(&atlas), lexicon: &lexicon })
    }

    #[test]
    fn swaps_the_new_name_into_the_previous_question() {
        assert_eq!(read("and L5?", "What is the L4 dermatome?"), "What is the L5 dermatome?");
        assert_eq!(read("and l 5?", "What is the L4 dermatome?"), "What is the L5 dermatome?");
        assert_eq!(
            read("and the ankle jerk?", "Which root does the knee jerk test?"),
            "Which root does the ankle jerk test?"
        );
        assert_eq!(
            read("and the biceps?", "Which root does the knee jerk test?"),
            "Which root does the biceps reflex test?"
        );
        assert_eq!(
            read("what about the upper limb?", "What are the dermatomes of the lower limb?"),
            "What are the dermatomes of the upper limb?"
        );
        assert_eq!(read("and of lupus?", "What are the symptoms of gout?"), "What are the symptoms of lupus?");
        assert_eq!(
            read("and S1?", "What are the symptoms of L5 radiculopathy?"),
            "What are the symptoms of S1 radiculopathy?"
        );
    }

    #[test]
    fn an_aspect_or_a_pronoun_keeps_the_previous_subject() {
        assert_eq!(read("and its reflex?", "What is the L5 dermatome?"), "Which reflex tests L5?");
        assert_eq!(
            read("what about treatment?", "What is cauda equina syndrome?"),
            "How is cauda equina syndrome treated?"
        );
        assert_eq!(read("is it contagious?", "What is shingles?"), "is shingles contagious?");
        assert_eq!(
            read("what are its roots?", "What does the sural nerve supply?"),
            "what are the roots of the sural nerve?"
        );
        assert_eq!(
            read("and in children?", "What are the symptoms of asthma?"),
            "What are the symptoms of asthma in children?"
        );
    }

    #[test]
    fn complete_questions_stand_alone() {
        let q = "Which reflex tests the S1 root in the leg?";
        assert_eq!(read(q, "What is the L4 dermatome?"), q);
        assert_eq!(
            read("What is meralgia paresthetica?", "What is the L4 dermatome?"),
            "What is meralgia paresthetica?"
        );
        let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
        let atlas = Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"));
        let lexicon = FocusLexicon::default();
        let vocab = Vocabulary { atlas: Some(&atlas), lexicon: &lexicon };
        assert_eq!(in_context("and S1?", None, &vocab), "and S1?");
        for odd in [
            "",
            "?",
            "   ",
            "and",
            "ĳ ǅ and it",
            "and its its its",
            "l",
            "and L",
            "İİ THE L4 İ",
            "and the İ knee jerk?",
            "what about l 5 l 6 s 9?",
        ] {
            let _ = in_context(odd, Some("What is the L4 dermatome?"), &vocab);
            let _ = in_context("and S1?", Some(odd), &vocab);
        }
    }
}
