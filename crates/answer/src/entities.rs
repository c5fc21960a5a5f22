//! What a question is about and what it asks: the named things in it (spinal roots, reflexes, nerves,
//! regions and limbs, muscles, diseases), each with its span in the text, and the aspect it asks for
//! (dermatome, reflex, treatment, inheritance…). Follow-ups are rewritten with these (see `thread.rs`).
//!
//! Atlas things come from the atlas's own vocabulary ([`vesalius_atlas::Atlas::mentions`]); diseases from
//! the MedQuAD foci ([`FocusLexicon`]); limbs and a few reflexes the atlas has no entry for from a short
//! list here; and when nothing known is named, the question's longest run of content words is its topic.

use vesalius_atlas::{tokens, Atlas, MentionKind, Token};

use crate::analysis::FocusLexicon;

/// The kind of a named thing. Kinds decide what a follow-up's new name replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Root,
    Reflex,
    Nerve,
    /// An atlas skin region ("dorsum of the foot", "hand").
    Region,
    /// A limb or large body part ("lower limb", "trunk", "knee").
    Limb,
    /// A tested movement or a muscle.
    Movement,
    /// A disease, condition or other topic.
    Topic,
}

impl Kind {
    /// Whether a name of kind `other` can take the place of one of this kind.
    pub(crate) fn same_as(self, other: Kind) -> bool {
        self == other || matches!((self, other), (Kind::Region | Kind::Limb, Kind::Region | Kind::Limb))
    }

    /// Whether the name reads naturally with "the" in front ("the knee jerk", but "L5", "shingles").
    pub(crate) fn takes_article(self) -> bool {
        !matches!(self, Kind::Root | Kind::Topic | Kind::Movement)
    }
}

/// A named thing in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entity {
    pub kind: Kind,
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    /// How to write it: the text as written, or a root's canonical name (`l 5` → `L5`).
    pub text: String,
}

/// Limbs and large body parts the atlas has no single region for, and reflexes it does not map.
const EXTRA_NAMES: &[(&str, Kind)] = &[
    ("lower limb", Kind::Limb),
    ("lower limbs", Kind::Limb),
    ("lower extremity", Kind::Limb),
    ("lower extremities", Kind::Limb),
    ("leg", Kind::Limb),
    ("legs", Kind::Limb),
    ("upper limb", Kind::Limb),
    ("upper limbs", Kind::Limb),
    ("upper extremity", Kind::Limb),
    ("upper extremities", Kind::Limb),
    ("arm", Kind::Limb),
    ("arms", Kind::Limb),
    ("trunk", Kind::Limb),
    ("torso", Kind::Limb),
    ("chest", Kind::Limb),
    ("abdomen", Kind::Limb),
    ("knee", Kind::Limb),
    ("knees", Kind::Limb),
    ("thigh", Kind::Limb),
    ("thighs", Kind::Limb),
    ("hip", Kind::Limb),
    ("ankle", Kind::Limb),
    ("shoulder", Kind::Limb),
    ("elbow", Kind::Limb),
    ("wrist", Kind::Limb),
    ("forearm", Kind::Limb),
    ("plantar reflex", Kind::Reflex),
    ("plantar response", Kind::Reflex),
    ("babinski sign", Kind::Reflex),
    ("babinski", Kind::Reflex),
    ("jaw jerk", Kind::Reflex),
    ("abdominal reflex", Kind::Reflex),
    ("abdominal reflexes", Kind::Reflex),
    ("cremasteric reflex", Kind::Reflex),
    ("hoffmann sign", Kind::Reflex),
];

/// Words of a disorder that, right after a root or nerve, make one name with it ("L5 radiculopathy").
const DISORDER_WORDS: &[&str] = &[
    "radiculopathy",
    "radiculopathies",
    "neuropathy",
    "palsy",
    "syndrome",
    "entrapment",
    "compression",
    "lesion",
    "lesions",
    "injury",
    "impingement",
];

/// The named things in `text`, in text order, without overlaps (the longest name wins; atlas names win
/// ties). With no known name, the longest run of content words is the topic.
pub(crate) fn entities(text: &str, atlas: Option<&Atlas>, lexicon: &FocusLexicon) -> Vec<Entity> {
    let toks = tokens(text);
    let mut found: Vec<Entity> = Vec::new();
    if let Some(a) = atlas {
        for m in a.mentions(text) {
            let kind = match m.kind {
                MentionKind::Root => Kind::Root,
                MentionKind::Region => Kind::Region,
                MentionKind::Movement => Kind::Movement,
                MentionKind::Reflex => Kind::Reflex,
                MentionKind::Nerve => Kind::Nerve,
            };
            let written = text.get(m.start..m.end).unwrap_or_default().to_string();
            let text = if kind == Kind::Root { m.id } else { written };
            found.push(Entity { kind, start: m.start, end: m.end, text });
        }
    }
    for (name, kind) in EXTRA_NAMES {
        let name: Vec<&str> = name.split(' ').collect();
        for at in find_all(&toks, &name) {
            let (start, end) = (toks[at].start, toks[at + name.len() - 1].end);
            found.push(Entity { kind: *kind, start, end, text: text[start..end].to_string() });
        }
    }
    for (_, surface) in lexicon.find_spans(text) {
        let name: Vec<&str> = surface.split(' ').collect();
        if let Some(at) = find_all(&toks, &name).into_iter().next() {
            let (start, end) = (toks[at].start, toks[at + name.len() - 1].end);
            found.push(Entity { kind: Kind::Topic, start, end, text: text[start..end].to_string() });
        }
    }
    // Longest first (stable: atlas names before the others), then keep those that do not overlap.
    found.sort_by_key(|e| std::cmp::Reverse(e.end - e.start));
    let mut kept: Vec<Entity> = Vec::new();
    for e in found {
        if kept.iter().all(|k| e.end <= k.start || e.start >= k.end) {
            kept.push(e);
        }
    }
    kept.sort_by_key(|e| e.start);
    if kept.is_empty() {
        kept.extend(topic(text, &toks));
    }
    kept
}

fn find_all(toks: &[Token], name: &[&str]) -> Vec<usize> {
    if name.is_empty() || name.len() > toks.len() {
        return Vec::new();
    }
    (0..=toks.len() - name.len())
        .filter(|&i| toks[i..i + name.len()].iter().zip(name).all(|(t, n)| t.lower == *n))
        .collect()
}

/// Question words, verbs of asking and other words that are never a topic.
const NOT_TOPIC: &[&str] = &[
    "tell",
    "explain",
    "describe",
    "list",
    "mean",
    "means",
    "meaning",
    "called",
    "define",
    "definition",
    "know",
    "need",
    "please",
    "information",
    "info",
    "happen",
    "happens",
    "affect",
    "affects",
    "get",
    "gets",
    "test",
    "tests",
    "tested",
    "key",
    "point",
    "points",
    "sensory",
    "supply",
    "supplies",
    "supplied",
    "cover",
    "covers",
    "carry",
    "carries",
    "look",
    "like",
];

/// Who a follow-up narrows the question to ("and in children?").
pub(crate) const POPULATIONS: &[&str] = &[
    "children",
    "child",
    "kids",
    "babies",
    "baby",
    "infants",
    "newborns",
    "adults",
    "elderly",
    "older",
    "women",
    "men",
    "pregnancy",
    "pregnant",
    "teenagers",
    "adolescents",
    "athletes",
];

/// Nouns that end a topic's name and say what kind of thing it is ("pudendal nerve").
const HEAD_NOUNS: &[(&str, Kind)] =
    &[("nerve", Kind::Nerve), ("reflex", Kind::Reflex), ("jerk", Kind::Reflex), ("muscle", Kind::Movement)];

/// Whether a lowercase word can be part of a topic's name.
pub(crate) fn is_content(word: &str) -> bool {
    !vesalius_entail::is_stopword(word)
        && !NOT_TOPIC.contains(&word)
        && !POPULATIONS.contains(&word)
        && crate::thread::aspect_of(word).is_none()
}

/// The longest run of content words (a possessive "'s" inside it is kept), or a run ending in a head noun.
fn topic(text: &str, toks: &[Token]) -> Option<Entity> {
    let mut best: Option<(usize, usize, Kind)> = None;
    let mut i = 0;
    while i < toks.len() {
        if !is_content(&toks[i].lower) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && (is_content(&toks[j].lower) || (toks[j].lower == "s" && text[..toks[j].start].ends_with('\'')))
        {
            j += 1;
        }
        let mut kind = Kind::Topic;
        if let Some((_, k)) = toks.get(j).and_then(|t| HEAD_NOUNS.iter().find(|(w, _)| *w == t.lower)) {
            kind = *k;
            j += 1;
        }
        if best.is_none_or(|(s, e, _)| j - i > e - s) {
            best = Some((i, j, kind));
        }
        i = j;
    }
    let (s, e, kind) = best?;
    let (start, end) = (toks[s].start, toks[e - 1].end);
    Some(Entity { kind, start, end, text: text[start..end].to_string() })
}

/// The entity's name extended over a disorder word that follows it ("L5" → "L5 radiculopathy").
pub(crate) fn with_disorder(text: &str, e: &Entity) -> Entity {
    let rest = text.get(e.end..).unwrap_or_default();
    let next = tokens(rest).into_iter().next();
    match next.filter(|t| DISORDER_WORDS.contains(&t.lower.as_str()) && rest[..t.start].trim().is_empty()) {
        Some(t) => Entity {
            kind: Kind::Topic,
            start: e.start,
            end: e.end + t.end,
            text: format!("{} {}", e.text, &rest[t.start..t.end]),
        },
        None => e.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> Atlas {
        let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
        Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"))
    }

    fn named(text: &str) -> Vec<(Kind, String)> {
        let a = atlas();
        entities(text, Some(&a), &FocusLexicon::default()).into_iter().map(|e| (e.kind, e.text)).collect()
    }

    #[test]
    fn names_atlas_things_limbs_and_topics() {
        assert_eq!(named("What is the L4 dermatome?"), vec![(Kind::Root, "L4".into())]);
        assert_eq!(named("and l 5?"), vec![(Kind::Root, "L5".into())]);
        assert_eq!(named("and the ankle jerk?"), vec![(Kind::Reflex, "ankle jerk".into())]);
        assert_eq!(named("What are the dermatomes of the lower limb?"), vec![(Kind::Limb, "lower limb".into())]);
        assert_eq!(named("and the plantar reflex?"), vec![(Kind::Reflex, "plantar reflex".into())]);
        assert_eq!(named("What is shingles?"), vec![(Kind::Topic, "shingles".into())]);
        assert_eq!(named("What is Parkinson's disease?"), vec![(Kind::Topic, "Parkinson's disease".into())]);
        assert_eq!(named("what are the symptoms of gout?"), vec![(Kind::Topic, "gout".into())]);
        assert_eq!(named("how about the pudendal nerve?"), vec![(Kind::Nerve, "pudendal nerve".into())]);
        assert!(named("what about treatment?").is_empty());
        assert!(named("").is_empty());
    }

    #[test]
    fn a_root_takes_the_disorder_after_it() {
        let text = "What are the symptoms of L5 radiculopathy?";
        let a = atlas();
        let e = entities(text, Some(&a), &FocusLexicon::default());
        assert_eq!(with_disorder(text, &e[0]).text, "L5 radiculopathy");
    }

    #[test]
    fn medquad_foci_are_topics() {
        let mut lexicon = FocusLexicon::default();
        lexicon.add("Systemic lupus erythematosus", "Lupus");
        lexicon.add("lupus", "Lupus");
        let found = entities("and of lupus?", None, &lexicon);
        assert_eq!(found.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["lupus"]);
    }
}
