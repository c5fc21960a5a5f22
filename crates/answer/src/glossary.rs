//! The lay glossary (`content/glossary.toml`): technical terms with plain words and a short definition, used
//! to word an answer for its audience.
//!
//! - **Patients** read plain words, with the term kept in brackets on its first use ("top of the foot (dorsum
//!   of the foot)"), then the plain words only.
//! - **Students** read the professional text with a short definition after the first use of each term
//!   ("dermatome (the strip of skin supplied by one spinal nerve root)").
//! - **Clinicians** read the text unchanged.
//!
//! Matching is by whole words, longest term first, ignoring case except for terms written with capitals
//! (`MRI`). Nothing inside square brackets (citation markers) or round brackets (asides) is touched, nor are
//! headings (see `compose::personalise`). A use the text already explains is left as written but counts as
//! the first use: a term directly before brackets ("dorsum of the foot (top)"), after "called", "known as" or
//! "named" (with or without "a", "an", "the"), or before "is a", "is an", "is the", "are the" or "means".

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;
use vesalius_core::Audience;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The technical term, lowercase unless it is an abbreviation (`MRI`).
    pub term: String,
    /// Its plural, when it has one in use.
    #[serde(default)]
    pub plural: Option<String>,
    /// Plain words that can stand in its place in a sentence.
    pub plain: String,
    /// Plain words for the plural.
    #[serde(default)]
    pub plain_plural: Option<String>,
    /// A short definition for students, as a phrase.
    pub definition: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    term: Vec<GlossaryEntry>,
}

/// A written form of an entry the text may contain.
#[derive(Debug, Clone)]
struct Form {
    text: String,
    entry: usize,
    plural: bool,
    exact_case: bool,
}

/// The reviewed lay glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
    /// Every form, longest first.
    forms: Vec<Form>,
}

impl Glossary {
    /// Parses a glossary file.
    ///
    /// # Errors
    /// A TOML error, or an entry with an empty field, a duplicate term, or a plural without plain words.
    pub fn parse(text: &str) -> Result<Glossary, String> {
        let file: GlossaryFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut forms = Vec::new();
        let mut seen = HashSet::new();
        for (i, e) in file.term.iter().enumerate() {
            if [&e.term, &e.plain, &e.definition].iter().any(|f| f.trim().is_empty()) {
                return Err(format!("glossary term {:?}: term, plain and definition must not be empty", e.term));
            }
            if e.plural.is_some() != e.plain_plural.is_some() {
                return Err(format!("glossary term {:?}: give both plural and plain_plural, or neither", e.term));
            }
            for (text, plural) in std::iter::once((&e.term, false)).chain(e.plural.iter().map(|p| (p, true))) {
                if !seen.insert(text.to_lowercase()) {
                    return Err(format!("glossary term {text:?} is listed twice"));
                }
                let exact_case = text.chars().any(char::is_uppercase);
                forms.push(Form { text: text.trim().to_string(), entry: i, plural, exact_case });
            }
        }
        forms.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then_with(|| a.text.cmp(&b.text)));
        Ok(Glossary { entries: file.term, forms })
    }

    /// The glossary compiled from `content/glossary.toml`, parsed once.
    ///
    /// # Panics
    /// When the built-in file is invalid (a test keeps it valid).
    pub fn builtin() -> &'static Glossary {
        static BUILTIN: OnceLock<Glossary> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let text =
                vesalius_content::builtin_files().find(|(p, _)| *p == "glossary.toml").map_or("term = []", |(_, t)| t);
            Glossary::parse(text).unwrap_or_else(|e| panic!("content/glossary.toml: {e}"))
        })
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// A reader that words a sequence of texts (one answer, in reading order) for `audience`, remembering which
    /// terms it has already introduced.
    pub fn reader(&self, audience: Audience) -> GlossaryReader<'_> {
        GlossaryReader { glossary: self, audience, introduced: HashSet::new() }
    }
}

/// Words texts for one audience; see [`Glossary::reader`].
#[derive(Debug)]
pub struct GlossaryReader<'g> {
    glossary: &'g Glossary,
    audience: Audience,
    introduced: HashSet<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// True when the text around a use of a term already explains it.
fn explained(before: &str, after: &str) -> bool {
    let b = format!(" {}", before.trim_end().to_lowercase());
    let b = [" a", " an", " the"].iter().find_map(|art| b.strip_suffix(art)).unwrap_or(&b);
    let a = after.to_lowercase();
    b.ends_with('(')
        || a.trim_start().starts_with('(')
        || [" called", " known as", " named"].iter().any(|w| b.ends_with(w))
        || [" is a ", " is an ", " is the ", " are the ", " means "].iter().any(|w| a.starts_with(w))
}

/// True when byte `i` of `text` lies inside round brackets, where the text is an aside that is left alone.
fn in_brackets(text: &str, i: usize) -> bool {
    let before = &text[..i];
    before.matches('(').count() > before.matches(')').count()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Makes an `a`/`an` that ends `out` agree with the word that follows it.
fn fix_article(out: &mut String, next: &str) {
    let vowel = next.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    for (art, other) in [("an ", "a "), ("a ", "an "), ("An ", "A "), ("A ", "An ")] {
        if !out.ends_with(art) {
            continue;
        }
        let before = &out[..out.len() - art.len()];
        if before.is_empty() || before.ends_with(|c: char| !is_word_char(c)) {
            let wants_an = art.eq_ignore_ascii_case("a ");
            if wants_an == vowel {
                out.truncate(out.len() - art.len());
                out.push_str(other);
            }
            return;
        }
    }
}

impl Glossary {
    /// The longest form of a term that starts at byte `i` of `text`, with its end.
    fn match_at(&self, text: &str, i: usize) -> Option<(&Form, usize)> {
        self.forms.iter().find_map(|f| {
            let end = i + f.text.len();
            let found = text.get(i..end)?;
            let same = if f.exact_case { found == f.text } else { found.eq_ignore_ascii_case(&f.text) };
            let whole = !text[end..].starts_with(is_word_char);
            (same && whole).then_some((f, end))
        })
    }
}

impl GlossaryReader<'_> {
    /// `text` worded for the reader's audience. Square-bracketed spans are copied unchanged.
    pub fn apply(&mut self, text: &str) -> String {
        if self.audience == Audience::Clinician {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 32);
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            if rest.starts_with('[') {
                let end = rest.find(']').map_or(rest.len(), |e| e + 1);
                out.push_str(&rest[..end]);
                i += end;
                continue;
            }
            let word_start = !text[..i].ends_with(is_word_char) && !in_brackets(text, i);
            let glossary = self.glossary;
            if let Some((form, end)) = word_start.then(|| glossary.match_at(text, i)).flatten() {
                let found = &text[i..end];
                let first = self.introduced.insert(form.entry);
                if explained(&text[..i], &text[end..]) {
                    out.push_str(found);
                } else {
                    self.word(&mut out, form, found, first);
                }
                i = end;
                continue;
            }
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            i += c.len_utf8();
        }
        out
    }

    /// Writes one use of a term for the audience.
    fn word(&self, out: &mut String, form: &Form, found: &str, first: bool) {
        let entry = &self.glossary.entries[form.entry];
        match self.audience {
            Audience::Clinician => out.push_str(found),
            Audience::Student => {
                out.push_str(found);
                if first {
                    out.push_str(&format!(" ({})", entry.definition));
                }
            }
            Audience::Patient => {
                let mut plain: &str =
                    if form.plural { entry.plain_plural.as_deref().unwrap_or(&entry.plain) } else { &entry.plain };
                // Plain words that bring their own "the" after a written "the" keep only one.
                if let Some(rest) = plain.strip_prefix("the ") {
                    let before = out.strip_suffix("the ").or_else(|| out.strip_suffix("The "));
                    if before.is_some_and(|b| !b.ends_with(is_word_char)) {
                        plain = rest;
                    }
                }
                // A term written in capitals (an abbreviation) says nothing about the sentence: its plain words
                // are capitalised where a sentence starts.
                let sentence_start = {
                    let t = out.trim_end();
                    t.is_empty() || t.ends_with(['.', '!', '?'])
                };
                let upper = if form.exact_case { sentence_start } else { found.starts_with(char::is_uppercase) };
                let plain = if upper { capitalise(plain) } else { plain.to_string() };
                fix_article(out, &plain);
                out.push_str(&plain);
                if first {
                    out.push_str(&format!(" ({})", form.text));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[term]]
term = "dorsum of the foot"
plain = "top of the foot"
definition = "the upper surface of the foot"

[[term]]
term = "dermatome"
plural = "dermatomes"
plain = "skin area of one nerve root"
plain_plural = "skin areas of one nerve root"
definition = "the strip of skin supplied by one spinal nerve root"

[[term]]
term = "medial"
plain = "inner"
definition = "towards the midline"

[[term]]
term = "medial malleolus"
plain = "bony bump on the inner ankle"
definition = "the bony prominence of the tibia on the inner side of the ankle"

[[term]]
term = "MRI"
plain = "magnet scan"
definition = "magnetic resonance imaging"
"#;

    fn glossary() -> Glossary {
        Glossary::parse(SAMPLE).unwrap()
    }

    #[test]
    fn patients_get_plain_words_with_the_term_in_brackets_once() {
        let g = glossary();
        let mut r = g.reader(Audience::Patient);
        assert_eq!(
            r.apply("Numb dorsum of the foot [@lee-2008-dorsum-of-the-foot]. The dorsum of the foot again [2]."),
            "Numb top of the foot (dorsum of the foot) [@lee-2008-dorsum-of-the-foot]. The top of the foot again [2]."
        );
        assert_eq!(r.apply("Dermatomes overlap."), "Skin areas of one nerve root (dermatomes) overlap.");
        assert_eq!(r.apply("One dermatome."), "One skin area of one nerve root.");
    }

    #[test]
    fn longest_terms_win_and_whole_words_only() {
        let g = glossary();
        let mut r = g.reader(Audience::Patient);
        assert_eq!(
            r.apply("The medial malleolus, the medial side, intermedial."),
            "The bony bump on the inner ankle (medial malleolus), the inner (medial) side, intermedial."
        );
    }

    #[test]
    fn students_get_a_definition_on_first_use_and_clinicians_the_text() {
        let g = glossary();
        let mut s = g.reader(Audience::Student);
        assert_eq!(
            s.apply("The L5 dermatome and the S1 dermatome."),
            "The L5 dermatome (the strip of skin supplied by one spinal nerve root) and the S1 dermatome."
        );
        let text = "The L5 dermatome, an MRI.";
        assert_eq!(g.reader(Audience::Clinician).apply(text), text);
    }

    #[test]
    fn explained_uses_are_left_alone_and_abbreviations_keep_their_case() {
        let g = glossary();
        let mut r = g.reader(Audience::Patient);
        assert_eq!(r.apply("A dermatome is a patch of skin."), "A dermatome is a patch of skin.");
        assert_eq!(r.apply("the inner (medial) side"), "the inner (medial) side");
        assert_eq!(r.apply("The L5 strip is called a dermatome."), "The L5 strip is called a dermatome.");
        assert_eq!(r.apply("Get an MRI, not an mri."), "Get a magnet scan (MRI), not an mri.");
        assert_eq!(r.apply("Each dermatome."), "Each skin area of one nerve root.");
    }

    #[test]
    fn abbreviations_start_a_sentence_with_a_capital_and_never_double_the() {
        let g = Glossary::parse(
            "[[term]]\nterm = \"ISNCSCI\"\nplain = \"the spinal cord injury standard\"\ndefinition = \"d\"\n",
        )
        .unwrap();
        let mut r = g.reader(Audience::Patient);
        assert_eq!(
            r.apply("ISNCSCI uses six grades. So does the ISNCSCI list, and ISNCSCI scores whole grades."),
            "The spinal cord injury standard (ISNCSCI) uses six grades. So does the spinal cord injury standard list, \
             and the spinal cord injury standard scores whole grades."
        );
    }

    #[test]
    fn rejects_bad_entries() {
        assert!(Glossary::parse("[[term]]\nterm = \"x\"\nplain = \"\"\ndefinition = \"d\"\n").is_err());
        let twice = "[[term]]\nterm = \"x\"\nplain = \"p\"\ndefinition = \"d\"\n".repeat(2);
        assert!(Glossary::parse(&twice).unwrap_err().contains("twice"));
        assert!(
            Glossary::parse("[[term]]\nterm = \"x\"\nplural = \"xs\"\nplain = \"p\"\ndefinition = \"d\"\n").is_err()
        );
    }

    #[test]
    fn the_builtin_glossary_is_valid_and_covers_the_articles_terms() {
        let g = Glossary::builtin();
        assert!(g.entries().len() >= 40, "{} entries", g.entries().len());
        for t in ["dorsum of the foot", "medial malleolus", "radiculopathy", "dermatome", "myotome", "MRI"] {
            assert!(g.entries().iter().any(|e| e.term == t), "missing {t}");
        }
    }
}
