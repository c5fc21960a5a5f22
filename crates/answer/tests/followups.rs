//! Follow-up questions on the built-in content with the atlas attached: every conversation of
//! `tests/data/followups.toml` that does not need MedQuAD, asked turn by turn in one thread.

use vesalius_answer::{run_followup_set, EngineConfig};

mod common;

/// Share of turns (first questions and follow-ups) that must pass. Measured on the built-in content:
/// 128/128 (see `docs/decision-follow-ups.md`); the floor leaves room for six failures.
const MIN_PASS_RATE: f64 = 0.95;
/// Share of follow-up turns (the second and later of a conversation) that must pass. Measured: 67/67; the
/// floor leaves room for three failures.
const MIN_FOLLOW_UP_PASS_RATE: f64 = 0.95;

const SET: &str = include_str!("data/followups.toml");

#[test]
fn follow_ups_swap_in_the_new_subject() {
    let (_d, e) = common::builtin_engine(EngineConfig::default());
    let report = run_followup_set(&e, SET, false).unwrap();
    for f in &report.failures {
        println!(
            "FAIL {} turn {}: {:?}\n  understood: {:?}\n  answer: {} {:?} {:?} — {:?}\n  {}",
            f.conversation,
            f.turn,
            f.question,
            f.understood,
            f.kind,
            f.id,
            f.title,
            f.summary_start,
            f.problems.join("; ")
        );
    }
    println!(
        "follow-up set: {} conversations ({} need MedQuAD, skipped); turns {}/{} = {:.3}; follow-ups {}/{} = {:.3}",
        report.conversations,
        report.skipped,
        report.passed,
        report.turns,
        report.pass_rate(),
        report.follow_ups_passed,
        report.follow_up_turns,
        report.follow_up_pass_rate()
    );
    assert!(report.conversations >= 40, "the set must keep at least 40 built-in conversations");
    assert!(report.pass_rate() >= MIN_PASS_RATE, "turn pass rate {:.3} < {MIN_PASS_RATE}", report.pass_rate());
    assert!(
        report.follow_up_pass_rate() >= MIN_FOLLOW_UP_PASS_RATE,
        "follow-up pass rate {:.3} < {MIN_FOLLOW_UP_PASS_RATE}",
        report.follow_up_pass_rate()
    );
}

#[test]
fn a_malformed_set_is_an_error_not_a_panic() {
    let (_d, e) = common::builtin_engine(EngineConfig::default());
    assert!(run_followup_set(&e, "not toml [[", false).is_err());
    let short = "[[conversation]]\nturns = [\"What is the L4 dermatome?\", \"and L5?\"]\nexpect = [{}]\n";
    assert!(run_followup_set(&e, short, false).is_err());
}

#[test]
fn a_wrong_expectation_fails() {
    let (_d, e) = common::builtin_engine(EngineConfig::default());
    let set = "[[conversation]]\nturns = [\"What is the L4 dermatome?\", \"and L5?\"]\n\
               expect = [{ title_contains = [\"L4\"] }, { title_contains = [\"L4\"] }]\n";
    let report = run_followup_set(&e, set, false).unwrap();
    assert_eq!((report.turns, report.passed), (2, 1));
    assert_eq!(report.failures[0].turn, 2);
}
