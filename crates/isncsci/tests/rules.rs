//! Hand-made exams built from the rules of the 2019 Standards; they need no external files.

mod common;

use common::{check, motor, score, sensation};
use vesalius_isncsci::{classify, Exam, Level, Observation, Scale, Side};

/// C5 AIS A: sensation normal down to C5, absent below; elbow flexors 4, wrist extensors 2 (partial
/// preservation), nothing below; no VAC, no DAP.
#[test]
fn complete_c5_injury_is_ais_a_with_zones() {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::No;
    exam.deep_anal_pressure = Observation::No;
    for s in Side::BOTH {
        sensation(&mut exam, s, Level::C6, Level::S4_5, "0", "0");
        motor(&mut exam, s, Level::C5, Level::C5, "4");
        motor(&mut exam, s, Level::C6, Level::C6, "2");
        motor(&mut exam, s, Level::C7, Level::S1, "0");
    }
    let result = classify(&exam);
    check(
        &result,
        &[
            ("rightSensory", "C5"),
            ("leftSensory", "C5"),
            ("rightMotor", "C5"),
            ("leftMotor", "C5"),
            ("neurologicalLevelOfInjury", "C5"),
            ("injuryComplete", "C"),
            ("asiaImpairmentScale", "A"),
            ("rightSensoryZpp", "C5"),
            ("leftSensoryZpp", "C5"),
            ("rightMotorZpp", "C6"),
            ("leftMotorZpp", "C6"),
            ("rightUpperMotorTotal", "6"),
            ("upperMotorTotal", "12"),
            ("lowerMotorTotal", "0"),
            ("rightTouchTotal", "8"),
            ("touchTotal", "16"),
            ("prickTotal", "16"),
        ],
    );
}

/// T4 sensory incomplete: arms normal, legs paralysed, light touch preserved at S4-5, no VAC.
fn t4_sensory_incomplete() -> Exam {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::No;
    exam.deep_anal_pressure = Observation::No;
    for s in Side::BOTH {
        sensation(&mut exam, s, Level::T5, Level::S3, "0", "0");
        sensation(&mut exam, s, Level::S4_5, Level::S4_5, "1", "0");
        motor(&mut exam, s, Level::L2, Level::S1, "0");
    }
    exam
}

#[test]
fn sacral_sensory_sparing_without_motor_sparing_is_ais_b() {
    check(
        &classify(&t4_sensory_incomplete()),
        &[
            ("rightSensory", "T4"),
            ("rightMotor", "T4"),
            ("leftMotor", "T4"),
            ("neurologicalLevelOfInjury", "T4"),
            ("injuryComplete", "I"),
            ("asiaImpairmentScale", "B"),
            ("rightSensoryZpp", "NA"),
            ("rightMotorZpp", "T4"),
            ("leftMotorZpp", "T4"),
        ],
    );
}

/// A non-key muscle working more than three levels below the motor level makes a sensory incomplete
/// injury motor incomplete (2019: B vs C), and shows in that side's motor ZPP.
#[test]
fn non_key_muscle_far_below_the_motor_level_makes_ais_c() {
    let mut exam = t4_sensory_incomplete();
    exam.right.lowest_non_key_muscle = Some(Level::L2);
    check(&classify(&exam), &[("asiaImpairmentScale", "C"), ("rightMotorZpp", "L2"), ("leftMotorZpp", "T4")]);
    // Within three levels of the motor level it does not count.
    exam.right.lowest_non_key_muscle = Some(Level::T7);
    check(&classify(&exam), &[("asiaImpairmentScale", "B")]);
}

/// T10 motor incomplete (VAC present): D needs at least half of the ten key muscles below the NLI at
/// grade 3 or more.
#[test]
fn half_the_key_muscles_below_the_nli_at_grade_3_separates_c_from_d() {
    let build = |left_l3: &str| {
        let mut exam = Exam::normal();
        for s in Side::BOTH {
            sensation(&mut exam, s, Level::T11, Level::S4_5, "1", "1");
            motor(&mut exam, s, Level::L2, Level::S1, "2");
        }
        motor(&mut exam, Side::Right, Level::L2, Level::L5, "3");
        motor(&mut exam, Side::Left, Level::L3, Level::L3, left_l3);
        exam
    };
    let common = [
        ("rightSensory", "T10"),
        ("rightMotor", "T10"),
        ("neurologicalLevelOfInjury", "T10"),
        ("injuryComplete", "I"),
        ("rightMotorZpp", "NA"),
        ("rightSensoryZpp", "NA"),
    ];
    // 4 right + 1 left = 5 of 10.
    let d = classify(&build("4"));
    check(&d, &common);
    check(&d, &[("asiaImpairmentScale", "D")]);
    // 4 of 10.
    let c = classify(&build("2"));
    check(&c, &common);
    check(&c, &[("asiaImpairmentScale", "C")]);
}

/// A normal exam with one NT key sensory point: the C6 dermatome may be impaired, so every result that
/// depends on it lists both possibilities, and the light touch totals cannot be determined.
#[test]
fn a_not_testable_point_leaves_levels_and_ais_undetermined() {
    let mut exam = Exam::normal();
    sensation(&mut exam, Side::Right, Level::C6, Level::C6, "NT", "2");
    check(
        &classify(&exam),
        &[
            ("rightSensory", "C5,INT"),
            ("leftSensory", "INT"),
            // Motor level only moves past T1 when C5-T1 sensation is normal.
            ("rightMotor", "T1,INT"),
            ("leftMotor", "INT"),
            ("neurologicalLevelOfInjury", "C5,INT"),
            ("asiaImpairmentScale", "D,E"),
            ("injuryComplete", "I"),
            ("rightTouchTotal", "ND"),
            ("touchTotal", "ND"),
            ("rightPrickTotal", "56"),
            ("prickTotal", "112"),
        ],
    );
}

/// NT voluntary anal contraction and deep anal pressure with absent S4-5 sensation: complete or not.
#[test]
fn not_testable_anal_examination_leaves_completeness_open() {
    let mut exam = t4_sensory_incomplete();
    exam.voluntary_anal_contraction = Observation::NotTestable;
    exam.deep_anal_pressure = Observation::NotTestable;
    for s in Side::BOTH {
        sensation(&mut exam, s, Level::S4_5, Level::S4_5, "0", "0");
    }
    check(
        &classify(&exam),
        &[
            ("injuryComplete", "C,I"),
            ("asiaImpairmentScale", "A,B,C"),
            ("rightSensoryZpp", "NA,T4"),
            ("rightMotorZpp", "NA,T4"),
        ],
    );
}

/// `**`: a radial nerve palsy impairs left C6/C7, but those scores are taken as normal, so the T6
/// levels stand, starred where the tagged scores were used.
#[test]
fn double_star_scores_are_taken_as_normal_and_star_the_result() {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::No;
    exam.deep_anal_pressure = Observation::No;
    for s in Side::BOTH {
        sensation(&mut exam, s, Level::T7, Level::S4_5, "0", "0");
        motor(&mut exam, s, Level::L2, Level::S1, "0");
    }
    motor(&mut exam, Side::Left, Level::C6, Level::C6, "0**");
    sensation(&mut exam, Side::Left, Level::C6, Level::C7, "1**", "0**");
    check(
        &classify(&exam),
        &[
            ("rightSensory", "T6"),
            ("leftSensory", "T6*"),
            ("rightMotor", "T6"),
            ("leftMotor", "T6*"),
            ("neurologicalLevelOfInjury", "T6*"),
            ("asiaImpairmentScale", "A"),
            ("leftSensoryZpp", "T6"),
            ("leftMotorZpp", "T6*"),
            // Totals add the written grades.
            ("leftUpperMotorTotal", "20"),
            ("leftTouchTotal", "24"),
            ("leftPrickTotal", "22"),
        ],
    );
}

/// `*`: a plexopathy impairs left C7-T1, scores not taken as normal. A `3*` is still at least 3 and not
/// normal, so it is the motor level, unstarred; a `0*` may hide function, so levels resting on it are
/// starred.
#[test]
fn single_star_scores_are_not_normal() {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::No;
    exam.deep_anal_pressure = Observation::No;
    for s in Side::BOTH {
        sensation(&mut exam, s, Level::C7, Level::S4_5, "0", "0");
        motor(&mut exam, s, Level::C7, Level::S1, "0");
    }
    motor(&mut exam, Side::Left, Level::C7, Level::C7, "3*");
    motor(&mut exam, Side::Left, Level::C8, Level::T1, "1*");
    sensation(&mut exam, Side::Left, Level::C7, Level::T1, "1*", "1*");
    motor(&mut exam, Side::Right, Level::C7, Level::C7, "0*");
    check(
        &classify(&exam),
        &[
            ("leftSensory", "C6"),
            ("leftMotor", "C7"),
            ("rightMotor", "C6,C7*"),
            ("neurologicalLevelOfInjury", "C6"),
            ("asiaImpairmentScale", "A"),
            ("leftSensoryZpp", "T1"),
            ("leftMotorZpp", "T1"),
            ("rightMotorZpp", "C6,C7*"),
        ],
    );
}

#[test]
fn normal_exam_is_intact_ais_e() {
    let result = classify(&Exam::normal());
    check(
        &result,
        &[
            ("rightSensory", "INT"),
            ("leftSensory", "INT"),
            ("rightMotor", "INT"),
            ("leftMotor", "INT"),
            ("neurologicalLevelOfInjury", "INT"),
            ("injuryComplete", "I"),
            ("asiaImpairmentScale", "E"),
            ("rightSensoryZpp", "NA"),
            ("leftMotorZpp", "NA"),
            ("upperMotorTotal", "50"),
            ("lowerMotorTotal", "50"),
            ("touchTotal", "112"),
            ("prickTotal", "112"),
        ],
    );
    let text = result.to_string();
    assert!(text.lines().count() > 8, "{text}");
    assert!(text.contains("Neurological level of injury") && text.contains("INT"), "{text}");
    assert!(text.contains("ASIA Impairment Scale (AIS)") && text.contains(" E"), "{text}");
}

#[test]
fn intact_but_no_anal_contraction_stops_the_motor_level_at_s3() {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::No;
    check(&classify(&exam), &[("rightMotor", "S3"), ("leftMotor", "S3"), ("rightSensory", "INT")]);
}

/// Pseudo-random exams over every code (plain, NT, `*`, `**`) never panic and always give every result
/// at least one value.
#[test]
fn random_exams_always_classify() {
    const SENSORY: [&str; 10] = ["0", "1", "2", "0*", "1*", "0**", "1**", "NT", "NT*", "NT**"];
    const MOTOR: [&str; 19] = [
        "0", "1", "2", "3", "4", "5", "0*", "1*", "2*", "3*", "4*", "0**", "1**", "2**", "3**", "4**", "NT", "NT*",
        "NT**",
    ];
    const OBS: [Observation; 3] = [Observation::Yes, Observation::No, Observation::NotTestable];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..3000 {
        let mut exam = Exam::normal();
        // Mostly normal values with a sprinkling of others, so that walks go deep.
        let bias = round % 4;
        for side in Side::BOTH {
            let s = exam.side_mut(side);
            for v in s.light_touch.iter_mut().chain(s.pin_prick.iter_mut()) {
                if next(4) < bias {
                    *v = score(SENSORY[next(SENSORY.len())], Scale::Sensory);
                }
            }
            for v in s.motor.iter_mut() {
                if next(4) < bias {
                    *v = score(MOTOR[next(MOTOR.len())], Scale::Motor);
                }
            }
            if next(3) == 0 {
                s.lowest_non_key_muscle = Level::from_index(next(29));
            }
        }
        exam.voluntary_anal_contraction = OBS[next(3)];
        exam.deep_anal_pressure = OBS[next(3)];
        let result = classify(&exam);
        let json = serde_json::to_value(&result).expect("serialises");
        for (field, value) in json.as_object().expect("object") {
            let text = value.as_str().expect("string");
            assert!(!text.is_empty(), "empty {field} for {exam:?}\n{result}");
        }
    }
}
