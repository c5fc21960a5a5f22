//! Motor and sensory score totals.

use serde::Serialize;

use crate::exam::{Exam, ExamSide};
use crate::score::Score;
use crate::values::Total;

/// The 14 score totals of the worksheet. Stars are ignored; any NT in a column makes its total `ND`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Right upper extremity motor score (C5–T1, max 25).
    pub right_upper_motor_total: Total,
    /// Left upper extremity motor score (C5–T1, max 25).
    pub left_upper_motor_total: Total,
    /// Right lower extremity motor score (L2–S1, max 25).
    pub right_lower_motor_total: Total,
    /// Left lower extremity motor score (L2–S1, max 25).
    pub left_lower_motor_total: Total,
    /// Right light touch score (max 56).
    pub right_touch_total: Total,
    /// Left light touch score (max 56).
    pub left_touch_total: Total,
    /// Right pin prick score (max 56).
    pub right_prick_total: Total,
    /// Left pin prick score (max 56).
    pub left_prick_total: Total,
    /// Right motor score (max 50).
    pub right_motor_total: Total,
    /// Left motor score (max 50).
    pub left_motor_total: Total,
    /// Upper extremity motor score (max 50).
    pub upper_motor_total: Total,
    /// Lower extremity motor score (max 50).
    pub lower_motor_total: Total,
    /// Light touch score (max 112).
    pub touch_total: Total,
    /// Pin prick score (max 112).
    pub prick_total: Total,
}

fn sum(scores: &[Score]) -> Total {
    scores.iter().fold(Total::Value(0), |acc, s| match s.grade {
        Some(g) => acc.plus(Total::Value(u32::from(g))),
        None => Total::NotDetermined,
    })
}

fn upper(side: &ExamSide) -> Total {
    sum(&side.motor[..5])
}

fn lower(side: &ExamSide) -> Total {
    sum(&side.motor[5..])
}

impl Totals {
    /// Computes the totals of an exam.
    pub fn of(exam: &Exam) -> Totals {
        let (r, l) = (&exam.right, &exam.left);
        Totals {
            right_upper_motor_total: upper(r),
            left_upper_motor_total: upper(l),
            right_lower_motor_total: lower(r),
            left_lower_motor_total: lower(l),
            right_touch_total: sum(&r.light_touch),
            left_touch_total: sum(&l.light_touch),
            right_prick_total: sum(&r.pin_prick),
            left_prick_total: sum(&l.pin_prick),
            right_motor_total: sum(&r.motor),
            left_motor_total: sum(&l.motor),
            upper_motor_total: upper(r).plus(upper(l)),
            lower_motor_total: lower(r).plus(lower(l)),
            touch_total: sum(&r.light_touch).plus(sum(&l.light_touch)),
            prick_total: sum(&r.pin_prick).plus(sum(&l.pin_prick)),
        }
    }
}
