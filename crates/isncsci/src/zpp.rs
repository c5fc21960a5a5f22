//! Zones of partial preservation (ZPP), one sensory and one motor per side.
//!
//! Since 2019 a ZPP is recorded whenever the matching sacral function is absent: the sensory ZPP when
//! there is no deep anal pressure and no S4-5 sensation on that side, the motor ZPP when there is no
//! voluntary anal contraction. It is the most caudal segment with some preserved function, searched from
//! S3 upwards; `NA` otherwise.

use crate::exam::ExamSide;
use crate::level::Level;
use crate::outcome::Possible;
use crate::score::{Observation, Score, Tag};
use crate::step::{Grades, Step};
use crate::values::{Ais, NeuroLevel, Zpp};

/// Whether a sensory score may stand for absent sensation (`0`, `0*`, `NT`, `NT*`).
pub(crate) fn can_be_absent(score: Score) -> bool {
    score.tag != Tag::ConsideredNormal && score.grade.is_none_or(|g| g == 0)
}

/// Whether a score is a `0*`: written as absent, but the non-SCI condition may hide function, so a result
/// resting on it is starred.
pub(crate) fn is_hidden(score: Score) -> bool {
    score.tag == Tag::NotNormal && score.grade == Some(0)
}

/// Whether a sensory score certainly stands for some sensation (`1`, `2`, `1*`, or taken as normal).
pub(crate) fn is_present(score: Score) -> bool {
    !can_be_absent(score)
}

/// ZPP step at one dermatome: preserved sensation ends the search there; an NT or `0*` makes the level
/// a candidate and the search goes on (a `0*` stars it, as the absence may be due to the other condition).
fn sensory_zpp_step(side: &ExamSide, level: Level, star: bool) -> Step {
    let Some(pair) = side.sensation_at(level) else {
        return Step::stop(star);
    };
    if pair.iter().any(|s| is_present(*s)) {
        Step::stop(star)
    } else if pair.iter().all(|s| *s == Score::plain(0)) {
        Step::go_on(star)
    } else {
        let star = star || pair.iter().any(|s| is_hidden(*s));
        Step { candidate: Some(star), proceed: true, star }
    }
}

/// The sensory ZPP of one side.
pub(crate) fn sensory_zpp(side: &ExamSide, dap: Observation) -> Possible<Zpp> {
    let mut out = Possible::new();
    let sacral = side.sensation_at(Level::S4_5).unwrap_or([Score::plain(0); 2]);
    if dap == Observation::Yes || sacral.iter().any(|s| is_present(*s)) {
        out.add(Zpp::NotApplicable, false);
        return out;
    }
    // S4-5 sensation that may be present (NT, `0*`) or an untestable DAP leave sacral sparing possible.
    if dap == Observation::NotTestable || sacral.iter().any(|s| *s != Score::plain(0)) {
        out.add(Zpp::NotApplicable, false);
    }
    let mut star = false;
    let mut level = Level::S3;
    loop {
        if level == Level::C1 {
            out.add(Zpp::Level(Level::C1), star);
            break;
        }
        let step = sensory_zpp_step(side, level, star);
        if let Some(s) = step.candidate {
            out.add(Zpp::Level(level), s);
        }
        star = step.star;
        if !step.proceed {
            break;
        }
        match level.previous() {
            Some(up) => level = up,
            None => break,
        }
    }
    out.sort();
    out
}

/// The most rostral level with a starred score, and the last level of the run of normal (or taken as
/// normal) segments from C2 down: a motor ZPP level between the two was reached through a non-SCI
/// assumption and is starred.
fn star_range(side: &ExamSide) -> Option<(Level, Level)> {
    let scores = |l: Level| {
        let mut v: Vec<Score> = side.sensation_at(l).map(|p| p.to_vec()).unwrap_or_default();
        v.extend(side.motor_at(l));
        v
    };
    let first_star = Level::ALL.into_iter().find(|&l| scores(l).iter().any(|s| s.tag != Tag::Plain))?;
    let normal = |s: &Score| s.tag == Tag::ConsideredNormal || s.grade == Some(2);
    let mut last = Level::C1;
    for l in Level::dermatomes() {
        let ok = side.sensation_at(l).is_some_and(|p| p.iter().all(normal))
            && side.motor_at(l).is_none_or(|m| m.tag == Tag::ConsideredNormal || m.grade == Some(5));
        if !ok {
            break;
        }
        last = l;
    }
    Some((first_star, last))
}

/// The motor ZPP of one side, given its motor level and the AIS.
///
/// Searched from S1 (or the lowest motor level, if below) up to the motor level: the most caudal key
/// muscle with motor function, or the motor level itself where it lies in a region without key muscles.
/// A key muscle that may or may not work (NT, `0*`) is listed and the search goes on. When the injury may
/// be AIS C and the side's lowest non-key muscle with motor function lies more than three levels below a
/// level found, the non-key muscle is reported instead.
pub(crate) fn motor_zpp(
    side: &ExamSide,
    vac: Observation,
    motor_level: &Possible<NeuroLevel>,
    ais: &Possible<Ais>,
) -> Possible<Zpp> {
    let mut out = Possible::new();
    if vac == Observation::Yes {
        out.add(Zpp::NotApplicable, false);
        return out;
    }
    if vac == Observation::NotTestable {
        out.add(Zpp::NotApplicable, false);
    }
    let as_level = |n: NeuroLevel| match n {
        NeuroLevel::Level(l) => l,
        NeuroLevel::Intact => Level::S4_5,
    };
    let top = motor_level.values().map(as_level).min().unwrap_or(Level::C1);
    let bottom = motor_level.values().map(as_level).max().unwrap_or(Level::S1).max(Level::S1);
    let range = star_range(side);
    let in_star_range = |l: Level| range.is_some_and(|(a, b)| a <= l && l <= b);
    let non_key = side.lowest_non_key_muscle.filter(|_| ais.contains(Ais::C));
    let mut add = |l: Level, starred: bool| match non_key {
        Some(n) if n.index() > l.index() + 3 => out.add(Zpp::Level(n), false),
        _ => out.add(Zpp::Level(l), starred || in_star_range(l)),
    };
    let mut level = bottom;
    loop {
        if let Some(m) = side.motor_at(level) {
            let g = Grades::of(m);
            if !g.can_be_absent() || m.tag == Tag::ConsideredNormal {
                add(level, false);
                break;
            } else if g.can_be_present() {
                add(level, is_hidden(m));
            }
        } else if motor_level.contains(NeuroLevel::Level(level)) {
            add(level, false);
        }
        if level <= top {
            break;
        }
        match level.previous() {
            Some(up) => level = up,
            None => break,
        }
    }
    out.sort();
    out
}
