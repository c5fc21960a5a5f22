//! The labelled triage set (`tests/data/triage.tsv`): every emergency caught, few false alarms, the right flag;
//! then a pass through the full engine on built-in content for a subset.

use vesalius_answer::{triage, EngineConfig, RedFlag};
use vesalius_core::{AnswerKind, Audience};

mod common;

const SET: &str = "tests/data/triage.tsv";
/// Questions written after the rules and never used to tune them; reported, with a floor.
const HOLDOUT: &str = "tests/data/triage-holdout.tsv";

struct Case {
    line: usize,
    expected: Option<RedFlag>,
    audience: Audience,
    question: String,
}

/// Lines are `expected<TAB>audience<TAB>question`; blank lines and lines starting with `#` are skipped. A bad
/// line fails the test naming the file and line.
fn load() -> Vec<Case> {
    load_from(SET)
}

fn load_from(file: &str) -> Vec<Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        let [expected, audience, question] = fields[..] else {
            panic!("{file}:{line}: expected 3 tab-separated fields, found {}", fields.len());
        };
        let expected = match expected {
            "none" => None,
            name => Some(RedFlag::from_name(name).unwrap_or_else(|| panic!("{file}:{line}: unknown flag `{name}`"))),
        };
        let audience = match audience {
            "patient" => Audience::Patient,
            "clinician" => Audience::Clinician,
            other => panic!("{file}:{line}: audience must be patient or clinician, not `{other}`"),
        };
        if question.trim().is_empty() {
            panic!("{file}:{line}: empty question");
        }
        cases.push(Case { line, expected, audience, question: question.to_string() });
    }
    cases
}

#[test]
fn the_set_is_big_and_balanced_enough() {
    let cases = load();
    let urgent = cases.iter().filter(|c| c.expected.is_some()).count();
    assert!(cases.len() >= 170, "only {} cases", cases.len());
    assert!(urgent >= 100, "only {urgent} urgent cases");
    assert!(cases.len() - urgent >= 60, "only {} look-alikes", cases.len() - urgent);
    for flag in RedFlag::all() {
        let n = cases.iter().filter(|c| c.expected == Some(*flag)).count();
        assert!(n >= 6, "{} has only {n} cases", flag.name());
    }
    for audience in [Audience::Patient, Audience::Clinician] {
        assert!(cases.iter().any(|c| c.audience == audience), "no {audience:?} cases");
    }
}

/// Recall (urgent detected as urgent, any flag), right-flag rate and false-alarm rate over a set, printing
/// every miss and false alarm.
struct Measured {
    recall: f64,
    right_flag: f64,
    false_alarm_rate: f64,
    report: Vec<String>,
}

fn measure(file: &str) -> Measured {
    let cases = load_from(file);
    let (mut urgent, mut caught, mut right, mut lookalikes, mut alarms) = (0, 0, 0, 0, 0);
    let mut report = Vec::new();
    for c in &cases {
        let got = triage(&c.question);
        match c.expected {
            Some(want) => {
                urgent += 1;
                if got.is_some() {
                    caught += 1;
                }
                if got == Some(want) {
                    right += 1;
                } else {
                    let got = got.map_or("none", RedFlag::name);
                    report.push(format!("{file}:{}: want {} got {got}: {}", c.line, want.name(), c.question));
                }
            }
            None => {
                lookalikes += 1;
                if let Some(f) = got {
                    alarms += 1;
                    report.push(format!("{file}:{}: false alarm {}: {}", c.line, f.name(), c.question));
                }
            }
        }
    }
    let m = Measured {
        recall: caught as f64 / urgent.max(1) as f64,
        right_flag: right as f64 / urgent.max(1) as f64,
        false_alarm_rate: alarms as f64 / lookalikes.max(1) as f64,
        report,
    };
    println!(
        "{file}: {urgent} urgent, {lookalikes} look-alikes; recall {:.3} ({caught}/{urgent}), right flag {:.3} \
         ({right}/{urgent}), false alarms {:.3} ({alarms}/{lookalikes})",
        m.recall, m.right_flag, m.false_alarm_rate
    );
    for r in &m.report {
        println!("  {r}");
    }
    m
}

#[test]
fn every_emergency_is_caught_with_few_false_alarms_and_the_right_flag() {
    let m = measure(SET);
    let misses = m.report.join("\n");
    assert_eq!(m.recall, 1.0, "missed emergencies:\n{misses}");
    assert!(m.false_alarm_rate <= 0.02, "false-alarm rate {:.3}:\n{misses}", m.false_alarm_rate);
    assert!(m.right_flag >= 0.95, "right flag for only {:.3}:\n{misses}", m.right_flag);
}

#[test]
fn held_out_questions_stay_above_a_floor() {
    // Floors set before the held-out set was first run; the figures themselves are reported.
    let m = measure(HOLDOUT);
    let misses = m.report.join("\n");
    assert!(m.recall >= 0.8, "held-out recall {:.3}:\n{misses}", m.recall);
    assert!(m.false_alarm_rate <= 0.1, "held-out false-alarm rate {:.3}:\n{misses}", m.false_alarm_rate);
}

#[test]
fn the_engine_answers_emergencies_urgently_and_look_alikes_normally() {
    let cases = load();
    let (_dir, e) = common::builtin_engine(EngineConfig::default());
    // A subset: the first four cases of every flag and every fourth look-alike.
    let mut subset: Vec<&Case> = Vec::new();
    for flag in RedFlag::all() {
        subset.extend(cases.iter().filter(|c| c.expected == Some(*flag)).take(4));
    }
    subset.extend(cases.iter().filter(|c| c.expected.is_none()).step_by(4));
    for c in subset {
        let a = e.ask(&c.question, c.audience).unwrap_or_else(|err| panic!("{SET}:{}: {err}", c.line));
        let at = format!("{SET}:{}: {}", c.line, c.question);
        match c.expected {
            Some(flag) => {
                assert!(a.safety.urgent, "{at}: not urgent");
                assert_eq!(a.kind, AnswerKind::Urgent, "{at}");
                assert_ne!(a.title, "No trusted answer", "{at}: an urgent answer is not titled as a refusal");
                let message = a.safety.message.as_deref().unwrap_or_default();
                assert!(!message.trim().is_empty(), "{at}: empty message");
                assert!(!a.safety.basis.is_empty(), "{at}: no basis");
                for id in flag.basis() {
                    assert!(a.safety.basis.iter().any(|r| r.id == *id), "{at}: basis lacks {id}");
                }
                if flag == RedFlag::SuicideSelfHarm {
                    assert!(message.contains("988") || message.contains("116 123"), "{at}: {message}");
                    assert!(a.sections.is_empty() && a.references.is_empty() && a.sources.is_empty(), "{at}");
                    assert!(a.id.is_none() && a.alternatives.is_empty(), "{at}: content shown with the crisis message");
                    assert_eq!(a.summary, message, "{at}");
                }
            }
            None => {
                assert!(!a.safety.urgent, "{at}: urgent");
                assert_ne!(a.kind, AnswerKind::Urgent, "{at}");
            }
        }
    }
}
