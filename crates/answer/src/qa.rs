//! Answers from trusted Q&A pairs: contiguous passages of the source quoted in source order, each source cited
//! and linked; pairs whose text is not stored are shown as what they are, a pointer to the source page.
//!
//! How a passage is chosen (see `docs/decision-qa-extracts.md`): the answer is split into units (sentences and
//! list items) grouped in passages (paragraphs, or runs under an inline heading such as "Is Shingles
//! Contagious?"); every contiguous window of up to three units is scored by the question's concepts and type
//! it covers, then closed under two rules so no sentence loses its meaning: a sentence that leans on the one
//! before it ("However…", "This…", "They…", a list item) brings that sentence, and a sentence followed by its
//! qualification ("But…", "Although…", or, after a negated sentence, one that names an exception) brings the
//! qualification.

use std::collections::{HashMap, HashSet};

use vesalius_core::{
    source_name, Answer, AnswerKind, Audience, Block, NumberedReference, RefType, Reference, ReviewStage, Section,
    Source,
};
use vesalius_entail::{question_types, stem, QType};
use vesalius_store::StoredPair;

use crate::analysis::words;

/// Year of the MedQuAD collection, used as the year of its pairs' references.
const MEDQUAD_YEAR: u16 = 2019;
/// Longest excerpt of one answer shown in a section, in characters (more only to keep a qualification).
const MAX_EXCERPT: usize = 1400;
/// Longest summary passage, in characters (more only to keep a leaning or qualifying sentence).
const SUMMARY_MAX: usize = 600;
/// A summary passage shorter than this takes the following sentences of its passage, while they fit.
const SUMMARY_MIN: usize = 200;
/// Most units (sentences, list items) in a scored window before closing it.
const WINDOW_UNITS: usize = 3;
/// A sentence ending in "?" with at most this many words, followed by more text, is an inline heading.
const HEADING_WORDS: usize = 10;

/// A QA pair chosen to answer (part of) a question.
pub(crate) struct Chosen {
    /// The part of the question it answers.
    pub part: String,
    /// The pair.
    pub pair: StoredPair,
    /// Shown beneath the pointer before it (stored text about the same focus as a pair whose text is not
    /// stored); not one of the ranked sources.
    pub beneath: bool,
}

/// Everyday words that ask about the same thing, so a sentence that says "child" answers a question about a
/// "baby".
const KINDRED: &[&[&str]] = &[
    &["baby", "babies", "infant", "infants", "newborn", "child", "children", "kid", "kids", "toddler"],
    &["give", "pass", "spread", "spreads", "catch", "contagious", "transmit", "transmitted", "infect"],
    &["pregnant", "pregnancy", "expecting"],
    &["cure", "treat", "treatment", "treated", "therapy", "medicine", "medicines"],
    &["die", "death", "fatal", "deadly", "survive", "survival"],
    &["inherit", "inherited", "genetic", "hereditary", "family", "parents"],
];

/// Words a sentence answering a question of this type tends to use.
fn type_cues(t: QType) -> &'static [&'static str] {
    match t {
        QType::Symptoms => &["symptom", "symptoms", "sign", "signs", "feel", "include"],
        QType::Causes => &["cause", "causes", "caused", "due", "trigger", "result"],
        QType::Treatment => &["treat", "treatment", "therapy", "medicine", "medication", "drug", "surgery", "cure"],
        QType::Diagnosis => &["diagnose", "diagnosis", "test", "tests", "exam", "scan", "biopsy"],
        QType::Prevention => &["prevent", "prevention", "vaccine", "avoid", "reduce"],
        QType::Prognosis => &["outlook", "prognosis", "recover", "recovery", "survival", "expectancy"],
        QType::Genetics => &["inherit", "inherited", "gene", "genes", "genetic", "mutation"],
        QType::Susceptibility => &["risk", "likely", "age", "people"],
        QType::Dosage => &["dose", "dosage", "take", "daily"],
        QType::SideEffects => &["side", "effects", "reaction", "reactions"],
        QType::Complications => &["complication", "complications", "lead"],
        QType::Frequency => &["common", "percent", "affects", "people"],
        QType::Transmission => &["spread", "contagious", "pass", "catch", "transmit", "infect", "infectious"],
        QType::Safety => &["safe", "pregnant", "avoid", "risk"],
        QType::Lifestyle => &["diet", "exercise", "eat", "food", "lifestyle"],
        _ => &[],
    }
}

/// First words after which a sentence leans on the one before it (a pronoun or connective whose antecedent
/// is there).
const LEANING_STARTS: &[&str] = &[
    "however",
    "but",
    "this",
    "these",
    "that",
    "those",
    "it",
    "its",
    "they",
    "their",
    "them",
    "also",
    "otherwise",
    "such",
    "so",
    "thus",
    "therefore",
    "hence",
    "then",
    "yet",
    "still",
    "instead",
    "and",
    "or",
    "nor",
    "both",
    "he",
    "she",
    "consequently",
    "nevertheless",
    "nonetheless",
];
/// Opening phrases after which a sentence leans on the one before it.
const LEANING_PHRASES: &[&str] = &[
    "in addition",
    "in such cases",
    "in such a case",
    "in this case",
    "in these cases",
    "in that case",
    "as a result",
    "for this reason",
    "for these reasons",
    "even so",
    "on the other hand",
    "for example",
    "for instance",
    "in fact",
    "because of this",
];
/// First words of a sentence that qualifies the one before it: it is never left behind.
const QUALIFYING_STARTS: &[&str] =
    &["however", "but", "although", "though", "unless", "except", "yet", "still", "nevertheless", "nonetheless"];
/// Words that name an exception: after a negated sentence, a sentence using them is its qualification.
const EXCEPTION_WORDS: &[&str] = &["except", "unless", "exception", "exceptions", "only", "although", "though"];
/// Words that negate a sentence (contractions such as "can't" are found by their "n't").
const NEGATIONS: &[&str] = &["not", "no", "never", "cannot", "none", "neither", "nor", "nobody", "nothing"];
/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "st", "fig", "approx", "a.m", "p.m"];

/// One unit of an answer: a sentence or a list item, as a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Unit {
    start: usize,
    end: usize,
    /// The passage (paragraph, or the run under an inline heading) it belongs to.
    passage: usize,
    /// An inline heading ("Is Shingles Contagious?"): shown in excerpts, never quoted as a summary.
    heading: bool,
}

/// The answer split into units in source order.
struct Split<'a> {
    text: &'a str,
    units: Vec<Unit>,
}

impl<'a> Split<'a> {
    fn new(text: &'a str) -> Split<'a> {
        let raw = raw_units(text);
        let mut units = drop_list_echoes(text, raw);
        if units.len() > 1 && units.last().is_some_and(|u| is_attribution(&text[u.start..u.end])) {
            units.pop();
        }
        Split { text, units: mark_headings(text, units) }
    }

    fn text(&self, i: usize) -> &'a str {
        let u = self.units[i];
        &self.text[u.start..u.end]
    }

    fn join(&self, from: usize, to: usize) -> String {
        (from..to).map(|i| self.text(i)).collect::<Vec<_>>().join(" ")
    }

    fn len_of(&self, from: usize, to: usize) -> usize {
        (from..to).map(|i| self.text(i).len() + 1).sum::<usize>().saturating_sub(1)
    }

    fn same_passage(&self, a: usize, b: usize) -> bool {
        self.units[a].passage == self.units[b].passage
    }

    /// Extends `from..to` until no unit in it lacks the sentence it leans on or the qualification that
    /// follows it, within its passages.
    fn close(&self, mut from: usize, mut to: usize) -> (usize, usize) {
        loop {
            let before = (from, to);
            while from > 0
                && self.same_passage(from - 1, from)
                && !self.units[from - 1].heading
                && leans(self.text(from))
            {
                from -= 1;
            }
            while to < self.units.len()
                && to > from
                && self.same_passage(to - 1, to)
                && qualifies(self.text(to - 1), self.text(to))
            {
                to += 1;
            }
            if (from, to) == before {
                return (from, to);
            }
        }
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | '"' | '\'' | '”' | '’' | ']')
}

/// Sentences and list items with the passage breaks the text shows (line breaks, runs of three or more
/// spaces). MedQuAD lists look like "Symptoms include: - fever - cough" or "...covered.  - avoid...".
fn raw_units(text: &str) -> Vec<Unit> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut passage = 0;
    let mut broken = false;
    let mut in_list = false;
    let push = |out: &mut Vec<Unit>, from: usize, to: usize, passage: &mut usize, broken: &mut bool| {
        let piece = &text[from..to];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            return;
        }
        if *broken && !out.is_empty() {
            *passage += 1;
        }
        *broken = false;
        let lead = piece.len() - piece.trim_start().len();
        out.push(Unit { start: from + lead, end: from + lead + trimmed.len(), passage: *passage, heading: false });
    };
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, c)| c);
        if c == '\n' || (c == ' ' && next == Some(' ') && chars.get(i + 2).is_some_and(|&(_, c)| c == ' ')) {
            push(&mut out, start, b, &mut passage, &mut broken);
            broken = true;
            in_list = false;
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            start = chars.get(i).map_or(text.len(), |&(b, _)| b);
            continue;
        }
        if c == '-' && (i == 0 || chars[i - 1].1.is_whitespace()) {
            // A list marker: "-" (or "--") alone between spaces, after punctuation or inside a list.
            let mut j = i;
            while j < chars.len() && chars[j].1 == '-' {
                j += 1;
            }
            let spaced = j >= chars.len() || chars[j].1.is_whitespace();
            let before = text[start..b].trim_end();
            let after_punct = before.is_empty() || before.ends_with(['.', ',', ':', ';', '!', '?', ')']);
            if spaced && j - i <= 2 && (in_list || after_punct) {
                push(&mut out, start, b, &mut passage, &mut broken);
                start = b;
                in_list = true;
                i = j;
                continue;
            }
        }
        if matches!(c, '.' | '?' | '!') {
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let at_end = j >= chars.len() || chars[j].1.is_whitespace();
            let word_before: String = chars[..i]
                .iter()
                .rev()
                .map(|&(_, c)| c)
                .take_while(|c| !c.is_whitespace())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
                .to_lowercase();
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&word_before.trim_start_matches('('))
                    || word_before.chars().count() == 1
                    || word_before.contains('.'));
            if at_end && !abbreviation {
                let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
                push(&mut out, start, end, &mut passage, &mut broken);
                start = end;
                in_list = false;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, text.len(), &mut passage, &mut broken);
    out
}

/// The agency line MedlinePlus topic summaries end with ("NIH: National Cancer Institute", "Centers for
/// Disease Control and Prevention"): not a sentence of the answer.
fn is_attribution(text: &str) -> bool {
    let w: Vec<&str> = text.split_whitespace().collect();
    !text.ends_with(['.', '!', '?', ':'])
        && !is_list_item(text)
        && !w.is_empty()
        && w.len() <= 14
        && w.iter().all(|w| w.len() <= 3 || w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()))
}

fn is_list_item(text: &str) -> bool {
    text.starts_with('-')
}

/// MedQuAD often repeats a list right after it without its markers ("- keep the rash covered - wash your
/// hands. keep the rash covered wash your hands."): the repeat is dropped.
fn drop_list_echoes(text: &str, units: Vec<Unit>) -> Vec<Unit> {
    let w: Vec<Vec<String>> = units.iter().map(|u| words(&text[u.start..u.end])).collect();
    let item: Vec<bool> = units.iter().map(|u| is_list_item(&text[u.start..u.end])).collect();
    let mut echo = vec![false; units.len()];
    let mut a = 0;
    while a < units.len() {
        if !item[a] || (a > 0 && item[a - 1]) || echo[a] {
            a += 1;
            continue;
        }
        let mut listed: Vec<&String> = Vec::new();
        let mut found = None;
        for k in a..units.len().min(a + 60) {
            if k > a && !item[k] && item[..k].iter().skip(a).any(|x| *x) {
                let mut repeat: Vec<&String> = Vec::new();
                let mut m = k;
                while m < units.len() && repeat.len() < listed.len() && !item[m] {
                    repeat.extend(w[m].iter());
                    m += 1;
                }
                if !listed.is_empty() && repeat == listed {
                    found = Some((k, m));
                    break;
                }
            }
            listed.extend(w[k].iter());
        }
        match found {
            Some((k, m)) => {
                echo[k..m].iter_mut().for_each(|e| *e = true);
                a = m;
            }
            None => a += 1,
        }
    }
    units.into_iter().zip(echo).filter(|(_, e)| !e).map(|(u, _)| u).collect()
}

/// Marks inline headings ("Is Shingles Contagious?") and starts a passage at each.
fn mark_headings(text: &str, units: Vec<Unit>) -> Vec<Unit> {
    let n = units.len();
    let mut out = Vec::with_capacity(n);
    let mut passage = 0;
    let mut last_raw = None;
    for (i, mut u) in units.into_iter().enumerate() {
        let t = &text[u.start..u.end];
        let heading = i + 1 < n
            && t.ends_with('?')
            && words(t).len() <= HEADING_WORDS
            && t.chars().next().is_some_and(char::is_uppercase);
        let new_raw = last_raw.is_some_and(|p| p != u.passage);
        if i > 0 && (new_raw || heading) {
            passage += 1;
        }
        last_raw = Some(u.passage);
        u.passage = passage;
        u.heading = heading;
        out.push(u);
    }
    out
}

fn first_words(text: &str, n: usize) -> String {
    words(text).into_iter().take(n).collect::<Vec<_>>().join(" ")
}

/// The sentence leans on the one before it: a list item, a connective or a pronoun whose antecedent is there.
fn leans(text: &str) -> bool {
    if is_list_item(text) {
        return true;
    }
    let first = first_words(text, 1);
    let opening = first_words(text, 4);
    LEANING_STARTS.contains(&first.as_str())
        || LEANING_PHRASES.iter().any(|p| opening == *p || opening.starts_with(&format!("{p} ")))
}

/// The sentence is negated ("can't", "cannot", "not", "no", "never", …).
fn negated(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("n't") || lower.contains("n’t") || words(&lower).iter().any(|w| NEGATIONS.contains(&w.as_str()))
}

/// `next` qualifies `previous`: it opens with a contrast, or `previous` is negated and `next` names an
/// exception.
fn qualifies(previous: &str, next: &str) -> bool {
    let first = first_words(next, 1);
    if QUALIFYING_STARTS.contains(&first.as_str()) || first_words(next, 4).starts_with("on the other hand") {
        return true;
    }
    negated(previous) && words(next).iter().any(|w| EXCEPTION_WORDS.contains(&w.as_str()))
}

/// What a question asks about, as concepts: each content word (with its kindred words) and the question's type.
struct Query {
    /// Stem → the concepts it shows.
    concepts: HashMap<String, Vec<usize>>,
}

impl Query {
    fn new(question: &str, focus: &str) -> Query {
        // The focus is named in almost every sentence, so it says nothing about relevance.
        let focus_words: HashSet<String> = words(focus).into_iter().map(|w| stem(&w)).collect();
        let mut concepts: HashMap<String, Vec<usize>> = HashMap::new();
        // The question's type is a concept, shown by the words answers of that type use; a question word that
        // is one of them ("treated" in "how is gout treated?") asks for the type, not for a concept of its own.
        let mut next = 0;
        for t in question_types(question) {
            let cues = type_cues(t);
            if cues.is_empty() {
                continue;
            }
            next += 1;
            for c in cues {
                let ids = concepts.entry(stem(c)).or_default();
                if !ids.contains(&next) {
                    ids.push(next);
                }
            }
        }
        for w in words(question) {
            let s = stem(&w);
            if w.len() <= 2 || vesalius_entail::is_stopword(&w) || focus_words.contains(&s) || concepts.contains_key(&s)
            {
                continue;
            }
            next += 1;
            let group = KINDRED.iter().find(|g| g.iter().any(|k| stem(k) == s));
            concepts.insert(s, vec![next]);
            for k in group.into_iter().flat_map(|g| g.iter()) {
                concepts.entry(stem(k)).or_default().push(next);
            }
        }
        Query { concepts }
    }

    /// Adds the concepts `text` shows to `into`.
    fn hits(&self, text: &str, into: &mut HashSet<usize>) {
        for w in words(text) {
            if let Some(ids) = self.concepts.get(&stem(&w)) {
                into.extend(ids.iter().copied());
            }
        }
    }
}

/// How good a window is, best greatest: fits the summary bound, concepts covered (its passage's heading
/// included), under a heading that shows one, earlier, fewer units.
type WindowKey = (bool, usize, bool, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>);

/// A composed extract of one answer: the passage that best answers the question, and the excerpt shown in
/// full, both contiguous and in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extract {
    /// The best passage, for the summary.
    pub passage: String,
    /// The excerpt for the section body (contains the passage).
    pub excerpt: String,
    /// Some of the answer is left out of the excerpt.
    pub cut: bool,
}

/// The passage of `answer` that best answers `question` (whose focus is `focus`), and the excerpt around it.
pub(crate) fn extract(answer: &str, question: &str, focus: &str) -> Extract {
    let split = Split::new(answer);
    let n = split.units.len();
    if n == 0 {
        return Extract { passage: String::new(), excerpt: String::new(), cut: false };
    }
    let query = Query::new(question, focus);
    let mut heading_hits: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (i, u) in split.units.iter().enumerate().filter(|(_, u)| u.heading) {
        query.hits(split.text(i), heading_hits.entry(u.passage).or_default());
    }
    // Best window: fits the bound, covers most concepts, fewest units, earliest.
    let mut best: Option<(WindowKey, (usize, usize))> = None;
    // A window starts and ends on a unit that shows a concept (closing it adds what those units need).
    let shows: Vec<bool> = (0..n)
        .map(|i| {
            let mut c = HashSet::new();
            query.hits(split.text(i), &mut c);
            !c.is_empty() && !split.units[i].heading
        })
        .collect();
    for s in (0..n).filter(|&s| shows[s]) {
        for len in 1..=WINDOW_UNITS {
            let e = s + len;
            if e > n || !split.same_passage(s, e - 1) || split.units[s..e].iter().any(|u| u.heading) {
                break;
            }
            if !shows[e - 1] {
                continue;
            }
            let (from, to) = split.close(s, e);
            let mut covered = heading_hits.get(&split.units[from].passage).cloned().unwrap_or_default();
            let headed = !covered.is_empty();
            (from..to).for_each(|i| query.hits(split.text(i), &mut covered));
            let fits = split.len_of(from, to) <= SUMMARY_MAX;
            let key = (fits, covered.len(), headed, std::cmp::Reverse(from), std::cmp::Reverse(to - from));
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, (from, to)));
            }
        }
    }
    let (from, mut to) = match best {
        Some((_, range)) => range,
        None => split.close(0, 1),
    };
    // A short passage takes the sentences that follow it in its passage, while they fit.
    while split.len_of(from, to) < SUMMARY_MIN && to < n && split.same_passage(to - 1, to) {
        let (f, t) = split.close(from, to + 1);
        if f != from || split.len_of(f, t) > SUMMARY_MAX {
            break;
        }
        to = t;
    }
    let passage = split.join(from, to);
    // The excerpt: from the start when the passage lies within the bound, else from its passage's start.
    let passage_start = (0..=from).find(|&i| split.same_passage(i, from)).unwrap_or(from);
    let start = if split.len_of(0, to) <= MAX_EXCERPT {
        0
    } else if split.len_of(passage_start, to) <= MAX_EXCERPT {
        passage_start
    } else {
        from
    };
    let mut end = to;
    while end < n && split.len_of(start, end + 1) <= MAX_EXCERPT {
        end += 1;
    }
    let (start, end) = split.close(start, end);
    let mut excerpt = split.join(start, end);
    if start > 0 {
        excerpt = format!("… {excerpt}");
    }
    Extract { passage, excerpt, cut: start > 0 || end < n }
}

/// A MedQuAD question as readers should see it: "What is (are) Shingles ?" → "What is Shingles?".
pub(crate) fn tidy_question(question: &str) -> String {
    let q = question.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut q = q.replace(" (are)", "").replace(" (is)", "").replace(" ?", "?");
    while q.contains("??") {
        q = q.replace("??", "?");
    }
    q.trim().to_string()
}

/// A key under which two questions read the same: tidy, lowercase words.
pub(crate) fn question_key(question: &str) -> String {
    words(&tidy_question(question)).join(" ")
}

/// The MedQuAD document a pair belongs to: its id without the `_Sec<N>` part.
pub(crate) fn document_of(pair_id: &str) -> &str {
    pair_id.rfind("_Sec").map_or(pair_id, |i| &pair_id[..i])
}

/// The site a reader follows a pointer to: the three MedlinePlus collections are "MedlinePlus".
fn site(source: &str) -> &str {
    match source {
        "ADAM" | "MPlusDrugs" | "MPlusHerbsSupplements" | "MPlusHerbsSuppls" => "MedlinePlus",
        other => source_name(other),
    }
}

/// "The answer is on MedlinePlus: “What are the side effects or risks of Ibuprofen?” [n]".
fn pointer(pair: &StoredPair, n: usize) -> String {
    let q = tidy_question(&pair.question);
    let named = q.to_lowercase().contains(&pair.focus.to_lowercase());
    let what = if named || pair.focus.is_empty() { q } else { format!("{} — {q}", pair.focus) };
    format!("The answer is on {}: “{what}” [{n}]", site(&pair.source))
}

fn reference(pair: &StoredPair) -> Reference {
    Reference {
        id: pair.pair_id.clone(),
        ref_type: RefType::Dataset,
        title: format!("{} ({})", tidy_question(&pair.question).trim_end_matches('?').to_string() + "?", pair.focus),
        authors: source_name(&pair.source).to_string(),
        journal: "MedQuAD, U.S. National Institutes of Health".into(),
        year: MEDQUAD_YEAR,
        pmid: None,
        doi: None,
        url: pair.url.clone(),
    }
}

/// Composes an answer from the chosen pairs (in order of preference), one section per pair with stored text;
/// a pair without stored text is a pointer to its page, shown once (in the summary when it leads), with any
/// text `beneath` it as its own section. Reference `n` is the chosen pair at index `n - 1`, cited in order.
pub(crate) fn compose_qa(question: &str, audience: Audience, chosen: &[Chosen], confidence: f32) -> Answer {
    let mut sections = Vec::new();
    let mut references = Vec::new();
    let mut sources = Vec::new();
    let mut summary = String::new();
    for (i, c) in chosen.iter().enumerate() {
        let n = i + 1;
        let p = &c.pair;
        let name = source_name(&p.source);
        let mut blocks = Vec::new();
        match p.answer.as_deref() {
            Some(text) => {
                let x = extract(text, &c.part, &p.focus);
                // The summary is the leading pair's best passage; after a leading pointer, the passage of the
                // text about the same subject that comes next.
                let after_pointer =
                    i == 1 && chosen[0].pair.answer.is_none() && chosen[0].pair.focus.eq_ignore_ascii_case(&p.focus);
                if i == 0 || after_pointer {
                    summary = [summary.as_str(), &format!("{} [{n}]", x.passage)].join(" ").trim().to_string();
                }
                blocks.push(Block::Paragraph { text: format!("{} [{n}]", x.excerpt) });
                if x.cut {
                    blocks.push(Block::Paragraph { text: format!("The full answer is on the {name} page [{n}].") });
                }
            }
            None if i == 0 => summary = pointer(p, n),
            None => blocks.push(Block::Paragraph {
                text: format!("The answer is on the {} page about {} [{n}].", site(&p.source), p.focus),
            }),
        }
        if !blocks.is_empty() {
            sections.push(Section { heading: tidy_question(&p.question), blocks });
        }
        references.push(NumberedReference { n, reference: reference(p) });
        if !c.beneath {
            sources.push(Source { name: name.to_string(), url: p.url.clone(), id: p.pair_id.clone() });
        }
    }
    let title = chosen.first().map(|c| c.pair.focus.clone()).unwrap_or_default();
    Answer {
        title,
        summary,
        sections,
        references,
        sources,
        ..crate::compose::shell(question, audience, AnswerKind::Qa, ReviewStage::Submitted, confidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let s = Split::new(text);
        (0..s.units.len()).map(|i| s.text(i).to_string()).collect()
    }

    #[test]
    fn quotes_the_best_passage_in_source_order_with_its_caveat() {
        let text = "Shingles is a rash. You can't catch shingles from someone who has it. However, you can pass \
                    the virus to someone who never had chickenpox. This would usually be a child. The rash heals.";
        let x = extract(text, "can my mom give shingles to my baby", "Shingles");
        assert!(x.passage.starts_with("You can't catch shingles"), "{}", x.passage);
        assert!(x.passage.contains("However, you can pass") && x.passage.contains("usually be a child"));
        assert_eq!(x.excerpt, text, "short answers are shown whole, in order");
        assert!(!x.cut);
    }

    #[test]
    fn a_leaning_sentence_brings_the_one_before_it() {
        let text = "Gout is a kind of arthritis. Acute attacks come on fast. They are treated with colchicine. \
                    Diet matters.";
        let x = extract(text, "which medicines treat gout", "Gout");
        assert!(x.passage.contains("Acute attacks come on fast. They are treated"), "{}", x.passage);
    }

    #[test]
    fn a_negated_sentence_keeps_an_exception_that_follows() {
        assert!(qualifies("You should not drive.", "The only exception is when a doctor agrees."));
        assert!(!qualifies("You should drive.", "The only exception is when a doctor agrees."));
        assert!(qualifies("It spreads.", "But it is rare."));
        assert!(negated("You can’t catch it.") && negated("It cannot spread.") && !negated("It spreads."));
        assert!(leans("These medicines help.") && leans("In addition, rest.") && leans("- a list item"));
        assert!(!leans("Shingles is a rash.") && !leans("Thistle is a plant."));
    }

    #[test]
    fn splits_sentences_list_items_and_headings_and_drops_list_echoes() {
        let t = texts(
            "Is it contagious? No. If you have shingles, - keep the rash covered  - wash your hands. keep the rash \
             covered wash your hands. See Dr. Lee, e.g. on Monday. Varicella-zoster virus - the same virus - stays.",
        );
        assert_eq!(
            t,
            [
                "Is it contagious?",
                "No.",
                "If you have shingles,",
                "- keep the rash covered",
                "- wash your hands.",
                "See Dr. Lee, e.g. on Monday.",
                "Varicella-zoster virus - the same virus - stays."
            ]
        );
        let s = Split::new("Intro. Is it contagious? It is not.");
        assert!(s.units[1].heading && s.units[1].passage == s.units[2].passage && s.units[0].passage == 0);
        assert!(s.units[2].passage == 1);
    }

    #[test]
    fn paragraph_breaks_bound_passages() {
        let s = Split::new("One thing.\n\nThis starts a paragraph.    Another one.");
        assert_eq!((s.units[0].passage, s.units[1].passage, s.units[2].passage), (0, 1, 2));
        assert_eq!(s.close(1, 2), (1, 2), "a leaning word at a paragraph start does not reach across");
    }

    #[test]
    fn long_answers_are_cut_at_a_sentence_end_around_the_passage() {
        let filler = "Filler words about nothing here. ".repeat(80);
        let text = format!("{filler}Babies can catch it. {filler}");
        let x = extract(&text, "can my baby catch shingles", "Shingles");
        assert_eq!(x.passage.split(". ").next(), Some("Babies can catch it"));
        assert!(x.cut && x.excerpt.contains("Babies can catch it.") && x.excerpt.len() <= MAX_EXCERPT + 4);
        assert!(x.excerpt.ends_with('.'), "cut at a sentence end");
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in ["", " ", "-", "- -", "...", "?", "é. ü? – —", "a\n\n\nb", "(Dr.) -- x.\"", "??? - . -"] {
            let _ = extract(t, "what is this ?", "");
            let _ = tidy_question(t);
        }
    }

    #[test]
    fn tidies_medquad_questions() {
        assert_eq!(tidy_question("What is (are) Shingles ?"), "What is Shingles?");
        assert_eq!(tidy_question("Who is at risk for Stroke? ?"), "Who is at risk for Stroke?");
        assert_eq!(question_key("What is (are) Shingles ?"), question_key("what is shingles?"));
        assert_eq!(document_of("GARD_0000123_Sec2"), "GARD_0000123");
        assert_eq!(document_of("CancerGov_0000001_1_Sec3"), "CancerGov_0000001_1");
    }
}
