//! Localiser input handling and output shape.

use vesalius_atlas::{Atlas, Findings, FindingsError, TestKind};
use vesalius_content::Corpus;

fn atlas() -> Atlas {
    let corpus = Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn unknown_keys_and_bad_grades_are_clear_errors() {
    let e = Findings::from_json(r#"{"left": {"sensation": []}}"#).expect_err("unknown key");
    assert!(e.to_string().contains("unknown field `sensation`"), "{e}");
    let e =
        Findings::from_json(r#"{"left": {"motor": [{"movement": "hip flexion", "grade": 7}]}}"#).expect_err("grade");
    assert!(e.to_string().contains("MRC grade"), "{e}");
}

#[test]
fn unknown_names_are_reported_and_ignored() {
    let atlas = atlas();
    let f = Findings::from_json(
        r#"{"left": {"sensory": [{"region": "elbow of the moon"}, {"region": "top of the foot"}]}}"#,
    )
    .expect("valid JSON");
    assert!(matches!(atlas.check_findings(&f), Err(FindingsError::UnknownName { what: "region", .. })));
    let out = atlas.localize(&f);
    assert_eq!(out.warnings.len(), 1);
    assert!(!out.candidates.is_empty());
}

#[test]
fn names_synonyms_and_muscles_are_accepted() {
    let atlas = atlas();
    let f = Findings::from_json(
        r#"{"right": {"sensory": [{"region": "Dorsum of the foot", "kind": "numb"}],
            "motor": [{"movement": "tibialis anterior", "grade": 2}, {"movement": "EHL", "grade": 5}],
            "reflexes": [{"reflex": "Achilles reflex", "state": "normal"}]}}"#,
    )
    .expect("valid JSON");
    let out = atlas.localize(&f);
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let top = &out.candidates[0];
    assert!(top.citations.iter().all(|c| !c.is_empty()));
    assert!(!top.explains.is_empty());
}

#[test]
fn separates_l5_from_fibular_neuropathy_with_inversion_or_hip_abduction() {
    let atlas = atlas();
    let f = Findings::from_json(
        r#"{"left": {"sensory": [{"region": "dorsum-foot"}],
            "motor": [{"movement": "ankle-dorsiflexion", "grade": 3}, {"movement": "big-toe-extension", "grade": 3}]}}"#,
    )
    .expect("valid JSON");
    let out = atlas.localize(&f);
    let ids: Vec<&str> = out.candidates.iter().take(3).map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"common-fibular") || ids.contains(&"deep-fibular"), "{ids:?}");
    let next = out.next_test.expect("a next test");
    assert_eq!(next.kind, TestKind::Movement, "{}", next.text);
    assert!(!out.urgent);
}
