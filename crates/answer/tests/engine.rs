//! The engine on the built-in knowledge base, in a real SQLite file: gold questions, refusals, red flags.

use std::collections::HashSet;
use std::sync::Arc;

use vesalius_answer::{Engine, EngineConfig};
use vesalius_content::Corpus;
use vesalius_core::{Answer, AnswerKind, Audience, Block, ReviewStage};
use vesalius_store::Store;

fn engine() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("v.db")).unwrap();
    store.sync_corpus(&Corpus::builtin().unwrap(), "builtin").unwrap();
    let engine =
        Engine::build(Arc::new(store), EngineConfig { emergency_number: Some("112".into()), ..Default::default() })
            .unwrap();
    (dir, engine)
}

fn all_text(a: &Answer) -> String {
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
fn assert_citations_resolve(a: &Answer) {
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

#[test]
fn answers_gold_questions_with_the_right_article() {
    let (_d, e) = engine();
    let gold = [
        ("What are the dermatomes of the lower limb?", "dermatomes-lower-limb"),
        ("which root is tested by the ankle jerk?", "deep-tendon-reflexes"),
        ("What root does the knee reflex test?", "deep-tendon-reflexes"),
        ("Which muscles does each lumbar root supply in the leg?", "myotomes-lower-limb"),
        ("How can I tell L5 from S1 sciatica?", "l4-l5-s1-radiculopathy"),
        ("burning numbness on the outer thigh", "meralgia-paresthetica"),
        ("I can't lift my foot, is it my back or the peroneal nerve?", "foot-drop-l5-vs-peroneal"),
        ("Is my numbness a pinched nerve or neuropathy?", "radiculopathy-vs-peripheral-neuropathy"),
        ("What are the warning signs of cauda equina syndrome?", "cauda-equina-syndrome-red-flags"),
        ("Which skin area does the sural nerve supply?", "lower-limb-nerve-sensory-territories"),
        ("C6 dermatome of the arm and the nipple line level", "dermatomes-upper-limb-trunk"),
    ];
    let mut wrong = Vec::new();
    for (q, slug) in gold {
        let a = e.ask(q, Audience::Clinician).unwrap();
        if a.id.as_deref() != Some(slug) {
            wrong.push(format!("{q:?} -> {:?} ({:?}, confidence {:.2})", a.id, a.kind, a.confidence));
        } else {
            assert!(a.confidence > 0.5, "{q}: confidence {}", a.confidence);
            assert_citations_resolve(&a);
        }
    }
    assert!(wrong.is_empty(), "wrong answers:\n{}", wrong.join("\n"));
}

#[test]
fn the_dermatome_answer_is_submitted_cited_and_states_l4_l5_s1() {
    let (_d, e) = engine();
    let a = e.ask("What are the dermatomes of the lower limb?", Audience::Clinician).unwrap();
    assert_eq!((a.kind, a.status), (AnswerKind::Article, Some(ReviewStage::Submitted)));
    assert!(a.references.len() >= 3);
    assert!(a.references.iter().all(|r| !r.reference.title.is_empty() && r.reference.year > 1900));
    let text = all_text(&a).to_lowercase();
    for fact in ["medial malleolus", "dorsum of the foot", "lateral", "heel"] {
        assert!(text.contains(fact), "missing {fact}");
    }
    assert_eq!(a.follow_ups.len(), 3);
}

#[test]
fn patients_get_the_patient_summary() {
    let (_d, e) = engine();
    let pro = e.article("dermatomes-lower-limb", Audience::Clinician).unwrap().unwrap();
    let lay = e.article("dermatomes-lower-limb", Audience::Patient).unwrap().unwrap();
    assert_ne!(pro.summary, lay.summary);
    assert_citations_resolve(&lay);
}

#[test]
fn unrelated_questions_get_an_honest_no_answer() {
    let (_d, e) = engine();
    for q in [
        "How do I bake sourdough bread?",
        "What is the capital of France?",
        "best treatment for acne in teenagers",
        "xqzv blorf",
    ] {
        let a = e.ask(q, Audience::Patient).unwrap();
        assert_eq!(a.kind, AnswerKind::None, "{q} answered with {:?} at {:.2}", a.id, a.confidence);
        assert!(a.sections.is_empty() && a.references.is_empty() && a.status.is_none());
        assert!(a.summary.contains("not") && a.summary.contains("trusted"));
    }
}

#[test]
fn emergencies_get_the_urgent_message_first_with_its_sources() {
    let (_d, e) = engine();
    let a = e
        .ask("I have bad back pain and since this morning my groin is numb and I can't pee", Audience::Patient)
        .unwrap();
    assert_eq!(a.kind, AnswerKind::Urgent);
    assert!(a.safety.urgent);
    assert!(a.safety.message.as_deref().unwrap().contains("call 112"));
    assert!(!a.safety.basis.is_empty(), "the red-flag rule cites its guideline");
    assert_eq!(a.id.as_deref(), Some("cauda-equina-syndrome-red-flags"));
    assert_citations_resolve(&a);
}

#[test]
fn empty_questions_are_refused() {
    let (_d, e) = engine();
    assert!(e.ask("   ", Audience::Patient).is_err());
}
