//! Question-type detection by cue phrases ("how is … treated" → [`QType::Treatment`]).
//!
//! The text is split into sentences, and each sentence is matched against a table of cue
//! phrases. A cue is a sequence of words; a word ending in `*` matches any word with that
//! prefix, and a lone `*` matches any one word. A sentence whose only cues are general ones
//! ("what is", "information about", "tell me about") is an [`QType::Information`] question;
//! general cues next to a specific one ("what is the treatment for …") add nothing.

use std::fmt;
use std::sync::OnceLock;

use crate::text::tokenize;

/// A kind of medical question, as told by its cue phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QType {
    /// General information or definition: "what is X?", "information about X".
    Information,
    /// Symptoms and signs.
    Symptoms,
    /// Causes: "what causes X?", "why do I …".
    Causes,
    /// Treatment, cure, management, medication choice.
    Treatment,
    /// Diagnosis and tests.
    Diagnosis,
    /// Prevention and risk reduction.
    Prevention,
    /// Outlook, prognosis, survival, recovery.
    Prognosis,
    /// Genetics and inheritance.
    Genetics,
    /// Susceptibility: who gets it, risk factors.
    Susceptibility,
    /// Dose and dosage.
    Dosage,
    /// Side effects and adverse reactions of a drug or procedure.
    SideEffects,
    /// Drug (or food) interactions.
    Interactions,
    /// Complications and long-term effects.
    Complications,
    /// Frequency: how common it is.
    Frequency,
    /// Support groups, organisations and resources.
    SupportGroups,
    /// Coping and living with a condition.
    Coping,
    /// Research and clinical trials.
    Research,
    /// Transmission and contagiousness.
    Transmission,
    /// Safety and contraindications: "is it safe to …", "can I take … while pregnant".
    Safety,
    /// Diet, exercise and lifestyle.
    Lifestyle,
    /// Finding or choosing a doctor, specialist or when to see one.
    Specialist,
}

impl QType {
    /// Every question type, in declaration order.
    pub const ALL: [QType; 21] = [
        QType::Information,
        QType::Symptoms,
        QType::Causes,
        QType::Treatment,
        QType::Diagnosis,
        QType::Prevention,
        QType::Prognosis,
        QType::Genetics,
        QType::Susceptibility,
        QType::Dosage,
        QType::SideEffects,
        QType::Interactions,
        QType::Complications,
        QType::Frequency,
        QType::SupportGroups,
        QType::Coping,
        QType::Research,
        QType::Transmission,
        QType::Safety,
        QType::Lifestyle,
        QType::Specialist,
    ];

    /// The type's name in kebab case (`"side-effects"`).
    pub fn as_str(self) -> &'static str {
        match self {
            QType::Information => "information",
            QType::Symptoms => "symptoms",
            QType::Causes => "causes",
            QType::Treatment => "treatment",
            QType::Diagnosis => "diagnosis",
            QType::Prevention => "prevention",
            QType::Prognosis => "prognosis",
            QType::Genetics => "genetics",
            QType::Susceptibility => "susceptibility",
            QType::Dosage => "dosage",
            QType::SideEffects => "side-effects",
            QType::Interactions => "interactions",
            QType::Complications => "complications",
            QType::Frequency => "frequency",
            QType::SupportGroups => "support-groups",
            QType::Coping => "coping",
            QType::Research => "research",
            QType::Transmission => "transmission",
            QType::Safety => "safety",
            QType::Lifestyle => "lifestyle",
            QType::Specialist => "specialist",
        }
    }
}

impl fmt::Display for QType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The question types a text asks about, sorted and without duplicates (possibly empty).
///
/// ```
/// use vesalius_entail::{question_types, QType};
/// assert_eq!(question_types("How is asthma treated?"), [QType::Treatment]);
/// assert_eq!(question_types("What is asthma?"), [QType::Information]);
/// assert_eq!(question_types("What are the symptoms of asthma and how is it diagnosed?"),
///            [QType::Symptoms, QType::Diagnosis]);
/// ```
pub fn question_types(text: &str) -> Vec<QType> {
    let mut found = Vec::new();
    for sentence in sentences(text) {
        let words = tokenize(sentence);
        if words.is_empty() {
            continue;
        }
        let mut specific = Vec::new();
        let mut general = false;
        for (cue, qtype) in split_cues() {
            if contains_cue(&words, cue) {
                match qtype {
                    Some(t) => specific.push(*t),
                    None => general = true,
                }
            }
        }
        // "What are the side effects" must not also count as complications ("effects").
        if specific.contains(&QType::SideEffects) {
            specific.retain(|t| *t != QType::Complications);
        }
        if specific.is_empty() && general {
            specific.push(QType::Information);
        }
        found.extend(specific);
    }
    found.sort();
    found.dedup();
    found
}

/// Splits text into sentences on `.`, `?`, `!`, `;` and line breaks.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '?', '!', ';', '\n', '|']).filter(|s| !s.trim().is_empty())
}

/// The cue table with each cue split into words (done once).
fn split_cues() -> &'static [(Vec<&'static str>, Option<QType>)] {
    static SPLIT: OnceLock<Vec<(Vec<&'static str>, Option<QType>)>> = OnceLock::new();
    SPLIT.get_or_init(|| CUES.iter().map(|(cue, t)| (cue.split(' ').collect(), *t)).collect())
}

/// Whether the cue's words (`*` wildcards) occur in sequence in `words`.
fn contains_cue(words: &[String], parts: &[&str]) -> bool {
    if parts.len() > words.len() {
        return false;
    }
    (0..=words.len() - parts.len()).any(|start| parts.iter().zip(&words[start..]).all(|(p, w)| word_matches(p, w)))
}

fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => pattern == word,
    }
}

/// Cue phrases; `None` marks a general cue (information only when nothing specific is asked).
const CUES: &[(&str, Option<QType>)] = &[
    ("what is", None),
    ("what are", None),
    ("what s", None),
    ("whats", None),
    ("information*", None),
    ("info", None),
    ("tell me", None),
    ("learn*", None),
    ("explain*", None),
    ("defin*", None),
    ("meaning", None),
    ("mean", None),
    ("details", None),
    ("overview", None),
    ("know about", None),
    ("know more", None),
    ("more about", None),
    ("symptom*", Some(QType::Symptoms)),
    ("signs", Some(QType::Symptoms)),
    ("sign of", Some(QType::Symptoms)),
    ("manifest*", Some(QType::Symptoms)),
    ("feel like", Some(QType::Symptoms)),
    ("look like", Some(QType::Symptoms)),
    ("how do i know if", Some(QType::Symptoms)),
    ("cause*", Some(QType::Causes)),
    ("causing", Some(QType::Causes)),
    ("why do*", Some(QType::Causes)),
    ("why is", Some(QType::Causes)),
    ("why am", Some(QType::Causes)),
    ("why are", Some(QType::Causes)),
    ("why did", Some(QType::Causes)),
    ("why would", Some(QType::Causes)),
    ("reason*", Some(QType::Causes)),
    ("what makes", Some(QType::Causes)),
    ("due to", Some(QType::Causes)),
    ("trigger*", Some(QType::Causes)),
    ("etiology", Some(QType::Causes)),
    ("treat*", Some(QType::Treatment)),
    ("therap*", Some(QType::Treatment)),
    ("cure*", Some(QType::Treatment)),
    ("curing", Some(QType::Treatment)),
    ("curable", Some(QType::Treatment)),
    ("remed*", Some(QType::Treatment)),
    ("medication*", Some(QType::Treatment)),
    ("medicine*", Some(QType::Treatment)),
    ("manag*", Some(QType::Treatment)),
    ("get rid", Some(QType::Treatment)),
    ("heal*", Some(QType::Treatment)),
    ("reliev*", Some(QType::Treatment)),
    ("relief", Some(QType::Treatment)),
    ("surger*", Some(QType::Treatment)),
    ("surgical*", Some(QType::Treatment)),
    ("operat*", Some(QType::Treatment)),
    ("remov*", Some(QType::Treatment)),
    ("rehabilitation", Some(QType::Treatment)),
    ("physiotherapy", Some(QType::Treatment)),
    ("what should i do", Some(QType::Treatment)),
    ("what can i do", Some(QType::Treatment)),
    ("what can be done", Some(QType::Treatment)),
    ("how to stop", Some(QType::Treatment)),
    ("how can i stop", Some(QType::Treatment)),
    ("options", Some(QType::Treatment)),
    // Consumers ask for treatment as a plea for help (LiveQA training questions).
    ("help", Some(QType::Treatment)),
    ("helps", Some(QType::Treatment)),
    ("overcome", Some(QType::Treatment)),
    ("take care of", Some(QType::Treatment)),
    ("solve", Some(QType::Treatment)),
    ("how to reduc*", Some(QType::Treatment)),
    ("how can i lower", Some(QType::Treatment)),
    ("how to lower", Some(QType::Treatment)),
    ("lose weight", Some(QType::Treatment)),
    ("exercises for", Some(QType::Treatment)),
    ("diagnos*", Some(QType::Diagnosis)),
    ("test", Some(QType::Diagnosis)),
    ("tests", Some(QType::Diagnosis)),
    ("testing", Some(QType::Diagnosis)),
    ("tested", Some(QType::Diagnosis)),
    ("detect*", Some(QType::Diagnosis)),
    ("screen*", Some(QType::Diagnosis)),
    ("biops*", Some(QType::Diagnosis)),
    ("scan", Some(QType::Diagnosis)),
    ("mri", Some(QType::Diagnosis)),
    ("evaluat*", Some(QType::Diagnosis)),
    ("work up", Some(QType::Diagnosis)),
    ("workup", Some(QType::Diagnosis)),
    ("do i have", Some(QType::Diagnosis)),
    ("could it be", Some(QType::Diagnosis)),
    ("prevent*", Some(QType::Prevention)),
    ("avoid*", Some(QType::Prevention)),
    ("reduce the risk", Some(QType::Prevention)),
    ("reduce my risk", Some(QType::Prevention)),
    ("lower the risk", Some(QType::Prevention)),
    ("protect*", Some(QType::Prevention)),
    ("vaccin*", Some(QType::Prevention)),
    ("immuniz*", Some(QType::Prevention)),
    ("prognos*", Some(QType::Prognosis)),
    ("outlook", Some(QType::Prognosis)),
    ("life expectancy", Some(QType::Prognosis)),
    ("surviv*", Some(QType::Prognosis)),
    ("how long", Some(QType::Prognosis)),
    ("recover*", Some(QType::Prognosis)),
    ("go away", Some(QType::Prognosis)),
    ("long term", Some(QType::Prognosis)),
    ("fatal", Some(QType::Prognosis)),
    ("die", Some(QType::Prognosis)),
    ("dying", Some(QType::Prognosis)),
    ("success rate", Some(QType::Prognosis)),
    ("follow up*", Some(QType::Prognosis)),
    ("followup*", Some(QType::Prognosis)),
    ("get worse", Some(QType::Prognosis)),
    ("permanent*", Some(QType::Prognosis)),
    ("inherit*", Some(QType::Genetics)),
    ("genetic*", Some(QType::Genetics)),
    ("gene", Some(QType::Genetics)),
    ("genes", Some(QType::Genetics)),
    ("hereditary", Some(QType::Genetics)),
    ("runs in", Some(QType::Genetics)),
    ("passed down", Some(QType::Genetics)),
    ("mutation*", Some(QType::Genetics)),
    ("chromosom*", Some(QType::Genetics)),
    ("family history", Some(QType::Genetics)),
    ("who gets", Some(QType::Susceptibility)),
    ("who get", Some(QType::Susceptibility)),
    ("who is at risk", Some(QType::Susceptibility)),
    ("at risk", Some(QType::Susceptibility)),
    ("risk factor*", Some(QType::Susceptibility)),
    ("more likely", Some(QType::Susceptibility)),
    ("susceptib*", Some(QType::Susceptibility)),
    ("prone", Some(QType::Susceptibility)),
    ("can * get", Some(QType::Susceptibility)),
    ("dose", Some(QType::Dosage)),
    ("doses", Some(QType::Dosage)),
    ("dosage*", Some(QType::Dosage)),
    ("dosing", Some(QType::Dosage)),
    ("how much", Some(QType::Dosage)),
    ("mg", Some(QType::Dosage)),
    ("overdos*", Some(QType::Dosage)),
    ("side effect*", Some(QType::SideEffects)),
    ("sideeffect*", Some(QType::SideEffects)),
    ("adverse", Some(QType::SideEffects)),
    ("reaction*", Some(QType::SideEffects)),
    ("interact*", Some(QType::Interactions)),
    ("together with", Some(QType::Interactions)),
    ("combin*", Some(QType::Interactions)),
    ("mix*", Some(QType::Interactions)),
    ("complication*", Some(QType::Complications)),
    ("lead to", Some(QType::Complications)),
    ("effect", Some(QType::Complications)),
    ("effects", Some(QType::Complications)),
    ("consequence*", Some(QType::Complications)),
    ("damage*", Some(QType::Complications)),
    ("how common", Some(QType::Frequency)),
    ("how many people", Some(QType::Frequency)),
    ("prevalen*", Some(QType::Frequency)),
    ("incidence", Some(QType::Frequency)),
    ("statistic*", Some(QType::Frequency)),
    ("how often", Some(QType::Frequency)),
    ("support", Some(QType::SupportGroups)),
    ("organization*", Some(QType::SupportGroups)),
    ("organisation*", Some(QType::SupportGroups)),
    ("association*", Some(QType::SupportGroups)),
    ("foundation*", Some(QType::SupportGroups)),
    ("resource*", Some(QType::SupportGroups)),
    ("cope", Some(QType::Coping)),
    ("coping", Some(QType::Coping)),
    ("living with", Some(QType::Coping)),
    ("live with", Some(QType::Coping)),
    ("deal with", Some(QType::Coping)),
    ("dealing with", Some(QType::Coping)),
    ("research*", Some(QType::Research)),
    ("clinical trial*", Some(QType::Research)),
    ("trials", Some(QType::Research)),
    ("study", Some(QType::Research)),
    ("studies", Some(QType::Research)),
    ("latest", Some(QType::Research)),
    ("contagious", Some(QType::Transmission)),
    ("spread*", Some(QType::Transmission)),
    ("transmi*", Some(QType::Transmission)),
    ("infectious", Some(QType::Transmission)),
    ("catch", Some(QType::Transmission)),
    ("give it to", Some(QType::Transmission)),
    ("pass it to", Some(QType::Transmission)),
    ("pass it on", Some(QType::Transmission)),
    ("get it from", Some(QType::Transmission)),
    ("expose", Some(QType::Transmission)),
    ("safe*", Some(QType::Safety)),
    ("contraindicat*", Some(QType::Safety)),
    ("ok to", Some(QType::Safety)),
    ("okay to", Some(QType::Safety)),
    ("dangerous", Some(QType::Safety)),
    ("can i take", Some(QType::Safety)),
    ("can i use", Some(QType::Safety)),
    ("should i take", Some(QType::Safety)),
    ("diet*", Some(QType::Lifestyle)),
    ("food*", Some(QType::Lifestyle)),
    ("eat", Some(QType::Lifestyle)),
    ("eating", Some(QType::Lifestyle)),
    ("exercis*", Some(QType::Lifestyle)),
    ("lifestyle", Some(QType::Lifestyle)),
    ("nutrition*", Some(QType::Lifestyle)),
    ("specialist*", Some(QType::Specialist)),
    ("see a doctor", Some(QType::Specialist)),
    ("find a doctor", Some(QType::Specialist)),
    ("which doctor", Some(QType::Specialist)),
    ("what kind of doctor", Some(QType::Specialist)),
    ("who should i see", Some(QType::Specialist)),
    ("when to see", Some(QType::Specialist)),
    ("should i be concerned", Some(QType::Specialist)),
    ("worry", Some(QType::Specialist)),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn types(text: &str) -> Vec<QType> {
        question_types(text)
    }

    #[test]
    fn faq_style_questions() {
        use QType::*;
        assert_eq!(types("What is fibromyalgia?"), [Information]);
        assert_eq!(types("Who Gets Fibromyalgia?"), [Susceptibility]);
        assert_eq!(types("What Causes Fibromyalgia?"), [Causes]);
        assert_eq!(types("How Is Fibromyalgia Diagnosed?"), [Diagnosis]);
        assert_eq!(types("How is HIV/AIDS treated?"), [Treatment]);
        assert_eq!(types("What is the prognosis for shingles?"), [Prognosis]);
        assert_eq!(types("What are the side effects of Florinef?"), [SideEffects]);
        assert_eq!(types("Is hemochromatosis inherited?"), [Genetics]);
        assert_eq!(types("How can I prevent the flu?"), [Prevention]);
        assert_eq!(types("What is the usual dose of amoxicillin?"), [Dosage]);
        assert_eq!(types("Can I take ibuprofen with warfarin?"), [Safety]);
        assert_eq!(types("Does St John's wort interact with the pill?"), [Interactions]);
        assert_eq!(types("What are the complications of diabetes?"), [Complications]);
        assert_eq!(types("How common is psoriasis?"), [Frequency]);
        assert_eq!(types("Are there support groups for lupus?"), [SupportGroups]);
        assert_eq!(types("What are the symptoms of measles?"), [Symptoms]);
        assert_eq!(types("Is shingles contagious?"), [Transmission]);
    }

    #[test]
    fn consumer_style_text() {
        use QType::*;
        assert_eq!(types("I want more information on fibromyalgia. Thanks"), [Information]);
        assert_eq!(
            types("is there any help available,for fibromalgia. is there any treatment s available.?"),
            [Treatment]
        );
        assert_eq!(types("I want more information on HIV/AIDS treatment"), [Treatment]);
        assert_eq!(types("Hello, my name is X."), Vec::<QType>::new());
        assert_eq!(types(""), Vec::<QType>::new());
    }

    #[test]
    fn general_cue_is_dropped_beside_specific_cue() {
        assert_eq!(types("What is the treatment for thyroid nodules?"), [QType::Treatment]);
        assert_eq!(types("What is gout? How is it treated?"), [QType::Information, QType::Treatment]);
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = QType::ALL.iter().map(|t| t.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), QType::ALL.len());
        assert_eq!(QType::SideEffects.to_string(), "side-effects");
    }
}
