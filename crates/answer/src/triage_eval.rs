//! Measuring triage: a labelled set of questions (`expected<TAB>audience<TAB>question`, `expected` a
//! [`RedFlag::name`] or `none`), run through the rules alone or through the whole engine, reporting recall,
//! the right-flag rate and the false-alarm rate with every miss and false alarm.

use serde::Serialize;
use vesalius_core::Audience;

use crate::{triage, AnswerError, Engine, RedFlag};

/// One labelled question.
#[derive(Debug, Clone, PartialEq)]
pub struct TriageCase {
    /// 1-based line in its file.
    pub line: usize,
    /// The flag it must raise, or `None` for a look-alike.
    pub expected: Option<RedFlag>,
    /// Who asks.
    pub audience: Audience,
    /// The question.
    pub question: String,
}

/// Reads a triage set; blank lines and lines starting with `#` are skipped.
///
/// # Errors
/// A line without three tab-separated fields, an unknown flag or audience, or an empty question, naming
/// `file` and the line.
pub fn parse_triage_set(file: &str, text: &str) -> Result<Vec<TriageCase>, String> {
    let mut cases = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        let [expected, audience, question] = fields[..] else {
            return Err(format!("{file}:{line}: expected 3 tab-separated fields, found {}", fields.len()));
        };
        let expected = match expected.trim() {
            "none" => None,
            name => Some(RedFlag::from_name(name).ok_or_else(|| format!("{file}:{line}: unknown flag `{name}`"))?),
        };
        let audience = match audience.trim() {
            "patient" => Audience::Patient,
            "clinician" => Audience::Clinician,
            other => return Err(format!("{file}:{line}: audience must be patient or clinician, not `{other}`")),
        };
        if question.trim().is_empty() {
            return Err(format!("{file}:{line}: empty question"));
        }
        cases.push(TriageCase { line, expected, audience, question: question.trim().to_string() });
    }
    Ok(cases)
}

/// Recall, right-flag and false-alarm rates over a set.
#[derive(Debug, Clone, Serialize)]
pub struct TriageReport {
    /// Cases that must raise a flag.
    pub urgent: usize,
    /// Of those, how many raised one (any flag).
    pub caught: usize,
    /// Of those, how many raised the expected flag.
    pub right_flag: usize,
    /// Look-alikes (cases that must raise none).
    pub lookalikes: usize,
    /// Look-alikes that raised a flag.
    pub false_alarms: usize,
    /// Every miss, wrong flag and false alarm, as `line: want X got Y: question`.
    pub problems: Vec<String>,
}

impl TriageReport {
    /// Share of emergencies caught.
    pub fn recall(&self) -> f64 {
        self.caught as f64 / self.urgent.max(1) as f64
    }

    /// Share of emergencies given the expected flag.
    pub fn right_flag_rate(&self) -> f64 {
        self.right_flag as f64 / self.urgent.max(1) as f64
    }

    /// Share of look-alikes that alarmed.
    pub fn false_alarm_rate(&self) -> f64 {
        self.false_alarms as f64 / self.lookalikes.max(1) as f64
    }

    fn add(&mut self, c: &TriageCase, got: Option<RedFlag>) {
        let got_name = got.map_or("none", RedFlag::name);
        match c.expected {
            Some(want) => {
                self.urgent += 1;
                self.caught += usize::from(got.is_some());
                if got == Some(want) {
                    self.right_flag += 1;
                } else {
                    self.problems.push(format!("{}: want {} got {got_name}: {}", c.line, want.name(), c.question));
                }
            }
            None => {
                self.lookalikes += 1;
                if got.is_some() {
                    self.false_alarms += 1;
                    self.problems.push(format!("{}: false alarm {got_name}: {}", c.line, c.question));
                }
            }
        }
    }
}

/// Runs the set through the triage rules alone.
pub fn run_triage_rules(cases: &[TriageCase]) -> TriageReport {
    let mut report = empty();
    for c in cases {
        report.add(c, triage(&c.question));
    }
    report
}

/// Runs the set through the whole engine (as `vesalius ask` does): a case counts as caught when the answer
/// is urgent, and as the right flag when its message is the flag's message.
///
/// # Errors
/// A store or index failure.
pub fn run_triage_engine(engine: &Engine, cases: &[TriageCase]) -> Result<TriageReport, AnswerError> {
    let mut report = empty();
    for c in cases {
        let answer = engine.answer(&c.question, c.audience)?;
        let got = answer.safety.urgent.then(|| {
            let message = answer.safety.message.as_deref().unwrap_or_default();
            RedFlag::all()
                .iter()
                .copied()
                .find(|f| engine.urgent_message(*f, c.audience) == message)
                .unwrap_or(RedFlag::SuicideSelfHarm)
        });
        report.add(c, got);
    }
    Ok(report)
}

fn empty() -> TriageReport {
    TriageReport { urgent: 0, caught: 0, right_flag: 0, lookalikes: 0, false_alarms: 0, problems: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = parse_triage_set("t.tsv", "# c\nstroke\tpatient\tmy face drooped\nstroke\tpatient\n").unwrap_err();
        assert!(e.starts_with("t.tsv:3:"), "{e}");
        let e = parse_triage_set("t.tsv", "strok\tpatient\tq\n").unwrap_err();
        assert!(e.contains("unknown flag"), "{e}");
        assert_eq!(parse_triage_set("t.tsv", "none\tclinician\tq\n").unwrap().len(), 1);
    }

    #[test]
    fn rules_report_misses_and_false_alarms() {
        let cases =
            parse_triage_set("t", "stroke\tpatient\tmy face suddenly drooped\nnone\tpatient\tI want to kill myself\n")
                .unwrap();
        let r = run_triage_rules(&cases);
        assert_eq!((r.urgent, r.caught, r.lookalikes, r.false_alarms), (1, 1, 1, 1));
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    }
}
