//! The text analysis shared by indexing and querying: words, lowercased, stop words out, English stems.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};

/// Name the analyzer is registered under in the index.
pub(crate) const ANALYZER: &str = "vesalius_en";

/// Words that carry no topic in a question: function words and the small talk of consumer questions.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "each", "for", "from", "get", "got",
    "had", "has", "have", "having", "he", "hello", "her", "here", "hi", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "know", "like", "me", "mean", "means", "more", "most", "my", "need", "no", "not", "of",
    "on", "one", "or", "other", "our", "please", "shall", "she", "should", "so", "some", "such", "tell", "than",
    "thank", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
    "us", "very", "want", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// Builds the analyzer used for every text field and every query.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(STOP_WORDS.iter().map(|s| s.to_string())))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The terms of `text` as the index sees them (lowercased, stemmed, without stop words), in order.
pub fn analyze(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_question_words_and_stems_the_rest() {
        assert_eq!(analyze("Which roots are tested by the reflexes?"), ["root", "test", "reflex"]);
    }
}
