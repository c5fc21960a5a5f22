use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// The kind of a cited work, shown as a label in the reference list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RefType {
    /// A clinical practice guideline or standard.
    Guideline,
    /// Primary research.
    Research,
    /// A review article.
    Review,
    /// A textbook or reference book.
    Textbook,
    /// A data set.
    Dataset,
    /// A web page that is none of the above (a question-and-answer page, a service page).
    Web,
}

impl RefType {
    /// The lowercase name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RefType::Guideline => "guideline",
            RefType::Research => "research",
            RefType::Review => "review",
            RefType::Textbook => "textbook",
            RefType::Dataset => "dataset",
            RefType::Web => "web",
        }
    }

    /// The capitalised label shown above a reference ("Guideline").
    pub fn label(self) -> &'static str {
        match self {
            RefType::Guideline => "Guideline",
            RefType::Research => "Research",
            RefType::Review => "Review",
            RefType::Textbook => "Textbook",
            RefType::Dataset => "Dataset",
            RefType::Web => "Web page",
        }
    }
}

impl fmt::Display for RefType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RefType {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "guideline" => Ok(RefType::Guideline),
            "research" => Ok(RefType::Research),
            "review" => Ok(RefType::Review),
            "textbook" => Ok(RefType::Textbook),
            "dataset" => Ok(RefType::Dataset),
            "web" => Ok(RefType::Web),
            _ => Err(ParseError::new("reference type", s, "guideline, research, review, textbook, dataset or web")),
        }
    }
}

/// A cited work in the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// Stable identifier used by citation markers (`[@id]`).
    pub id: String,
    /// Guideline, research, review, textbook, dataset or web page.
    #[serde(rename = "type")]
    pub ref_type: RefType,
    /// Title of the work.
    pub title: String,
    /// Authors in Vancouver style, or the issuing body.
    pub authors: String,
    /// Journal or publisher.
    pub journal: String,
    /// Year of publication.
    pub year: u16,
    /// PubMed identifier, when known and checked.
    pub pmid: Option<String>,
    /// Digital Object Identifier, when known and checked.
    pub doi: Option<String>,
    /// A web address for the work.
    pub url: Option<String>,
}

impl Reference {
    /// The best link for a reader: PubMed, then DOI, then the URL.
    pub fn link(&self) -> Option<String> {
        if let Some(pmid) = &self.pmid {
            return Some(format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"));
        }
        if let Some(doi) = &self.doi {
            return Some(format!("https://doi.org/{doi}"));
        }
        self.url.clone()
    }
}
