//! Question analysis: clean a consumer question, split it into parts, find its focus and its types.
//!
//! Consumer questions are long and messy ("hi, my mom has shingles, can she give it to my baby? thanks").
//! Greetings and sign-offs are dropped, each sentence that asks something becomes a part, the focus is the
//! longest known name (a MedQuAD focus or synonym, or a built-in topic) found in the text, and the types come
//! from `vesalius_entail::question_types`, mapped to MedQuAD's question types by [`medquad_types`].

use std::collections::HashMap;

use vesalius_entail::{question_types, QType};

/// What the engine knows about a question before retrieval.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The question without greetings and sign-offs.
    pub cleaned: String,
    /// The sub-questions (one when the question asks one thing).
    pub parts: Vec<String>,
    /// The focus found (canonical name), if any: the earliest known name in the question.
    pub focus: Option<String>,
    /// Every known name found (canonical), earliest first.
    pub foci: Vec<String>,
    /// The words of the question that named the first focus (e.g. "gerd" for "Gastroesophageal reflux
    /// disease").
    pub focus_text: Option<String>,
    /// The question types found.
    pub types: Vec<QType>,
}

/// Names of things questions are about, longest match wins.
#[derive(Debug, Default)]
pub struct FocusLexicon {
    names: HashMap<String, String>,
    max_words: usize,
}

/// Lowercase words of `text`, letters and digits only.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

const GREETINGS: &[&str] =
    &["hi", "hello", "hey", "dear", "greetings", "good morning", "good afternoon", "good evening"];
const SIGN_OFFS: &[&str] =
    &["thanks", "thank you", "thank u", "thx", "regards", "best regards", "sincerely", "cheers", "god bless"];
/// Short single words that are also MedQuAD foci but are almost always ordinary words in a question.
const NOT_A_FOCUS: &[&str] = &[
    "help",
    "pain",
    "can",
    "may",
    "will",
    "cold",
    "back",
    "face",
    "hand",
    "head",
    "tired",
    "time",
    "food",
    "water",
    "sex",
    "age",
    "aging",
    "men",
    "women",
    "baby",
    "babies",
    "child",
    "children",
    "blood",
    "test",
    "tests",
    "medicine",
    "medicines",
    "drugs",
    "surgery",
    "treatment",
    "therapy",
];

impl FocusLexicon {
    /// Adds `name` (a focus or a synonym) for the canonical focus `canonical`.
    pub fn add(&mut self, name: &str, canonical: &str) {
        let w = words(name);
        // One short word (an acronym synonym such as "CAR") is too often an ordinary word in a question.
        let min_single = if name == canonical { 3 } else { 4 };
        if w.is_empty()
            || w.len() > 8
            || (w.len() == 1 && (w[0].len() < min_single || NOT_A_FOCUS.contains(&w[0].as_str())))
        {
            return;
        }
        if w.len() == 1 && vesalius_entail::is_stopword(&w[0]) {
            return;
        }
        self.max_words = self.max_words.max(w.len());
        self.names.entry(w.join(" ")).or_insert_with(|| canonical.to_string());
    }

    /// True when a word of a known name is a slip away from `word`: one edit for words under eight letters,
    /// two for longer ones.
    pub(crate) fn has_near_word(&self, word: &str) -> bool {
        let limit = if word.chars().count() >= 8 { 2 } else { 1 };
        self.names.keys().flat_map(|n| n.split(' ')).any(|w| crate::subject::edit_distance(w, word) <= limit)
    }

    /// Number of names known.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name is known.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    fn lookup(&self, key: &str) -> Option<&String> {
        self.names.get(key).or_else(|| key.strip_suffix('s').filter(|s| s.len() > 3).and_then(|s| self.names.get(s)))
    }

    /// The canonical foci of the known names in `text`, in text order: at each position the longest name
    /// wins and the words it covers are not matched again (plural words also match their singular).
    pub fn find_all(&self, text: &str) -> Vec<String> {
        self.find_spans(text).into_iter().map(|(canonical, _)| canonical).collect()
    }

    /// Like [`FocusLexicon::find_all`], with the words of `text` that named each focus.
    pub fn find_spans(&self, text: &str) -> Vec<(String, String)> {
        let w = words(text);
        let mut out: Vec<(String, String)> = Vec::new();
        let mut i = 0;
        while i < w.len() {
            let longest = (1..=self.max_words.min(w.len() - i))
                .rev()
                .find_map(|n| self.lookup(&w[i..i + n].join(" ")).map(|c| (n, c)));
            match longest {
                Some((n, c)) => {
                    if !out.iter().any(|(x, _)| x == c) {
                        out.push((c.clone(), w[i..i + n].join(" ")));
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
    /// The first focus [`FocusLexicon::find_all`] finds.
    pub fn find(&self, text: &str) -> Option<String> {
        self.find_all(text).into_iter().next()
    }
}

/// Drops greetings at the start and sign-offs at the end of each line.
pub fn clean(question: &str) -> String {
    let mut out = Vec::new();
    for sentence in sentences(question) {
        let lower = sentence.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty()
            || SIGN_OFFS.iter().any(|s| bare == *s || bare.starts_with(&format!("{s} ")))
                && bare.split_whitespace().count() <= 6
        {
            continue;
        }
        let mut s = sentence.trim();
        for g in GREETINGS {
            if lower.starts_with(g) && lower[g.len()..].starts_with([' ', ',', '!', '.']) {
                s = s[g.len()..].trim_start_matches([' ', ',', '!', '.']).trim();
                break;
            }
        }
        if !s.is_empty() {
            out.push(s.to_string());
        }
    }
    out.join(" ")
}

/// Sentences of `text`, each with its closing punctuation.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '?' | '!' | '.' | '\n') {
            let t = cur.trim();
            if !t.is_empty() {
                out.push(t.to_string());
            }
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The parts of a question: each sentence ending in `?` that asks something different. A question with at
/// most one such sentence is one part.
pub fn split_parts(cleaned: &str) -> Vec<String> {
    let asks: Vec<String> =
        sentences(cleaned).into_iter().filter(|s| s.ends_with('?') && words(s).len() >= 3).collect();
    if asks.len() < 2 {
        return vec![cleaned.to_string()];
    }
    asks.into_iter().take(4).collect()
}

/// Analyses a question with a focus lexicon.
pub fn analyze_question(question: &str, lexicon: &FocusLexicon) -> Analysis {
    let cleaned = clean(question);
    let cleaned = if cleaned.is_empty() { question.trim().to_string() } else { cleaned };
    let spans = not_negated(&cleaned, lexicon.find_spans(&cleaned));
    let foci: Vec<String> = spans.iter().map(|(c, _)| c.clone()).collect();
    Analysis {
        parts: split_parts(&cleaned),
        focus: foci.first().cloned(),
        focus_text: spans.into_iter().next().map(|(_, t)| t),
        foci,
        types: question_types(&cleaned),
        cleaned,
    }
}

/// Words that deny what follows them ("no weakness", "without fever").
pub(crate) const NEGATIONS: &[&str] = &["no", "not", "without", "denies", "nor", "never"];

/// The spans not denied by a negation one or two words before them: "outer thigh numb, no weakness" is not
/// about weakness.
pub(crate) fn not_negated(text: &str, spans: Vec<(String, String)>) -> Vec<(String, String)> {
    let w = words(text);
    spans
        .into_iter()
        .filter(|(_, span)| {
            let s = words(span);
            let at = (0..w.len()).find(|&i| w[i..].starts_with(&s));
            !at.is_some_and(|i| w[i.saturating_sub(2)..i].iter().any(|p| NEGATIONS.contains(&p.as_str())))
        })
        .collect()
}

/// The MedQuAD question types (`qtype` attribute) that answer a question of type `t`.
pub fn medquad_types(t: QType) -> &'static [&'static str] {
    match t {
        QType::Information => &["information", "other information", "considerations"],
        QType::Symptoms => &["symptoms"],
        QType::Causes => &["causes", "genetic changes"],
        QType::Treatment => &["treatment"],
        QType::Diagnosis => &["exams and tests"],
        QType::Prevention => &["prevention"],
        QType::Prognosis => &["outlook"],
        QType::Genetics => &["inheritance", "genetic changes"],
        QType::Susceptibility => &["susceptibility", "causes"],
        QType::Dosage => &["dose", "usage", "forget a dose"],
        QType::SideEffects => &["side effects", "important warning"],
        QType::Interactions => {
            &["interactions with medications", "interactions with herbs and supplements", "interactions with foods"]
        }
        QType::Complications => &["complications"],
        QType::Frequency => &["frequency"],
        QType::SupportGroups => &["support groups"],
        QType::Coping => &["considerations", "when to contact a medical professional"],
        QType::Research => &["research"],
        QType::Transmission => &["causes", "prevention", "information"],
        QType::Safety => &["precautions", "important warning", "side effects"],
        QType::Lifestyle => &["dietary", "prevention"],
        _ => &["information"],
    }
}

/// The question without anything that looks like an HTML tag, so pasted markup does not count as words.
pub(crate) fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> FocusLexicon {
        let mut l = FocusLexicon::default();
        for (n, c) in [
            ("Shingles", "Shingles"),
            ("Herpes zoster", "Shingles"),
            ("Zoster", "Shingles"),
            ("Kidney stones", "Kidney stones"),
            ("Pain", "Pain"),
        ] {
            l.add(n, c);
        }
        l
    }

    #[test]
    fn cleans_a_messy_consumer_question_and_finds_its_focus() {
        let a = analyze_question("hi, my mom has shingles, can she give it to my baby? thanks", &lexicon());
        assert_eq!(a.cleaned, "my mom has shingles, can she give it to my baby?");
        assert_eq!(a.focus.as_deref(), Some("Shingles"));
        assert_eq!(a.parts.len(), 1);
    }

    #[test]
    fn prefers_the_longest_name_and_tries_singulars() {
        let l = lexicon();
        assert_eq!(l.find("I have had herpes zoster twice").as_deref(), Some("Shingles"));
        assert_eq!(l.find_all("shingles and kidney stones"), ["Shingles", "Kidney stones"]);
        assert_eq!(l.find("my kidney stones hurt").as_deref(), Some("Kidney stones"));
        assert_eq!(l.find("back pain at night"), None, "ordinary words are not foci");
    }

    #[test]
    fn splits_several_questions_into_parts() {
        let parts = split_parts("What causes gout? How is gout treated? Thanks.");
        assert_eq!(parts, ["What causes gout?", "How is gout treated?"]);
        assert_eq!(split_parts("What causes gout?").len(), 1);
    }

    #[test]
    fn strips_tags_but_keeps_comparisons_without_a_closing_bracket() {
        assert_eq!(strip_markup("<img src=x onerror=alert(1)>ankle jerk"), " ankle jerk");
        assert_eq!(strip_markup("is 1 < 2"), "is 1 < 2");
    }
}
