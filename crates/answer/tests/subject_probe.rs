//! Wrong-topic traps on the built-in content (`tests/data/subject-probe.tsv`): questions about subjects the
//! built-in knowledge does not cover get an honest no, and answers given are about the subject asked.

use vesalius_answer::EngineConfig;
use vesalius_core::AnswerKind;

mod common;

/// Share of `none` questions that must be refused. Measured 76/82 (0.927) with the subject check, 80/82 (0.976)
/// once article answers had to have a part of the question's type, and 78/80 after the spinal cord, GBS,
/// stenosis and examination articles moved four probe questions they cover to `subject:` lines (and added three
/// uncovered ones); the two left are partial answers about a neighbouring topic, shown with the notice. Four
/// body-site questions (upper, middle back, stomach) were added with the body-site subjects: 82/84.
const MIN_REFUSED: f64 = 0.95;

#[test]
fn uncovered_subjects_get_an_honest_no() {
    let text = include_str!("data/subject-probe.tsv");
    let (_d, e) = common::builtin_engine(EngineConfig::default());
    let (mut none, mut refused) = (0, 0);
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let (expect, question) = line.split_once('\t').unwrap_or_else(|| panic!("subject-probe.tsv:{}: no tab", i + 1));
        let a = e.answer(question, vesalius_core::Audience::Clinician).unwrap();
        if expect == "none" {
            none += 1;
            if a.kind == AnswerKind::None {
                refused += 1;
            } else {
                println!("answered {:?} ({:?}, {:.2}): {question}", a.title, a.kind, a.confidence);
                assert!(a.notice.is_some(), "line {}: a non-refusal of an uncovered subject without a notice", i + 1);
            }
        } else if let Some(subject) = expect.strip_prefix("subject:") {
            // A refusal is allowed (an honest no); an answer must name the subject.
            if a.kind != AnswerKind::None && subject.len() > 3 && !subject.contains(' ') {
                let text = format!("{} {} {}", a.title, a.summary, vesalius_answer::visible_text(&a)).to_lowercase();
                if !text.contains(&subject.to_lowercase()) {
                    println!("answer not naming {subject:?}: {:?} for {question}", a.title);
                }
            }
        }
    }
    let rate = f64::from(refused) / f64::from(none.max(1));
    println!("refused {refused}/{none} = {rate:.3}");
    assert!(none >= 80, "the probe keeps at least 80 uncovered questions");
    assert!(rate >= MIN_REFUSED, "refused only {rate:.3} of uncovered questions");
}
