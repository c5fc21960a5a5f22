//! Star (`*`) propagation of the 2019 Standards, rule by rule: where a non-SCI tag on a score decides a
//! level, the NLI, completeness, the AIS or a zone of partial preservation, that result carries a star.
//! Each test is one rule of docs/isncsci-star-propagation.md; the exams are hand-made.

mod common;

use common::{check, motor, sensation};
use vesalius_isncsci::{classify, Exam, Level, Observation, Side};

/// A sensorimotor complete T6 injury: normal to T6, nothing below, no VAC and no DAP.
fn complete_t6() -> Exam {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::No;
    exam.deep_anal_pressure = Observation::No;
    for s in Side::BOTH {
        sensation(&mut exam, s, Level::T7, Level::S4_5, "0", "0");
        motor(&mut exam, s, Level::L2, Level::S1, "0");
    }
    exam
}

/// Rule 1: a sensory score taken as normal (`1**`) above the injury lets the sensory walk go on; the level
/// found beyond it rests on that assumption and is starred, on that side only, and so are the motor level
/// read from sensation there and the NLI.
#[test]
fn rule1_sensory_level_past_a_score_taken_as_normal_is_starred() {
    let mut exam = complete_t6();
    sensation(&mut exam, Side::Right, Level::C6, Level::C6, "1**", "2");
    check(
        &classify(&exam),
        &[
            ("rightSensory", "T6*"),
            ("leftSensory", "T6"),
            ("rightMotor", "T6*"),
            ("leftMotor", "T6"),
            ("neurologicalLevelOfInjury", "T6*"),
        ],
    );
}

/// Rule 2: a sensory score not taken as normal (`1*`) is impaired: the sensory level stops just above it
/// exactly as for a plain `1`; nothing was assumed, so no star.
#[test]
fn rule2_sensory_level_stops_above_a_single_star_score_without_a_star() {
    let mut exam = Exam::normal();
    sensation(&mut exam, Side::Right, Level::L4, Level::L4, "1*", "2");
    check(&classify(&exam), &[("rightSensory", "L3"), ("leftSensory", "INT"), ("neurologicalLevelOfInjury", "L3")]);
}

/// Rule 2 (untestable): `NT*` cannot be taken as normal, so the level stops above it, starred (the
/// classification rests on the examiner's non-SCI reading of a score nobody measured).
#[test]
fn rule2_sensory_level_stops_above_a_starred_not_testable_score_with_a_star() {
    let mut exam = Exam::normal();
    sensation(&mut exam, Side::Left, Level::L4, Level::L4, "NT*", "2");
    check(&classify(&exam), &[("leftSensory", "L3*"), ("rightSensory", "INT")]);
}

/// Rule 3: a key muscle taken as normal (`2**`) lets the motor walk go on; the motor level found beyond it
/// is starred, and the sensory level of that side is not.
#[test]
fn rule3_motor_level_past_a_key_muscle_taken_as_normal_is_starred() {
    let mut exam = complete_t6();
    motor(&mut exam, Side::Left, Level::C7, Level::C7, "2**");
    check(
        &classify(&exam),
        &[
            ("leftMotor", "T6*"),
            ("leftSensory", "T6"),
            ("rightMotor", "T6"),
            ("neurologicalLevelOfInjury", "T6*"),
            ("asiaImpairmentScale", "A"),
        ],
    );
}

/// Rule 4: a key muscle `3*` is at least 3 but not normal: it is the motor level, like a plain 3, with
/// no star; a `1*` below a normal muscle may hide a grade of 3, so the level resting on it is starred.
#[test]
fn rule4_single_star_key_muscles_and_the_motor_level() {
    let mut exam = complete_t6();
    motor(&mut exam, Side::Right, Level::C7, Level::C7, "3*");
    motor(&mut exam, Side::Left, Level::C7, Level::C7, "1*");
    let result = classify(&exam);
    check(&result, &[("rightMotor", "C7")]);
    let left = serde_json::to_value(&result).unwrap()["leftMotor"].as_str().unwrap().to_string();
    assert!(left.split(',').any(|v| v == "C6"), "C6 when the 1* is what it says: {left}");
    assert!(left.split(',').any(|v| v.ends_with('*')), "a value resting on the 1* is starred: {left}");
}

/// Rule 5: completeness resting only on an S4-5 score taken as normal (`0**`) is incomplete, starred, and
/// the AIS read from it (B) carries the star; that side's sensory ZPP is not applicable.
#[test]
fn rule5_incompleteness_from_a_double_star_s4_5_score_is_starred_and_so_is_the_ais() {
    let mut exam = complete_t6();
    sensation(&mut exam, Side::Right, Level::S4_5, Level::S4_5, "0**", "0");
    check(
        &classify(&exam),
        &[("injuryComplete", "I*"), ("asiaImpairmentScale", "B*"), ("rightSensoryZpp", "NA"), ("leftSensoryZpp", "T6")],
    );
}

/// Rule 6: a `0*` at S4-5 is written as absent but may hide sensation: complete stays possible without a
/// star, incomplete is possible only through the tag and is starred; the AIS follows (A, or B*).
#[test]
fn rule6_a_single_star_zero_at_s4_5_leaves_completeness_open_with_the_incomplete_value_starred() {
    let mut exam = complete_t6();
    sensation(&mut exam, Side::Left, Level::S4_5, Level::S4_5, "0*", "0");
    check(&classify(&exam), &[("injuryComplete", "C,I*"), ("asiaImpairmentScale", "A,B*")]);
}

/// Rule 6 (control): plain S4-5 sensation makes the injury incomplete without any star.
#[test]
fn rule6_control_plain_sacral_sensation_is_incomplete_unstarred() {
    let mut exam = complete_t6();
    sensation(&mut exam, Side::Left, Level::S4_5, Level::S4_5, "1", "0");
    check(&classify(&exam), &[("injuryComplete", "I"), ("asiaImpairmentScale", "B")]);
}

/// Rule 7: a sensory ZPP that may reach a `0*` dermatome (the zero may hide sensation) lists that
/// dermatome starred beside the zone read from the written scores.
#[test]
fn rule7_sensory_zpp_reaching_a_single_star_zero_is_starred() {
    let mut exam = complete_t6();
    sensation(&mut exam, Side::Left, Level::T8, Level::T8, "0*", "0");
    let result = classify(&exam);
    let zpp = serde_json::to_value(&result).unwrap()["leftSensoryZpp"].as_str().unwrap().to_string();
    assert!(zpp.split(',').any(|v| v == "T8*"), "T8, starred, is possible: {zpp}");
    assert!(zpp.split(',').any(|v| v.trim_end_matches('*') == "T6"), "T6 is possible: {zpp}");
    check(&result, &[("rightSensoryZpp", "T6")]);
}

/// Rule 8: a motor ZPP reached through a key muscle taken as normal is starred.
#[test]
fn rule8_motor_zpp_past_a_muscle_taken_as_normal_is_starred() {
    let mut exam = complete_t6();
    motor(&mut exam, Side::Left, Level::C7, Level::C7, "2**");
    check(&classify(&exam), &[("leftMotorZpp", "T6*"), ("rightMotorZpp", "T6")]);
}

/// Rule 9: an intact exam resting on scores taken as normal is intact and AIS E, both starred.
#[test]
fn rule9_intact_only_through_scores_taken_as_normal_is_e_starred() {
    let mut exam = Exam::normal();
    sensation(&mut exam, Side::Right, Level::L5, Level::L5, "1**", "1**");
    let result = classify(&exam);
    check(&result, &[("rightSensory", "INT*"), ("neurologicalLevelOfInjury", "INT*"), ("asiaImpairmentScale", "E*")]);
}
