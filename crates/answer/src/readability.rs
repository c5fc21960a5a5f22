//! Readability: the Flesch–Kincaid grade and the SMOG index of rendered answer text.
//!
//! Text is first cleaned of the markup answers carry: citation markers (`[1]`, `[@id]`), `**` and list bullets
//! (`- `, `* `, `1. ` at the start of a line). A sentence ends at `.`, `!` or `?` followed by a space or the
//! end of the text (not inside numbers such as `0.6`, nor after `e.g.`, `i.e.`, `vs.`, `cf.` or `approx.`),
//! and at every line end, so headings and list items count as sentences of their own. A word is a
//! whitespace-separated token with at least one letter or digit; hyphenated words and codes such as `L4–L5`
//! are one word.
//!
//! Syllables are counted by a heuristic: vowel groups (`y` counts as a vowel after the first letter), less a
//! silent final `e` (but not `-le` after a consonant), a silent `-ed` (except after `t` or `d`) and a silent
//! `-es` (except after `s`, `x`, `z`, `ch`, `sh`, `ce`, `ge`), plus one for the split vowel pairs in words
//! such as `media`, `radio`, `neon`, `gradual`, `medium`; at least one per word. Parts joined by hyphens or
//! dashes are counted separately and added. Capitalised abbreviations of up to three letters (`MRI`, `EMG`)
//! are spelled out, one syllable per letter; a run of digits counts one syllable per digit, at most three.

/// Words a period does not end a sentence after.
const ABBREVIATIONS: [&str; 6] = ["e.g", "i.e", "vs", "cf", "approx", "etc"];

/// Counts of a text: sentences, words, syllables and words of three or more syllables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextCounts {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Syllables.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
}

/// Removes citation markers (`[…]` holding digits or starting with `@`), `**` and line-start list bullets.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut l = line.trim_start();
        if let Some(rest) = l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")).or_else(|| l.strip_prefix("• ")) {
            l = rest;
        } else {
            let digits = l.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                if let Some(rest) = l[digits..].strip_prefix(". ") {
                    l = rest;
                }
            }
        }
        let mut rest = l;
        while let Some(open) = rest.find('[') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            match after.find(']') {
                Some(close)
                    if after[1..close].starts_with('@')
                        || (close > 1 && after[1..close].bytes().all(|b| b.is_ascii_digit())) =>
                {
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('[');
                    rest = &after[1..];
                }
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    out.replace("**", "")
}

/// True when the token (with its trailing punctuation) ends a sentence.
fn ends_sentence(token: &str) -> bool {
    let t = token.trim_end_matches(['"', '\'', ')', '”', '’']);
    let Some(last) = t.chars().last() else { return false };
    if !matches!(last, '.' | '!' | '?') {
        return false;
    }
    let stem = t.trim_end_matches(['.', '!', '?']).trim_start_matches(['(', '"', '\'', '“', '‘']);
    !ABBREVIATIONS.iter().any(|a| stem.eq_ignore_ascii_case(a))
}

/// The letters and digits of a token that form its word, or `None` for a token that is not a word.
fn word_of(token: &str) -> Option<&str> {
    let w = token.trim_matches(|c: char| !c.is_alphanumeric());
    (!w.is_empty()).then_some(w)
}

/// Counts sentences, words and syllables of `text`.
pub fn counts(text: &str) -> TextCounts {
    let mut c = TextCounts::default();
    for line in clean(text).lines() {
        let mut open = false;
        for token in line.split_whitespace() {
            if let Some(w) = word_of(token) {
                let s = syllables(w);
                c.words += 1;
                c.syllables += s;
                c.polysyllables += usize::from(s >= 3);
                open = true;
            }
            if open && ends_sentence(token) {
                c.sentences += 1;
                open = false;
            }
        }
        if open {
            c.sentences += 1;
        }
    }
    c
}

/// Syllables of one word (letters, digits, hyphens and dashes), by the heuristic described in the module
/// documentation.
pub fn syllables(word: &str) -> usize {
    word.split(['-', '–', '—', '/'])
        .filter(|p| !p.is_empty())
        .map(|part| {
            let mut n = 0;
            let mut letters = String::new();
            let mut digits = 0;
            let flush_digits = |d: &mut usize, n: &mut usize| {
                *n += (*d).min(3);
                *d = 0;
            };
            for ch in part.chars() {
                if ch.is_ascii_digit() {
                    if !letters.is_empty() {
                        n += letter_syllables(&letters);
                        letters.clear();
                    }
                    digits += 1;
                } else if ch.is_alphabetic() {
                    flush_digits(&mut digits, &mut n);
                    letters.push(ch);
                }
            }
            flush_digits(&mut digits, &mut n);
            if !letters.is_empty() {
                n += letter_syllables(&letters);
            }
            n
        })
        .sum::<usize>()
        .max(1)
}

/// Syllables of a run of letters: spelled out when a short capitalised abbreviation, else the heuristic.
fn letter_syllables(letters: &str) -> usize {
    let len = letters.chars().count();
    let caps = letters.chars().all(|c| c.is_uppercase());
    if caps && (len <= 3 || !letters.chars().any(is_vowel)) {
        return len;
    }
    english_syllables(&letters.to_lowercase())
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The vowel-group heuristic for a lowercase word.
fn english_syllables(w: &str) -> usize {
    let chars: Vec<char> = w.chars().collect();
    let len = chars.len();
    if len <= 3 {
        return 1;
    }
    let vowel = |i: usize| is_vowel(chars[i]) || (chars[i] == 'y' && i > 0);
    let mut groups = 0;
    for i in 0..len {
        if vowel(i) && (i == 0 || !vowel(i - 1)) {
            groups += 1;
        }
    }
    // Vowel pairs that are two syllables.
    for i in 1..len {
        let pair = (chars[i - 1], chars[i]);
        let before = if i >= 2 { chars[i - 2] } else { ' ' };
        let split = match pair {
            ('i', 'a') => !matches!(before, 'c' | 't' | 's' | 'g'),
            ('i', 'o') => !matches!(before, 't' | 's' | 'c' | 'g' | 'x'),
            ('e', 'o') | ('u', 'a') | ('u', 'o') | ('i', 'u') => before != 'q',
            _ => false,
        };
        groups += usize::from(split);
    }
    let ends = |s: &str| w.ends_with(s);
    let consonant_before = |k: usize| len > k && !vowel(len - 1 - k);
    if ends("e") && !ends("ee") && !ends("ye") {
        let le = ends("le") && len > 2 && consonant_before(2);
        if !le && consonant_before(1) {
            groups = groups.saturating_sub(1);
        }
    } else if ends("ed") && !(ends("ted") || ends("ded")) && consonant_before(2) {
        groups = groups.saturating_sub(1);
    } else if ends("es") && consonant_before(2) {
        let voiced = ["ses", "xes", "zes", "ches", "shes", "ces", "ges"].iter().any(|s| ends(s));
        if !voiced {
            groups = groups.saturating_sub(1);
        }
    }
    groups.max(1)
}

/// The Flesch–Kincaid grade level of `text`: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// Not clamped (very simple text scores below zero); 0 for text without words.
pub fn flesch_kincaid_grade(text: &str) -> f32 {
    let c = counts(text);
    if c.words == 0 {
        return 0.0;
    }
    let (w, s, y) = (c.words as f32, c.sentences.max(1) as f32, c.syllables as f32);
    0.39 * (w / s) + 11.8 * (y / w) - 15.59
}

/// The SMOG index of `text`: 1.0430 × √(polysyllables × 30 / sentences) + 3.1291, where polysyllables are
/// words of three or more syllables. 0 for text without words.
pub fn smog(text: &str) -> f32 {
    let c = counts(text);
    if c.words == 0 {
        return 0.0;
    }
    1.0430 * ((c.polysyllables as f32) * 30.0 / c.sentences.max(1) as f32).sqrt() + 3.1291
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 0.005
    }

    #[test]
    fn counts_syllables_of_common_and_medical_words() {
        for (w, n) in [
            ("the", 1),
            ("nerve", 1),
            ("nerves", 1),
            ("pinched", 1),
            ("tested", 2),
            ("causes", 2),
            ("ankle", 2),
            ("muscle", 2),
            ("table", 2),
            ("foot", 1),
            ("reflex", 2),
            ("numbness", 2),
            ("dermatome", 3),
            ("radiculopathy", 6),
            ("media", 3),
            ("gradual", 3),
            ("information", 4),
            ("physician", 3),
            ("MRI", 3),
            ("L5", 2),
            ("T12", 3),
            ("L4–L5", 4),
            ("well-known", 2),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn a_one_sentence_text_of_one_syllable_words() {
        // "The cat sat on the mat." 1 sentence, 6 words, 6 syllables, no polysyllables.
        // FK = 0.39 × 6/1 + 11.8 × 6/6 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45
        // SMOG = 1.0430 × √(0 × 30 / 1) + 3.1291 = 3.1291
        let t = "The cat sat on the mat.";
        assert_eq!(counts(t), TextCounts { sentences: 1, words: 6, syllables: 6, polysyllables: 0 });
        assert!(close(flesch_kincaid_grade(t), -1.45), "{}", flesch_kincaid_grade(t));
        assert!(close(smog(t), 3.1291));
    }

    #[test]
    fn a_two_sentence_text_with_a_long_word() {
        // "Radiculopathy causes pain. The nerve root is pinched."
        // Sentences 2; words 3 + 5 = 8; syllables ra-di-cu-lo-pa-thy 6 + cau-ses 2 + pain 1 + the 1 + nerve 1
        // + root 1 + is 1 + pinched 1 = 14; polysyllables 1 (radiculopathy).
        // FK = 0.39 × 8/2 + 11.8 × 14/8 − 15.59 = 1.56 + 20.65 − 15.59 = 6.62
        // SMOG = 1.0430 × √(1 × 30 / 2) + 3.1291 = 1.0430 × 3.87298 + 3.1291 = 4.03952 + 3.1291 = 7.16862
        let t = "Radiculopathy causes pain. The nerve root is pinched.";
        assert_eq!(counts(t), TextCounts { sentences: 2, words: 8, syllables: 14, polysyllables: 1 });
        assert!(close(flesch_kincaid_grade(t), 6.62), "{}", flesch_kincaid_grade(t));
        assert!(close(smog(t), 7.16862), "{}", smog(t));
    }

    #[test]
    fn markup_is_ignored_and_line_ends_close_sentences() {
        // Bullets, `**` and the markers `[1][2]` and `[@lee-2008]` are dropped; each line is a sentence.
        // Line 1 "L5: the top of the foot." 6 words; L-5 2 + the 1 + top 1 + of 1 + the 1 + foot 1 = 7.
        // Line 2 "Ankle jerk" 2 words; an-kle 2 + jerk 1 = 3. Line 3 "Numbness here" 2 words; numb-ness 2 + here 1
        // = 3. Line 4 "e.g. the heel" 3 words (e.g. does not end the sentence); eg 1 + the 1 + heel 1 = 3.
        // Sentences 4; words 13; syllables 16; no polysyllables.
        // FK = 0.39 × 13/4 + 11.8 × 16/13 − 15.59 = 1.2675 + 14.52308 − 15.59 = 0.20058
        let t = "- **L5:** the top of the foot [1][2].\n- Ankle jerk\n1. Numbness here [@lee-2008]\ne.g. the heel";
        assert_eq!(counts(t), TextCounts { sentences: 4, words: 13, syllables: 16, polysyllables: 0 });
        assert!(close(flesch_kincaid_grade(t), 0.20058), "{}", flesch_kincaid_grade(t));
        assert!(close(smog(t), 3.1291));
    }

    #[test]
    fn a_professional_sentence_scores_far_higher_than_a_plain_one() {
        // "Ankle dorsiflexion weakness suggests radiculopathy." 1 sentence, 5 words;
        // an-kle 2 + dor-si-flex-ion 4 + weak-ness 2 + sug-gests 2 + ra-di-cu-lo-pa-thy 6 = 16 syllables;
        // polysyllables 2. FK = 0.39 × 5 + 11.8 × 16/5 − 15.59 = 1.95 + 37.76 − 15.59 = 24.12
        // SMOG = 1.0430 × √(2 × 30 / 1) + 3.1291 = 1.0430 × 7.74597 + 3.1291 = 8.07904 + 3.1291 = 11.20814
        let pro = "Ankle dorsiflexion weakness suggests radiculopathy.";
        assert!(close(flesch_kincaid_grade(pro), 24.12), "{}", flesch_kincaid_grade(pro));
        assert!(close(smog(pro), 11.20814), "{}", smog(pro));
        assert!(flesch_kincaid_grade("You cannot lift your foot up well.") < flesch_kincaid_grade(pro));
    }

    #[test]
    fn empty_text_scores_zero_and_decimals_do_not_split_sentences() {
        assert_eq!(flesch_kincaid_grade(" [1] ** "), 0.0);
        assert_eq!(smog(""), 0.0);
        assert_eq!(counts("About 0.6 of them. Yes.").sentences, 2);
    }
}
