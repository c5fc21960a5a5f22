//! The examination: both sides' sensory and motor scores plus the anorectal observations.

use crate::level::Level;
use crate::score::{Observation, Score};

/// Side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Right side.
    Right,
    /// Left side.
    Left,
}

impl Side {
    /// Both sides, right first (the worksheet's order).
    pub const BOTH: [Side; 2] = [Side::Right, Side::Left];

    /// `Right` or `Left`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Right => "Right",
            Side::Left => "Left",
        }
    }
}

/// The scores of one side of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamSide {
    /// Light touch at the key sensory points `C2`..=`S4_5` (index 0 = `C2`).
    pub light_touch: [Score; 28],
    /// Pin prick at the key sensory points `C2`..=`S4_5` (index 0 = `C2`).
    pub pin_prick: [Score; 28],
    /// Key muscle grades, in the order of [`Level::MYOTOMES`] (`C5`..=`T1`, `L2`..=`S1`).
    pub motor: [Score; 10],
    /// The lowest non-key muscle with motor function, if documented (used to tell AIS B from C).
    pub lowest_non_key_muscle: Option<Level>,
}

impl ExamSide {
    /// A side with every score normal and no non-key muscle documented.
    pub fn normal() -> ExamSide {
        ExamSide {
            light_touch: [Score::plain(2); 28],
            pin_prick: [Score::plain(2); 28],
            motor: [Score::plain(5); 10],
            lowest_non_key_muscle: None,
        }
    }

    /// Light touch at `level`, or `None` for `C1`.
    pub fn light_touch_at(&self, level: Level) -> Option<Score> {
        level.dermatome_index().and_then(|i| self.light_touch.get(i).copied())
    }

    /// Pin prick at `level`, or `None` for `C1`.
    pub fn pin_prick_at(&self, level: Level) -> Option<Score> {
        level.dermatome_index().and_then(|i| self.pin_prick.get(i).copied())
    }

    /// Key muscle grade at `level`, or `None` for a level without a key muscle.
    pub fn motor_at(&self, level: Level) -> Option<Score> {
        level.myotome_index().and_then(|i| self.motor.get(i).copied())
    }

    /// Both sensory scores at `level` (light touch, pin prick), or `None` for `C1`.
    pub(crate) fn sensation_at(&self, level: Level) -> Option<[Score; 2]> {
        Some([self.light_touch_at(level)?, self.pin_prick_at(level)?])
    }
}

/// A complete ISNCSCI examination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exam {
    /// Right side scores.
    pub right: ExamSide,
    /// Left side scores.
    pub left: ExamSide,
    /// Voluntary anal contraction (VAC).
    pub voluntary_anal_contraction: Observation,
    /// Deep anal pressure (DAP).
    pub deep_anal_pressure: Observation,
}

impl Exam {
    /// An exam with every score normal and VAC and DAP present (classifies as intact, AIS E).
    pub fn normal() -> Exam {
        Exam {
            right: ExamSide::normal(),
            left: ExamSide::normal(),
            voluntary_anal_contraction: Observation::Yes,
            deep_anal_pressure: Observation::Yes,
        }
    }

    /// The scores of one side.
    pub fn side(&self, side: Side) -> &ExamSide {
        match side {
            Side::Right => &self.right,
            Side::Left => &self.left,
        }
    }

    /// The scores of one side, mutably.
    pub fn side_mut(&mut self, side: Side) -> &mut ExamSide {
        match side {
            Side::Right => &mut self.right,
            Side::Left => &mut self.left,
        }
    }
}
