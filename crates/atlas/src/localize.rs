//! The localiser: scores every candidate lesion against the findings with a naive-Bayes likelihood built
//! from the atlas (see `docs/localizer.md`), then ranks them, red flags first when present.

use std::collections::{HashMap, HashSet};

use crate::atlas::Atlas;
use crate::findings::{Cue, Findings, FindingsError, ReflexState, SensoryKind, Side};
use crate::localization::{Candidate, Localization, Tie, TieMember};
use crate::model::{PatternKind, ReflexChange};
use crate::params;
use crate::predict::{hypotheses, Hypothesis, Role};

/// One finding, resolved against the atlas.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Obs {
    Sensory { side: Side, regions: Vec<String>, kind: SensoryKind },
    Motor { side: Side, movement: String, grade: u8 },
    Reflex { side: Side, reflex: String, state: ReflexState },
    Cue { cue: Cue, present: bool },
}

/// How an observation bears on a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bearing {
    Explains,
    Contradicts,
    Neutral,
}

impl Atlas {
    /// Checks that every name in the findings is in the atlas vocabulary and that no region is recorded
    /// both as a deficit and as normal on the same side.
    ///
    /// # Errors
    /// The first unknown region, movement or reflex name, or the first region recorded both ways.
    pub fn check_findings(&self, findings: &Findings) -> Result<(), FindingsError> {
        let r = self.resolved(findings);
        match r.unknown.into_iter().next().or_else(|| r.conflicts.into_iter().next()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Resolves findings into observations; unknown names are returned separately. A finding that resolves
    /// to an observation already made (the same region, movement or reflex, side and result, perhaps under
    /// another name) is counted once, at its first place; an unknown name is reported once.
    #[cfg(test)]
    pub(crate) fn observations(&self, f: &Findings) -> (Vec<(Obs, String)>, Vec<FindingsError>) {
        let r = self.resolved(f);
        (r.obs, r.unknown)
    }

    /// Every finding resolved and deduplicated, with what was merged and what conflicts.
    fn resolved(&self, f: &Findings) -> Resolved {
        let (obs, names, unknown) = self.all_observations(f);
        let mut first: HashMap<Obs, usize> = HashMap::with_capacity(obs.len());
        let mut kept: Vec<(Obs, String)> = Vec::with_capacity(obs.len());
        let mut kept_names: Vec<String> = Vec::with_capacity(obs.len());
        // For each kept observation, the other names it was entered under (in order, each once).
        let mut merged_names: Vec<Vec<String>> = Vec::new();
        for ((o, desc), name) in obs.into_iter().zip(names) {
            match first.get(&o) {
                Some(&i) => {
                    if !merged_names[i].contains(&name) {
                        merged_names[i].push(name);
                    }
                }
                None => {
                    first.insert(o.clone(), kept.len());
                    kept.push((o, desc));
                    kept_names.push(name);
                    merged_names.push(Vec::new());
                }
            }
        }
        let merged: Vec<String> = kept
            .iter()
            .zip(&kept_names)
            .zip(&merged_names)
            .filter(|(_, m)| !m.is_empty())
            .map(|(((_, desc), name), m)| {
                let same: Vec<&str> = m.iter().filter(|x| *x != name).map(String::as_str).collect();
                let repeats = m.iter().filter(|x| *x == name).count();
                let mut parts = Vec::new();
                if repeats > 0 {
                    parts.push(format!("{name} entered more than once"));
                }
                if !same.is_empty() {
                    parts.push(format!("{} the same finding as {name}", same.join(", ")));
                }
                format!("counted once: {desc} ({})", parts.join("; "))
            })
            .collect();
        let mut conflicts = Vec::new();
        let mut conflicting: HashSet<usize> = HashSet::new();
        for (i, (a, _)) in kept.iter().enumerate() {
            let Obs::Sensory { side, regions, kind } = a else { continue };
            if !matches!(kind, SensoryKind::Numb | SensoryKind::Reduced) {
                continue;
            }
            for (j, (b, _)) in kept.iter().enumerate() {
                if let Obs::Sensory { side: s2, regions: r2, kind: SensoryKind::Normal } = b {
                    if s2 == side && r2 == regions {
                        conflicting.extend([i, j]);
                        let label = self.describe_regions(&kept_names[i], regions);
                        conflicts.push(FindingsError::Conflict {
                            side: *side,
                            region: label.trim_start_matches("the ").to_string(),
                        });
                    }
                }
            }
        }
        let mut seen = HashSet::with_capacity(unknown.len());
        let unknown: Vec<FindingsError> = unknown.into_iter().filter(|e| seen.insert(e.to_string())).collect();
        let obs = kept.into_iter().enumerate().filter(|(i, _)| !conflicting.contains(i)).map(|(_, o)| o).collect();
        Resolved { obs, unknown, merged, conflicts }
    }

    /// Every finding resolved, duplicates included.
    /// The third list is each observation's input name (`left.sensory "top of the foot"`), in step.
    fn all_observations(&self, f: &Findings) -> (Vec<(Obs, String)>, Vec<String>, Vec<FindingsError>) {
        let mut obs = Vec::new();
        let mut names = Vec::new();
        let mut unknown = Vec::new();
        for side in Side::BOTH {
            let s = f.side(side);
            for x in &s.sensory {
                match self.resolve_region(&x.region) {
                    Some(regions) => {
                        let label = self.describe_regions(&x.region, &regions);
                        let what = match x.kind {
                            SensoryKind::Numb => "numbness of",
                            SensoryKind::Reduced => "reduced sensation over",
                            SensoryKind::Tingling => "tingling in",
                            SensoryKind::Pain => "pain in",
                            SensoryKind::Normal => "normal sensation over",
                        };
                        obs.push((Obs::Sensory { side, regions, kind: x.kind }, format!("{what} {label} ({side})")));
                        names.push(format!("{side}.sensory `{}`", x.region));
                    }
                    None => unknown.push(FindingsError::UnknownName {
                        side,
                        field: "sensory",
                        what: "region",
                        name: x.region.clone(),
                    }),
                }
            }
            for x in &s.motor {
                match self.resolve_movement(&x.movement) {
                    Some(m) => {
                        let g = x.grade.value();
                        let desc = if g == 5 {
                            format!("normal {} ({side})", m.label)
                        } else {
                            format!("weak {}, grade {g}/5 ({side})", m.label)
                        };
                        obs.push((Obs::Motor { side, movement: m.id.clone(), grade: g }, desc));
                        names.push(format!("{side}.motor `{}`", x.movement));
                    }
                    None => unknown.push(FindingsError::UnknownName {
                        side,
                        field: "motor",
                        what: "movement",
                        name: x.movement.clone(),
                    }),
                }
            }
            for x in &s.reflexes {
                match self.resolve_reflex(&x.reflex) {
                    Some(r) => {
                        let state = match x.state {
                            ReflexState::Normal => "normal",
                            ReflexState::Reduced => "reduced",
                            ReflexState::Absent => "absent",
                            ReflexState::Brisk => "brisk",
                        };
                        let desc = format!("{} {state} ({side})", r.label);
                        obs.push((Obs::Reflex { side, reflex: r.id.clone(), state: x.state }, desc));
                        names.push(format!("{side}.reflexes `{}`", x.reflex));
                    }
                    None => unknown.push(FindingsError::UnknownName {
                        side,
                        field: "reflexes",
                        what: "reflex",
                        name: x.reflex.clone(),
                    }),
                }
            }
        }
        for cue in Cue::ALL {
            if let Some(present) = f.cues.get(cue) {
                let desc = if present { cue.describe().to_string() } else { format!("no {}", cue.describe()) };
                obs.push((Obs::Cue { cue, present }, desc));
                names.push(format!("cues.{}", cue.as_str()));
            }
        }
        (obs, names, unknown)
    }

    fn describe_regions(&self, name: &str, ids: &[String]) -> String {
        match ids {
            [one] => self.region(one).map_or_else(|| name.to_string(), |r| format!("the {}", r.label)),
            _ => format!("the {name}"),
        }
    }

    /// Ranks the explanations of `findings`: roots, adjacent root pairs, nerves, plexus, polyneuropathy
    /// and red-flag patterns, each with what it explains and contradicts, plus the next test.
    /// Unknown names are reported in `warnings` and ignored.
    pub fn localize(&self, findings: &Findings) -> Localization {
        let Resolved { obs, unknown, merged, conflicts } = self.resolved(findings);
        let warnings: Vec<String> = unknown
            .iter()
            .map(ToString::to_string)
            .chain(conflicts.iter().map(|e| format!("{e}; both findings ignored")))
            .chain(merged)
            .collect();
        let sides: Vec<Side> = Side::BOTH.into_iter().filter(|s| !findings.side(*s).is_empty()).collect();
        let both = sides.len() == 2 || findings.cues.get(Cue::Bilateral) == Some(true);
        let hyps = hypotheses(self, if sides.is_empty() { &Side::BOTH } else { &sides }, both);
        let one_sided = one_sided(findings, &sides);
        let scored: Vec<Scored> = hyps.into_iter().map(|h| score(self, h, &obs, one_sided)).collect();
        // Probabilities are shared among the candidates that explain something (all, if none does): a
        // candidate that explains no finding is not an explanation of them.
        let any = scored.iter().any(|s| !s.explains.is_empty());
        let counted = |s: &Scored| !any || !s.explains.is_empty();
        let max = scored.iter().filter(|s| counted(s)).map(|s| s.log).fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = scored.iter().filter(|s| counted(s)).map(|s| (s.log - max).exp()).sum();
        let mut ranked: Vec<(Scored, f64)> = scored
            .into_iter()
            .filter(|s| !s.explains.is_empty())
            .map(|s| {
                let p = if total > 0.0 { (s.log - max).exp() / total } else { 0.0 };
                (s, p)
            })
            .collect();
        ranked.sort_by(|(a, pa), (b, pb)| b.urgent.cmp(&a.urgent).then(pb.total_cmp(pa)));
        ranked.truncate(params::MAX_CANDIDATES);
        // The next test separates the top two; the leader's own lesion on the other side or on both sides
        // is not a second explanation, so it is passed over.
        let runner_up = ranked.first().and_then(|(a, _)| ranked.iter().skip(1).find(|(b, _)| b.hyp.id != a.hyp.id));
        let next_test = ranked
            .first()
            .zip(runner_up)
            .and_then(|((a, _), (b, _))| crate::next_test::best(self, &a.hyp, &b.hyp, &obs));
        let tie = ranked.first().zip(runner_up).and_then(|((a, pa), (b, pb))| {
            let (hi, lo) = (pa.max(*pb), pa.min(*pb));
            if a.urgent != b.urgent || lo <= 0.0 || hi / lo >= params::TIE_ODDS {
                return None;
            }
            let ((x, px), (y, py)) = if pa >= pb { ((a, *pa), (b, *pb)) } else { ((b, *pb), (a, *pa)) };
            let test = crate::next_test::separating(self, &x.hyp, &y.hyp, &obs).or_else(|| next_test.clone());
            let member = |s: &Scored, p: f64| TieMember {
                id: s.hyp.id.clone(),
                label: s.hyp.label.clone(),
                side: s.hyp.side,
                score: p as f32,
            };
            let side = |s: &Scored| s.hyp.side.map_or_else(String::new, |d| format!(" ({d})"));
            let mut text = format!(
                "Too close to call: {}{} and {}{} are within {:.1} : 1.",
                x.hyp.label,
                side(x),
                y.hyp.label,
                side(y),
                hi / lo
            );
            if let Some(t) = &test {
                text.push(' ');
                text.push_str(&t.text);
            }
            Some(Tie { candidates: vec![member(x, px), member(y, py)], odds: (hi / lo) as f32, test, text })
        });
        let candidates: Vec<Candidate> = ranked
            .into_iter()
            .map(|(s, p)| Candidate {
                id: s.hyp.id,
                kind: s.hyp.kind,
                label: s.hyp.label,
                side: s.hyp.side,
                score: p as f32,
                urgent: s.urgent,
                explains: s.explains,
                contradicts: s.contradicts,
                citations: s.cite,
                note: s.hyp.note,
            })
            .collect();
        Localization { urgent: candidates.iter().any(|c| c.urgent), candidates, next_test, tie, warnings }
    }
}

/// Findings resolved against the atlas: observations counted once, unknown names, merge notes, conflicts.
struct Resolved {
    obs: Vec<(Obs, String)>,
    unknown: Vec<FindingsError>,
    merged: Vec<String>,
    conflicts: Vec<FindingsError>,
}

/// A hypothesis with its log posterior (unnormalised) and its reasons.
struct Scored {
    hyp: Hypothesis,
    log: f64,
    urgent: bool,
    explains: Vec<String>,
    contradicts: Vec<String>,
    cite: Vec<String>,
}

/// Severity of the lesion as shown by weakness of the candidate's main muscles, leaving out finding `skip`.
pub(crate) fn severity(h: &Hypothesis, obs: &[(Obs, String)], skip: Option<usize>) -> f64 {
    Severity::of(h, obs).without(skip)
}

/// The weakness of one finding in the candidate's main muscles (0–1), if it is such a finding.
fn weakness(h: &Hypothesis, o: &Obs) -> Option<f64> {
    match o {
        Obs::Motor { side, movement, grade } if *grade < 5 && h.movement(*side, movement) == Role::Strong => {
            Some(f64::from(5 - grade) / 5.0)
        }
        _ => None,
    }
}

/// The two largest weaknesses among the findings, so that the severity leaving out any one finding is
/// known without going over the findings again (one pass, not one per finding).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Severity {
    /// The largest weakness (0 when none), and the index of the first finding that shows it.
    best: (f64, Option<usize>),
    /// The largest weakness among the other findings.
    second: f64,
}

impl Severity {
    pub(crate) fn of(h: &Hypothesis, obs: &[(Obs, String)]) -> Severity {
        let mut s = Severity { best: (0.0, None), second: 0.0 };
        for (i, (o, _)) in obs.iter().enumerate() {
            let Some(w) = weakness(h, o) else { continue };
            if s.best.1.is_none() || w > s.best.0 {
                if s.best.1.is_some() {
                    s.second = s.second.max(s.best.0);
                }
                s.best = (w, Some(i));
            } else {
                s.second = s.second.max(w);
            }
        }
        s
    }

    /// The severity leaving out finding `skip` (the largest weakness of the others, 0 when none).
    pub(crate) fn without(self, skip: Option<usize>) -> f64 {
        match self.best {
            (_, Some(i)) if Some(i) == skip => self.second,
            (w, _) => w,
        }
    }
}

/// Probability that `role` makes a movement weak, given the lesion's shown severity.
pub(crate) fn p_weak(h: &Hypothesis, role: Role, sev: f64) -> f64 {
    match role {
        Role::Strong => h.probs.motor[0] + (params::SEVERE_CEILING[0] - h.probs.motor[0]).max(0.0) * sev,
        Role::Weak => h.probs.motor[1] + (params::SEVERE_CEILING[1] - h.probs.motor[1]).max(0.0) * sev,
        Role::None => params::BG_WEAK,
    }
}

/// Probability of a sensory deficit in a region of this role.
pub(crate) fn p_numb(h: &Hypothesis, role: Role) -> f64 {
    match role {
        Role::Strong => h.probs.sens[0],
        Role::Weak => h.probs.sens[1],
        Role::None => params::BG_NUMB,
    }
}

/// Probability that a reflex of this role shows the candidate's expected change.
pub(crate) fn p_reflex(h: &Hypothesis, role: Role) -> f64 {
    match role {
        Role::Strong => h.probs.reflex[0],
        Role::Weak => h.probs.reflex[1],
        Role::None if h.reflex_change == ReflexChange::Brisk => params::BG_BRISK,
        Role::None => params::BG_REDUCED,
    }
}

/// Likelihood of one observation under a hypothesis, and how it bears on it.
pub(crate) fn likelihood(atlas: &Atlas, h: &Hypothesis, o: &Obs, sev: f64) -> (f64, Bearing) {
    use Bearing::{Contradicts, Explains, Neutral};
    match o {
        Obs::Sensory { side, regions, kind } => {
            let role = regions.iter().map(|r| h.region(atlas, *side, r)).max().unwrap_or(Role::None);
            let deficit = match (role, kind) {
                (Role::None, SensoryKind::Tingling) => params::BG_TINGLING,
                _ => p_numb(h, role),
            };
            match kind {
                SensoryKind::Normal => (1.0 - deficit, if role == Role::Strong { Contradicts } else { Neutral }),
                SensoryKind::Pain => {
                    let p = params::PAIN[match role {
                        Role::Strong => 0,
                        Role::Weak => 1,
                        Role::None => 2,
                    }];
                    (p, if role == Role::None { Neutral } else { Explains })
                }
                _ => (deficit, if role == Role::None { Contradicts } else { Explains }),
            }
        }
        Obs::Motor { side, movement, grade } => {
            let role = h.movement(*side, movement);
            let p = p_weak(h, role, sev);
            if *grade == 5 {
                return (1.0 - p, if role == Role::Strong { Contradicts } else { Neutral });
            }
            let factor = if role == Role::Weak && *grade <= 2 { params::SEVERE_MINOR_FACTOR } else { 1.0 };
            (p * factor, if role == Role::None { Contradicts } else { Explains })
        }
        Obs::Reflex { side, reflex, state } => {
            let role = h.reflex(*side, reflex);
            let expected = p_reflex(h, role);
            let (bg_same, bg_other) = match h.reflex_change {
                ReflexChange::Reduced => (params::BG_REDUCED, params::BG_BRISK),
                ReflexChange::Brisk => (params::BG_BRISK, params::BG_REDUCED),
            };
            let opposite = if role == Role::None { bg_other } else { params::OPPOSITE_REFLEX };
            let matches = match state {
                ReflexState::Reduced | ReflexState::Absent => Some(h.reflex_change == ReflexChange::Reduced),
                ReflexState::Brisk => Some(h.reflex_change == ReflexChange::Brisk),
                ReflexState::Normal => None,
            };
            match matches {
                None => {
                    let p = (1.0 - expected.max(bg_same) - opposite).max(0.01);
                    (p, if role == Role::Strong { Contradicts } else { Neutral })
                }
                Some(true) => (expected, if role == Role::None { Contradicts } else { Explains }),
                Some(false) => (opposite, Contradicts),
            }
        }
        Obs::Cue { cue, present } => {
            let p = &atlas.patterns[h.pattern];
            // The same nerve lesion on both sides is bilateral by definition and may look symmetric.
            let (cues, possible_cues): (&[Cue], &[Cue]) =
                if h.both_sides { (&[Cue::Bilateral], &[Cue::Symmetric]) } else { (&p.cues, &p.possible_cues) };
            let (p_true, characteristic, possible, against) = if cues.contains(cue) {
                (params::CUE[0], true, false, false)
            } else if possible_cues.contains(cue) {
                (params::CUE[1], false, true, false)
            } else if p.against.contains(cue) {
                (params::CUE[2], false, false, true)
            } else {
                let bg = match cue {
                    Cue::BackPain => params::BG_BACK_PAIN,
                    Cue::NeckPain => params::BG_NECK_PAIN,
                    _ => params::BG_CUE,
                };
                (bg, false, false, false)
            };
            if *present {
                let bearing = if characteristic || possible {
                    Explains
                } else if against {
                    Contradicts
                } else {
                    Neutral
                };
                (p_true, bearing)
            } else {
                (1.0 - p_true, if characteristic { Contradicts } else { Neutral })
            }
        }
    }
}

/// True when a red-flag trigger of the hypothesis's pattern is present in the findings.
fn triggered(atlas: &Atlas, h: &Hypothesis, obs: &[(Obs, String)]) -> bool {
    let p = &atlas.patterns[h.pattern];
    p.urgent
        && p.triggers.iter().any(|t| {
            obs.iter().any(|(o, _)| match (o, t.split_once(':')) {
                (Obs::Cue { cue, present: true }, None) => cue.as_str() == t,
                (Obs::Sensory { regions, kind, .. }, Some(("region", r))) => {
                    kind.is_deficit() && regions.iter().any(|x| x == r)
                }
                (Obs::Reflex { state: ReflexState::Brisk, .. }, Some(("reflex", "brisk"))) => true,
                _ => false,
            })
        })
}

/// The side of a one-sided record: findings on one side only, with neither `bilateral`, `symmetric` nor
/// `distal` recorded as present and `bilateral` not recorded at all (a recorded `false` is scored as a cue).
fn one_sided(f: &Findings, sides: &[Side]) -> Option<Side> {
    let spread = [Cue::Symmetric, Cue::Distal].into_iter().any(|c| f.cues.get(c) == Some(true));
    match sides {
        [side] if !spread && f.cues.get(Cue::Bilateral).is_none() => Some(*side),
        _ => None,
    }
}

fn score(atlas: &Atlas, hyp: Hypothesis, obs: &[(Obs, String)], one_sided: Option<Side>) -> Scored {
    let mut log = hyp.prior.ln();
    let mut explains = Vec::new();
    let mut contradicts = Vec::new();
    let mut cite = hyp.cite.clone();
    let severity = Severity::of(&hyp, obs);
    for (i, (o, desc)) in obs.iter().enumerate() {
        let sev = severity.without(Some(i));
        let (p, bearing) = likelihood(atlas, &hyp, o, sev);
        log += p.clamp(1e-6, 1.0).ln();
        match bearing {
            Bearing::Explains => explains.push(desc.clone()),
            Bearing::Contradicts => contradicts.push(desc.clone()),
            Bearing::Neutral => {}
        }
        if bearing != Bearing::Neutral {
            let extra = match o {
                Obs::Motor { movement, .. } => atlas.movement(movement).map(|m| &m.cite),
                Obs::Reflex { reflex, .. } => atlas.reflex(reflex).map(|r| &r.cite),
                _ => None,
            };
            for id in extra.into_iter().flatten() {
                if !cite.contains(id) {
                    cite.push(id.clone());
                }
            }
        }
    }
    if let Some(side) = one_sided {
        // Cauda equina syndrome often begins on one side (unilateral sciatica with saddle or sphincter change):
        // bilateral symptoms raise it as a cue, but a one-sided record does not count against it.
        let pattern = &atlas.patterns[hyp.pattern];
        if hyp.side.is_none() && pattern.kind != PatternKind::CaudaEquina && pattern.cues.contains(&Cue::Bilateral) {
            log += params::ONE_SIDED.ln();
            contradicts.push(format!("findings on the {side} side only"));
        }
    }
    for id in &hyp.prior_cite {
        if !cite.contains(id) {
            cite.push(id.clone());
        }
    }
    let urgent = triggered(atlas, &hyp, obs);
    Scored { hyp, log, urgent, explains, contradicts, cite }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Grade, MotorFinding, ReflexFinding, SensoryFinding, SideFindings};

    fn atlas() -> Atlas {
        let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
        Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"))
    }

    fn grade(g: u8) -> Grade {
        Grade::try_from(g).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A foot drop with back pain: weak dorsiflexion (two grades, so severity has a runner-up), numb dorsum,
    /// normal eversion, a reduced ankle jerk on the other side.
    fn foot_drop() -> Findings {
        Findings {
            left: SideFindings {
                sensory: vec![SensoryFinding { region: "dorsum-foot".into(), kind: SensoryKind::Numb }],
                motor: vec![
                    MotorFinding { movement: "ankle-dorsiflexion".into(), grade: grade(2) },
                    MotorFinding { movement: "great-toe-extension".into(), grade: grade(3) },
                    MotorFinding { movement: "ankle-eversion".into(), grade: grade(5) },
                ],
                reflexes: Vec::new(),
            },
            right: SideFindings {
                reflexes: vec![ReflexFinding { reflex: "ankle-jerk".into(), state: ReflexState::Reduced }],
                ..SideFindings::default()
            },
            cues: crate::findings::Cues { back_pain: Some(true), ..Default::default() },
        }
    }

    /// Every finding of `f` repeated `n` times, in place.
    fn repeated(f: &Findings, n: usize) -> Findings {
        let rep = |s: &SideFindings| SideFindings {
            sensory: s.sensory.iter().flat_map(|x| std::iter::repeat_n(x.clone(), n)).collect(),
            motor: s.motor.iter().flat_map(|x| std::iter::repeat_n(x.clone(), n)).collect(),
            reflexes: s.reflexes.iter().flat_map(|x| std::iter::repeat_n(x.clone(), n)).collect(),
        };
        Findings { left: rep(&f.left), right: rep(&f.right), cues: f.cues.clone() }
    }

    #[test]
    fn n_duplicated_findings_localise_like_the_deduplicated_set() {
        let atlas = atlas();
        let once = foot_drop();
        let expected = atlas.localize(&once);
        assert!(!expected.candidates.is_empty());
        for n in [2, 7, 40] {
            let many = repeated(&once, n);
            assert_eq!(many.count(), (once.count() - 1) * n + 1, "the cue is recorded once");
            let out = atlas.localize(&many);
            assert_eq!(out.candidates, expected.candidates, "{n} copies of each finding");
            assert_eq!(out.next_test, expected.next_test, "{n} copies of each finding");
            // One note per repeated finding (five findings), each saying it was counted once.
            assert_eq!(out.warnings.len(), 5, "{:?}", out.warnings);
            assert!(out.warnings.iter().all(|w| w.starts_with("counted once:") && w.contains("more than once")));
        }
        assert!(expected.warnings.is_empty(), "{:?}", expected.warnings);
        // A synonym that resolves to the same region is the same observation, and the note names both.
        let mut synonym = once.clone();
        synonym.left.sensory.push(SensoryFinding { region: "top of the foot".into(), kind: SensoryKind::Numb });
        let out = atlas.localize(&synonym);
        assert_eq!(out.candidates, expected.candidates);
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        let w = &out.warnings[0];
        assert!(w.contains("`top of the foot`") && w.contains("`dorsum-foot`") && w.contains("same finding"), "{w}");
    }

    #[test]
    fn synonymous_movements_count_once_with_a_note() {
        let atlas = atlas();
        let mut f = foot_drop();
        let before = atlas.localize(&f);
        f.left.motor.push(MotorFinding { movement: "ankle dorsiflexion".into(), grade: grade(2) });
        let out = atlas.localize(&f);
        assert_eq!(out.candidates, before.candidates);
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.warnings[0].contains("`ankle dorsiflexion`"), "{:?}", out.warnings);
        // A different grade is a different finding, not a duplicate.
        f.left.motor.push(MotorFinding { movement: "ankle dorsiflexion".into(), grade: grade(4) });
        assert_eq!(atlas.localize(&f).warnings.len(), 1);
    }

    #[test]
    fn a_region_numb_and_normal_is_an_error_naming_it() {
        let atlas = atlas();
        let mut f = foot_drop();
        f.left.sensory.push(SensoryFinding { region: "top of the foot".into(), kind: SensoryKind::Normal });
        let err = atlas.check_findings(&f).expect_err("numb and normal is a conflict");
        assert!(matches!(err, FindingsError::Conflict { side: Side::Left, .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains("top of the foot") && msg.contains("numb") && msg.contains("normal"), "{msg}");
        // The localiser does not panic: it ignores both findings and says so.
        let out = atlas.localize(&f);
        assert!(
            out.warnings.iter().any(|w| w.contains("top of the foot") && w.contains("ignored")),
            "{:?}",
            out.warnings
        );
        assert!(out.candidates.iter().all(|c| c.explains.iter().all(|e| !e.contains("top of the foot"))));
        // The same region on the other side is no conflict.
        let mut g = foot_drop();
        g.right.sensory.push(SensoryFinding { region: "dorsum-foot".into(), kind: SensoryKind::Normal });
        assert!(atlas.check_findings(&g).is_ok());
    }

    #[test]
    fn unknown_names_are_reported_once() {
        let atlas = atlas();
        let mut f = foot_drop();
        f.left.sensory.extend(std::iter::repeat_n(
            SensoryFinding { region: "elbow of the moon".into(), kind: SensoryKind::Numb },
            5,
        ));
        assert_eq!(atlas.localize(&f).warnings.len(), 1);
    }

    #[test]
    fn severity_leaving_out_each_finding_matches_a_recount() {
        let atlas = atlas();
        let (obs, _) = atlas.observations(&foot_drop());
        let naive = |h: &Hypothesis, skip: Option<usize>| {
            obs.iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != skip)
                .filter_map(|(_, (o, _))| weakness(h, o))
                .fold(0.0, f64::max)
        };
        let mut weak_seen = false;
        for h in hypotheses(&atlas, &Side::BOTH, false) {
            let s = Severity::of(&h, &obs);
            for skip in std::iter::once(None).chain((0..obs.len()).map(Some)) {
                assert_eq!(s.without(skip).to_bits(), naive(&h, skip).to_bits(), "{} without {skip:?}", h.id);
            }
            weak_seen |= s.without(None) > 0.0;
        }
        assert!(weak_seen, "some candidate has the weak movements among its main muscles");
    }
}
