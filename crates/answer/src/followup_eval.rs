//! Measuring follow-ups: a set of conversations (TOML), each turn asked with [`Engine::ask_in_thread`] in
//! one thread and checked against what its answer must be about. The format is described at the top of
//! `crates/answer/tests/data/followups.toml`.

use serde::{Deserialize, Serialize};
use vesalius_core::{Answer, AnswerKind, Audience};

use crate::{AnswerError, Engine};

/// Why a follow-up set could not be run.
#[derive(Debug, thiserror::Error)]
pub enum FollowupSetError {
    /// The TOML does not parse, or a conversation is malformed.
    #[error("follow-up set: {0}")]
    Format(String),
    /// Answering a turn failed.
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// A set of conversations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    conversation: Vec<Conversation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Conversation {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    needs_medquad: bool,
    turns: Vec<String>,
    expect: Vec<Expect>,
}

/// What one turn's answer must satisfy; every given field must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    kind: Option<String>,
    id: Option<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
    #[serde(default)]
    title_contains: Vec<String>,
    #[serde(default)]
    title_not_contains: Vec<String>,
    #[serde(default)]
    understood_contains: Vec<String>,
    #[serde(default)]
    understood_not_contains: Vec<String>,
    #[serde(default)]
    standalone: bool,
}

/// One turn that did not meet its expectations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnFailure {
    /// The conversation's name (or its 1-based number).
    pub conversation: String,
    /// 1-based turn number.
    pub turn: usize,
    /// The question as asked.
    pub question: String,
    /// The question as the engine understood it.
    pub understood: String,
    /// The answer's kind.
    pub kind: String,
    /// The answer's id (atlas file, article slug or Q&A pair id).
    pub id: Option<String>,
    /// The answer's title.
    pub title: String,
    /// The first characters of the answer's summary.
    pub summary_start: String,
    /// Each expectation that failed.
    pub problems: Vec<String>,
}

/// The result of running a follow-up set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FollowupReport {
    /// Conversations run.
    pub conversations: usize,
    /// Conversations skipped because they need MedQuAD and it was not asked for.
    pub skipped: usize,
    /// Turns checked.
    pub turns: usize,
    /// Turns that passed.
    pub passed: usize,
    /// Follow-up turns (the second and later of a conversation) checked.
    pub follow_up_turns: usize,
    /// Follow-up turns that passed.
    pub follow_ups_passed: usize,
    /// Every failed turn.
    pub failures: Vec<TurnFailure>,
}

impl FollowupReport {
    /// Share of all turns that passed (1 when none were checked).
    pub fn pass_rate(&self) -> f64 {
        ratio(self.passed, self.turns)
    }

    /// Share of follow-up turns that passed (1 when none were checked).
    pub fn follow_up_pass_rate(&self) -> f64 {
        ratio(self.follow_ups_passed, self.follow_up_turns)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

/// Runs every conversation of `toml_text` against `engine` (for clinicians), each in a new thread. With
/// `with_medquad` false, conversations marked `needs_medquad = true` are skipped (counted in `skipped`).
/// The turns are stored in the engine's store like any conversation.
///
/// # Errors
/// [`FollowupSetError::Format`] for TOML that does not parse or a conversation whose `expect` does not
/// have one entry per turn; [`FollowupSetError::Answer`] when answering fails.
pub fn run_followup_set(
    engine: &Engine,
    toml_text: &str,
    with_medquad: bool,
) -> Result<FollowupReport, FollowupSetError> {
    let set: Set = toml::from_str(toml_text).map_err(|e| FollowupSetError::Format(e.to_string()))?;
    let mut report = FollowupReport::default();
    for (n, c) in set.conversation.iter().enumerate() {
        let name = c.name.clone().unwrap_or_else(|| format!("conversation {}", n + 1));
        if c.turns.is_empty() || c.turns.len() != c.expect.len() {
            return Err(FollowupSetError::Format(format!(
                "{name}: {} turn(s) but {} expectation(s)",
                c.turns.len(),
                c.expect.len()
            )));
        }
        if c.needs_medquad && !with_medquad {
            report.skipped += 1;
            continue;
        }
        report.conversations += 1;
        let mut thread: Option<String> = None;
        for (t, (question, expect)) in c.turns.iter().zip(&c.expect).enumerate() {
            let answer = engine.ask_in_thread(question, Audience::Clinician, thread.as_deref())?;
            thread.clone_from(&answer.thread_id);
            let understood = match &thread {
                Some(id) => engine
                    .store()
                    .thread(id)
                    .map_err(AnswerError::from)?
                    .and_then(|turns| turns.last().map(|x| x.understood.clone()))
                    .unwrap_or_default(),
                None => String::new(),
            };
            let problems = check(expect, question, &understood, &answer);
            report.turns += 1;
            if t > 0 {
                report.follow_up_turns += 1;
            }
            if problems.is_empty() {
                report.passed += 1;
                if t > 0 {
                    report.follow_ups_passed += 1;
                }
            } else {
                report.failures.push(TurnFailure {
                    conversation: name.clone(),
                    turn: t + 1,
                    question: question.clone(),
                    understood,
                    kind: kind_name(answer.kind).to_string(),
                    id: answer.id.clone(),
                    title: answer.title.clone(),
                    summary_start: answer.summary.chars().take(120).collect(),
                    problems,
                });
            }
        }
    }
    Ok(report)
}

fn kind_name(k: AnswerKind) -> &'static str {
    match k {
        AnswerKind::Article => "article",
        AnswerKind::Qa => "qa",
        AnswerKind::Atlas => "atlas",
        AnswerKind::None => "none",
        AnswerKind::Urgent => "urgent",
    }
}

/// The expectations `answer` fails, each described.
fn check(e: &Expect, question: &str, understood: &str, answer: &Answer) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(k) = &e.kind {
        if !k.eq_ignore_ascii_case(kind_name(answer.kind)) {
            out.push(format!("kind is {}, expected {k}", kind_name(answer.kind)));
        }
    }
    if let Some(id) = &e.id {
        if answer.id.as_deref() != Some(id.as_str()) {
            out.push(format!("id is {:?}, expected {id}", answer.id));
        }
    }
    let body = format!("{}\n{}", answer.title, answer.summary).to_lowercase();
    let title = answer.title.to_lowercase();
    let understood_l = understood.to_lowercase();
    let mut words = |field: &str, hay: &str, list: &[String], want: bool| {
        for w in list {
            if hay.contains(&w.to_lowercase()) != want {
                out.push(format!("{field} {} {w:?}", if want { "lacks" } else { "has" }));
            }
        }
    };
    words("answer", &body, &e.contains, true);
    words("answer", &body, &e.not_contains, false);
    words("title", &title, &e.title_contains, true);
    words("title", &title, &e.title_not_contains, false);
    words("understood", &understood_l, &e.understood_contains, true);
    words("understood", &understood_l, &e.understood_not_contains, false);
    if e.standalone && understood.trim() != question.trim() {
        out.push("rewritten, expected to stand alone".into());
    }
    out
}
