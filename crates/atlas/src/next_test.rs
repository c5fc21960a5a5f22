//! The next test: the unexamined movement, reflex or region whose predicted result differs most between
//! the top two candidates.

use crate::atlas::Atlas;
use crate::findings::{SensoryKind, Side};
use crate::localization::{Expectation, NextTest, TestKind};
use crate::localize::{p_numb, p_reflex, p_weak, severity, Obs};
use crate::predict::Hypothesis;

/// A test under consideration: separation, kind, id, label, P(abnormal) under each candidate, citations.
type Choice = (f64, TestKind, String, String, f64, f64, Vec<String>);

/// Sensory testing is less reliable than strength or reflexes, so its separation counts a little less.
const SENSORY_WEIGHT: f64 = 0.9;

fn already(obs: &[(Obs, String)], side: Side, kind: TestKind, id: &str) -> bool {
    obs.iter().any(|(o, _)| match (o, kind) {
        (Obs::Motor { side: s, movement, .. }, TestKind::Movement) => *s == side && movement == id,
        (Obs::Reflex { side: s, reflex, .. }, TestKind::Reflex) => *s == side && reflex == id,
        (Obs::Sensory { side: s, regions, kind }, TestKind::Sensation) => {
            *s == side && *kind != SensoryKind::Pain && regions.iter().any(|r| r == id)
        }
        _ => false,
    })
}

fn phrase(kind: TestKind, p: f64) -> &'static str {
    match (kind, p >= 0.5, p < 0.15) {
        (TestKind::Movement, true, _) => "likely weak",
        (TestKind::Reflex, true, _) => "likely changed",
        (TestKind::Sensation, true, _) => "likely numb",
        (_, false, true) => "expected normal",
        _ => "sometimes abnormal",
    }
}

/// A test separates two candidates decisively when one predicts it likely abnormal and the other expects it
/// normal (the words of [`phrase`]).
fn decisive(pa: f64, pb: f64) -> bool {
    pa.max(pb) >= 0.5 && pa.min(pb) < 0.15
}

/// The best test to separate `a` from `b`, if any test separates them at all.
pub(crate) fn best(atlas: &Atlas, a: &Hypothesis, b: &Hypothesis, obs: &[(Obs, String)]) -> Option<NextTest> {
    choose(atlas, a, b, obs, false)
}

/// The best test that one of `a` and `b` predicts abnormal and the other normal, if there is one.
pub(crate) fn separating(atlas: &Atlas, a: &Hypothesis, b: &Hypothesis, obs: &[(Obs, String)]) -> Option<NextTest> {
    choose(atlas, a, b, obs, true)
}

fn choose(atlas: &Atlas, a: &Hypothesis, b: &Hypothesis, obs: &[(Obs, String)], strict: bool) -> Option<NextTest> {
    let side = a.side.or(b.side).unwrap_or(Side::Left);
    let (sev_a, sev_b) = (severity(a, obs, None), severity(b, obs, None));
    let mut best: Option<Choice> = None;
    let mut consider = |value: f64, kind: TestKind, id: &str, label: &str, pa: f64, pb: f64, cite: &[String]| {
        if value > 0.2 && (!strict || decisive(pa, pb)) && best.as_ref().is_none_or(|b| value > b.0 + 1e-9) {
            best = Some((value, kind, id.to_string(), label.to_string(), pa, pb, cite.to_vec()));
        }
    };
    for m in &atlas.movements {
        if already(obs, side, TestKind::Movement, &m.id) {
            continue;
        }
        let pa = p_weak(a, a.movement(side, &m.id), sev_a);
        let pb = p_weak(b, b.movement(side, &m.id), sev_b);
        consider((pa - pb).abs(), TestKind::Movement, &m.id, &m.label, pa, pb, &m.cite);
    }
    for r in &atlas.reflexes {
        if already(obs, side, TestKind::Reflex, &r.id) {
            continue;
        }
        let pa = p_reflex(a, a.reflex(side, &r.id));
        let pb = p_reflex(b, b.reflex(side, &r.id));
        consider((pa - pb).abs(), TestKind::Reflex, &r.id, &r.label, pa, pb, &r.cite);
    }
    for g in &atlas.regions {
        if already(obs, side, TestKind::Sensation, &g.id) {
            continue;
        }
        let pa = p_numb(a, a.region(atlas, side, &g.id));
        let pb = p_numb(b, b.region(atlas, side, &g.id));
        let cite: Vec<String> = a.cite.iter().chain(&b.cite).take(3).cloned().collect();
        consider(
            (pa - pb).abs() * SENSORY_WEIGHT,
            TestKind::Sensation,
            &g.id,
            &format!("sensation over the {}", g.label),
            pa,
            pb,
            &cite,
        );
    }
    let (_, kind, id, label, pa, pb, citations) = best?;
    let text = format!(
        "Test {label} on the {side}: {} with {}, {} with {}.",
        phrase(kind, pa),
        a.label,
        phrase(kind, pb),
        b.label
    );
    Some(NextTest {
        kind,
        id,
        label,
        side: Some(side),
        text,
        expected: vec![
            Expectation { candidate: a.id.clone(), abnormal: pa as f32 },
            Expectation { candidate: b.id.clone(), abnormal: pb as f32 },
        ],
        citations,
    })
}
