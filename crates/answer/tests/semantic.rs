//! Semantics on: stored question embeddings made once per text, and a question that shares no word with
//! the pair that answers it found by meaning.
//!
//! Needs the installed model: `VESALIUS_MODELS=DIR cargo test -p vesalius-answer --test semantic -- --ignored`
//! (`.ci/run` installs it with `vesalius models install` first).

use std::sync::Arc;

mod common;

use vesalius_answer::{embed_store, Engine, EngineConfig};
use vesalius_core::{AnswerKind, Audience, QaDocument};
use vesalius_store::Store;

fn embedder() -> Arc<vesalius_embed::Embedder> {
    let models = std::env::var_os("VESALIUS_MODELS").expect("set VESALIUS_MODELS to the models folder");
    let dir = vesalius_embed::model_dir(std::path::Path::new(&models));
    Arc::new(vesalius_embed::Embedder::load(&dir).expect("the installed model loads"))
}

fn doc(doc_id: &str, focus: &str, pairs: &[(&str, &str, &str)]) -> QaDocument {
    let pairs: Vec<(&str, &str, Option<&str>)> = pairs.iter().map(|(t, q, a)| (*t, *q, Some(*a))).collect();
    common::qa_document("GARD", doc_id, focus, &pairs)
}

fn docs() -> Vec<QaDocument> {
    vec![
        doc(
            "0000001",
            "Myocardial infarction",
            &[(
                "symptoms",
                "What are the symptoms of Myocardial infarction ?",
                "Chest pain or pressure that may spread to the arm, jaw or back, shortness of breath and sweating.",
            )],
        ),
        doc(
            "0000002",
            "Gout",
            &[(
                "treatment",
                "What are the treatments for Gout ?",
                "Anti-inflammatory medicines ease an attack; other medicines lower uric acid.",
            )],
        ),
        doc(
            "0000003",
            "Asthma",
            &[(
                "information",
                "What is (are) Asthma ?",
                "Asthma is a long-term disease of the airways that makes breathing hard at times.",
            )],
        ),
    ]
}

#[test]
#[ignore = "needs the installed model (VESALIUS_MODELS); run by .ci/run"]
fn embeddings_are_made_once_per_text_and_pruned_when_the_text_changes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("v.db")).unwrap();
    store.ingest_qa(&docs()).unwrap();
    let e = embedder();
    let mut seen = Vec::new();
    let first = embed_store(&store, &e, |done, total| seen.push((done, total))).unwrap();
    assert_eq!((first.texts, first.embedded, first.removed), (3, 3, 0));
    assert_eq!(seen.last(), Some(&(3, 3)), "progress reaches the end");
    let again = embed_store(&store, &e, |_, _| {}).unwrap();
    assert_eq!((again.embedded, again.removed), (0, 0), "nothing is embedded twice");
    let mut changed = docs();
    changed[1].pairs[0].question = "How is Gout treated ?".into();
    store.ingest_qa(&changed).unwrap();
    let third = embed_store(&store, &e, |_, _| {}).unwrap();
    assert_eq!((third.texts, third.embedded, third.removed), (3, 1, 1), "only the changed question");
}

#[test]
#[ignore = "needs the installed model (VESALIUS_MODELS); run by .ci/run"]
fn a_question_without_a_shared_word_is_answered_by_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(&dir.path().join("v.db")).unwrap());
    store.ingest_qa(&docs()).unwrap();
    let e = embedder();
    embed_store(&store, &e, |_, _| {}).unwrap();
    let question = "signs of a heart attack";
    let lexical = Engine::build(store.clone(), EngineConfig::default()).unwrap();
    assert_eq!(lexical.semantics(), None);
    let before = lexical.answer(question, Audience::Patient).unwrap();
    assert!(
        !before.sources.iter().any(|s| s.id == "GARD_0000001_Sec1"),
        "words alone do not find it: {:?}",
        before.sources
    );
    let semantic = Engine::build(store, EngineConfig { embedder: Some(e), ..Default::default() }).unwrap();
    assert_eq!(semantic.semantics(), Some((3, 0)));
    let a = semantic.answer(question, Audience::Patient).unwrap();
    assert_eq!(a.kind, AnswerKind::Qa, "{a:?}");
    assert_eq!(a.sources.first().map(|s| s.id.as_str()), Some("GARD_0000001_Sec1"), "{:?}", a.sources);
    assert!(a.summary.contains("Chest pain"), "{}", a.summary);
    let dense = semantic.dense_only(question, 2).unwrap().unwrap();
    assert_eq!(dense[0], "GARD_0000001_Sec1");
}
