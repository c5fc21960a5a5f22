//! Domain types of Vesalius, shared by every crate and defined only here.
//!
//! This crate owns the vocabulary: who reads ([`Audience`]), how far a piece of content has been reviewed
//! ([`ReviewStage`]), what a cited work is ([`Reference`]), what an article is ([`Article`]) and the JSON
//! answer contract ([`Answer`]). It does no I/O.
//!
//! ```
//! use vesalius_core::{Audience, ReviewStage};
//! assert_eq!("patient".parse::<Audience>().unwrap(), Audience::Patient);
//! assert_eq!(ReviewStage::UnderReview.to_string(), "Under Review");
//! ```

mod answer;
mod article;
mod audience;
mod citation;
mod date;
mod qa;
mod reference;
mod review;

pub use answer::{Alternative, Answer, AnswerKind, NumberedReference, Safety, Source};
pub use article::{Article, Block, Section, Slug, Summary};
pub use audience::Audience;
pub use citation::{
    citation_markers, citation_ranges, format_citation_numbers, group_citations, leading_citation_run, CitationMarker,
    Numbering,
};
pub use date::Date;
pub use qa::{source_name, QaDocument, QaPair};
pub use reference::{RefType, Reference};
pub use review::{Decision, ReviewStage, Role, TransitionError};

/// An error parsing one of the core value types from text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {value:?}: expected {expected}")]
pub struct ParseError {
    /// Which kind of value was being parsed (e.g. "audience").
    pub what: &'static str,
    /// The offending text.
    pub value: String,
    /// What would have been accepted.
    pub expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, value: &str, expected: &'static str) -> Self {
        Self { what, value: value.to_string(), expected }
    }
}
