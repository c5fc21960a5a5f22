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

fn ranked(atlas: &Atlas, json: &str) -> Vec<(String, Option<vesalius_atlas::Side>)> {
    let f = Findings::from_json(json).expect("valid JSON");
    atlas.localize(&f).candidates.into_iter().map(|c| (c.id, c.side)).collect()
}

#[test]
fn priors_favour_the_common_root_lesion_on_a_partial_exam() {
    let atlas = atlas();
    let f = Findings::from_json(
        r#"{"left": {"sensory": [{"region": "dorsum-foot"}],
            "motor": [{"movement": "ankle-dorsiflexion", "grade": 3}, {"movement": "ankle-inversion", "grade": 3}]},
            "cues": {"back_pain": true}}"#,
    )
    .expect("valid JSON");
    let out = atlas.localize(&f);
    let top = &out.candidates[0];
    assert_eq!(top.id, "L5", "{:?}", out.candidates.iter().map(|c| &c.id).collect::<Vec<_>>());
    assert!(top.contradicts.is_empty(), "untested items count against no one: {:?}", top.contradicts);
    assert!(top.citations.iter().any(|c| c == "spijker-huiges-2015-radiating-lbp"), "{:?}", top.citations);
    let sciatic = out.candidates.iter().find(|c| c.id == "sciatic").expect("sciatic listed");
    assert!(sciatic.score < top.score / 4.0);
    let sum: f32 = out.candidates.iter().map(|c| c.score).sum();
    assert!(sum <= 1.001 && sum > 0.9, "scores are shared among the listed explanations: {sum}");
}

#[test]
fn spinal_pain_moves_a_foot_drop_between_root_and_nerve() {
    let atlas = atlas();
    let exam = r#""left": {"sensory": [{"region": "dorsum-foot"}], "motor": [{"movement": "ankle-dorsiflexion", "grade": 4}]}"#;
    let with = ranked(&atlas, &format!(r#"{{{exam}, "cues": {{"back_pain": true}}}}"#));
    let without = ranked(&atlas, &format!(r#"{{{exam}, "cues": {{"back_pain": false}}}}"#));
    assert_eq!(with[0].0, "L5", "{with:?}");
    assert_eq!(without[0].0, "common-fibular", "{without:?}");
}

#[test]
fn carpal_tunnel_on_both_sides_is_one_lesion_not_a_polyneuropathy() {
    let atlas = atlas();
    let hand = r#"{"sensory": [{"region": "thumb", "kind": "tingling"}, {"region": "index finger", "kind": "tingling"},
        {"region": "middle finger", "kind": "tingling"}]}"#;
    let out = ranked(&atlas, &format!(r#"{{"left": {hand}, "right": {hand}}}"#));
    assert_eq!(out[0], ("carpal-tunnel".to_string(), None), "{out:?}");
}

#[test]
fn a_one_sided_record_counts_against_a_symmetric_pattern() {
    let atlas = atlas();
    let foot = r#"{"sensory": [{"region": "sole"}, {"region": "lateral foot"}], "reflexes": [{"reflex": "ankle jerk", "state": "absent"}]}"#;
    let both = ranked(&atlas, &format!(r#"{{"left": {foot}, "right": {foot}}}"#));
    assert_eq!(both[0].0, "polyneuropathy", "{both:?}");
    let one = ranked(&atlas, &format!(r#"{{"left": {foot}, "cues": {{"back_pain": true}}}}"#));
    assert_eq!(one[0].0, "S1", "{one:?}");
    let cued = ranked(&atlas, &format!(r#"{{"left": {foot}, "cues": {{"distal": true, "symmetric": true}}}}"#));
    assert_eq!(cued[0].0, "polyneuropathy", "{cued:?}");
}
