//! How single scores are read for classification, and the one-segment steps of the level searches.
//!
//! Levels are found by walking caudally from C1. At each level a *step* looks at what lies just below it
//! and says whether this level may be the answer (a *candidate*), whether the walk may go on, and whether a
//! non-SCI (`**`, "taken as normal") assumption was needed to go on, which stars every later candidate.
//! An NT makes a step both propose a candidate and go on, which is how undetermined results arise.

use crate::exam::ExamSide;
use crate::level::Level;
use crate::score::{Score, Tag};

/// What one sensory score says about normal sensation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sensation {
    /// `2`.
    Normal,
    /// `0**`, `1**`, `NT**`: impaired by a non-SCI condition, taken as normal.
    AssumedNormal,
    /// `0`, `1`, `0*`, `1*`: not normal.
    Impaired,
    /// `NT*`: not testable for a non-SCI reason, taken as not normal.
    ImpairedUntestable,
    /// `NT`: may or may not be normal.
    Unknown,
}

pub(crate) fn sensation(score: Score) -> Sensation {
    match (score.grade, score.tag) {
        (_, Tag::ConsideredNormal) => Sensation::AssumedNormal,
        (Some(2), _) => Sensation::Normal,
        (Some(_), _) => Sensation::Impaired,
        (None, Tag::NotNormal) => Sensation::ImpairedUntestable,
        (None, Tag::Plain) => Sensation::Unknown,
    }
}

/// The grades a motor score may stand for, as a bit set (bit g = grade g).
///
/// A plain grade is itself; NT is any grade; a one-star score `g*` is impaired by a non-SCI condition and
/// not normal, so anything from `g` to 4 (`NT*`: 0 to 4); a two-star score is taken as normal (5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grades(u8);

impl Grades {
    pub(crate) fn of(score: Score) -> Grades {
        // Grades above 5 cannot be parsed; clamp anyway, as `Score` can be built by hand.
        let range = |lo: u8, hi: u8| Grades((lo.min(5)..=hi.min(5)).fold(0, |m, g| m | (1 << g)));
        match (score.grade, score.tag) {
            (_, Tag::ConsideredNormal) => range(5, 5),
            (Some(g), Tag::Plain) => range(g, g),
            (None, Tag::Plain) => range(0, 5),
            (Some(g), Tag::NotNormal) => range(g.min(4), 4),
            (None, Tag::NotNormal) => range(0, 4),
        }
    }

    fn any(self, lo: u8, hi: u8) -> bool {
        (lo..=hi).any(|g| self.0 & (1 << g) != 0)
    }

    /// May be below 3 (0–2).
    pub(crate) fn can_be_weak(self) -> bool {
        self.any(0, 2)
    }

    /// May be 3 or more.
    pub(crate) fn can_be_antigravity(self) -> bool {
        self.any(3, 5)
    }

    /// May be 3 or 4.
    pub(crate) fn can_be_reduced(self) -> bool {
        self.any(3, 4)
    }

    /// May be 5.
    pub(crate) fn can_be_normal(self) -> bool {
        self.any(5, 5)
    }

    /// May be 0.
    pub(crate) fn can_be_absent(self) -> bool {
        self.any(0, 0)
    }

    /// May be 1 or more.
    pub(crate) fn can_be_present(self) -> bool {
        self.any(1, 5)
    }
}

/// A two-star score whose written grade is below 3: taking it as normal changes the answer to "at least 3".
fn assumed_antigravity(score: Score) -> bool {
    score.tag == Tag::ConsideredNormal && score.grade.is_none_or(|g| g < 3)
}

/// A one-star score that may reach grade 3 only through its non-SCI tag (`0*`–`2*`, `NT*`): a level that
/// needs it to be 3 or more is starred.
fn starred_antigravity(score: Score) -> bool {
    score.tag == Tag::NotNormal && score.grade.is_none_or(|g| g < 3)
}

/// The outcome of one step of a walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    /// `Some(starred)` when the current level may be the answer.
    pub candidate: Option<bool>,
    /// Whether the walk may go on to the next level.
    pub proceed: bool,
    /// The star flag after this step.
    pub star: bool,
}

impl Step {
    pub(crate) fn stop(star: bool) -> Step {
        Step { candidate: Some(star), proceed: false, star }
    }

    pub(crate) fn go_on(star: bool) -> Step {
        Step { candidate: None, proceed: true, star }
    }

    fn both(candidate_star: bool, star: bool) -> Step {
        Step { candidate: Some(candidate_star), proceed: true, star }
    }
}

/// Sensory step: is the sensation at `below` (light touch and pin prick) normal? Normal goes on (`**`
/// scores taken as normal star what follows); impaired stops here; `NT*` stops here, starred; an NT makes
/// this level a candidate and also goes on (a `0**`/`1**` beside it stars what follows).
pub(crate) fn sensory_step(side: &ExamSide, below: Level, star: bool) -> Step {
    let Some([lt, pp]) = side.sensation_at(below) else {
        return Step::go_on(star);
    };
    let (a, b) = (sensation(lt), sensation(pp));
    let either = |s: Sensation| a == s || b == s;
    if a == Sensation::Normal && b == Sensation::Normal {
        Step::go_on(star)
    } else if either(Sensation::Impaired) {
        Step::stop(star)
    } else if either(Sensation::ImpairedUntestable) {
        Step::stop(true)
    } else if either(Sensation::Unknown) {
        let assumed_grade = [lt, pp].iter().any(|s| s.tag == Tag::ConsideredNormal && s.grade.is_some());
        Step::both(star, star || assumed_grade)
    } else {
        Step::go_on(true)
    }
}

/// Motor step at C4 or L1, just above the first key muscle `below` of a region: is that muscle at least 3?
/// A `0**`–`2**`/`NT**` muscle is taken as at least 3, starring what follows.
pub(crate) fn step_before_key_muscles(side: &ExamSide, below: Level, star: bool) -> Step {
    let Some(score) = side.motor_at(below) else {
        return Step::go_on(star);
    };
    let grades = Grades::of(score);
    if assumed_antigravity(score) {
        Step::go_on(true)
    } else if !grades.can_be_weak() {
        Step::go_on(star)
    } else if grades.can_be_antigravity() {
        Step::both(star, star)
    } else {
        Step::stop(star)
    }
}

/// Motor step at a key muscle `level` whose next key muscle is `below` (`below == level` at the end of a
/// region): the level is the answer if its grade is 3–4, or 5 with `below` under 3; the walk goes on if
/// it is 5 and `below` is at least 3.
pub(crate) fn key_muscle_step(side: &ExamSide, level: Level, below: Level, star: bool) -> Step {
    let (Some(m), Some(n)) = (side.motor_at(level), side.motor_at(below)) else {
        return Step::go_on(star);
    };
    let (gm, gn) = (Grades::of(m), Grades::of(n));
    let reduced = gm.can_be_reduced();
    let normal_then_weak = gm.can_be_normal() && gn.can_be_weak();
    let candidate = (reduced || normal_then_weak).then_some(star || (reduced && starred_antigravity(m)));
    let proceed = gm.can_be_normal() && gn.can_be_antigravity();
    let next_star = star || m.tag == Tag::ConsideredNormal || (below != level && assumed_antigravity(n));
    Step { candidate, proceed, star: next_star }
}

/// Motor step at the last key muscle of a region (T1 or S1): the level is the answer if its grade is 3–4;
/// if it is 5 the walk may only go on when the region's dermatomes and the next one are normal too.
pub(crate) fn end_of_key_muscles_step(side: &ExamSide, level: Level, star: bool) -> Step {
    let Some(m) = side.motor_at(level) else {
        return Step::go_on(star);
    };
    let gm = Grades::of(m);
    let mut candidate = gm.can_be_reduced().then_some(star || starred_antigravity(m));
    if !gm.can_be_normal() {
        return Step { candidate, proceed: false, star };
    }
    let mut star = star || m.tag == Tag::ConsideredNormal;
    let first = match level {
        Level::T1 => Level::C5,
        _ => Level::L2,
    };
    let mut proceed = true;
    let mut below = Some(first);
    while let Some(d) = below {
        let step = sensory_step(side, d, star);
        if step.candidate.is_some() && candidate.is_none() {
            candidate = step.candidate;
        }
        star = step.star;
        if !step.proceed {
            proceed = false;
            break;
        }
        if d > level {
            break;
        }
        below = d.next();
    }
    Step { candidate, proceed, star }
}
