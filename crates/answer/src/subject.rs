//! The question's named subject: a condition or drug the question names ("carpal tunnel syndrome",
//! "diabetes", "ibuprofen") must be what an answer is about, or the engine says it has no answer about
//! *that*. Subjects are words with a condition's ending, the words before a condition head ("… syndrome"),
//! and the names of disorders and drugs in `data/subjects.txt` (MedQuAD's foci), so the check works on a
//! default install without MedQuAD.

use std::sync::OnceLock;

use crate::analysis::{words, FocusLexicon};

/// Word endings that mark the name of a condition.
const CONDITION_ENDINGS: &[&str] =
    &["itis", "osis", "emia", "aemia", "oma", "pathy", "algia", "plegia", "paresis", "trophy", "ectomy", "iasis"];
/// Words after which the one or two words before name a condition ("carpal tunnel syndrome").
const CONDITION_HEADS: &[&str] = &["syndrome", "disease", "disorder", "cancer", "palsy", "tumour", "tumor"];
/// Words before "nerve" that do not name one ("a pinched nerve").
const NERVE_ADJECTIVES: &[&str] = &[
    "pinched",
    "trapped",
    "damaged",
    "compressed",
    "irritated",
    "inflamed",
    "spinal",
    "peripheral",
    "cranial",
    "cutaneous",
    "sensory",
    "motor",
    "same",
    "main",
    "one",
];
/// Names in the subject list that are symptoms or findings the built-in content is about in general, not
/// subjects of their own ("leg pain", "weakness").
const GENERIC: &[&str] = &[
    "pain",
    "back pain",
    "low back pain",
    "leg pain",
    "neck pain",
    "weakness",
    "muscle weakness",
    "paralysis",
    "numbness",
    "tingling",
    "falls",
    "fatigue",
    "agitation",
    "stress",
    "spasm",
    "cramps",
    "muscle cramps",
    "reflex",
    "reflexes",
    "injury",
    "injuries",
    "wounds and injuries",
    "nerve damage",
    "nerve injury",
    "neuropathy",
    "paresthesia",
    "sensory loss",
    "foot pain",
    "hip pain",
    "knee pain",
    "thigh pain",
    "arm pain",
    "swelling",
    "atrophy",
    "muscle atrophy",
    "spasticity",
    "ataxia",
    "bruise",
    "bruises",
    "neuralgia",
];

/// The names of disorders and drugs (lowercase, one per line; `#` lines are comments).
const SUBJECT_NAMES: &str = include_str!("../data/subjects.txt");

/// The subject list as a lexicon, read once.
fn vocabulary() -> &'static FocusLexicon {
    static VOCABULARY: OnceLock<FocusLexicon> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let mut lexicon = FocusLexicon::default();
        for name in SUBJECT_NAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if GENERIC.contains(&name) {
                continue;
            }
            lexicon.add(name, name);
            // "carpal tunnel" names carpal tunnel syndrome too (but "down" does not name Down syndrome).
            if let Some(bare) = CONDITION_HEADS.iter().find_map(|h| name.strip_suffix(h)).map(str::trim) {
                if bare.contains(' ') || bare.len() >= 7 {
                    lexicon.add(bare, name);
                }
            }
        }
        lexicon
    })
}

/// True when `w`, the word before "nerve", names one: "ulnar", "femoral", "sciatic", "median", "saphenous",
/// "obturator" (not "pinched", "reflex" or "spinal").
fn names_a_nerve(w: &str) -> bool {
    const ENDINGS: &[&str] = &["al", "ar", "ic", "ous", "an", "ary", "or"];
    w.len() >= 4 && ENDINGS.iter().any(|e| w.ends_with(e)) && !NERVE_ADJECTIVES.contains(&w)
}

/// True when `w` (a lowercase word) looks like the name of a condition.
fn condition_word(w: &str) -> bool {
    const NOT_CONDITIONS: &[&str] = &["prognosis", "diagnosis", "diagnoses", "aroma", "diploma"];
    w.len() > 5 && CONDITION_ENDINGS.iter().any(|e| w.ends_with(e)) && !NOT_CONDITIONS.contains(&w)
}

/// The subjects `question` names, as lowercase phrases: names in the subject list (longest first),
/// condition-like words, and the words before a condition head (stop words excluded, the head kept).
pub(crate) fn named_subjects(question: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut named_words: Vec<String> = Vec::new();
    for (_, span) in crate::analysis::not_negated(question, vocabulary().find_spans(question)) {
        named_words.extend(words(&span));
        out.push(span);
    }
    let w = words(question);
    for (i, word) in w.iter().enumerate() {
        if named_words.contains(word) {
            continue;
        }
        if condition_word(word) {
            out.push(word.clone());
        }
        if word == "nerve" && i > 0 && names_a_nerve(&w[i - 1]) {
            out.push(format!("{} nerve", w[i - 1]));
        }
        if CONDITION_HEADS.contains(&word.as_str()) {
            let before: Vec<&str> = w[i.saturating_sub(2)..i]
                .iter()
                .filter(|p| !vesalius_entail::is_stopword(p))
                .map(String::as_str)
                .collect();
            if !before.is_empty() {
                out.push(format!("{} {word}", before.join(" ")));
            }
        }
    }
    for site in BODY_SITES {
        let site_words: Vec<String> = site.split(' ').map(str::to_string).collect();
        if contains_phrase(&w, &site_words) && !out.iter().any(|o| o == site) {
            out.push((*site).to_string());
        }
    }
    out.dedup();
    out
}

/// Parts of the body the built-in articles mention only in passing (the back of the hand, the upper arm, the
/// chest wall's dermatomes): a question about pain or trouble there ("what causes upper back pain?") names
/// the site as its subject, so an article answers only if it is about that site.
const BODY_SITES: &[&str] = &["upper back", "middle back", "mid back", "neck", "chest", "stomach", "abdomen", "belly"];

/// Words that end the name of a condition a question may name with an invented or unknown word ("gronkle
/// fever", "flimflam neuropathy").
const NAMED_BY_MODIFIER: &[&str] =
    &["fever", "neuropathy", "syndrome", "disease", "disorder", "infection", "virus", "palsy", "itis", "pox"];

/// Phrases "modifier condition" of the question ("gronkle fever") whose modifier is not part of a known subject
/// name, with the modifier: the engine refuses when the modifier is a word nothing it holds contains.
pub(crate) fn modified_conditions(question: &str) -> Vec<(String, String)> {
    let named: Vec<String> = crate::analysis::not_negated(question, vocabulary().find_spans(question))
        .into_iter()
        .filter(|(_, span)| span.contains(' '))
        .flat_map(|(_, span)| words(&span))
        .collect();
    let w = words(question);
    w.windows(2)
        .filter(|p| NAMED_BY_MODIFIER.contains(&p[1].as_str()) || p[1].ends_with("itis"))
        .filter(|p| p[0].len() >= 4 && p[0].chars().all(char::is_alphabetic) && !vesalius_entail::is_stopword(&p[0]))
        .filter(|p| !named.contains(&p[0]))
        .map(|p| (format!("{} {}", p[0], p[1]), p[0].clone()))
        .collect()
}

/// Levenshtein distance between two short words.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// A word in a form shared by its plural: "radiculopathies" and "radiculopathy", "syndromes" and
/// "syndrome" (but "diabetic" stays apart from "diabetes").
fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{s}y");
    }
    match w.strip_suffix('s') {
        Some(s) if s.len() > 3 && !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i') => s.to_string(),
        _ => w.to_string(),
    }
}

/// The words of a subject phrase that must be found, in order: a condition head ("syndrome") is not required.
fn required(subject: &str) -> Vec<String> {
    let w: Vec<String> = words(subject).iter().map(|w| singular(w)).collect();
    let without_heads: Vec<String> = w.iter().filter(|w| !CONDITION_HEADS.contains(&w.as_str())).cloned().collect();
    if without_heads.is_empty() {
        w
    } else {
        without_heads
    }
}

fn normalised(text: &str) -> Vec<String> {
    words(text).iter().map(|w| singular(w)).collect()
}

/// True when `phrase` appears in `words` as consecutive words.
fn contains_phrase(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase)
}

/// What an answer is about: its own words (title, question, topics) and its search phrases (keywords).
#[derive(Debug, Clone, Default)]
pub(crate) struct About {
    core: Vec<String>,
    phrases: Vec<Vec<String>>,
}

impl About {
    /// `core` is what the answer is about; `phrases` are search phrases it also answers.
    pub(crate) fn new(core: &str, phrases: &[String]) -> About {
        About { core: normalised(core), phrases: phrases.iter().map(|p| normalised(p)).collect() }
    }

    /// True when the answer is about `subject`: the subject's words appear together in the core, or in a
    /// search phrase that is the subject itself (at most one word more) or that shares another word with the
    /// question ("numb feet with diabetes" and "tingling feet diabetes", not "symptoms of diabetes").
    fn is_about(&self, subject: &str, question: &[String]) -> bool {
        let need = required(subject);
        contains_phrase(&self.core, &need)
            || self.phrases.iter().any(|p| {
                contains_phrase(p, &need)
                    && (p.len() <= need.len() + 1
                        || p.iter()
                            .any(|w| !need.contains(w) && !vesalius_entail::is_stopword(w) && question.contains(w)))
            })
    }
}

/// True when the answer is about every subject `question` names (`subjects`, from [`named_subjects`]).
pub(crate) fn covers(subjects: &[String], question: &str, about: &About) -> bool {
    let q = normalised(question);
    subjects.iter().all(|s| about.is_about(s, &q))
}

/// Question types an article answers only when one of its headings (or its own question) says so, with the
/// words that say it. Other types (what is it, symptoms, tests) are what every article here is about.
const TYPE_HEADINGS: &[(vesalius_entail::QType, &[&str])] = &[
    (
        vesalius_entail::QType::Treatment,
        &["treat", "manag", "what helps", "what should happen next", "what to do", "therap", "surgery"],
    ),
    (vesalius_entail::QType::Prevention, &["prevent", "avoid"]),
    (vesalius_entail::QType::Prognosis, &["natural history", "course", "outlook", "prognosis", "recover", "stages"]),
    (vesalius_entail::QType::Causes, &["cause", "which disc", "risk factor"]),
    (vesalius_entail::QType::Dosage, &["dose", "dosage"]),
    (vesalius_entail::QType::SideEffects, &["side effect", "adverse"]),
    (vesalius_entail::QType::Interactions, &["interaction"]),
];

/// The gated question types an article answers, from its headings and its question.
pub(crate) fn answered_types(question: &str, headings: &[&str]) -> Vec<vesalius_entail::QType> {
    let text: Vec<String> = std::iter::once(question).chain(headings.iter().copied()).map(str::to_lowercase).collect();
    TYPE_HEADINGS
        .iter()
        .filter(|(_, cues)| text.iter().any(|t| cues.iter().any(|c| t.contains(c))))
        .map(|(t, _)| *t)
        .collect()
}

/// True when an article answering `answered` (see [`answered_types`]) answers a question of `asked` types: a
/// question of a gated type (treatment, prevention, outlook, causes, drugs) needs an article with that part.
pub(crate) fn answers_type(asked: &[vesalius_entail::QType], answered: &[vesalius_entail::QType]) -> bool {
    let gated = |t: &vesalius_entail::QType| TYPE_HEADINGS.iter().any(|(g, _)| g == t);
    let wanted: Vec<_> = asked.iter().filter(|t| gated(t)).collect();
    wanted.is_empty() || wanted.iter().any(|t| answered.contains(t))
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

/// Phrases that describe symptoms on both sides or in a glove-and-stocking spread: a pattern, not one skin area.
const BOTH_SIDES: &[&str] =
    &["both feet", "both hands", "both legs", "both arms", "both sides", "socks", "stocking", "gloves", "glove"];

/// True when the question describes more than a change in feeling in one skin area: weakness, or symptoms on
/// both sides.
pub(crate) fn describes_more_than_skin(question: &str) -> bool {
    let q = question.to_lowercase().replace('’', "'");
    let words: Vec<&str> = q.split_whitespace().collect();
    WEAKNESS.iter().chain(BOTH_SIDES).any(|cue| {
        q.match_indices(cue).any(|(at, _)| {
            // "no weakness", "not weak": a denied finding is not described.
            let before = q[..at].split_whitespace().count();
            !words[before.saturating_sub(2)..before.min(words.len())]
                .iter()
                .any(|w| crate::analysis::NEGATIONS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_named_conditions_and_drugs() {
        assert_eq!(named_subjects("what is the treatment for carpal tunnel syndrome?"), ["carpal tunnel syndrome"]);
        assert_eq!(named_subjects("plantar fasciitis heel pain"), ["plantar fasciitis", "heel pain"]);
        assert_eq!(named_subjects("symptoms of diabetes"), ["diabetes"]);
        assert_eq!(named_subjects("carpal tunnel symptoms"), ["carpal tunnel"]);
        assert!(named_subjects("my feet are numb but I have no diabetes").is_empty(), "a denied subject");
        assert_eq!(named_subjects("how much ibuprofen can I take"), ["ibuprofen"]);
        assert!(named_subjects("what is the L4 dermatome?").is_empty());
        assert!(named_subjects("my big toe is numb and I can't lift my foot").is_empty());
        assert!(named_subjects("leg pain and weakness after lifting").is_empty(), "symptoms are not subjects");
        assert!(named_subjects("what is the prognosis of cauda equina?").is_empty());
    }

    #[test]
    fn a_body_site_the_articles_mention_in_passing_is_a_subject() {
        assert!(named_subjects("what causes upper back pain?").contains(&"upper back".to_string()));
        assert!(named_subjects("why does my stomach hurt").contains(&"stomach".to_string()));
        assert!(!named_subjects("numb foot and back pain").iter().any(|s| s.contains("back")));
    }

    #[test]
    fn an_answer_about_another_condition_does_not_cover() {
        let s = named_subjects("what is the treatment for carpal tunnel syndrome?");
        let meralgia = About::new("Meralgia paresthetica (lateral femoral cutaneous nerve entrapment)", &[]);
        let q = "what is the treatment for carpal tunnel syndrome?";
        assert!(!covers(&s, q, &meralgia));
        assert!(covers(&s, q, &About::new("Carpal tunnel syndrome: median nerve at the wrist", &[])));
        let q = "C6 radiculopathy symptoms";
        assert!(covers(&named_subjects(q), q, &About::new("cervical radiculopathies", &[])));
        let q = "femoral nerve injury symptoms";
        assert_eq!(named_subjects(q), ["femoral nerve"]);
        assert!(!covers(&named_subjects(q), q, &meralgia), "the lateral femoral cutaneous nerve is another nerve");
        let neuropathy = About::new(
            "Radiculopathy or peripheral neuropathy?",
            &["tingling feet diabetes".into(), "diabetic neuropathy".into()],
        );
        let q = "symptoms of diabetes";
        assert!(!covers(&named_subjects(q), q, &neuropathy), "a search phrase that only mentions it");
        let q = "numb feet with diabetes: is it my back or my nerves";
        assert!(covers(&named_subjects(q), q, &neuropathy), "a search phrase that matches the question");
        let q = "what is diabetic neuropathy";
        assert!(covers(&named_subjects(q), q, &neuropathy));
    }

    #[test]
    fn finds_conditions_named_by_a_modifier() {
        assert_eq!(
            modified_conditions("symptoms of gronkle fever"),
            [("gronkle fever".to_string(), "gronkle".to_string())]
        );
        assert!(modified_conditions("yellow fever vaccine").is_empty(), "a known name");
        assert!(modified_conditions("is it a fever").is_empty());
        assert_eq!(edit_distance("wieddeman", "wiedemann"), 2);
        assert_eq!(edit_distance("antiphosoholipid", "antiphospholipid"), 1);
    }

    #[test]
    fn a_treatment_question_needs_an_article_with_a_treatment_part() {
        use vesalius_entail::QType;
        let foot_drop = answered_types("Foot drop: L5 or peroneal?", &["Why the two look alike", "Other causes"]);
        assert!(foot_drop.contains(&QType::Causes) && !foot_drop.contains(&QType::Prevention));
        assert!(!answers_type(&[QType::Prevention], &foot_drop));
        assert!(answers_type(&[QType::Causes], &foot_drop));
        assert!(answers_type(&[QType::Information, QType::Symptoms], &foot_drop), "ungated types pass");
    }

    #[test]
    fn tells_weakness_from_numbness() {
        assert!(describes_more_than_skin("my big toe is numb and I can’t lift my foot"));
        assert!(describes_more_than_skin("tingling in both feet like wearing socks"));
        assert!(!describes_more_than_skin("my big toe is numb"));
        assert!(!describes_more_than_skin("burning numbness on the outer thigh, no weakness"));
    }
}
