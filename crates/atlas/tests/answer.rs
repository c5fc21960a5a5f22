//! Atlas questions are answered from the data with citation markers; other questions are left alone.

use vesalius_atlas::Atlas;
use vesalius_content::Corpus;
use vesalius_core::citation_markers;

fn atlas() -> (Atlas, Vec<String>) {
    let corpus = Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    let ids = corpus.references.iter().map(|r| r.id.clone()).collect();
    (Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}")), ids)
}

#[test]
fn answers_atlas_look_ups_with_citations() {
    let (atlas, ids) = atlas();
    let cases = [
        ("which dermatome covers the dorsum of the foot?", "L5", "atlas-dermatomes"),
        ("what root does the ankle reflex test?", "S1", "atlas-reflexes"),
        ("which root is tested by the ankle jerk?", "S1", "atlas-reflexes"),
        ("key point for L4?", "medial malleolus", "atlas-dermatomes"),
        ("which nerve supplies the first web space?", "deep fibular", "atlas-nerves-lower-limb"),
        ("what does L5 supply?", "big toe extension", "atlas-movements"),
        ("which nerve supplies tibialis anterior?", "deep fibular", "atlas-movements"),
        ("which nerve supplies ankle dorsiflexion?", "deep fibular", "atlas-movements"),
        ("what are the roots of the femoral nerve?", "L2–L4", "atlas-nerves-lower-limb"),
        ("what nerve supplies the little finger?", "ulnar", "atlas-nerves-upper-limb"),
    ];
    for (q, expect, source) in cases {
        let a = atlas.answer(q).unwrap_or_else(|| panic!("no answer for {q:?}"));
        assert!(a.summary.contains(expect), "{q:?}: {}", a.summary);
        assert!(a.sources.iter().any(|s| s == source), "{q:?}: {:?}", a.sources);
        assert!(a.confidence > 0.5, "{q:?}");
        let markers = citation_markers(&a.summary);
        assert!(!markers.is_empty(), "{q:?}: summary without citations");
        let texts = std::iter::once(a.summary.as_str())
            .chain(a.sections.iter().flat_map(|s| s.blocks.iter().flat_map(|b| b.texts())));
        for id in texts.flat_map(citation_markers).flat_map(|m| m.ids) {
            assert!(ids.contains(&id), "{q:?}: unknown reference {id}");
        }
    }
}

#[test]
fn leaves_questions_that_are_not_look_ups() {
    let (atlas, _) = atlas();
    for q in [
        "what is meralgia paresthetica?",
        "how do you treat sciatica?",
        "what causes carpal tunnel syndrome?",
        "is L5 radiculopathy serious?",
        "hello",
    ] {
        assert!(atlas.answer(q).is_none(), "{q:?} got an atlas answer");
    }
}

#[test]
fn reports_disagreement_between_sources() {
    let (atlas, _) = atlas();
    let a = atlas.answer("what is the L4 dermatome?").expect("an answer");
    let all: String = a.sections.iter().flat_map(|s| s.blocks.iter().flat_map(|b| b.texts())).collect();
    assert!(all.contains("downs-2011-conflicting-dermatomes"), "{all}");
}
