//! Completeness and the ASIA Impairment Scale (AIS).
//!
//! * **A** complete: no sensory or motor function in S4-5 (no VAC, no DAP, S4-5 light touch and pin
//!   prick absent on both sides).
//! * **B** sensory incomplete: sacral sensory sparing, no VAC, and no motor function more than three
//!   levels below the motor level on either side (key or non-key muscles).
//! * **C** / **D** motor incomplete: VAC, or sensory incomplete with motor function more than three levels
//!   below the motor level on a side; **D** when at least half of the key muscles below the neurological
//!   level are graded 3 or more, **C** otherwise.
//! * **E** normal: intact neurological level and VAC present.

use crate::exam::{Exam, ExamSide, Side};
use crate::level::Level;
use crate::nli::neurological_level;
use crate::outcome::Possible;
use crate::score::{Observation, Tag};
use crate::step::Grades;
use crate::values::{Ais, Completeness, NeuroLevel};
use crate::zpp::{can_be_absent, is_hidden};

/// The exam with every `**` score read at its written value (`0**` → `0`, `NT**` → `NT`).
fn at_written_value(exam: &Exam) -> Exam {
    let mut out = exam.clone();
    for side in Side::BOTH {
        let s = out.side_mut(side);
        for score in s.light_touch.iter_mut().chain(s.pin_prick.iter_mut()).chain(s.motor.iter_mut()) {
            if score.tag == Tag::ConsideredNormal {
                score.tag = Tag::Plain;
            }
        }
    }
    out
}

/// Complete (`C`) or incomplete (`I`); incompleteness resting only on tagged S4-5 scores is starred.
pub(crate) fn completeness(exam: &Exam) -> Possible<Completeness> {
    let s = sacral(exam);
    let vac = exam.voluntary_anal_contraction;
    let mut out = Possible::new();
    if vac.can_be_no() && s.no_sensory_possible {
        out.add(Completeness::Complete, false);
    }
    if vac.can_be_yes() || s.sensory_possible {
        out.add(Completeness::Incomplete, !vac.can_be_yes() && s.hangs_on_tag);
    }
    out
}

/// What the exam says about sacral sensory sparing (DAP or S4-5 light touch / pin prick).
#[derive(Debug, Clone, Copy)]
struct Sacral {
    /// Sensory sparing is possible.
    sensory_possible: bool,
    /// Its absence is possible.
    no_sensory_possible: bool,
    /// Sparing is possible only through tagged S4-5 scores: `**` ones taken as normal, or `0*` ones that
    /// may hide sensation.
    hangs_on_tag: bool,
}

fn sacral(exam: &Exam) -> Sacral {
    let scores: Vec<_> = Side::BOTH.iter().filter_map(|&s| exam.side(s).sensation_at(Level::S4_5)).flatten().collect();
    let dap = exam.deep_anal_pressure;
    let untagged = dap.can_be_yes()
        || scores.iter().any(|s| s.tag != Tag::ConsideredNormal && !is_hidden(*s) && s.grade != Some(0));
    let tagged = scores.iter().any(|s| s.tag == Tag::ConsideredNormal || is_hidden(*s));
    Sacral {
        sensory_possible: untagged || tagged,
        no_sensory_possible: dap.can_be_no() && scores.iter().all(|s| can_be_absent(*s)),
        hangs_on_tag: tagged && !untagged,
    }
}

/// Motor function more than three levels below one motor level of one side.
#[derive(Debug, Clone, Copy, Default)]
struct FarFunction {
    /// Some may be present.
    possible: bool,
    /// Its absence is possible.
    absence_possible: bool,
    /// Whether any is present hangs on a `0*` score (nothing else certainly present, and a `0*` that may
    /// hide function).
    hangs_on_star: bool,
}

fn far_function(side: &ExamSide, motor_level: NeuroLevel) -> FarFunction {
    let NeuroLevel::Level(ml) = motor_level else {
        return FarFunction { possible: false, absence_possible: true, hangs_on_star: false };
    };
    let far = |l: Level| l.index() > ml.index() + 3;
    let mut out = FarFunction { absence_possible: true, ..FarFunction::default() };
    let mut certain = side.lowest_non_key_muscle.is_some_and(far);
    let mut hidden = false;
    for l in Level::MYOTOMES.into_iter().filter(|&l| far(l)) {
        if let Some(m) = side.motor_at(l) {
            let g = Grades::of(m);
            out.possible |= g.can_be_present();
            out.absence_possible &= g.can_be_absent();
            certain |= !g.can_be_absent();
            hidden |= is_hidden(m);
        }
    }
    if side.lowest_non_key_muscle.is_some_and(far) {
        out.possible = true;
        out.absence_possible = false;
    }
    out.hangs_on_star = hidden && !certain;
    out
}
/// Bounds on the number of key muscles below the neurological level graded at least 3, and how many there
/// are: `(certain, possible, total)`.
fn antigravity_below(exam: &Exam, nli: Level) -> (usize, usize, usize) {
    let (mut certain, mut possible, mut total) = (0, 0, 0);
    for side in Side::BOTH {
        for l in Level::MYOTOMES.into_iter().filter(|&l| l > nli) {
            if let Some(m) = exam.side(side).motor_at(l) {
                let g = Grades::of(m);
                total += 1;
                certain += usize::from(!g.can_be_weak());
                possible += usize::from(g.can_be_antigravity());
            }
        }
    }
    (certain, possible, total)
}

/// Whether the motor-incomplete grades C and D are possible for these neurological levels: C when fewer
/// than half of the key muscles below the level may be graded 3 or more, D when at least half may.
fn c_or_d(exam: &Exam, nli: &Possible<NeuroLevel>) -> (bool, bool) {
    let (mut c, mut d) = (false, false);
    for n in nli.values() {
        let NeuroLevel::Level(l) = n else { continue };
        let (certain, possible, total) = antigravity_below(exam, l);
        c |= certain * 2 < total;
        d |= possible * 2 >= total;
    }
    (c, d)
}

/// The AIS grade.
///
/// Stars: B when sensory sparing rests on tagged S4-5 scores; B and C when motor function far below the
/// motor level rests on `0*` scores; C or D when reading the `**` scores at their written value
/// would not allow it; E when the intact neurological level is starred.
pub(crate) fn impairment_scale(
    exam: &Exam,
    nli: &Possible<NeuroLevel>,
    motor_levels: [&Possible<NeuroLevel>; 2],
) -> Possible<Ais> {
    let s = sacral(exam);
    let vac = exam.voluntary_anal_contraction;
    let mut out = Possible::new();
    if vac.can_be_no() && s.no_sensory_possible {
        out.add(Ais::A, false);
    }
    let far: Vec<Vec<FarFunction>> = Side::BOTH
        .iter()
        .zip(motor_levels)
        .map(|(&side, ml)| ml.values().map(|m| far_function(exam.side(side), m)).collect())
        .collect();
    let far_starred = vac.can_be_no() && far.iter().flatten().any(|f| f.hangs_on_star);
    // B: sensory sparing, no VAC, no motor function far below the motor level on either side.
    if s.sensory_possible && vac.can_be_no() && far.iter().all(|side| side.iter().any(|f| f.absence_possible)) {
        out.add(Ais::B, far_starred || s.hangs_on_tag);
    }
    let far_possible = far.iter().flatten().any(|f| f.possible);
    if vac.can_be_yes() || (s.sensory_possible && far_possible) {
        let (c, d) = c_or_d(exam, nli);
        let written = at_written_value(exam);
        let (written_c, written_d) = c_or_d(&written, &neurological_level(&written));
        if c {
            out.add(Ais::C, far_starred || !written_c);
        }
        if d {
            out.add(Ais::D, !written_d);
        }
    }
    if vac != Observation::No {
        if let Some(int) = nli.0.iter().find(|f| f.value == NeuroLevel::Intact) {
            out.add(Ais::E, int.starred);
        }
    }
    out.sort();
    out
}
