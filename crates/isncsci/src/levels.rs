//! Sensory and motor levels of one side.
//!
//! *Sensory level*: the most caudal dermatome with normal light touch and pin prick, all rostral ones
//! normal too (`C1` if C2 is impaired, `INT` if intact down to S4-5).
//!
//! *Motor level*: the most caudal key muscle graded at least 3 with every key muscle above it graded 5.
//! Where no key muscle can be tested (C1–C4, T2–L1, S2–S5) the motor level follows the sensory level,
//! provided the testable motor function above is normal; at the end of each key-muscle region (T1, S1) the
//! walk only continues if the region's dermatomes are normal as well. S4-5 motor function is voluntary
//! anal contraction: without it the motor level stops at S3.

use crate::exam::ExamSide;
use crate::level::Level;
use crate::outcome::Possible;
use crate::score::Observation;
use crate::step::{end_of_key_muscles_step, key_muscle_step, sensory_step, step_before_key_muscles, Step};
use crate::values::NeuroLevel;

/// The sensory level of one side.
pub(crate) fn sensory_level(side: &ExamSide) -> Possible<NeuroLevel> {
    walk(|level, star| match level.next() {
        Some(below) => sensory_step(side, below, star),
        None => Step::go_on(star),
    })
}

/// The motor level of one side.
pub(crate) fn motor_level(side: &ExamSide, vac: Observation) -> Possible<NeuroLevel> {
    let mut result = walk(|level, star| motor_step(side, level, star));
    // The walk ends below S3 only when S4-5 sensation is normal; S4-5 motor function is then the VAC.
    if result.contains(NeuroLevel::Intact) {
        let star = result.0.last().is_some_and(|f| f.starred);
        result.0.retain(|f| f.value != NeuroLevel::Intact);
        if vac.can_be_no() {
            result.add(NeuroLevel::Level(Level::S3), star);
        }
        if vac.can_be_yes() {
            result.add(NeuroLevel::Intact, star);
        }
    }
    result
}

/// The step of the motor-level walk at `level`.
fn motor_step(side: &ExamSide, level: Level, star: bool) -> Step {
    match level {
        Level::C4 | Level::L1 => match level.next() {
            Some(below) => step_before_key_muscles(side, below, star),
            None => Step::go_on(star),
        },
        Level::T1 | Level::S1 => end_of_key_muscles_step(side, level, star),
        l if l.has_key_muscle() => match l.next() {
            Some(below) => key_muscle_step(side, l, below, star),
            None => Step::go_on(star),
        },
        l => match l.next() {
            Some(below) => sensory_step(side, below, star),
            None => Step::go_on(star),
        },
    }
}

/// Walks from C1 to S3 with `step`, collecting candidates; reaching the end adds `INT`.
pub(crate) fn walk(mut step: impl FnMut(Level, bool) -> Step) -> Possible<NeuroLevel> {
    let mut result = Possible::new();
    let mut star = false;
    for level in Level::ALL.into_iter().take(Level::ALL.len() - 1) {
        let s = step(level, star);
        if let Some(starred) = s.candidate {
            result.add(NeuroLevel::Level(level), starred);
        }
        star = s.star;
        if !s.proceed {
            return result;
        }
    }
    result.add(NeuroLevel::Intact, star);
    result
}
