//! The Vesalius answer engine: from a question to a cited, status-carrying [`Answer`](vesalius_core::Answer).
//!
//! Steps, in order: red-flag triage ([`triage`]) so an emergency is answered with an urgent-care message
//! first; retrieval over the full-text index of the knowledge base; a confidence from how much of the
//! question the best content covers, below which the engine says plainly that nothing trusted matched;
//! composition of the chosen content for the reader's audience, with references numbered in order of first
//! citation, sections for another audience folded, technical terms worded from the lay [`Glossary`] and the
//! reading grade measured ([`flesch_kincaid_grade`], [`smog`]). The engine reads content from the store at
//! answer time, so review decisions show at once.

mod analysis;
mod compose;
mod documents;
mod engine;
mod entities;
mod error;
mod followup_eval;
mod glossary;
mod qa;
mod ranker;
mod readability;
mod semantic;
mod subject;
mod synonyms;
mod thread;
mod triage;
mod triage_eval;

pub use analysis::{analyze_question, medquad_types, Analysis, FocusLexicon};
pub use compose::{compose_article, personalise, visible_text};
pub use engine::{
    draft_key, Candidate, DraftOutcome, Engine, EngineConfig, DEFAULT_MAX_PENDING_DRAFTS, DEFAULT_RETENTION_DAYS,
    MAX_QUESTION_CHARS, MIN_CONFIDENCE,
};
pub use error::AnswerError;
pub use followup_eval::{run_followup_set, FollowupReport, FollowupSetError, TurnFailure};
pub use glossary::{Glossary, GlossaryEntry, GlossaryReader};
pub use ranker::{Group, Ranker, LEXICAL_FEATURES, SEMANTIC_FEATURES};
pub use readability::{flesch_kincaid_grade, smog};
pub use semantic::{embed_store, vector_key, EmbedReport};
pub use triage::{triage, RedFlag};
pub use triage_eval::{parse_triage_set, run_triage_engine, run_triage_rules, TriageCase, TriageReport};
