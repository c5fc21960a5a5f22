//! Helpers shared by the answer engine's integration tests.
#![allow(dead_code)] // each test crate uses a part

use std::collections::HashSet;
use std::sync::Arc;

use vesalius_answer::{Engine, EngineConfig};
use vesalius_content::Corpus;
use vesalius_core::{Answer, Block};
use vesalius_store::Store;

/// The engine as the command line builds it: built-in content in a real SQLite file, the atlas attached and
/// every corpus reference known (the red-flag rules cite references no article cites).
pub fn builtin_engine(config: EngineConfig) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("v.db")).unwrap();
    let corpus = Corpus::builtin().unwrap();
    store.sync_corpus(&corpus, "builtin").unwrap();
    let atlas = vesalius_atlas::Atlas::builtin(&corpus.references).unwrap();
    let engine = Engine::build(Arc::new(store), config).unwrap().with_atlas(Arc::new(atlas), &corpus.references);
    (dir, engine)
}

/// The summary, headings and block texts of an answer, run together.
pub fn all_text(a: &Answer) -> String {
    let mut out = a.summary.clone();
    for s in &a.sections {
        out.push_str(&s.heading);
        for b in &s.blocks {
            match b {
                Block::Paragraph { text } | Block::Heading { text } => out.push_str(text),
                Block::List { items, .. } => items.iter().for_each(|i| out.push_str(i)),
            }
        }
    }
    out
}

/// Every `[n]` in the text names a listed reference, references are numbered 1..=N in order, and every
/// listed reference is cited.
pub fn assert_citations_resolve(a: &Answer) {
    let text = all_text(a);
    let mut cited = HashSet::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find('[') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find(']') {
            if let Ok(n) = rest[..j].parse::<usize>() {
                cited.insert(n);
            }
        }
    }
    let numbers: Vec<usize> = a.references.iter().map(|r| r.n).collect();
    assert_eq!(numbers, (1..=a.references.len()).collect::<Vec<_>>());
    assert_eq!(cited, numbers.iter().copied().collect(), "cited vs listed in {:?}", a.id);
    assert!(!text.contains("[@"), "unrendered marker in {:?}", a.id);
}

/// A MedQuAD document for tests: `pairs` are (qtype, question, answer text or None for a question-only pair).
pub fn qa_document(
    source: &str,
    doc_id: &str,
    focus: &str,
    pairs: &[(&str, &str, Option<&str>)],
) -> vesalius_core::QaDocument {
    vesalius_core::QaDocument {
        source: source.into(),
        doc_id: doc_id.into(),
        url: Some(format!("https://example.org/{doc_id}")),
        focus: focus.into(),
        cuis: vec![],
        semantic_types: vec![],
        semantic_group: Some("Disorders".into()),
        synonyms: vec![],
        pairs: pairs
            .iter()
            .enumerate()
            .map(|(i, (qtype, q, a))| vesalius_core::QaPair {
                position: i as u32 + 1,
                pid: (i + 1).to_string(),
                qid: format!("{doc_id}-{}", i + 1),
                qtype: (*qtype).into(),
                question: (*q).into(),
                answer: a.map(str::to_string),
            })
            .collect(),
    }
}
