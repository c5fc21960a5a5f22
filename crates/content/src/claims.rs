//! Rule 4, every claim cited: finds the sentences and list items of an article that state something of
//! clinical substance without a `[@ref-id]` citation marker. The rule is described in
//! `docs/content-format.md` ("Every claim cited"); in short:
//!
//! * **Units.** The article's summaries (`patient = "…"`, `professional = "…"` in the front matter) and
//!   every paragraph of the body are split into sentences; every list item (`- `, `* `, `1. ` and its
//!   continuation lines) is one unit, split into sentences too.
//! * **Clinical substance.** A sentence has it when it contains a digit, a root or level name (`C5`, `L4`,
//!   `S4-5`, `T12`), a word from [`SUBSTANCE_WORDS`] (nerves, reflexes, muscles, tests, drugs, imaging,
//!   signs and symptoms, accuracy words), or opens with an imperative of advice ([`IMPERATIVES`]: "Get
//!   help", "Test …", "Avoid …").
//! * **Cited.** A sentence is cited when it holds a `[@…]` marker, or when the last sentence of its
//!   paragraph or list item does (one citation at the end covers the paragraph it closes).
//! * **Not checked.** Headings, the front matter other than the summaries, and glossary-like lines: a list
//!   item that is only a bold term with a short definition of at most [`GLOSSARY_WORDS`] words and no
//!   digit, e.g. `- **Dermatome:** a strip of skin supplied by one root.`
//!
//! A uncited sentence of clinical substance is reported with its file's 1-based line.

use std::path::{Path, PathBuf};

/// Words (lowercase, matched as whole words or word starts as noted) that make a sentence clinical.
/// Entries ending in `*` match any word starting with the stem.
pub const SUBSTANCE_WORDS: &[&str] = &[
    // anatomy the content makes claims about
    "nerve*",
    "root*",
    "dermatom*",
    "myotom*",
    "reflex*",
    "jerk*",
    "muscle*",
    "tendon*",
    "plexus",
    "cord",
    "spinal",
    "disc*",
    "foramen",
    "foramin*",
    "ganglion",
    "ganglia",
    "axon*",
    "myelin*",
    // examination and tests
    "test*",
    "exam*",
    "sensitivity",
    "specificity",
    "accura*",
    "mri",
    "ct",
    "imaging",
    "scan*",
    "electromyograph*",
    "emg",
    "nerve-conduction",
    "conduction",
    "x-ray*",
    "ultrasound",
    "biopsy",
    "sign",
    "signs",
    "score*",
    "grade*",
    // signs and symptoms
    "numb*",
    "weak*",
    "pain*",
    "tingl*",
    "paraesthesi*",
    "paresthesi*",
    "wasting",
    "atrophy",
    "spastic*",
    "clonus",
    "babinski",
    "incontinen*",
    "retention",
    "bladder",
    "bowel",
    "saddle",
    "paralys*",
    "palsy",
    // treatment and drugs
    "surgery",
    "surgical",
    "decompress*",
    "injection*",
    "steroid*",
    "corticosteroid*",
    "immunoglobulin*",
    "plasma",
    "drug*",
    "medicin*",
    "gabapentin",
    "pregabalin",
    "amitriptyline",
    "duloxetine",
    "opioid*",
    "nsaid*",
    "physiotherap*",
    "splint*",
    "brace*",
    "treat*",
    "therap*",
    "recover*",
    "prognos*",
    // urgency and risk
    "emergency",
    "urgent*",
    "immediately",
    "cauda",
    "equina",
    "ventilat*",
    "risk*",
    "diagnos*",
];

/// Verbs that open a sentence of advice (lowercase): "Get help at once …", "Test light touch …".
pub const IMPERATIVES: &[&str] = &[
    "get", "call", "go", "seek", "see", "ask", "test", "check", "compare", "avoid", "stop", "take", "use", "do",
    "don't", "never", "always", "keep", "move", "tell", "try", "record", "examine", "look", "refer",
];

/// The most words a glossary-like list item's definition may have.
pub const GLOSSARY_WORDS: usize = 12;

/// One uncited claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncitedClaim {
    /// The article file.
    pub path: PathBuf,
    /// 1-based line where the sentence's paragraph or list item starts (its own line for a one-line unit).
    pub line: usize,
    /// The sentence.
    pub sentence: String,
}

impl std::fmt::Display for UncitedClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: uncited claim: {}", self.path.display(), self.line, self.sentence)
    }
}

/// A paragraph, list item or summary with the line it starts on.
struct Unit {
    line: usize,
    text: String,
    /// The list (numbered in the article) this item belongs to; `None` for a paragraph.
    list: Option<usize>,
    /// The list this paragraph directly introduces (the next block after it, with no heading between).
    leads: Option<usize>,
}

/// The uncited sentences of clinical substance in the article `text` read from `path`.
pub fn uncited_claims(path: &Path, text: &str) -> Vec<UncitedClaim> {
    let units = units(text);
    let ends_cited = |u: &Unit| sentences(&u.text).last().is_some_and(|s| cited(s));
    let mut out = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.list.is_some() && glossary_like(&unit.text) {
            continue;
        }
        if ends_cited(unit) {
            continue;
        }
        // A list item is covered by a cited lead-in: the paragraph just before its list, ending cited.
        if let Some(list) = unit.list {
            let lead = units.iter().find(|u| u.leads == Some(list));
            if lead.is_some_and(ends_cited) {
                continue;
            }
            // A list is read like a paragraph: a citation ending its last item covers the items above.
            if units.iter().rev().find(|u| u.list == Some(list)).is_some_and(ends_cited) {
                continue;
            }
        }
        // A lead-in is completed by its list: covered when an item is cited (lead-in ending with ':') or
        // when every item is.
        if let Some(list) = unit.leads {
            let items: Vec<&Unit> = units[i + 1..].iter().filter(|u| u.list == Some(list)).collect();
            let colon = unit.text.trim_end().ends_with(':');
            if (colon && items.iter().any(|u| cited(&u.text))) || items.iter().all(|u| cited(&u.text)) {
                continue;
            }
        }
        // A marker covers the sentences of its unit back to the previous marker: only the sentences
        // after the unit's last marker can be uncited.
        let sentences = sentences(&unit.text);
        let after_last = sentences.iter().rposition(|s| cited(s)).map_or(0, |p| p + 1);
        for s in sentences.into_iter().skip(after_last) {
            if substantive(&s) && !pointer(&s) {
                out.push(UncitedClaim { path: path.to_path_buf(), line: unit.line, sentence: s });
            }
        }
    }
    out
}

/// The uncited claims of every `.md` article under `dir/articles`, sorted by file and line.
///
/// # Errors
/// A folder or file that cannot be read.
pub fn uncited_claims_in_dir(dir: &Path) -> std::io::Result<Vec<UncitedClaim>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("articles"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        out.extend(uncited_claims(&p, &std::fs::read_to_string(&p)?));
    }
    Ok(out)
}

/// The uncited claims of the built-in articles (paths as `content/articles/…`).
pub fn builtin_uncited_claims() -> Vec<UncitedClaim> {
    crate::builtin_files()
        .filter(|(p, _)| p.starts_with("articles/") && p.ends_with(".md"))
        .flat_map(|(p, t)| uncited_claims(&Path::new("content").join(p), t))
        .collect()
}

/// A sentence that only points to another article ("The red flags are set out in the article on …").
fn pointer(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower.contains("the article on") || lower.contains("the articles on")
}

fn cited(s: &str) -> bool {
    s.contains("[@")
}

/// Splits an article into its summaries, paragraphs and list items.
fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    // Front matter: only the summaries are prose.
    if lines.first().map(|l| l.trim()) == Some("+++") {
        i = 1;
        while i < lines.len() && lines[i].trim() != "+++" {
            let l = lines[i].trim();
            for key in ["patient", "professional"] {
                if let Some(rest) = l.strip_prefix(key).map(str::trim_start).and_then(|r| r.strip_prefix('=')) {
                    let value = rest.trim().trim_matches('"').replace("\\\"", "\"");
                    out.push(Unit { line: i + 1, text: value, list: None, leads: None });
                }
            }
            i += 1;
        }
        i += 1;
    }
    let mut current: Option<Unit> = None;
    let mut lists = 0;
    let mut in_list = false;
    // The paragraph last flushed, if nothing but blank lines followed it.
    let mut last_paragraph: Option<usize> = None;
    let flush = |current: &mut Option<Unit>, out: &mut Vec<Unit>, last_paragraph: &mut Option<usize>| {
        if let Some(u) = current.take() {
            *last_paragraph = u.list.is_none().then_some(out.len());
            out.push(u);
        }
    };
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            flush(&mut current, &mut out, &mut last_paragraph);
        } else if l.starts_with('#') || l.starts_with("```") || l.starts_with('|') {
            flush(&mut current, &mut out, &mut last_paragraph);
            last_paragraph = None;
            in_list = false;
        } else if let Some(item) = list_item(l) {
            let continuing = in_list && current.as_ref().is_some_and(|u| u.list.is_some());
            flush(&mut current, &mut out, &mut last_paragraph);
            if !continuing {
                lists += 1;
                in_list = true;
                if let Some(p) = last_paragraph.take() {
                    out[p].leads = Some(lists);
                }
            }
            current = Some(Unit { line: i + 1, text: item.to_string(), list: Some(lists), leads: None });
        } else if let Some(u) = current.as_mut() {
            u.text.push(' ');
            u.text.push_str(l);
        } else {
            in_list = false;
            current = Some(Unit { line: i + 1, text: l.to_string(), list: None, leads: None });
        }
        i += 1;
    }
    flush(&mut current, &mut out, &mut last_paragraph);
    out
}

/// The text of a list item line (`- x`, `* x`, `12. x`), if it is one.
fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(rest);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| line[digits..].strip_prefix(". ")).flatten()
}

/// `**Term:** a short definition` (or `**Term** — definition`) with no digit and few words.
fn glossary_like(item: &str) -> bool {
    let Some(rest) = item.strip_prefix("**") else { return false };
    let Some(end) = rest.find("**") else { return false };
    let (term, definition) = (&rest[..end], &rest[end + 2..]);
    if term.bytes().any(|b| b.is_ascii_digit()) || definition.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let definition = definition.trim_start_matches([':', ' ', '—', '-']);
    !definition.is_empty() && definition.split_whitespace().count() <= GLOSSARY_WORDS && !definition.contains(". ")
}

/// Sentences: split after `.`, `!` or `?` followed by a space and a capital letter, a digit or `*`
/// (so "e.g. the" and "0.6" stay whole), or after a citation marker that ends a clause.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end_mark = matches!(c, '.' | '!' | '?');
        if end_mark && i + 2 < chars.len() && chars[i + 1] == ' ' {
            let next = chars[i + 2];
            let abbreviation = {
                let word: String = chars[start..i].iter().rev().take_while(|c| !c.is_whitespace()).collect();
                matches!(word.as_str(), "g.e" | "e.i" | "sv" | "cte" | "la" | "rD" | "giF" | "c.f")
            };
            if (next.is_uppercase() || next.is_ascii_digit() || next == '*') && !abbreviation {
                out.push(chars[start..=i].iter().collect::<String>().trim().to_string());
                start = i + 2;
            }
        }
        i += 1;
    }
    let rest: String = chars[start..].iter().collect::<String>().trim().to_string();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// True when the sentence has clinical substance (see the module documentation).
pub fn substantive(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if sentence.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    if words.iter().any(|w| is_level(w)) {
        return true;
    }
    if let Some(first) = words.first() {
        if IMPERATIVES.contains(&first.as_str()) {
            return true;
        }
    }
    words.iter().any(|w| {
        SUBSTANCE_WORDS.iter().any(|k| match k.strip_suffix('*') {
            Some(stem) => w.starts_with(stem),
            None => w == k,
        })
    })
}

/// `c5`, `l4`, `s1`, `t12`, `s4-5`: a spinal level (lowercased).
fn is_level(w: &str) -> bool {
    let mut chars = w.chars();
    matches!(chars.next(), Some('c' | 't' | 'l' | 's')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<(usize, String)> {
        uncited_claims(Path::new("a.md"), text).into_iter().map(|c| (c.line, c.sentence)).collect()
    }

    const FRONT: &str = "+++\nslug = \"x\"\n[summary]\npatient = \"Numb skin can mean a pinched root [@a].\"\nprofessional = \"L5 supplies the dorsum of the foot.\"\n+++\n";

    #[test]
    fn an_uncited_bullet_of_clinical_substance_is_flagged_with_its_line() {
        let text = format!(
            "{FRONT}\n## Significance\n\n- **Cited:** the sensory level is the lowest normal dermatome [@rupp].\n- **Warning sign:** new numbness in the saddle area with bladder or bowel change needs emergency assessment for cauda equina compression.\n"
        );
        let got = flagged(&text);
        assert_eq!(
            got,
            vec![
                (5, "L5 supplies the dorsum of the foot.".to_string()),
                (
                    11,
                    "**Warning sign:** new numbness in the saddle area with bladder or bowel change needs emergency assessment for cauda equina compression.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_cited_paragraph_end_covers_its_sentences_and_headings_and_glossary_lines_pass() {
        let text = String::from(
            "+++\nslug = \"x\"\n+++\n\n## Numbness and the L5 root\n\nThe L5 root supplies the big toe. Weakness of toe extension is common. Both are tested together [@lee].\n\n- **Dermatome:** a strip of skin supplied by one root.\n- The weather was fine.\n"
        );
        assert_eq!(flagged(&text), Vec::<(usize, String)>::new());
    }

    #[test]
    fn an_uncited_sentence_after_a_cited_one_is_flagged() {
        let text = "Pain spreads beyond the dermatome [@murphy]. Test power in 3 positions.\n\nIt is a nice day.\n";
        assert_eq!(flagged(text), vec![(1, "Test power in 3 positions.".to_string())]);
    }

    #[test]
    fn substance_words_levels_numbers_and_imperatives() {
        assert!(substantive("The S4-5 ring marks completeness."));
        assert!(substantive("In 64% of cases."));
        assert!(substantive("Get help at once."));
        assert!(substantive("Gabapentin may help."));
        assert!(!substantive("The edges are not the same in everyone."));
        assert!(!substantive("This page explains the words used below."));
    }

    #[test]
    fn sentences_keep_decimals_and_abbreviations_whole() {
        assert_eq!(sentences("About 0.6 each, e.g. Lee. Next one."), vec!["About 0.6 each, e.g. Lee.", "Next one."]);
    }

    #[test]
    fn the_builtin_articles_have_no_uncited_claims() {
        let found = builtin_uncited_claims();
        let report: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert!(found.is_empty(), "{} uncited claims:\n{}", found.len(), report.join("\n"));
    }
}
