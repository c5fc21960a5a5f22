//! Where a text names atlas things: roots, regions, movements and muscles, reflexes, nerves. Used to read
//! follow-up questions ("and the ankle jerk?") against the previous one, so the span of each name in the
//! original text is kept.

use serde::Serialize;

use crate::atlas::{Atlas, Entity};
use crate::text;

/// What kind of atlas thing a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A spinal root or level (`L4`, "l 4", "the S1 nerve root").
    Root,
    /// A skin region or group of regions ("dorsum of the foot", "hand").
    Region,
    /// A tested movement or one of its muscles ("ankle dorsiflexion", "tibialis anterior").
    Movement,
    /// A tendon reflex ("knee jerk", "Achilles reflex").
    Reflex,
    /// A nerve, branch or named lesion site ("sural nerve", "carpal tunnel").
    Nerve,
}

/// One atlas name found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// What it names.
    pub kind: MentionKind,
    /// The atlas id (for a root, its canonical name, e.g. `L4`).
    pub id: String,
    /// Byte offset of the first character of the name in the text.
    pub start: usize,
    /// Byte offset just past the name (a root's trailing "root" / "nerve root" is included).
    pub end: usize,
}

/// A word of the text: lowercase, with its byte span.
/// A word of a text, lowercased, with its byte span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word, lowercased.
    pub lower: String,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
}

/// The words of `text` (runs of letters and digits) with their spans.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token { lower: text[s..i].to_lowercase(), start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    out
}

impl Atlas {
    /// The atlas names in `text`, in text order. Roots are read first (so "L5 reflex" is the root L5 and
    /// the word "reflex"); then at each word the longest region, movement, muscle, reflex or nerve name
    /// wins, compared after the same normalisation as questions (case, filler words, plurals).
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let toks = tokens(text);
        let mut out: Vec<Mention> = Vec::new();
        let mut taken = vec![false; toks.len()];
        let mut i = 0;
        while i < toks.len() {
            // "L4", or "L 4" written apart.
            let (root, mut next) = match text::root_of_word(&toks[i].lower) {
                Some(r) => (Some(r), i + 1),
                None if toks[i].lower.len() == 1
                    && toks.get(i + 1).is_some_and(|t| t.lower.bytes().all(|b| b.is_ascii_digit())) =>
                {
                    (text::root_of_word(&format!("{}{}", toks[i].lower, toks[i + 1].lower)), i + 2)
                }
                None => (None, i + 1),
            };
            match root.filter(|r| self.roots.contains(r)) {
                Some(root) => {
                    let word = |k: usize| toks.get(k).map(|t| t.lower.as_str());
                    if word(next) == Some("nerve") && matches!(word(next + 1), Some("root" | "roots")) {
                        next += 2;
                    } else if matches!(word(next), Some("root" | "roots")) {
                        next += 1;
                    }
                    taken[i..next].iter_mut().for_each(|t| *t = true);
                    out.push(Mention {
                        kind: MentionKind::Root,
                        id: root,
                        start: toks[i].start,
                        end: toks[next - 1].end,
                    });
                    i = next;
                }
                None => i += 1,
            }
        }
        // The normalised words that are not filler, with the token each came from.
        let norm: Vec<(String, usize)> =
            toks.iter().enumerate().filter_map(|(k, t)| text::normal_word(&t.lower).map(|w| (w, k))).collect();
        let mut j = 0;
        while j < norm.len() {
            let found = self.names.iter().find(|(name, _)| {
                norm.len() - j >= name.len()
                    && name.iter().zip(&norm[j..]).all(|(a, (b, _))| a == b)
                    && norm[j..j + name.len()].iter().all(|(_, k)| !taken[*k])
            });
            match found {
                Some((name, entity)) => {
                    let (first, last) = (norm[j].1, norm[j + name.len() - 1].1);
                    let (kind, id) = self.kind_and_id(*entity);
                    out.push(Mention { kind, id, start: toks[first].start, end: toks[last].end });
                    j += name.len();
                }
                None => j += 1,
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    fn kind_and_id(&self, e: Entity) -> (MentionKind, String) {
        match e {
            Entity::Region(i) => (MentionKind::Region, self.regions[i].id.clone()),
            Entity::Group(i) => (MentionKind::Region, self.groups[i].id.clone()),
            Entity::Movement(i) => (MentionKind::Movement, self.movements[i].id.clone()),
            Entity::Reflex(i) => (MentionKind::Reflex, self.reflexes[i].id.clone()),
            Entity::Nerve(i) => (MentionKind::Nerve, self.nerves[i].id.clone()),
            Entity::Site(i) => (MentionKind::Nerve, self.sites[i].id.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> Atlas {
        let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
        Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"))
    }

    fn found(a: &Atlas, text: &str) -> Vec<(MentionKind, String, String)> {
        a.mentions(text).into_iter().map(|m| (m.kind, m.id, text[m.start..m.end].to_string())).collect()
    }

    #[test]
    fn finds_roots_in_every_spelling() {
        let a = atlas();
        assert_eq!(found(&a, "and l 5?"), vec![(MentionKind::Root, "L5".into(), "l 5".into())]);
        assert_eq!(found(&a, "the S1 nerve root"), vec![(MentionKind::Root, "S1".into(), "S1 nerve root".into())]);
        assert_eq!(found(&a, "What is the L4 root?"), vec![(MentionKind::Root, "L4".into(), "L4 root".into())]);
        assert_eq!(found(&a, "what is the L5 reflex?"), vec![(MentionKind::Root, "L5".into(), "L5".into())]);
        assert!(found(&a, "L9 and X4").is_empty());
    }

    #[test]
    fn finds_the_longest_name_with_its_span() {
        let a = atlas();
        assert_eq!(
            found(&a, "Which root does the Knee Jerk test?"),
            vec![(MentionKind::Reflex, "knee-jerk".into(), "Knee Jerk".into())]
        );
        assert_eq!(
            found(&a, "which nerve supplies the dorsum of the foot?"),
            vec![(MentionKind::Region, "dorsum-foot".into(), "dorsum of the foot".into())]
        );
        assert_eq!(found(&a, "and the sural?"), vec![(MentionKind::Nerve, "sural".into(), "sural".into())]);
        assert_eq!(
            found(&a, "tibialis anterior and the common peroneal nerve"),
            vec![
                (MentionKind::Movement, "ankle-dorsiflexion".into(), "tibialis anterior".into()),
                (MentionKind::Nerve, "common-fibular".into(), "common peroneal nerve".into()),
            ]
        );
        assert!(found(&a, "").is_empty());
        assert!(found(&a, "ünïcödé — ?").is_empty());
    }
}
