//! The Porter (1980) suffix-stripping stemmer for English.
//!
//! A straight port of Martin Porter's reference algorithm, working on ASCII lowercase words.
//! Words that are not plain ASCII letters, or that are shorter than three letters, are returned
//! unchanged.

/// Reduces an English word to its Porter stem (`"treated"` → `"treat"`, `"causes"` → `"caus"`).
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
    let mut s = Stemmer { b: word.as_bytes().to_vec(), k: word.len() - 1, j: 0 };
    s.step1ab();
    if s.k > 0 {
        s.step1c();
        s.step2();
        s.step3();
        s.step4();
        s.step5();
    }
    s.b.truncate(s.k + 1);
    // Only ASCII letters went in and only ASCII letters are written, so this cannot fail.
    String::from_utf8(s.b).unwrap_or_else(|_| word.to_string())
}

/// Working state: the word is `b[0..=k]`; `j` marks the end of the stem before a matched suffix.
struct Stemmer {
    b: Vec<u8>,
    k: usize,
    j: usize,
}

impl Stemmer {
    /// Whether `b[i]` is a consonant (`y` after a consonant counts as a vowel).
    fn cons(&self, i: usize) -> bool {
        match self.b[i] {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !self.cons(i - 1),
            _ => true,
        }
    }

    /// The number of vowel-consonant sequences in `b[0..=j]` (Porter's *m*).
    fn m(&self) -> usize {
        let mut n = 0;
        let mut i = 0;
        loop {
            if i > self.j {
                return n;
            }
            if !self.cons(i) {
                break;
            }
            i += 1;
        }
        i += 1;
        loop {
            loop {
                if i > self.j {
                    return n;
                }
                if self.cons(i) {
                    break;
                }
                i += 1;
            }
            i += 1;
            n += 1;
            loop {
                if i > self.j {
                    return n;
                }
                if !self.cons(i) {
                    break;
                }
                i += 1;
            }
            i += 1;
        }
    }

    /// Whether `b[0..=j]` contains a vowel.
    fn vowel_in_stem(&self) -> bool {
        (0..=self.j).any(|i| !self.cons(i))
    }

    /// Whether `b[j-1..=j]` is a double consonant.
    fn double_cons(&self, j: usize) -> bool {
        j >= 1 && self.b[j] == self.b[j - 1] && self.cons(j)
    }

    /// Whether `b[i-2..=i]` is consonant-vowel-consonant with the last not `w`, `x` or `y`.
    fn cvc(&self, i: usize) -> bool {
        if i < 2 || !self.cons(i) || self.cons(i - 1) || !self.cons(i - 2) {
            return false;
        }
        !matches!(self.b[i], b'w' | b'x' | b'y')
    }

    /// Whether the word ends with `s`; if so `j` is set to the end of the remaining stem.
    fn ends(&mut self, s: &str) -> bool {
        let s = s.as_bytes();
        let len = s.len();
        if len > self.k + 1 {
            return false;
        }
        if &self.b[self.k + 1 - len..=self.k] != s {
            return false;
        }
        // A suffix as long as the whole word leaves an empty stem; `j` then wraps and the
        // callers' measure checks treat it as m = 0 via `stem_empty`.
        self.j = (self.k + 1 - len).wrapping_sub(1);
        true
    }

    /// Whether the stem before the last matched suffix is empty.
    fn stem_empty(&self) -> bool {
        self.j == usize::MAX
    }

    /// Replaces `b[j+1..=k]` with `s`.
    fn set_to(&mut self, s: &str) {
        let start = self.j.wrapping_add(1);
        self.b.truncate(start);
        self.b.extend_from_slice(s.as_bytes());
        self.k = self.b.len() - 1;
    }

    /// Replaces the suffix with `s` when the stem's measure is positive.
    fn r(&mut self, s: &str) {
        if !self.stem_empty() && self.m() > 0 {
            self.set_to(s);
        }
    }

    fn step1ab(&mut self) {
        if self.b[self.k] == b's' {
            if self.ends("sses") {
                self.k -= 2;
            } else if self.ends("ies") {
                self.set_to("i");
            } else if self.k >= 1 && self.b[self.k - 1] != b's' {
                self.k -= 1;
            }
        }
        if self.ends("eed") {
            if !self.stem_empty() && self.m() > 0 {
                self.k -= 1;
            }
        } else if (self.ends("ed") || self.ends("ing")) && !self.stem_empty() && self.vowel_in_stem() {
            self.k = self.j;
            if self.ends("at") {
                self.set_to("ate");
            } else if self.ends("bl") {
                self.set_to("ble");
            } else if self.ends("iz") {
                self.set_to("ize");
            } else if self.double_cons(self.k) {
                if !matches!(self.b[self.k], b'l' | b's' | b'z') {
                    self.k -= 1;
                }
            } else {
                self.j = self.k;
                if self.m() == 1 && self.cvc(self.k) {
                    self.set_to_after_k("e");
                }
            }
        }
        self.b.truncate(self.k + 1);
    }

    /// Appends `s` after `b[k]`.
    fn set_to_after_k(&mut self, s: &str) {
        self.b.truncate(self.k + 1);
        self.b.extend_from_slice(s.as_bytes());
        self.k = self.b.len() - 1;
    }

    fn step1c(&mut self) {
        if self.ends("y") && !self.stem_empty() && self.vowel_in_stem() {
            self.b[self.k] = b'i';
        }
    }

    fn step2(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("bli", "ble"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
            ("logi", "log"),
        ];
        self.apply_rules(RULES);
    }

    fn step3(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("icate", "ic"),
            ("ative", ""),
            ("alize", "al"),
            ("iciti", "ic"),
            ("ical", "ic"),
            ("ful", ""),
            ("ness", ""),
        ];
        self.apply_rules(RULES);
    }

    /// Applies the first rule whose suffix matches (only that one, as in the reference code).
    fn apply_rules(&mut self, rules: &[(&str, &str)]) {
        for (suffix, replacement) in rules {
            if self.ends(suffix) {
                self.r(replacement);
                return;
            }
        }
    }

    fn step4(&mut self) {
        const SUFFIXES: &[&str] = &[
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
            "iti", "ous", "ive", "ize",
        ];
        let mut matched = false;
        for suffix in SUFFIXES {
            if self.ends(suffix) {
                matched = true;
                if *suffix == "ion" {
                    let ok = !self.stem_empty() && matches!(self.b[self.j], b's' | b't');
                    if !ok {
                        return;
                    }
                }
                break;
            }
        }
        if matched && !self.stem_empty() && self.m() > 1 {
            self.k = self.j;
            self.b.truncate(self.k + 1);
        }
    }

    fn step5(&mut self) {
        self.j = self.k;
        if self.b[self.k] == b'e' {
            if self.k == 0 {
                return;
            }
            self.j = self.k - 1;
            let a = self.m();
            if a > 1 || (a == 1 && !self.cvc(self.k - 1)) {
                self.k -= 1;
            }
        }
        if self.b[self.k] == b'l' && self.double_cons(self.k) {
            self.j = self.k;
            if self.m() > 1 {
                self.k -= 1;
            }
        }
        self.b.truncate(self.k + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn porter_reference_examples() {
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "ti"),
            ("caress", "caress"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("bled", "bled"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("troubled", "troubl"),
            ("sized", "size"),
            ("hopping", "hop"),
            ("tanned", "tan"),
            ("falling", "fall"),
            ("hissing", "hiss"),
            ("fizzed", "fizz"),
            ("failing", "fail"),
            ("filing", "file"),
            ("happy", "happi"),
            ("sky", "sky"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("rational", "ration"),
            ("generalization", "gener"),
            ("hopefulness", "hope"),
            ("electrical", "electr"),
            ("revival", "reviv"),
            ("adjustment", "adjust"),
            ("effective", "effect"),
            ("probate", "probat"),
            ("controll", "control"),
            ("roll", "roll"),
        ];
        for (word, want) in cases {
            assert_eq!(stem(word), want, "stem({word})");
        }
    }

    #[test]
    fn medical_words_conflate() {
        assert_eq!(stem("treated"), stem("treating"));
        assert_eq!(stem("treating"), stem("treats"));
        assert_eq!(stem("diagnosed"), stem("diagnose"));
        assert_eq!(stem("infections"), stem("infection"));
        assert_eq!(stem("symptoms"), "symptom");
    }

    #[test]
    fn odd_input_is_left_alone() {
        assert_eq!(stem(""), "");
        assert_eq!(stem("a"), "a");
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("ß"), "ß");
        assert_eq!(stem("covid19"), "covid19");
        assert_eq!(stem("ed"), "ed");
        assert_eq!(stem("ing"), "ing");
        assert_eq!(stem("sses"), "ss");
    }
}
