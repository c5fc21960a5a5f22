//! Runs every validation exam of a cases file (the flat form of `cases-2019.json`) and compares all 25
//! result fields with the expected `totals`.
//!
//! The file path comes from `VESALIUS_ISNCSCI_CASES`; without it the test is skipped, so a clean clone
//! passes `cargo test`.

use serde_json::Value;
use vesalius_isncsci::{classify, parse_exam};

const FIELDS: [&str; 25] = [
    "rightUpperMotorTotal",
    "leftUpperMotorTotal",
    "rightLowerMotorTotal",
    "leftLowerMotorTotal",
    "rightTouchTotal",
    "leftTouchTotal",
    "rightPrickTotal",
    "leftPrickTotal",
    "rightMotorTotal",
    "leftMotorTotal",
    "upperMotorTotal",
    "lowerMotorTotal",
    "touchTotal",
    "prickTotal",
    "rightSensory",
    "leftSensory",
    "rightMotor",
    "leftMotor",
    "neurologicalLevelOfInjury",
    "rightSensoryZpp",
    "leftSensoryZpp",
    "rightMotorZpp",
    "leftMotorZpp",
    "asiaImpairmentScale",
    "injuryComplete",
];

#[test]
fn all_shared_cases_match() {
    let Ok(path) = std::env::var("VESALIUS_ISNCSCI_CASES") else {
        eprintln!("VESALIUS_ISNCSCI_CASES is not set: skipping the shared ISNCSCI validation cases");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
    let cases = doc.as_array().unwrap_or_else(|| panic!("{path} must hold a JSON array of cases"));
    assert!(!cases.is_empty(), "{path} holds no cases");

    let mut failures = Vec::new();
    let mut matching = 0;
    for (n, case) in cases.iter().enumerate() {
        let id = case.get("id").map_or_else(|| format!("#{n}"), |v| v.to_string());
        let exam = match parse_exam(case) {
            Ok(exam) => exam,
            Err(e) => {
                failures.push(format!("case {id}: cannot parse: {e}"));
                continue;
            }
        };
        let got = serde_json::to_value(classify(&exam)).expect("a classification always serialises");
        let expected = &case["totals"];
        let wrong: Vec<String> = FIELDS
            .iter()
            .filter(|f| got[**f] != expected[**f])
            .map(|f| format!("{f}: expected {} got {}", expected[*f], got[*f]))
            .collect();
        if wrong.is_empty() {
            matching += 1;
        } else {
            failures.push(format!("case {id}:\n    {}", wrong.join("\n    ")));
        }
    }
    eprintln!("{matching} of {} shared cases match on all {} fields", cases.len(), FIELDS.len());
    assert!(failures.is_empty(), "{} case(s) differ:\n  {}", failures.len(), failures.join("\n  "));
}
