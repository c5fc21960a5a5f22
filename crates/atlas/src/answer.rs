//! Atlas questions: recognising a look-up ("which root does the ankle jerk test?") and dispatching it to
//! the composer. Questions that are not atlas look-ups (definitions, causes, treatment) get `None`.

use serde::Serialize;
use vesalius_core::Section;

use crate::atlas::{Atlas, Entity};
use crate::text;

/// An answer composed from atlas data, in the same shape as article content: text carries `[@ref-id]`
/// markers that the answer engine numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtlasAnswer {
    /// A short title.
    pub title: String,
    /// The answer in a few sentences, with citation markers.
    pub summary: String,
    /// Supporting sections, with citation markers.
    pub sections: Vec<Section>,
    /// Slugs of the atlas files used (each a reviewable unit).
    pub sources: Vec<String>,
    /// How sure the recogniser is that this is the look-up asked for, 0–1.
    pub confidence: f32,
}

/// The answer with every text reworded in anatomical terms ([`crate::atlas::ANATOMICAL_WORDING`]).
fn anatomical_wording(mut answer: AtlasAnswer) -> AtlasAnswer {
    let pairs = crate::atlas::ANATOMICAL_WORDING;
    let reword = |t: &str| crate::atlas::reword(t, pairs);
    answer.title = reword(&answer.title);
    answer.summary = reword(&answer.summary);
    for section in &mut answer.sections {
        section.heading = reword(&section.heading);
        for block in &mut section.blocks {
            match block {
                vesalius_core::Block::Paragraph { text } | vesalius_core::Block::Heading { text } => {
                    *text = reword(text)
                }
                vesalius_core::Block::List { items, .. } => items.iter_mut().for_each(|i| *i = reword(i)),
            }
        }
    }
    answer
}

/// Words that mark a question about treatment, causes or course: not an atlas look-up.
const BLOCKERS: &[&str] = &[
    "treat",
    "treatment",
    "treated",
    "treating",
    "manage",
    "management",
    "managed",
    "surgery",
    "operation",
    "cure",
    "prognosi",
    "prognosis",
    "exercise",
    "medication",
    "medicine",
    "drug",
    "cause",
    "caused",
    "why",
    "recover",
    "recovery",
    "symptom",
    "risk",
    "prevent",
    "heal",
    "injection",
    "physiotherapy",
    "therapy",
];

/// Words naming a disorder: with no look-up word, the question is about the disorder, not the anatomy.
const DISORDERS: &[&str] = &[
    "radiculopathy",
    "neuropathy",
    "syndrome",
    "palsy",
    "sciatica",
    "meralgia",
    "paresthetica",
    "paraesthetica",
    "stenosi",
    "stenosis",
    "disc",
    "herniation",
    "entrapment",
    "myelopathy",
    "polyneuropathy",
    "equina",
    "injury",
];

/// Words naming pain: with no look-up word, "pain between my shoulder blades" asks what causes it, not which
/// dermatome the skin there belongs to.
const PAIN: &[&str] = &["pain", "painful", "ache", "aches", "aching", "hurt", "hurts", "sore"];

/// Words that ask for anatomy.
const LOOKUPS: &[&str] = &[
    "dermatome",
    "myotome",
    "key",
    "root",
    "supply",
    "supplie",
    "supplied",
    "innervate",
    "innervated",
    "innervation",
    "nerve",
    "level",
    "reflex",
    "jerk",
    "segment",
    "cover",
    "territory",
    "which",
    "map",
];

/// What a question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ask {
    Reflex(usize),
    Movement { index: usize, named_muscle: Option<String> },
    Nerve(usize),
    Region { ids: Vec<String>, name: String, nerve_first: bool },
    Root { root: String, focus: Focus },
}

/// Which part of a root's supply is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Focus {
    All,
    KeyPoint,
    Muscles,
    Skin,
    Reflex,
}

fn has(words: &[String], any: &[&str]) -> bool {
    words.iter().any(|w| any.contains(&w.as_str()))
}

impl Atlas {
    /// Answers an atlas look-up from the data, or `None` when the question is not one (e.g. "what is
    /// meralgia paresthetica?" or "how do you treat sciatica?").
    pub fn answer(&self, question: &str) -> Option<AtlasAnswer> {
        let (ask, explicit) = self.parse_question(question)?;
        let mut answer = match ask {
            Ask::Reflex(i) => self.compose_reflex(&self.reflexes[i]),
            Ask::Movement { index, named_muscle } => {
                self.compose_movement(&self.movements[index], named_muscle.as_deref())
            }
            Ask::Nerve(i) => self.compose_nerve(&self.nerves[i]),
            Ask::Region { ids, name, nerve_first } => self.compose_region(&ids, &name, nerve_first)?,
            Ask::Root { root, focus } => self.compose_root(&root, focus)?,
        };
        answer.confidence = if explicit { answer.confidence } else { answer.confidence - 0.15 };
        if self.anatomical {
            answer = anatomical_wording(answer);
        }
        Some(answer)
    }

    /// The look-up a question asks for and whether it used an explicit look-up word.
    pub(crate) fn parse_question(&self, question: &str) -> Option<(Ask, bool)> {
        let words = text::words(question);
        if words.is_empty() || has(&words, BLOCKERS) {
            return None;
        }
        let explicit = has(&words, LOOKUPS);
        if (has(&words, DISORDERS) || has(&words, PAIN)) && !explicit {
            return None;
        }
        let mut taken = vec![false; words.len()];
        let mut found: Vec<(Entity, String)> = Vec::new();
        for (name, entity) in &self.names {
            let mut from = 0;
            while let Some(rel) = text::find_words(&words[from..], name) {
                let at = from + rel;
                if taken[at..at + name.len()].iter().all(|t| !t) {
                    taken[at..at + name.len()].iter_mut().for_each(|t| *t = true);
                    found.push((*entity, name.join(" ")));
                }
                from = at + 1;
            }
        }
        let roots: Vec<String> =
            words.iter().filter_map(|w| text::root_of_word(w)).filter(|r| self.roots.contains(r)).collect();
        let first = |pick: fn(Entity) -> Option<usize>| found.iter().find_map(|(e, n)| pick(*e).map(|i| (i, n)));
        if let Some((i, _)) = first(|e| if let Entity::Reflex(i) = e { Some(i) } else { None }) {
            return Some((Ask::Reflex(i), explicit));
        }
        if let Some((i, _)) = first(|e| if let Entity::Nerve(i) = e { Some(i) } else { None }) {
            return Some((Ask::Nerve(i), explicit));
        }
        if let Some((index, name)) = first(|e| if let Entity::Movement(i) = e { Some(i) } else { None }) {
            let m = &self.movements[index];
            let named_muscle = m.muscles.iter().find(|x| text::key(x) == *name).cloned();
            return Some((Ask::Movement { index, named_muscle }, explicit));
        }
        let region = found.iter().find_map(|(e, n)| match e {
            Entity::Region(i) => {
                Some((vec![self.regions[*i].id.clone()], self.region_name(&self.regions[*i]).to_string(), n))
            }
            Entity::Group(i) => Some((self.groups[*i].regions.clone(), self.groups[*i].label.clone(), n)),
            _ => None,
        });
        if let Some((ids, name, _)) = region {
            let nerve_first = has(&words, &["nerve"]) && !has(&words, &["dermatome", "root", "level", "segment"]);
            return Some((Ask::Region { ids, name, nerve_first }, explicit));
        }
        let root = roots.into_iter().next()?;
        let focus = if has(&words, &["key"]) && has(&words, &["point", "sensory"]) || has(&words, &["point"]) {
            Focus::KeyPoint
        } else if has(&words, &["muscle", "myotome", "movement", "weakness", "strength"]) {
            Focus::Muscles
        } else if has(&words, &["dermatome", "skin", "sensation", "numbness"]) {
            Focus::Skin
        } else if has(&words, &["reflex", "jerk"]) {
            Focus::Reflex
        } else {
            Focus::All
        };
        Some((Ask::Root { root, focus }, explicit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> Atlas {
        let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
        Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn recognises_the_kind_of_look_up() {
        let a = atlas();
        let ask = |q: &str| a.parse_question(q).map(|(ask, _)| ask);
        assert!(matches!(ask("what root does the ankle reflex test?"), Some(Ask::Reflex(_))));
        assert!(matches!(ask("which nerve supplies tibialis anterior?"), Some(Ask::Movement { .. })));
        assert!(matches!(ask("what are the roots of the femoral nerve?"), Some(Ask::Nerve(_))));
        assert!(matches!(
            ask("which nerve supplies the first web space?"),
            Some(Ask::Region { nerve_first: true, .. })
        ));
        assert!(matches!(
            ask("which dermatome covers the dorsum of the foot?"),
            Some(Ask::Region { nerve_first: false, .. })
        ));
        assert_eq!(ask("key point for L4?"), Some(Ask::Root { root: "L4".into(), focus: Focus::KeyPoint }));
        assert_eq!(ask("what does L5 supply?"), Some(Ask::Root { root: "L5".into(), focus: Focus::All }));
        assert_eq!(ask("what is meralgia paresthetica?"), None);
        assert_eq!(ask("how do you treat sciatica?"), None);
    }
}
