use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Audience, Date, ParseError};

/// An article's URL name: lowercase ASCII letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Slug {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok = !s.is_empty()
            && s.len() <= 100
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(Slug(s.to_string()))
        } else {
            Err(ParseError::new("slug", s, "lowercase letters, digits and single hyphens"))
        }
    }
}

impl TryFrom<String> for Slug {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The two summaries of an article: plain language for patients, professional for everyone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Plain-language summary.
    pub patient: String,
    /// Summary for students and clinicians.
    pub professional: String,
}

impl Summary {
    /// The summary this audience reads.
    pub fn for_audience(&self, audience: Audience) -> &str {
        if audience.is_professional() {
            &self.professional
        } else {
            &self.patient
        }
    }
}

/// One block of body text. Text keeps its citation markers (`[@id]`) and `**bold**`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A sub-heading inside a section.
    Heading {
        /// The text.
        text: String,
    },
    /// A bullet or numbered list.
    List {
        /// True for a numbered list.
        ordered: bool,
        /// The items.
        items: Vec<String>,
    },
}

impl Block {
    /// Every text of the block (the paragraph, the heading or each list item).
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Block::Paragraph { text } | Block::Heading { text } => vec![text],
            Block::List { items, .. } => items.iter().map(String::as_str).collect(),
        }
    }
}

/// A titled part of an article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The section heading.
    pub heading: String,
    /// The blocks in order.
    pub blocks: Vec<Block>,
}

/// A knowledge-base article: a question, its answer in sections, and its summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// URL name, unique.
    pub slug: Slug,
    /// The question the article answers; the page title.
    pub question: String,
    /// A short title.
    pub title: String,
    /// Topics, for browsing and search.
    pub topics: Vec<String>,
    /// Extra search terms: synonyms and lay phrasings.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Date of the last content change.
    pub updated: Date,
    /// Date of the last human review, if any.
    pub reviewed: Option<Date>,
    /// Patient and professional summaries.
    pub summary: Summary,
    /// The body.
    pub sections: Vec<Section>,
    /// Indexes into `sections` of the sections written for health professionals only (headings tagged
    /// `{clinician}`): folded away for patients, shown to students and clinicians.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clinician_only: Vec<usize>,
    /// Indexes into `sections` of the sections written for patients only (headings tagged `{patient}`):
    /// shown to patients, folded away for students and clinicians.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patient_only: Vec<usize>,
}

impl Article {
    /// Indexes of the sections folded away for `audience` (they stay in the article): clinician-only
    /// sections for patients, patient-only sections for students and clinicians.
    pub fn folded_for(&self, audience: Audience) -> Vec<usize> {
        let folded = if audience.is_professional() { &self.patient_only } else { &self.clinician_only };
        let mut out: Vec<usize> = folded.iter().copied().filter(|i| *i < self.sections.len()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every text of the article that may carry citations: both summaries, headings, then body blocks.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [self.summary.professional.as_str(), self.summary.patient.as_str()].into_iter().chain(
            self.sections
                .iter()
                .flat_map(|s| std::iter::once(s.heading.as_str()).chain(s.blocks.iter().flat_map(|b| b.texts()))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_hyphenated_words() {
        assert!("dermatomes-lower-limb".parse::<Slug>().is_ok());
        for bad in ["", "Dermatomes", "a--b", "-a", "a b", "a/b"] {
            assert!(bad.parse::<Slug>().is_err(), "{bad:?}");
        }
    }
}
