//! The answer contract: the one JSON shape every answering path returns
//! (see `docs/answer-contract.md`).

use serde::{Deserialize, Serialize};

use crate::{Audience, Reference, ReviewStage, Section};

/// What kind of content answered the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerKind {
    /// A knowledge-base article.
    Article,
    /// A trusted question–answer pair from an ingested collection.
    Qa,
    /// Facts from the atlas data.
    Atlas,
    /// Nothing trusted matched.
    None,
    /// The question describes an emergency: the urgent-care message comes first.
    Urgent,
}

/// A reference with its citation number in this answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberedReference {
    /// Citation number, in order of first use in the answer.
    pub n: usize,
    /// The reference itself.
    #[serde(flatten)]
    pub reference: Reference,
}

/// A trusted source a `qa` answer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Name of the source (e.g. "NIH GARD").
    pub name: String,
    /// Link to the original page.
    pub url: Option<String>,
    /// Identifier of the source item.
    pub id: String,
}

/// The safety part of an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Safety {
    /// True when the question describes an emergency.
    pub urgent: bool,
    /// The urgent-care message, shown before anything else.
    pub message: Option<String>,
    /// References that support the red-flag rule that fired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Reference>,
}

/// Another piece of content that could answer the question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: AnswerKind,
    /// Its identifier (an article slug).
    pub id: String,
    /// Its question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// An answer, as returned by `vesalius ask --json`, `POST /api/ask` and rendered by the pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The question as asked.
    pub question: String,
    /// The audience the answer is worded for.
    pub audience: Audience,
    /// What kind of content answers.
    pub kind: AnswerKind,
    /// Review stage of the content shown; `None` when no content is shown.
    pub status: Option<ReviewStage>,
    /// Identifier of the content shown (article slug), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Title of the content shown.
    pub title: String,
    /// Summary, with citation numbers `[n]`.
    pub summary: String,
    /// Body sections, with citation numbers `[n]`.
    pub sections: Vec<Section>,
    /// References in citation order.
    pub references: Vec<NumberedReference>,
    /// Trusted sources (for `qa` answers).
    pub sources: Vec<Source>,
    /// Red-flag message, if any.
    pub safety: Safety,
    /// How well the content matches the question, 0–1.
    pub confidence: f32,
    /// A caveat shown with the answer, e.g. when it may not fully answer the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// Suggested next questions.
    pub follow_ups: Vec<String>,
    /// Other content that could answer.
    pub alternatives: Vec<Alternative>,
    /// Date the content shown last changed.
    pub last_updated: Option<String>,
    /// Who approved the content shown, when it is approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// When the content shown was approved (UTC, ISO 8601), when it is approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_at: Option<String>,
    /// Reading grade of the rendered text, when computed.
    pub reading_grade: Option<f32>,
    /// Indexes of sections folded away for this audience (e.g. clinician-only detail for patients); they are
    /// still in `sections`, so nothing is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folded: Vec<usize>,
    /// True when a newer version of the content shown is in review (readers see the last approved one).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub update_in_review: bool,
    /// The conversation this answer belongs to, when asked in a thread.
    #[serde(default)]
    pub thread_id: Option<String>,
}
