//! Exam builders and result checks shared by the hand-made rule tests.

use vesalius_isncsci::{Classification, Exam, Level, Scale, Score, Side};

/// A score of `scale` from its worksheet text; a bad text is a fault of the test.
pub fn score(text: &str, scale: Scale) -> Score {
    Score::parse(text, scale).unwrap_or_else(|| panic!("bad test score {text}"))
}

/// Sets light touch and pin prick from `from` to `to` (inclusive) on one side.
pub fn sensation(exam: &mut Exam, side: Side, from: Level, to: Level, lt: &str, pp: &str) {
    for level in Level::ALL.into_iter().filter(|l| (from..=to).contains(l) && *l != Level::C1) {
        let i = level.index() - 1;
        exam.side_mut(side).light_touch[i] = score(lt, Scale::Sensory);
        exam.side_mut(side).pin_prick[i] = score(pp, Scale::Sensory);
    }
}

/// Sets the key muscles from `from` to `to` (inclusive) on one side.
pub fn motor(exam: &mut Exam, side: Side, from: Level, to: Level, grade: &str) {
    for (i, level) in Level::MYOTOMES.into_iter().enumerate() {
        if (from..=to).contains(&level) {
            exam.side_mut(side).motor[i] = score(grade, Scale::Motor);
        }
    }
}

/// Asserts the named result fields, compared as their JSON strings.
pub fn check(result: &Classification, expected: &[(&str, &str)]) {
    let json = serde_json::to_value(result).expect("serialises");
    for (field, want) in expected {
        assert_eq!(json[*field], *want, "field {field}\nfull result:\n{result}");
    }
}
