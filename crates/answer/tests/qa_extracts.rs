//! Composed Q&A answers on real MedQuAD documents (fixtures in `tests/data/medquad`, CC BY 4.0): passages are
//! quoted whole and in source order, a negated claim keeps the caveat after it, pairs without stored text are
//! pointers shown once, and related questions read cleanly without repeats.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use vesalius_answer::{Engine, EngineConfig};
use vesalius_content::{read_medquad_dir, Corpus};
use vesalius_core::{Answer, AnswerKind, Audience, Block};
use vesalius_store::Store;

mod common;
use common::assert_citations_resolve;

fn engine() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("v.db")).unwrap();
    store.sync_corpus(&Corpus::builtin().unwrap(), "builtin").unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/medquad");
    let read = read_medquad_dir(&data, |_, _| {}).unwrap();
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(read.documents.len(), 8);
    store.ingest_qa(&read.documents).unwrap();
    let engine = Engine::build(Arc::new(store), EngineConfig::default()).unwrap();
    (dir, engine)
}

fn block_texts(a: &Answer) -> Vec<String> {
    let mut out = Vec::new();
    for s in &a.sections {
        for b in &s.blocks {
            match b {
                Block::Paragraph { text } | Block::Heading { text } => out.push(text.clone()),
                Block::List { items, .. } => out.extend(items.iter().cloned()),
            }
        }
    }
    out
}

/// The summary, headings and block texts, the blocks separated by spaces.
fn all_text(a: &Answer) -> String {
    let mut out = a.summary.clone();
    for s in &a.sections {
        out.push_str(&s.heading);
    }
    out.push_str(&block_texts(a).join(" "));
    out
}

/// Text without its citation markers and with "… " (an excerpt that starts later) removed.
fn uncited(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" [") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(']') {
            Some(j) if after[..j].bytes().all(|b| b.is_ascii_digit()) => rest = &after[j + 1..],
            _ => {
                out.push_str(" [");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim_start_matches("… ").trim().to_string()
}

/// The stored answer of the pair a reference names.
/// The stored text of the answer's `n`th source, its line breaks read as spaces (a composed passage may join
/// lines).
fn source_text(e: &Engine, a: &Answer, n: usize) -> String {
    let id = &a.references[n - 1].reference.id;
    let text = e.store().qa_pair(id).unwrap().and_then(|p| p.answer).unwrap_or_else(|| panic!("{id} has no text"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Claims from the fixtures, each with the caveat that follows it in its source.
const CAVEATS: &[(&str, &str)] = &[
    (
        "You can't catch shingles from someone who has it.",
        "However, if you have a shingles rash, you can pass the virus",
    ),
    ("Shingles cannot be passed from one person to another.", "However, the virus that causes shingles"),
    (
        "TSEs cannot be transmitted through the air",
        "However, they may be transmitted through contact with infected tissue",
    ),
    (
        "You can't prevent primary, or inherited, hemochromatosis.",
        "However, not everyone who inherits hemochromatosis genes",
    ),
    ("Kawasaki disease can't be prevented.", "However, most children who"),
    (
        "People cannot prevent the weakness in the abdominal wall",
        "However, people may be able to prevent direct inguinal hernias",
    ),
    (
        "never develop abnormal blood clots and thus do not require treatment.",
        "However, people who have experienced a deep venous thrombosis",
    ),
];

/// Questions whose best passage is one of those claims.
const ASKED: &[(&str, &str)] = &[
    ("hi, my mom has shingles, can she give it to my baby? thanks", "catch shingles"),
    ("Is shingles contagious?", "Shingles cannot be passed"),
    (
        "Can transmissible spongiform encephalopathies spread through the air or by touching?",
        "TSEs cannot be transmitted",
    ),
    ("Can hemochromatosis be prevented?", "can't prevent primary"),
    ("Can Kawasaki disease be prevented?", "Kawasaki disease can't be prevented"),
    ("How can I prevent an inguinal hernia?", "People cannot prevent the weakness"),
    ("Does everyone with protein C deficiency need treatment?", "do not require treatment"),
];

#[test]
fn a_claim_is_never_shown_without_its_caveat() {
    let (_d, e) = engine();
    let mut missing = Vec::new();
    for (q, claim) in ASKED {
        let a = e.answer(q, Audience::Patient).unwrap();
        assert_eq!(a.kind, AnswerKind::Qa, "{q}");
        assert_citations_resolve(&a);
        if !a.summary.contains(claim) {
            missing.push(format!("{q}: expected {claim:?} in {:?}", a.summary));
        }
        for text in std::iter::once(a.summary.clone()).chain(block_texts(&a)) {
            for (c, caveat) in CAVEATS {
                assert!(!text.contains(c) || text.contains(caveat), "{q}: {c:?} shown without {caveat:?} in {text}");
            }
        }
    }
    assert!(missing.is_empty(), "summaries without the passage that answers:\n{}", missing.join("\n"));
}

#[test]
fn summaries_and_excerpts_quote_their_source_in_order() {
    let (_d, e) = engine();
    for (q, _) in ASKED {
        let a = e.answer(q, Audience::Clinician).unwrap();
        let source = source_text(&e, &a, 1);
        let summary = uncited(&a.summary);
        assert!(source.contains(&summary), "{q}: the summary is not one contiguous passage of [1]:\n{summary}");
        let excerpt = uncited(&block_texts(&a)[0]);
        let mut at = 0;
        for sentence in excerpt.split(". ").filter(|s| s.len() > 3) {
            let found = source[at..].find(sentence).unwrap_or_else(|| panic!("{q}: {sentence:?} out of order"));
            at += found + sentence.len();
        }
        assert!(excerpt.len() <= 1400 + 400, "{q}: excerpt of {} characters", excerpt.len());
    }
}

#[test]
fn the_shingles_answer_tells_the_parent_about_the_child() {
    let (_d, e) = engine();
    let a = e.answer("hi, my mom has shingles, can she give it to my baby? thanks", Audience::Patient).unwrap();
    let s = a.summary.to_lowercase();
    assert!(s.contains("never had chickenpox") && s.contains("child"), "{}", a.summary);
    assert!(!a.summary.contains("(are)") && a.sections.iter().all(|s| !s.heading.contains("(are)")));
}

#[test]
fn a_pair_without_text_is_a_pointer_shown_once_with_the_text_about_its_subject_next() {
    let (_d, e) = engine();
    let a = e.answer("What is the outlook for shingles?", Audience::Patient).unwrap();
    assert_eq!(a.kind, AnswerKind::Qa);
    let lead = &a.sources[0];
    assert!(lead.id.starts_with("ADAM_0003556_Sec"), "a MedlinePlus pair leads: {:?}", a.sources);
    let pointer = "The answer is on MedlinePlus: “What is the outlook for Shingles?” [1]";
    assert!(a.summary.starts_with(pointer), "{}", a.summary);
    let text = all_text(&a);
    assert_eq!(text.matches("The answer is on MedlinePlus: “What is the outlook").count(), 1, "{text}");
    assert!(!text.contains("follow the link"));
    assert_eq!(a.references[0].reference.url, lead.url, "the pointer cites the page it points to");
    // Stored text about Shingles, cited as [2], in the summary after the pointer and as the first section.
    let next = &a.references[1].reference;
    assert!(next.title.ends_with("(Shingles)"), "{next:?}");
    assert!(e.store().qa_pair(&next.id).unwrap().unwrap().answer.is_some());
    assert!(a.summary.ends_with("[2]"), "{}", a.summary);
    assert!(a.sections[0].blocks.iter().any(|b| matches!(b, Block::Paragraph { text } if text.ends_with("[2]"))));
    assert_citations_resolve(&a);
}

#[test]
fn text_about_the_same_subject_is_shown_beneath_a_pointer_without_joining_the_ranked_sources() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("v.db")).unwrap();
    store
        .ingest_qa(&[
            common::qa_document("MPlusDrugs", "0000600", "Ibuprofen", &[
                ("side effects", "What are the side effects or risks of Ibuprofen ?", None),
                ("important warning", "What important warning or information should I know about Ibuprofen ?", None),
                ("precautions", "Are there safety concerns or special precautions about Ibuprofen ?", None),
            ]),
            common::qa_document("GARD", "0009999", "Ibuprofen", &[(
                "information",
                "What is (are) Ibuprofen ?",
                Some("Ibuprofen is a medicine for pain. It is not safe for everyone. However, most people can take it for a few days."),
            )]),
        ])
        .unwrap();
    let e = Engine::build(Arc::new(store), EngineConfig::default()).unwrap();
    // Every pointer matches the question's types (side effects, safety), so all three rank above the text.
    let a = e.answer("what are the side effects of ibuprofen, and is it safe?", Audience::Patient).unwrap();
    let sources: Vec<&str> = a.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources[0], "MPlusDrugs_0000600_Sec1", "{sources:?}");
    assert!(a
        .summary
        .starts_with("The answer is on MedlinePlus: “What are the side effects or risks of Ibuprofen?” [1]"));
    let text = all_text(&a);
    assert_eq!(text.matches("side effects or risks of Ibuprofen?” [1]").count(), 1, "{text}");
    // The stored text is cited beneath the pointer...
    assert_eq!(a.references[1].reference.id, "GARD_0009999_Sec1");
    assert!(
        a.summary.contains("It is not safe for everyone. However, most people can take it")
            && a.summary.ends_with("[2]")
    );
    assert_eq!(a.sections[0].heading, "What is Ibuprofen?");
    // ...but the ranked list (sources, then Q&A alternatives) is what retrieval ranked, pointers first.
    assert!(
        sources.len() >= 2 && sources.iter().all(|s| s.starts_with("MPlusDrugs_")),
        "pointers rank first: {sources:?}"
    );
    assert!(!sources.contains(&"GARD_0009999_Sec1"), "text beneath a pointer is not a source: {sources:?}");
    assert!(a.alternatives.iter().any(|x| x.id == "GARD_0009999_Sec1"), "it keeps its place in the ranked list");
    let ranked: Vec<&str> = sources
        .iter()
        .copied()
        .chain(a.alternatives.iter().filter(|x| x.kind == AnswerKind::Qa).map(|x| x.id.as_str()))
        .collect();
    assert_eq!(ranked.iter().collect::<HashSet<_>>().len(), ranked.len(), "no pair is ranked twice: {ranked:?}");
    assert_eq!(ranked.len(), 4);
    assert_citations_resolve(&a);
}

#[test]
fn related_questions_read_cleanly_and_do_not_repeat() {
    let (_d, e) = engine();
    let a = e.answer("What is shingles?", Audience::Patient).unwrap();
    assert!(!a.follow_ups.is_empty());
    let keys: Vec<String> = a.follow_ups.iter().map(|q| q.to_lowercase()).collect();
    let unique: HashSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "repeated follow-ups: {:?}", a.follow_ups);
    for q in a.follow_ups.iter().chain(a.alternatives.iter().filter_map(|x| x.question.as_ref())) {
        assert!(!q.contains("(are)") && !q.contains(" ?"), "untidy question {q:?}");
    }
    let shown: HashSet<String> = a.sections.iter().map(|s| s.heading.to_lowercase()).collect();
    assert!(keys.iter().all(|k| !shown.contains(k)), "a follow-up repeats a section: {:?}", a.follow_ups);
}
