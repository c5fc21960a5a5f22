use std::collections::{HashMap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING};
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

use crate::analyzer::{analyze, analyzer, ANALYZER};

/// Version of the index schema; bump when fields or analysis change so stored indexes are rebuilt.
pub const INDEX_SCHEMA_VERSION: u32 = 1;

/// How much a match in a strong field (question, title, keywords, headings) outweighs one in the body.
const STRONG_BOOST: f32 = 2.5;
/// Credit for a query term found only in the body, relative to one found in a strong field.
const BODY_CREDIT: f32 = 0.6;

/// A document to index.
#[derive(Debug, Clone)]
pub struct IndexDoc {
    /// Identifier returned in hits (e.g. an article slug).
    pub id: String,
    /// Kind of content (`article`, …), returned in hits.
    pub kind: String,
    /// Title, returned in hits and searched as a strong field.
    pub title: String,
    /// What the document answers, in a few words (its question, with synonyms): scored separately as
    /// [`Hit::focus`].
    pub focus: String,
    /// Text that says what the document is about: question, keywords, headings.
    pub strong: String,
    /// Body text.
    pub body: String,
}

/// A search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Document kind.
    pub kind: String,
    /// Document title.
    pub title: String,
    /// BM25 score (unbounded).
    pub score: f32,
    /// Share (0–1) of the query's terms found in the document, weighted by rarity; body-only matches count
    /// partly.
    pub coverage: f32,
    /// Like `coverage`, but counting only the document's title and focus: how squarely the document is
    /// about the question.
    pub focus: f32,
    /// Query terms the document does not contain.
    pub missing: Vec<String>,
}

/// An index failure (internal: the index is built from validated content).
#[derive(Debug, thiserror::Error)]
#[error("search index: {0}")]
pub struct IndexError(#[from] tantivy::TantivyError);

struct Fields {
    ord: Field,
    strong: Field,
    body: Field,
}

struct DocTerms {
    id: String,
    kind: String,
    title: String,
    focus: HashSet<String>,
    strong: HashSet<String>,
    body: HashSet<String>,
}

/// An in-memory full-text index over a set of documents.
pub struct SearchIndex {
    fields: Fields,
    reader: IndexReader,
    docs: Vec<DocTerms>,
    doc_freq: HashMap<String, usize>,
}

impl SearchIndex {
    /// Indexes `docs` in memory.
    ///
    /// # Errors
    /// A tantivy failure.
    pub fn build(docs: Vec<IndexDoc>) -> Result<SearchIndex, IndexError> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            ord: schema.add_u64_field("ord", STORED | FAST),
            strong: schema.add_text_field("strong", text.clone()),
            body: schema.add_text_field("body", text),
        };
        let _ = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ANALYZER, analyzer());
        let mut writer = index.writer_with_num_threads(1, 50_000_000)?;
        let mut terms = Vec::with_capacity(docs.len());
        let mut doc_freq: HashMap<String, usize> = HashMap::new();
        for (ord, d) in docs.into_iter().enumerate() {
            let strong_text = format!("{}\n{}\n{}", d.title, d.focus, d.strong);
            let focus: HashSet<String> = analyze(&format!("{}\n{}", d.title, d.focus)).into_iter().collect();
            writer.add_document(
                doc!(fields.ord => ord as u64, fields.strong => strong_text.clone(), fields.body => d.body.clone()),
            )?;
            let strong: HashSet<String> = analyze(&strong_text).into_iter().collect();
            let body: HashSet<String> = analyze(&d.body).into_iter().collect();
            for t in strong.union(&body) {
                *doc_freq.entry(t.clone()).or_default() += 1;
            }
            terms.push(DocTerms { id: d.id, kind: d.kind, title: d.title, focus, strong, body });
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex { fields, reader, docs: terms, doc_freq })
    }

    /// Number of indexed documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` documents for `query` by BM25, each with its coverage of the query.
    /// A query with no searchable term returns no hits.
    ///
    /// # Errors
    /// A tantivy failure.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let mut terms = analyze(query);
        let mut seen = HashSet::new();
        terms.retain(|t| seen.insert(t.clone()));
        if terms.is_empty() || self.docs.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .flat_map(|t| {
                [(self.fields.strong, STRONG_BOOST), (self.fields.body, 1.0)].map(|(field, boost)| {
                    let q = TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs);
                    (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>)
                })
            })
            .collect();
        let searcher = self.reader.searcher();
        let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(limit))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let Some(ord) = stored.get_first(self.fields.ord).and_then(|v| v.as_u64()) else { continue };
            let Some(d) = self.docs.get(ord as usize) else { continue };
            let (coverage, missing) = self.coverage(&terms, &d.strong, &d.body);
            let (focus, _) = self.coverage(&terms, &d.focus, &HashSet::new());
            hits.push(Hit {
                id: d.id.clone(),
                kind: d.kind.clone(),
                title: d.title.clone(),
                score,
                coverage,
                focus,
                missing,
            });
        }
        Ok(hits)
    }

    /// Rarity-weighted share of `terms` that `d` contains. A term no document has gets the highest weight,
    /// so questions about things the index does not know score low.
    fn coverage(&self, terms: &[String], strong: &HashSet<String>, body: &HashSet<String>) -> (f32, Vec<String>) {
        let n = self.docs.len() as f32;
        let (mut got, mut total) = (0.0f32, 0.0f32);
        let mut missing = Vec::new();
        for t in terms {
            let df = self.doc_freq.get(t).copied().unwrap_or(0) as f32;
            let idf = (1.0 + n / (1.0 + df)).ln();
            total += idf;
            if strong.contains(t) {
                got += idf;
            } else if body.contains(t) {
                got += idf * BODY_CREDIT;
            } else {
                missing.push(t.clone());
            }
        }
        (if total > 0.0 { got / total } else { 0.0 }, missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<IndexDoc> {
        let d = |id: &str, title: &str, strong: &str, body: &str| IndexDoc {
            id: id.into(),
            kind: "article".into(),
            title: title.into(),
            focus: String::new(),
            strong: strong.into(),
            body: body.into(),
        };
        vec![
            d(
                "dermatomes",
                "Dermatomes of the lower limb",
                "What are the dermatomes of the leg?",
                "L4 covers the medial leg; L5 the dorsum of the foot.",
            ),
            d(
                "reflexes",
                "Deep tendon reflexes",
                "Which roots do the reflexes test? ankle jerk knee jerk",
                "The Achilles reflex tests S1.",
            ),
        ]
    }

    #[test]
    fn finds_the_document_about_the_question_first() {
        let index = SearchIndex::build(docs()).unwrap();
        let hits = index.search("Which root is tested by the ankle jerk?", 5).unwrap();
        assert_eq!(hits[0].id, "reflexes");
        assert!(hits[0].coverage > 0.9, "{:?}", hits[0]);
    }

    #[test]
    fn unknown_words_give_low_coverage_and_query_syntax_is_harmless() {
        let index = SearchIndex::build(docs()).unwrap();
        let hits = index.search("sourdough bread recipe for the leg day \" AND (", 5).unwrap();
        assert!(hits.iter().all(|h| h.coverage < 0.5), "{hits:?}");
        assert!(index.search("the of and?", 5).unwrap().is_empty());
    }
}
