//! Text normalisation shared by the name index, the question answerer and the localiser.
//!
//! Names and questions are compared as lists of words: lowercase, punctuation removed, filler words
//! dropped ("the", "of", …) and simple plurals folded, so "Dorsum of the foot" matches "dorsum foot".

/// Words that carry no meaning for matching names.
const FILLER: &[&str] = &["the", "a", "an", "of", "my", "your", "his", "her", "their", "on", "in", "at", "to", "and"];

/// Normalises a word: lowercase already applied; folds irregular and simple plurals.
fn fold(word: &str) -> String {
    match word {
        "feet" => return "foot".into(),
        "reflexes" => return "reflex".into(),
        "toes" => return "toe".into(),
        "does" | "has" | "was" | "this" | "its" | "lies" => return word.into(),
        _ => {}
    }
    let keep = word.len() <= 3
        || word.ends_with("ss")
        || word.ends_with("us")
        || word.ends_with("is")
        || word.ends_with("ps")
        || !word.ends_with('s');
    if keep {
        word.to_string()
    } else {
        word[..word.len() - 1].to_string()
    }
}

/// Rewrites `S4-5`, `S4/5` and `S45` as the single token `s4-5` before punctuation is removed.
fn protect_s45(lower: &str) -> String {
    lower.replace("s4-5", " s4x5 ").replace("s4/5", " s4x5 ").replace("s4-s5", " s4x5 ").replace("s45", " s4x5 ")
}

/// One word of a text normalised as [`words`] does, or `None` for a filler word; `word` is lowercase.
pub(crate) fn normal_word(word: &str) -> Option<String> {
    (!word.is_empty() && !FILLER.contains(&word)).then(|| fold(word))
}

/// The words of `text`, normalised.
pub(crate) fn words(text: &str) -> Vec<String> {
    let lower = protect_s45(&text.to_lowercase());
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .map(|w| if w == "s4x5" { "s4-5".to_string() } else { fold(w) })
        .collect()
}

/// A normalised key for a name: its words joined by single spaces.
pub(crate) fn key(text: &str) -> String {
    words(text).join(" ")
}

/// True when `needle` (a normalised key) occurs as whole words inside `hay` (normalised words).
pub(crate) fn find_words(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// A root name in canonical form (`l5` → `L5`, `s4-5` → `S4-5`), if the word is one.
pub(crate) fn root_of_word(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let letter = chars.next()?.to_ascii_uppercase();
    let rest: String = chars.collect();
    if !matches!(letter, 'C' | 'T' | 'L' | 'S') || rest.is_empty() {
        return None;
    }
    let ok = rest.bytes().all(|b| b.is_ascii_digit()) || (letter == 'S' && rest == "4-5");
    ok.then(|| format!("{letter}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_names_and_questions_alike() {
        assert_eq!(key("Dorsum of the Foot"), "dorsum foot");
        assert_eq!(key("ankle reflexes?"), "ankle reflex");
        assert_eq!(key("What does S4-5 supply"), "what does s4-5 supply");
        assert_eq!(key("biceps"), "biceps");
        assert_eq!(key("sciatica"), "sciatica");
        let hay = words("which nerve supplies the first web space?");
        assert_eq!(find_words(&hay, &words("first web space")), Some(3));
        assert_eq!(root_of_word("l5").as_deref(), Some("L5"));
        assert_eq!(root_of_word("s4-5").as_deref(), Some("S4-5"));
        assert_eq!(root_of_word("lateral"), None);
    }
}
