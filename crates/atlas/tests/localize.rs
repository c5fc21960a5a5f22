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

fn candidate(atlas: &Atlas, json: &str, id: &str) -> Option<vesalius_atlas::Candidate> {
    let f = Findings::from_json(json).expect("valid JSON");
    atlas.localize(&f).candidates.into_iter().find(|c| c.id == id && c.side.is_none())
}

#[test]
fn bilateral_leg_symptoms_raise_cauda_equina_and_numb_feet_do_not_lower_it() {
    let atlas = atlas();
    let foot = r#"{"sensory": [{"region": "sole"}, {"region": "dorsum of the foot"}]}"#;
    let with = |cues: &str| format!(r#"{{"left": {foot}, "right": {foot}, "cues": {{"saddle": true, {cues}}}}}"#);
    let ces = |cues: &str| candidate(&atlas, &with(cues), "cauda-equina").expect("cauda equina is proposed");
    // Bilateral leg symptoms are a core red flag (GIRFT): characteristic, not merely possible.
    let (yes, no) = (ces(r#""bilateral": true"#), ces(r#""bilateral": false"#));
    assert!(yes.urgent && yes.score > no.score, "bilateral {} vs not {}", yes.score, no.score);
    // Numbness of both feet, even symmetric and distal, does not count against it when the saddle is involved.
    let feet = ces(r#""bilateral": true, "distal": true, "symmetric": true"#);
    assert!(feet.urgent && feet.contradicts.is_empty(), "{:?}", feet.contradicts);
    let out = ranked(&atlas, &with(r#""bilateral": true, "distal": true, "symmetric": true"#));
    assert_eq!(out[0].0, "cauda-equina", "{out:?}");
}

#[test]
fn numb_clumsy_hands_do_not_count_against_the_cord() {
    let atlas = atlas();
    let hand = r#"{"sensory": [{"region": "fingers"}], "motor": [{"movement": "finger-abduction", "grade": 4}],
        "reflexes": [{"reflex": "knee jerk", "state": "brisk"}]}"#;
    let json =
        format!(r#"{{"left": {hand}, "right": {hand}, "cues": {{"distal": true, "upper_motor_neuron": true}}}}"#);
    let cord = candidate(&atlas, &json, "myelopathy").expect("the cord is proposed");
    assert!(cord.urgent && !cord.contradicts.iter().any(|c| c.contains("distal") || c.contains("length")), "{cord:?}");
    assert_eq!(ranked(&atlas, &json)[0].0, "myelopathy");
}

#[test]
fn tarsal_tunnel_spares_the_long_toe_flexors_but_not_abductor_hallucis() {
    let atlas = atlas();
    let f = |long: u8, short: u8| {
        format!(
            r#"{{"right": {{"sensory": [{{"region": "sole", "kind": "tingling"}}],
            "motor": [{{"movement": "flexor hallucis longus", "grade": {long}}}, {{"movement": "abductor hallucis", "grade": {short}}},
                      {{"movement": "ankle-plantarflexion", "grade": 5}}]}}, "cues": {{"back_pain": false}}}}"#
        )
    };
    let spared = ranked(&atlas, &f(5, 4));
    assert_eq!(spared[0].0, "tarsal-tunnel", "weak abductor hallucis, normal long flexors: {spared:?}");
    let fl = Findings::from_json(&f(5, 4)).unwrap();
    let tt = atlas.localize(&fl).candidates.into_iter().find(|c| c.id == "tarsal-tunnel").unwrap();
    assert!(tt.contradicts.is_empty(), "{:?}", tt.contradicts);
    let long_weak = Findings::from_json(&f(3, 4)).unwrap();
    let tt = atlas.localize(&long_weak).candidates.into_iter().find(|c| c.id == "tarsal-tunnel");
    assert!(tt.is_none_or(|c| !c.contradicts.is_empty()), "weak long toe flexors argue against the ankle");
}

#[test]
fn cauda_equina_with_one_sided_sciatica_is_not_marked_down_for_it() {
    let atlas = atlas();
    let json = r#"{"left": {"sensory": [{"region": "sole"}, {"region": "saddle"}]}, "cues": {"back_pain": true, "bladder": true}}"#;
    let ces = candidate(&atlas, json, "cauda-equina").expect("cauda equina is proposed");
    assert!(ces.urgent && !ces.contradicts.iter().any(|c| c.contains("side only")), "{:?}", ces.contradicts);
    let poly = candidate(&atlas, json, "polyneuropathy");
    assert!(poly.is_none_or(|p| p.contradicts.iter().any(|c| c.contains("side only"))), "polyneuropathy still is");
}

#[test]
fn more_findings_than_the_limit_is_an_error_naming_it() {
    let over = vesalius_atlas::MAX_FINDINGS + 1;
    let one = r#"{"movement": "ankle-dorsiflexion", "grade": 3}"#;
    let json = format!(r#"{{"left": {{"motor": [{}]}}}}"#, vec![one; over].join(","));
    let e = Findings::from_json(&json).expect_err("over the limit");
    assert_eq!(e, FindingsError::TooMany { limit: vesalius_atlas::MAX_FINDINGS, got: over });
    assert!(e.to_string().contains(&format!("at most {} findings; got {over}", vesalius_atlas::MAX_FINDINGS)), "{e}");
    let json = format!(r#"{{"left": {{"motor": [{}]}}}}"#, vec![one; over - 1].join(","));
    let f = Findings::from_json(&json).expect("at the limit");
    assert_eq!(f.count(), vesalius_atlas::MAX_FINDINGS);
    assert!(!atlas().localize(&f).candidates.is_empty());
}

/// A numb instep with mild foot drop and nothing else: L5 and the common fibular nerve explain it about
/// equally well, so the result is a tie, with hip abduction (L5 weakens it, the fibular nerve spares it).
#[test]
fn a_near_tie_is_shown_with_the_test_that_separates_it() {
    let atlas = atlas();
    let f = Findings::from_json(
        r#"{"left": {"sensory": [{"region": "dorsum of the foot", "kind": "numb"}],
                     "motor": [{"movement": "ankle dorsiflexion", "grade": 4}]}}"#,
    )
    .expect("valid JSON");
    let out = atlas.localize(&f);
    let tie = out.tie.expect("a tie between L5 and the common fibular nerve");
    let ids: Vec<&str> = tie.candidates.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"L5") && ids.contains(&"common-fibular"), "{ids:?}");
    assert!(tie.odds >= 1.0 && tie.odds < 2.0, "{}", tie.odds);
    assert!(tie.candidates[0].score >= tie.candidates[1].score);
    let test = tie.test.expect("a separating test");
    let p: Vec<f32> = test.expected.iter().map(|e| e.abnormal).collect();
    assert!(p.iter().any(|x| *x >= 0.5) && p.iter().any(|x| *x < 0.15), "one abnormal, one normal: {p:?}");
    assert!(tie.text.contains("Too close to call") && tie.text.contains(&test.label), "{}", tie.text);
    let json = serde_json::to_value(atlas.localize(&f)).expect("serialises");
    assert!(json["tie"]["test"]["id"].is_string(), "{json}");
}

/// Numb thumb: carpal tunnel leads C6 by more than 2 : 1, so there is no tie (and no `tie` key in JSON).
#[test]
fn a_clear_lead_is_no_tie() {
    let atlas = atlas();
    let f = Findings::from_json(r#"{"left": {"sensory": [{"region": "thumb", "kind": "numb"}]}}"#).expect("JSON");
    let out = atlas.localize(&f);
    assert_eq!(out.candidates.first().map(|c| c.id.as_str()), Some("carpal-tunnel"));
    assert!(out.tie.is_none(), "{:?}", out.tie);
    let json = serde_json::to_value(&out).expect("serialises");
    assert!(json.get("tie").is_none());
}

#[test]
fn mrc_grades_with_signs_are_weakness_grades() {
    for (written, grade) in [("\"4-\"", 4), ("\"4\u{2212}\"", 4), ("\"4+\"", 4), ("\"5-\"", 4), ("\"3+\"", 3), ("4", 4)]
    {
        let f = Findings::from_json(&format!(
            r#"{{"left": {{"motor": [{{"movement": "ankle dorsiflexion", "grade": {written}}}]}}}}"#
        ))
        .unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(f.left.motor[0].grade.value(), grade, "{written}");
        let out = atlas().localize(&f);
        assert!(out.candidates[0].explains.iter().any(|e| e.starts_with("weak ankle dorsiflexion")), "{written}");
    }
    for bad in ["\"6\"", "\"4++\"", "\"0-\"", "\"strong\"", "\"+\""] {
        let e = Findings::from_json(&format!(
            r#"{{"left": {{"motor": [{{"movement": "ankle dorsiflexion", "grade": {bad}}}]}}}}"#
        ))
        .expect_err(bad);
        assert!(e.to_string().contains("grade"), "{bad}: {e}");
    }
}

#[test]
fn burning_is_a_sensory_symptom_word() {
    let f = Findings::from_json(r#"{"left": {"sensory": [{"region": "lateral thigh", "kind": "burning"}]}}"#)
        .expect("burning is a sensory kind");
    assert_eq!(f.left.sensory[0].kind, vesalius_atlas::SensoryKind::Tingling);
    let out = atlas().localize(&f);
    assert_eq!(out.candidates[0].id, "lateral-femoral-cutaneous", "{:?}", out.candidates[0]);
}

/// Root against nerve for the same territory (priors in content/atlas/priors.toml; our own vignettes). Each
/// is (name, findings, expected leader): spinal pain and a second root muscle make the root win; a pattern
/// the root cannot make (normal inversion with a dense foot drop, spared thenar power with ulnar weakness)
/// and absent spinal pain make the nerve win.
#[test]
fn root_or_nerve_vignettes() {
    let cases = [
        (
            "L5: numb instep, mild foot drop and weak inversion, back pain",
            r#"{"left":{"sensory":[{"region":"dorsum of the foot"}],"motor":[{"movement":"ankle dorsiflexion","grade":4},{"movement":"ankle inversion","grade":4}]},"cues":{"back_pain":true}}"#,
            "L5",
        ),
        (
            "common fibular: dense foot drop, weak eversion, normal inversion, no back pain",
            r#"{"left":{"sensory":[{"region":"dorsum of the foot"}],"motor":[{"movement":"ankle dorsiflexion","grade":2},{"movement":"ankle eversion","grade":3},{"movement":"ankle inversion","grade":5}]},"cues":{"back_pain":false}}"#,
            "common-fibular",
        ),
        (
            "C8: numb little finger and medial forearm, weak finger abduction, neck pain",
            r#"{"left":{"sensory":[{"region":"little finger"},{"region":"medial forearm"}],"motor":[{"movement":"finger abduction","grade":4}]},"cues":{"neck_pain":true}}"#,
            "C8",
        ),
        (
            "ulnar: numb little finger, weak finger abduction, normal thumb abduction, no neck pain",
            r#"{"left":{"sensory":[{"region":"little finger"}],"motor":[{"movement":"finger abduction","grade":3},{"movement":"thumb abduction","grade":5}]},"cues":{"neck_pain":false}}"#,
            "ulnar",
        ),
        (
            "C6: numb thumb, weak elbow flexion, reduced biceps jerk, neck pain",
            r#"{"left":{"sensory":[{"region":"thumb"}],"motor":[{"movement":"elbow flexion","grade":4}],"reflexes":[{"reflex":"biceps reflex","state":"reduced"}]},"cues":{"neck_pain":true}}"#,
            "C6",
        ),
        (
            "carpal tunnel: tingling thumb and index, weak thumb abduction, normal biceps jerk",
            r#"{"left":{"sensory":[{"region":"thumb","kind":"tingling"},{"region":"index finger","kind":"tingling"}],"motor":[{"movement":"thumb abduction","grade":4}],"reflexes":[{"reflex":"biceps reflex","state":"normal"}]}}"#,
            "carpal-tunnel",
        ),
    ];
    let atlas = atlas();
    for (name, json, leader) in cases {
        let f = Findings::from_json(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        atlas.check_findings(&f).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = atlas.localize(&f);
        let ids: Vec<(&str, f32)> = out.candidates.iter().take(3).map(|c| (c.id.as_str(), c.score)).collect();
        assert_eq!(ids.first().map(|c| c.0), Some(leader), "{name}: {ids:?}");
        assert!(out.tie.is_none(), "{name}: a clear lead, not a tie: {ids:?}");
    }
}

/// The small foot muscles have words of their own, apart from the long toe flexors.
#[test]
fn intrinsic_foot_muscles_are_named() {
    let atlas = atlas();
    for (name, side_effect) in [("toe cupping", "spreading the toes"), ("abductor hallucis", "small foot muscles")] {
        let f = Findings::from_json(&format!(r#"{{"left": {{"motor": [{{"movement": "{name}", "grade": "4-"}}]}}}}"#))
            .expect("JSON");
        atlas.check_findings(&f).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = atlas.localize(&f);
        assert!(out.candidates.iter().any(|c| c.explains.iter().any(|e| e.contains(side_effect))), "{name}");
    }
    let long = Findings::from_json(r#"{"left": {"motor": [{"movement": "long toe flexors", "grade": 4}]}}"#).unwrap();
    let out = atlas.localize(&long);
    assert!(out.candidates[0].explains.iter().any(|e| e.contains("long toe flexors")));
}

/// The inner heel is the tibial nerve's (medial calcaneal branches), the outer heel the sural nerve's.
#[test]
fn medial_and_lateral_heel_are_told_apart() {
    let atlas = atlas();
    let medial = Findings::from_json(r#"{"left": {"sensory": [{"region": "inner side of the heel"}]}}"#).unwrap();
    atlas.check_findings(&medial).unwrap();
    let out = atlas.localize(&medial);
    // S1 (common, and given the inner heel by some maps) may lead on this one finding; the tibial nerve and
    // the tarsal tunnel must be there, the sural nerve must not.
    let ids: Vec<&str> = out.candidates.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"tibial") && ids.contains(&"tarsal-tunnel"), "{ids:?}");
    assert!(out.candidates.iter().all(|c| c.id != "sural"), "the sural nerve does not reach the inner heel");
    let lateral =
        Findings::from_json(r#"{"left": {"sensory": [{"region": "lateral heel"}, {"region": "lateral-foot"}]}}"#)
            .unwrap();
    let out = atlas.localize(&lateral);
    let ids: Vec<&str> = out.candidates.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"sural") && ids.contains(&"S1"), "{ids:?}");
    assert!(!ids.contains(&"tarsal-tunnel"), "tarsal tunnel spares the sural territory: {ids:?}");
}
