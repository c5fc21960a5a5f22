//! Trusted question–answer collections (MedQuAD): documents and their QA pairs.

use serde::{Deserialize, Serialize};

/// One source document of a Q&A collection: a page about one focus, with its question–answer pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QaDocument {
    /// The collection's source name as written in the data (`GARD`, `MPlusHerbsSupplements`, …).
    pub source: String,
    /// The document id (also the file name), e.g. `0000123` or `0000001_1`.
    pub doc_id: String,
    /// The original page.
    pub url: Option<String>,
    /// What the document is about (a disease, drug, test…).
    pub focus: String,
    /// UMLS concept ids of the focus.
    pub cuis: Vec<String>,
    /// UMLS semantic types of the focus.
    pub semantic_types: Vec<String>,
    /// UMLS semantic group of the focus.
    pub semantic_group: Option<String>,
    /// Other names of the focus.
    pub synonyms: Vec<String>,
    /// The pairs, in document order.
    pub pairs: Vec<QaPair>,
}

/// One question with its answer (absent when the collection's authors removed it for copyright).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QaPair {
    /// 1-based position of the pair in its document (the `Sec<N>` of judged-answer ids).
    pub position: u32,
    /// The pair's `pid` attribute (may have gaps; not the position).
    pub pid: String,
    /// The question's id.
    pub qid: String,
    /// The question type (`information`, `symptoms`, `treatment`, …).
    pub qtype: String,
    /// The question.
    pub question: String,
    /// The answer text, if the collection has it.
    pub answer: Option<String>,
}

impl QaDocument {
    /// The prefix of judged-answer ids for this source (`MPlusHerbsSupplements` is `MPlusHerbsSuppls`).
    pub fn prefix(&self) -> &str {
        match self.source.as_str() {
            "MPlusHerbsSupplements" => "MPlusHerbsSuppls",
            s => s,
        }
    }

    /// The id of the pair at `position`, e.g. `GARD_0000123_Sec2`.
    pub fn pair_id(&self, position: u32) -> String {
        format!("{}_{}_Sec{position}", self.prefix(), self.doc_id)
    }
}

/// A reader-facing name for a MedQuAD source.
pub fn source_name(source: &str) -> &str {
    match source {
        "CancerGov" => "National Cancer Institute (cancer.gov)",
        "GARD" => "NIH Genetic and Rare Diseases Information Center (GARD)",
        "GHR" => "NIH Genetics Home Reference",
        "MPlusHealthTopics" => "MedlinePlus Health Topics",
        "NIDDK" => "National Institute of Diabetes and Digestive and Kidney Diseases",
        "NINDS" => "National Institute of Neurological Disorders and Stroke",
        "NIHSeniorHealth" => "NIHSeniorHealth",
        "NHLBI" => "National Heart, Lung, and Blood Institute",
        "CDC" => "Centers for Disease Control and Prevention",
        "ADAM" => "MedlinePlus (A.D.A.M. Medical Encyclopedia)",
        "MPlusDrugs" => "MedlinePlus Drug Information",
        "MPlusHerbsSupplements" | "MPlusHerbsSuppls" => "MedlinePlus Herbs and Supplements",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_ids_use_the_judged_answer_prefix() {
        let mut d = QaDocument {
            source: "GARD".into(),
            doc_id: "0000123".into(),
            url: None,
            focus: "x".into(),
            cuis: vec![],
            semantic_types: vec![],
            semantic_group: None,
            synonyms: vec![],
            pairs: vec![],
        };
        assert_eq!(d.pair_id(2), "GARD_0000123_Sec2");
        d.source = "MPlusHerbsSupplements".into();
        assert_eq!(d.pair_id(1), "MPlusHerbsSuppls_0000123_Sec1");
    }
}
