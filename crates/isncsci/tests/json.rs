//! Reading exams from JSON (nested and flat forms), errors, and `classify_json`.

use serde_json::{json, Map, Value};
use vesalius_isncsci::{classify_json, parse_exam, Exam, ExamError, Level, Observation, Scale, Score, Side};

/// The flat form (`c5RightMotor`, `analContraction`) of an exam.
fn flat(exam: &Exam) -> Value {
    let mut m = Map::new();
    for side in Side::BOTH {
        let s = exam.side(side);
        for (i, level) in Level::ALL[1..].iter().enumerate() {
            let prefix = level.name().to_ascii_lowercase();
            m.insert(format!("{prefix}{}Touch", side.name()), json!(s.light_touch[i].to_string()));
            m.insert(format!("{prefix}{}Prick", side.name()), json!(s.pin_prick[i].to_string()));
        }
        for (i, level) in Level::MYOTOMES.iter().enumerate() {
            let key = format!("{}{}Motor", level.name().to_ascii_lowercase(), side.name());
            m.insert(key, json!(s.motor[i].to_string()));
        }
        if let Some(l) = s.lowest_non_key_muscle {
            let key = format!("{}LowestNonKeyMuscleWithMotorFunction", side.name().to_ascii_lowercase());
            m.insert(key, json!(l.name()));
        }
    }
    m.insert("analContraction".into(), json!(exam.voluntary_anal_contraction.to_string()));
    m.insert("analSensation".into(), json!(exam.deep_anal_pressure.to_string()));
    Value::Object(m)
}

/// The nested form (`right.motor.C5`, `voluntaryAnalContraction`) of an exam.
fn nested(exam: &Exam) -> Value {
    let side = |s: &vesalius_isncsci::ExamSide| {
        let dermatomes = |scores: &[Score; 28]| {
            Value::Object(
                Level::ALL[1..].iter().zip(scores).map(|(l, s)| (l.name().into(), json!(s.to_string()))).collect(),
            )
        };
        let motor: Map<String, Value> =
            Level::MYOTOMES.iter().zip(&s.motor).map(|(l, s)| (l.name().into(), json!(s.to_string()))).collect();
        let mut out = json!({
            "lightTouch": dermatomes(&s.light_touch),
            "pinPrick": dermatomes(&s.pin_prick),
            "motor": motor,
        });
        if let Some(l) = s.lowest_non_key_muscle {
            out["lowestNonKeyMuscleWithMotorFunction"] = json!(l.name());
        }
        out
    };
    json!({
        "deepAnalPressure": exam.deep_anal_pressure.to_string(),
        "voluntaryAnalContraction": exam.voluntary_anal_contraction.to_string(),
        "right": side(&exam.right),
        "left": side(&exam.left),
    })
}

fn sample_exam() -> Exam {
    let mut exam = Exam::normal();
    exam.voluntary_anal_contraction = Observation::NotTestable;
    exam.deep_anal_pressure = Observation::No;
    exam.right.light_touch[5] = Score::parse("1**", Scale::Sensory).expect("valid");
    exam.left.pin_prick[27] = Score::parse("NT*", Scale::Sensory).expect("valid");
    exam.left.motor[7] = Score::parse("0*", Scale::Motor).expect("valid");
    exam.right.motor[0] = Score::NT;
    exam.left.lowest_non_key_muscle = Some(Level::T5);
    exam
}

#[test]
fn flat_and_nested_forms_read_the_same_exam() {
    let exam = sample_exam();
    assert_eq!(parse_exam(&flat(&exam)), Ok(exam.clone()));
    assert_eq!(parse_exam(&nested(&exam)), Ok(exam));
}

#[test]
fn unknown_keys_and_stray_results_are_ignored() {
    let mut doc = flat(&Exam::normal());
    doc["id"] = json!(7);
    doc["comments"] = json!("note");
    doc["rightMotor"] = json!("C5");
    doc["totals"] = json!({"asiaImpairmentScale": "A"});
    doc["rightLowestNonKeyMuscleWithMotorFunction"] = json!(null);
    assert_eq!(parse_exam(&doc), Ok(Exam::normal()));
}

#[test]
fn bad_values_name_the_field_and_the_value() {
    let mut doc = flat(&Exam::normal());
    doc["c5RightMotor"] = json!("6");
    let err = parse_exam(&doc).expect_err("6 is not a grade");
    assert!(matches!(&err, ExamError::InvalidValue { field, value, .. } if field == "c5RightMotor" && value == "6"));
    assert!(err.to_string().contains("c5RightMotor") && err.to_string().contains("\"6\""), "{err}");
    assert!(err.to_string().contains("allowed: 0 to 5, 0* to 4*"), "the message lists the allowed values: {err}");

    let mut doc = flat(&Exam::normal());
    doc["s4_5LeftTouch"] = json!("2*");
    assert!(matches!(parse_exam(&doc), Err(ExamError::InvalidValue { field, .. }) if field == "s4_5LeftTouch"));

    let mut doc = flat(&Exam::normal());
    doc["analContraction"] = json!("maybe");
    let err = parse_exam(&doc).expect_err("maybe is not an observation");
    assert!(matches!(&err, ExamError::InvalidValue { field, .. } if field == "analContraction"));
    assert!(err.to_string().ends_with("allowed: Yes, No or NT"), "{err}");

    let mut doc = flat(&Exam::normal());
    doc["leftLowestNonKeyMuscleWithMotorFunction"] = json!("X9");
    assert!(parse_exam(&doc).is_err());

    let mut doc = flat(&Exam::normal());
    doc.as_object_mut().expect("object").remove("t4LeftPrick");
    assert_eq!(parse_exam(&doc), Err(ExamError::Missing("t4LeftPrick".into())));

    let mut doc = nested(&Exam::normal());
    doc["left"]["motor"]["L3"] = json!("5*");
    let err = parse_exam(&doc).expect_err("5* does not exist");
    assert!(matches!(&err, ExamError::InvalidValue { field, value, .. } if field == "left.motor.L3" && value == "5*"));

    assert!(matches!(parse_exam(&json!([1, 2])), Err(ExamError::NotAnObject(_))));
    assert!(matches!(parse_exam(&json!({"right": 3, "left": {}})), Err(ExamError::NotAnObject(_))));
}

#[test]
fn classify_json_gives_one_object_per_exam() {
    let one = classify_json(&nested(&Exam::normal()).to_string()).expect("valid exam");
    let fields = one.as_object().expect("one object");
    assert_eq!(fields.len(), 25);
    assert_eq!(one["asiaImpairmentScale"], "E");
    assert_eq!(one["touchTotal"], "112");

    let doc = Value::Array(vec![flat(&Exam::normal()), flat(&sample_exam())]);
    let many = classify_json(&doc.to_string()).expect("valid exams");
    let items = many.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], one);
    assert_eq!(items[1]["rightUpperMotorTotal"], "ND");

    assert!(matches!(classify_json("{not json"), Err(ExamError::Json(_))));
    let bad = Value::Array(vec![flat(&Exam::normal()), json!({"analContraction": "No"})]);
    assert!(classify_json(&bad.to_string()).is_err());
}

#[test]
fn exams_padded_with_fields_and_documents_with_too_many_exams_are_refused_naming_the_limit() {
    let mut doc = flat(&Exam::normal());
    assert!(parse_exam(&doc).is_ok());
    let padding: Map<String, Value> =
        (0..vesalius_isncsci::MAX_EXAM_FIELDS).map(|i| (format!("extra{i}"), json!("x"))).collect();
    doc["padding"] = Value::Object(padding);
    let err = parse_exam(&doc).expect_err("padded");
    assert!(matches!(err, ExamError::TooManyFields { limit: vesalius_isncsci::MAX_EXAM_FIELDS, .. }), "{err}");
    assert!(err.to_string().contains(&format!("at most {} fields; got", vesalius_isncsci::MAX_EXAM_FIELDS)), "{err}");

    let one = flat(&Exam::normal());
    let many = Value::Array(vec![one.clone(); vesalius_isncsci::MAX_EXAMS + 1]);
    let err = classify_json(&many.to_string()).expect_err("too many exams");
    assert_eq!(
        err,
        ExamError::TooManyExams { limit: vesalius_isncsci::MAX_EXAMS, got: vesalius_isncsci::MAX_EXAMS + 1 }
    );
    assert!(classify_json(&Value::Array(vec![one; 3]).to_string()).is_ok());
}
