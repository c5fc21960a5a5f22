//! Text normalisation: lowercasing, tokenising, stopwords, stemming and a small synonym list.
//!
//! [`tokenize`] gives the lowercase words of a text; [`content_terms`] turns those into the
//! normalised content terms the features compare: stopwords dropped, a few multi-word medical
//! phrases merged ("high blood pressure" → `hypertension`), a few synonyms and British spellings
//! mapped to one canonical term ("therapy", "cure" → `treat`), and everything else Porter-stemmed.

use crate::stem::stem;

/// Splits a text into lowercase word tokens.
///
/// A token is a run of letters or digits; everything else (spaces, punctuation, hyphens,
/// apostrophes) separates tokens. A lone `s` left by a possessive (`parkinson's`) is dropped.
///
/// ```
/// use vesalius_entail::tokenize;
/// assert_eq!(tokenize("Parkinson's: HOW is it treated?"), ["parkinson", "how", "is", "it", "treated"]);
/// ```
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
        } else if !cur.is_empty() {
            push_token(&mut out, std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        push_token(&mut out, cur);
    }
    out
}

fn push_token(out: &mut Vec<String>, token: String) {
    if token != "s" {
        out.push(token);
    }
}

/// Whether a lowercase word is a stopword (function words, question words and consumer
/// letter-writing filler such as "hello", "please", "thanks").
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The normalised content terms of a text, in order of appearance (duplicates kept).
///
/// ```
/// use vesalius_entail::content_terms;
/// assert_eq!(content_terms("How is high blood pressure treated?"), ["hypertension", "treat"]);
/// assert_eq!(content_terms("Is there a cure for tumours?"), ["treat", "tumor"]);
/// ```
pub fn content_terms(text: &str) -> Vec<String> {
    let tokens = tokenize(text);
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'outer: while i < tokens.len() {
        for (phrase, canonical) in PHRASES {
            if phrase.len() <= tokens.len() - i && phrase.iter().zip(&tokens[i..]).all(|(p, t)| p == t) {
                out.push((*canonical).to_string());
                i += phrase.len();
                continue 'outer;
            }
        }
        let word = &tokens[i];
        i += 1;
        if is_stopword(word) || (word.chars().count() < 2) {
            continue;
        }
        out.push(normalize_word(word));
    }
    out
}

/// Maps one lowercase word (not a stopword) to its canonical term: a synonym's canonical form
/// when it has one, its Porter stem otherwise.
pub fn normalize_word(word: &str) -> String {
    if let Some(canonical) = synonym(word) {
        return canonical.to_string();
    }
    let stemmed = stem(word);
    match synonym(&stemmed) {
        Some(canonical) => canonical.to_string(),
        None => stemmed,
    }
}

fn synonym(word: &str) -> Option<&'static str> {
    SYNONYMS.binary_search_by(|(w, _)| w.cmp(&word)).ok().map(|i| SYNONYMS[i].1)
}

/// Multi-word phrases merged into one canonical term (longest phrases first).
const PHRASES: &[(&[&str], &str)] = &[
    (&["high", "blood", "pressure"], "hypertension"),
    (&["low", "blood", "pressure"], "hypotension"),
    (&["shortness", "of", "breath"], "dyspnea"),
    (&["myocardial", "infarction"], "heartattack"),
    (&["heart", "attack"], "heartattack"),
    (&["heart", "attacks"], "heartattack"),
    (&["blood", "sugar"], "glucose"),
    (&["birth", "control"], "contraception"),
    (&["diabetes", "mellitus"], "diabetes"),
    (&["get", "rid"], "treat"),
    (&["side", "effect"], "sideeffect"),
    (&["side", "effects"], "sideeffect"),
];

/// Words (or stems) mapped to a canonical term; sorted by word for binary search.
const SYNONYMS: &[(&str, &str)] = &[
    ("anaemia", "anemia"),
    ("babi", "infant"),
    ("babies", "infant"),
    ("baby", "infant"),
    ("cancers", "cancer"),
    ("carcinoma", "cancer"),
    ("carcinomas", "cancer"),
    ("cardiac", "heart"),
    ("cerebral", "brain"),
    ("child", "child"),
    ("childhood", "child"),
    ("children", "child"),
    ("cure", "treat"),
    ("cured", "treat"),
    ("cures", "treat"),
    ("curing", "treat"),
    ("diagnos", "diagnos"),
    ("diagnose", "diagnos"),
    ("diagnosi", "diagnos"),
    ("diagnosis", "diagnos"),
    ("diagnost", "diagnos"),
    ("diagnostic", "diagnos"),
    ("diarrhoea", "diarrhea"),
    ("drug", "drug"),
    ("drugs", "drug"),
    ("gastric", "stomach"),
    ("genes", "gene"),
    ("genet", "gene"),
    ("genetic", "gene"),
    ("genetically", "gene"),
    ("haemorrhage", "hemorrhage"),
    ("hepatic", "liver"),
    ("hered", "gene"),
    ("hereditary", "gene"),
    ("infant", "infant"),
    ("infants", "infant"),
    ("kid", "child"),
    ("kids", "child"),
    ("leukaemia", "leukemia"),
    ("malignancy", "cancer"),
    ("med", "drug"),
    ("medic", "drug"),
    ("medication", "drug"),
    ("medications", "drug"),
    ("medicine", "drug"),
    ("medicines", "drug"),
    ("meds", "drug"),
    ("men", "man"),
    ("neoplasm", "tumor"),
    ("newborn", "infant"),
    ("newborns", "infant"),
    ("oedema", "edema"),
    ("oesophagus", "esophagus"),
    ("paediatric", "child"),
    ("pediatric", "child"),
    ("pregnanc", "pregnan"),
    ("pregnancies", "pregnan"),
    ("pregnancy", "pregnan"),
    ("pregnant", "pregnan"),
    ("pulmonary", "lung"),
    ("remedi", "treat"),
    ("remedies", "treat"),
    ("remedy", "treat"),
    ("renal", "kidney"),
    ("sign", "symptom"),
    ("signs", "symptom"),
    ("therapeut", "treat"),
    ("therapeutic", "treat"),
    ("therapi", "treat"),
    ("therapies", "treat"),
    ("therapy", "treat"),
    ("treatment", "treat"),
    ("treatments", "treat"),
    ("tumors", "tumor"),
    ("tumour", "tumor"),
    ("tumours", "tumor"),
    ("women", "woman"),
];

/// Stopwords, sorted for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "anything",
    "are",
    "aren",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "couldn",
    "dear",
    "did",
    "didn",
    "do",
    "does",
    "doesn",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "else",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "go",
    "going",
    "got",
    "had",
    "hadn",
    "has",
    "hasn",
    "have",
    "haven",
    "having",
    "he",
    "hello",
    "her",
    "here",
    "hers",
    "herself",
    "hi",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "im",
    "in",
    "into",
    "is",
    "isn",
    "it",
    "its",
    "itself",
    "ive",
    "just",
    "know",
    "let",
    "like",
    "ll",
    "madam",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "name",
    "need",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "ok",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "please",
    "pls",
    "re",
    "really",
    "same",
    "shall",
    "she",
    "should",
    "shouldn",
    "sir",
    "so",
    "some",
    "someone",
    "something",
    "still",
    "such",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "thx",
    "to",
    "too",
    "u",
    "under",
    "until",
    "up",
    "us",
    "ve",
    "very",
    "want",
    "was",
    "wasn",
    "we",
    "were",
    "weren",
    "what",
    "whats",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won",
    "would",
    "wouldn",
    "you",
    "your",
    "yours",
    "yourself",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "STOPWORDS not sorted");
        assert!(SYNONYMS.windows(2).all(|w| w[0].0 < w[1].0), "SYNONYMS not sorted");
    }

    #[test]
    fn tokenize_splits_and_lowercases() {
        assert_eq!(tokenize("HIV/AIDS treatment."), ["hiv", "aids", "treatment"]);
        assert_eq!(tokenize("  "), Vec::<String>::new());
        assert_eq!(tokenize("l4-l5 x-ray"), ["l4", "l5", "x", "ray"]);
        assert_eq!(tokenize("Ménière's disease"), ["ménière", "disease"]);
    }

    #[test]
    fn content_terms_drop_stopwords_and_stem() {
        assert_eq!(content_terms("What are the symptoms of asthma?"), ["symptom", "asthma"]);
        assert_eq!(content_terms("Hello, thanks!"), Vec::<String>::new());
        assert_eq!(content_terms("side effects of aspirin"), ["sideeffect", "aspirin"]);
    }

    #[test]
    fn synonyms_conflate() {
        assert_eq!(content_terms("treatments"), content_terms("therapy"));
        assert_eq!(content_terms("diagnosed"), content_terms("diagnosis"));
        assert_eq!(content_terms("medications"), content_terms("drug"));
        assert_eq!(content_terms("leukaemia"), content_terms("leukemia"));
        assert_eq!(content_terms("How to get rid of warts"), ["treat", "wart"]);
    }

    #[test]
    fn stopwords() {
        assert!(is_stopword("the"));
        assert!(is_stopword("please"));
        assert!(!is_stopword("asthma"));
        assert!(!is_stopword("treat"));
    }
}
