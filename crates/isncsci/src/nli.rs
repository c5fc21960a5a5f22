//! The neurological level of injury (NLI): the most caudal segment with normal sensation on both sides
//! and antigravity (at least 3) motor function on both sides, everything rostral to it being normal.
//!
//! It is found by one walk over both sides at once, so that a level is a candidate when any of the four
//! sensory and motor checks may stop there, and the walk goes on only while all of them may.

use crate::exam::Exam;
use crate::level::Level;
use crate::levels::walk;
use crate::outcome::Possible;
use crate::step::{key_muscle_step, sensory_step, step_before_key_muscles, Step};
use crate::values::NeuroLevel;

/// The neurological level of injury.
pub(crate) fn neurological_level(exam: &Exam) -> Possible<NeuroLevel> {
    walk(|level, star| match level.next() {
        Some(below) => bilateral_step(exam, level, below, star),
        None => Step::go_on(star),
    })
}

/// Whether `level` lies in a region where key muscles decide (C4–T1, L1–S1).
fn in_motor_region(level: Level) -> bool {
    (Level::C4..=Level::T1).contains(&level) || (Level::L1..=Level::S1).contains(&level)
}

fn bilateral_step(exam: &Exam, level: Level, below: Level, star: bool) -> Step {
    let r = sensory_step(&exam.right, below, star);
    let l = sensory_step(&exam.left, below, star);
    let any = r.candidate.is_some() || l.candidate.is_some();
    let both_starred = r.candidate == Some(true) && l.candidate == Some(true);
    let sensory = Step {
        candidate: any.then_some(both_starred || star),
        proceed: r.proceed && l.proceed,
        star: r.star || l.star,
    };
    if !in_motor_region(level) {
        return sensory;
    }
    let motor = |side| match level {
        Level::C4 | Level::L1 => step_before_key_muscles(side, below, star),
        Level::T1 | Level::S1 => key_muscle_step(side, level, level, star),
        _ => key_muscle_step(side, level, below, star),
    };
    let (rm, lm) = (motor(&exam.right), motor(&exam.left));
    let any = any || rm.candidate.is_some() || lm.candidate.is_some();
    let motor_starred =
        rm.candidate.is_some() && lm.candidate.is_some() && (rm.candidate == Some(true) || lm.candidate == Some(true));
    let candidate = any.then_some(motor_starred || star);
    if !sensory.proceed {
        Step { candidate, ..sensory }
    } else {
        Step { candidate, proceed: rm.proceed && lm.proceed, star: sensory.star || rm.star || lm.star }
    }
}
