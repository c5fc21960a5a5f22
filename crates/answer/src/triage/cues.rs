//! Words and phrases: how a question is split into words and how a cue matches them.
//!
//! A question is lowercased, accents and apostrophes are folded ("can't", "can’t" and "cant" are one word),
//! and every other non-alphanumeric character separates words. A cue is a phrase of one or more words that
//! must appear consecutively, on word boundaries: "wet myself" never matches inside "I want to kill myself".
//! In a cue, a word ending in `*` matches any word it starts ("numb*": numb, numbness, "numbnes"), `_` matches
//! any one word, and a plain word of seven letters or more also matches a one-letter slip (a missing, extra,
//! wrong or swapped letter: "sucidal", "paralysed"/"paralyzed").

/// A question split into normalised words.
pub(super) struct Text {
    words: Vec<String>,
}

impl Text {
    pub(super) fn new(question: &str) -> Text {
        let mut folded = String::with_capacity(question.len());
        for c in question.chars().flat_map(char::to_lowercase) {
            match c {
                '\'' | '’' | '‘' | '`' | '´' => {}
                'é' | 'è' | 'ê' | 'ë' => folded.push('e'),
                'á' | 'à' | 'â' | 'ä' | 'å' => folded.push('a'),
                'í' | 'ì' | 'î' | 'ï' => folded.push('i'),
                'ó' | 'ò' | 'ô' | 'ö' => folded.push('o'),
                'ú' | 'ù' | 'û' | 'ü' => folded.push('u'),
                'ç' => folded.push('c'),
                c if c.is_alphanumeric() => folded.push(c),
                _ => folded.push(' '),
            }
        }
        let words = folded
            .split_whitespace()
            .map(|w| match w {
                "cannot" => "cant".to_string(),
                _ => w.to_string(),
            })
            .collect();
        Text { words }
    }

    /// The first word, if any.
    pub(super) fn first(&self) -> Option<&str> {
        self.words.first().map(String::as_str)
    }

    /// Every word.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// True when the words end with one of the cue phrases ("I want to end it", not "… end it with him").
    pub(super) fn ends_with(&self, cues: &[&str]) -> bool {
        cues.iter().any(|cue| {
            let pattern: Vec<&str> = cue.split_whitespace().collect();
            let n = pattern.len();
            n > 0
                && self.words.len() >= n
                && self.words[self.words.len() - n..].iter().zip(&pattern).all(|(w, p)| word_matches(w, p))
        })
    }

    /// True when any of the cue phrases appears.
    pub(super) fn has(&self, cues: &[&str]) -> bool {
        cues.iter().any(|cue| self.has_phrase(cue))
    }

    /// True when a phrase of `first` is followed, at most `gap` words after it ends, by a phrase of `then`
    /// ("took 25 iron pills", not "took a year of treatment (medicines)").
    pub(super) fn near(&self, first: &[&str], then: &[&str], gap: usize) -> bool {
        let ends: Vec<usize> = first.iter().flat_map(|c| self.starts(c).map(move |(i, n)| i + n)).collect();
        then.iter().flat_map(|c| self.starts(c)).any(|(j, _)| ends.iter().any(|&e| j >= e && j - e <= gap))
    }

    /// Where the phrase `cue` starts in the words, with its length.
    fn starts<'a>(&'a self, cue: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let pattern: Vec<&str> = cue.split_whitespace().collect();
        let n = pattern.len();
        self.words.windows(n.max(1)).enumerate().filter_map(move |(i, window)| {
            (n > 0 && window.iter().zip(&pattern).all(|(word, p)| word_matches(word, p))).then_some((i, n))
        })
    }

    fn has_phrase(&self, cue: &str) -> bool {
        let pattern: Vec<&str> = cue.split_whitespace().collect();
        if pattern.is_empty() || pattern.len() > self.words.len() {
            return false;
        }
        self.words
            .windows(pattern.len())
            .any(|window| window.iter().zip(&pattern).all(|(word, p)| word_matches(word, p)))
    }
}

fn word_matches(word: &str, pattern: &str) -> bool {
    if pattern == "_" {
        return true;
    }
    if let Some(prefix) = pattern.strip_suffix('*') {
        return word.starts_with(prefix);
    }
    word == pattern || (pattern.chars().count() >= 7 && one_slip(word, pattern))
}

/// True when `a` and `b` differ by exactly one inserted, deleted, substituted or transposed letter, with the
/// same first letter (slips rarely hit the first letter, and this keeps unrelated words apart).
fn one_slip(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.first() != b.first() || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..] || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

/// Words that put the question about a person: the asker, a relative, a patient.
const PERSONAL: &[&str] = &[
    "i",
    "im",
    "ive",
    "id",
    "me",
    "my",
    "myself",
    "mine",
    "we",
    "our",
    "us",
    "he",
    "hes",
    "she",
    "shes",
    "him",
    "her",
    "his",
    "hers",
    "patient*",
    "pt",
    "husband*",
    "wife",
    "wifes",
    "partner*",
    "boyfriend*",
    "girlfriend*",
    "son",
    "sons",
    "daughter*",
    "child",
    "childs",
    "kid",
    "kids",
    "baby",
    "babys",
    "toddler*",
    "infant*",
    "boy",
    "girl",
    "teenager*",
    "mum",
    "mums",
    "mom",
    "moms",
    "mother*",
    "dad",
    "dads",
    "father*",
    "grandad*",
    "granddad*",
    "grandpa*",
    "grandma*",
    "grandmother*",
    "grandfather*",
    "gran",
    "grans",
    "granny",
    "nan",
    "nans",
    "nanna",
    "friend*",
    "brother*",
    "sister*",
    "colleague*",
    "neighbour*",
    "neighbor*",
    "man",
    "woman",
    "student",
    "year old",
    "years old",
];

/// Time cues: a question saying when something started describes someone.
const WHEN: &[&str] = &[
    "sudden*",
    "since",
    "today",
    "yesterday",
    "tonight",
    "this morning",
    "this afternoon",
    "this evening",
    "last night",
    "ago",
    "onset",
    "right now",
    "currently",
];

/// True when the question is about someone: a person word, a time cue, or clinical shorthand for age and sex
/// ("55m", "72f", "3yo").
pub(super) fn personal(t: &Text) -> bool {
    t.has(PERSONAL) || t.has(WHEN) || t.words().any(age_sex)
}

fn age_sex(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 3 && matches!(&word[digits..], "m" | "f" | "yo" | "y" | "yr" | "yrs" | "yof" | "yom")
}

/// True when the question asks about a condition in general ("what are the signs of…", "red flags of…").
pub(super) fn general(t: &Text) -> bool {
    const STARTS: &[&str] = &[
        "what", "whats", "which", "how", "why", "when", "where", "who", "define", "explain", "list", "describe", "is",
        "are", "can", "could", "does", "do", "should", "would", "will", "tell",
    ];
    t.first().is_some_and(|w| STARTS.contains(&w))
        || t.has(&[
            "red flag*",
            "signs of",
            "symptoms of",
            "symptom of",
            "warning sign*",
            "definition",
            "criteria",
            "guideline*",
            "management of",
            "causes of",
            "risk factor*",
            "rate of",
            "incidence",
            "prevalence",
        ])
}

/// Onset or speed words.
pub(super) const SUDDEN: &[&str] = &[
    "sudden*",
    "sudenly",
    "suddnly",
    "suddently",
    "all of a sudden",
    "all at once",
    "abrupt*",
    "acute*",
    "out of nowhere",
    "out of the blue",
    "came on in seconds",
    "in seconds",
    "within seconds",
    "within a minute",
    "within 1 minute",
    "rapid*",
    "quickly",
    "getting worse",
    "worsening",
    "much worse",
];

/// Recent-time words (onset stated, or minutes/hours ago).
pub(super) const RECENT: &[&str] = &[
    "ago",
    "onset",
    "since",
    "today",
    "this morning",
    "this afternoon",
    "this evening",
    "tonight",
    "last night",
    "started",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hrs",
    "last known well",
    "lkw",
];

/// Trouble breathing.
pub(super) const BREATHING: &[&str] = &[
    "breath*",
    "cant get air",
    "get air in",
    "dyspnoea",
    "dyspnea",
    "cant breathe",
    "hard to breathe",
    "short of breath",
    "sob",
    "wheez*",
    "stridor",
    "respiratory",
    "fvc",
];

/// Trouble swallowing.
pub(super) const SWALLOWING: &[&str] = &["swallow*", "dysphagi*", "cant swallow", "drooling"];

/// Pain words (with a common slip).
pub(super) const PAIN: &[&str] =
    &["pain*", "pian", "hurt*", "ache*", "aching", "sore", "agony", "agonising", "agonizing", "excruciating"];

/// Numbness and altered sensation.
pub(super) const NUMB: &[&str] = &[
    "numb*",
    "no feeling",
    "cant feel",
    "cant feel myself",
    "lost feeling",
    "loss of feeling",
    "loss of sensation",
    "lost sensation",
    "altered sensation",
    "reduced sensation",
    "reduced _ sensation",
    "decreased sensation",
    "anaesthe*",
    "anesthe*",
    "hypoaesthe*",
    "hypoesthe*",
    "paraesthe*",
    "paresthe*",
    "tingl*",
    "pins and needles",
];

/// Weakness.
pub(super) const WEAK: &[&str] = &[
    "weak*",
    "paralys*",
    "paralyz*",
    "cant move",
    "cant lift",
    "cant raise",
    "no strength",
    "give way",
    "gave way",
    "giving way",
    "floppy",
    "flaccid",
    "paresis",
];

/// Walking lost.
pub(super) const CANT_WALK: &[&str] = &[
    "cant walk",
    "unable to walk",
    "barely walk",
    "hardly walk",
    "cant stand",
    "unable to stand",
    "legs gave way",
    "legs giving way",
    "legs give way",
    "legs keep giving way",
    "unsteady",
    "gait",
];

/// Animals: a question about a pet is not about human poisoning.
pub(super) const ANIMAL: &[&str] =
    &["dog", "dogs", "puppy", "cat", "cats", "kitten", "pet", "pets", "rabbit", "horse", "hamster", "parrot"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_on_word_boundaries_only() {
        let t = Text::new("I want to kill myself");
        assert!(!t.has(&["wet myself", "wetting myself"]));
        assert!(t.has(&["kill myself"]));
        assert!(!Text::new("scattered").has(&["cat"]));
    }

    #[test]
    fn apostrophes_and_case_fold() {
        for q in ["I CAN'T walk", "i can’t walk", "i cant walk", "I cannot walk"] {
            assert!(Text::new(q).has(&["cant walk"]), "{q}");
        }
    }

    #[test]
    fn prefixes_wildcards_and_slips() {
        let t = Text::new("numbnes in my saddle area");
        assert!(t.has(&["numb*"]));
        assert!(Text::new("reduced perianal sensation").has(&["reduced _ sensation"]));
        assert!(Text::new("i feel sucidal").has(&["suicidal"]));
        assert!(Text::new("i feel suicidla").has(&["suicidal"]));
        assert!(!Text::new("a strike").has(&["stroke"]), "short words need an exact match");
        assert!(!one_slip("weakness", "meekness"));
    }

    #[test]
    fn personal_and_general() {
        assert!(personal(&Text::new("55M, sudden R facial droop")));
        assert!(personal(&Text::new("accidental ingestion by 3yo")));
        assert!(!personal(&Text::new("facial droop and dysarthria")));
        assert!(general(&Text::new("What are the signs of a stroke?")));
        assert!(!general(&Text::new("facial droop and dysarthria")));
    }
}
