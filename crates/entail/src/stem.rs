//! English stemming: the Snowball English (Porter2) stemmer of the `rust-stemmers` crate, the one tantivy's
//! `Stemmer` filter uses for the search index, so that retrieval, analysis and entailment reduce words alike.
//! Words that are not plain ASCII letters, or that are shorter than three letters, are returned unchanged.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Reduces an English word to its stem (`"treated"` → `"treat"`, `"causes"` → `"caus"`).
///
/// The input should already be lowercase; anything that is not made of ASCII letters only is
/// returned as it is.
///
/// ```
/// use vesalius_entail::stem;
/// assert_eq!(stem("treatments"), "treatment");
/// assert_eq!(stem("diagnosed"), "diagnos");
/// assert_eq!(stem("x-ray"), "x-ray");
/// ```
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English)).stem(word).into_owned()
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn snowball_english_examples() {
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("treated", "treat"),
            ("treatment", "treatment"),
            ("causes", "caus"),
            ("symptoms", "symptom"),
            ("generously", "generous"),
            ("happy", "happi"),
            ("running", "run"),
        ];
        for (word, want) in cases {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn leaves_short_and_non_ascii_words_alone() {
        for w in ["ms", "l5", "x-ray", "café", "ÉTÉ"] {
            assert_eq!(stem(w), w);
        }
    }
}
