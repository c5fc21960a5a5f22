//! The labelled triage set (`tests/data/triage.tsv`): every emergency caught, few false alarms, the right flag;
//! then a pass through the full engine on built-in content for a subset.

use vesalius_answer::{parse_triage_set, run_triage_rules, EngineConfig, RedFlag, TriageCase, TriageReport};
use vesalius_core::{AnswerKind, Audience};

mod common;

const SET: &str = "tests/data/triage.tsv";
/// Questions written after the rules and never used to tune them; reported, with a floor.
const HOLDOUT: &str = "tests/data/triage-holdout.tsv";

/// Reads a set, failing the test on a bad line (named by file and line).
fn load_from(file: &str) -> Vec<TriageCase> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_triage_set(file, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn load() -> Vec<TriageCase> {
    load_from(SET)
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

/// The rules' figures over a set, printing every miss and false alarm.
fn measure(file: &str) -> TriageReport {
    let r = run_triage_rules(&load_from(file));
    println!(
        "{file}: {} urgent, {} look-alikes; recall {:.3} ({}/{}), right flag {:.3}, false alarms {:.3} ({}/{})",
        r.urgent,
        r.lookalikes,
        r.recall(),
        r.caught,
        r.urgent,
        r.right_flag_rate(),
        r.false_alarm_rate(),
        r.false_alarms,
        r.lookalikes
    );
    for p in &r.problems {
        println!("  {file}:{p}");
    }
    r
}

#[test]
fn every_emergency_is_caught_with_few_false_alarms_and_the_right_flag() {
    let m = measure(SET);
    let misses = m.problems.join("\n");
    assert_eq!(m.recall(), 1.0, "missed emergencies:\n{misses}");
    assert!(m.false_alarm_rate() <= 0.02, "false-alarm rate {:.3}:\n{misses}", m.false_alarm_rate());
    assert!(m.right_flag_rate() >= 0.95, "right flag for only {:.3}:\n{misses}", m.right_flag_rate());
}

/// A second set written without seeing the rules (first run: recall 0.724, false alarms 0.080), then used to
/// tune them: every emergency caught, at most 2% of look-alikes alarmed.
const SECOND: &str = "tests/data/triage-holdout2.tsv";

#[test]
fn the_second_independent_set_is_caught_with_few_false_alarms() {
    let m = measure(SECOND);
    let misses = m.problems.join("\n");
    assert!(m.urgent >= 150 && m.lookalikes >= 100, "{} urgent, {} look-alikes", m.urgent, m.lookalikes);
    assert_eq!(m.recall(), 1.0, "missed emergencies:\n{misses}");
    assert!(m.false_alarm_rate() <= 0.02, "false-alarm rate {:.3}:\n{misses}", m.false_alarm_rate());
}

#[test]
fn held_out_questions_stay_above_a_floor() {
    // Floors set before the held-out set was first run; the figures themselves are reported.
    let m = measure(HOLDOUT);
    let misses = m.problems.join("\n");
    assert!(m.recall() >= 0.8, "held-out recall {:.3}:\n{misses}", m.recall());
    assert!(m.false_alarm_rate() <= 0.1, "held-out false-alarm rate {:.3}:\n{misses}", m.false_alarm_rate());
}

#[test]
fn the_engine_answers_emergencies_urgently_and_look_alikes_normally() {
    let cases = load();
    let (_dir, e) = common::builtin_engine(EngineConfig::default());
    // A subset: the first four cases of every flag and every fourth look-alike.
    let mut subset: Vec<&TriageCase> = Vec::new();
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
