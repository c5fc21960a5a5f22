use std::collections::HashSet;
use std::path::Path;

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, Scorer, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::{doc, DocAddress, DocSet, Index, IndexReader, Searcher, TantivyDocument, Term, TERMINATED};

use crate::analyzer::{analyze, analyzer, ANALYZER};

/// Version of the index schema; bump when fields or analysis change so stored indexes are rebuilt.
pub const INDEX_SCHEMA_VERSION: u32 = 2;

/// Name of the file, inside a persisted index folder, that records what the index was built from.
const STAMP: &str = "vesalius-index.stamp";

/// How much a match in a strong field (question, title, keywords, headings, focus) outweighs one in the body.
const STRONG_BOOST: f32 = 2.5;
/// Extra weight of a match in the focus field (what the document is about).
const FOCUS_BOOST: f32 = 1.5;
/// Credit for a query term found only in the body, relative to one found in a strong field.
const BODY_CREDIT: f32 = 0.6;

/// A document to index.
#[derive(Debug, Clone, Default)]
pub struct IndexDoc {
    /// Identifier returned in hits (an article slug, a QA pair id).
    pub id: String,
    /// Kind of content (`article`, `qa`, …), returned in hits and usable as a filter.
    pub kind: String,
    /// Title, returned in hits and searched as a strong field.
    pub title: String,
    /// What the document answers, in a few words (its question or focus, with synonyms): scored
    /// separately as [`Hit::focus`].
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
    /// Like `coverage`, counting only the title and focus: how squarely the document is about the query.
    pub focus: f32,
    /// Query terms the document does not contain.
    pub missing: Vec<String>,
}

/// An index failure.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A tantivy failure.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index folder could not be prepared.
    #[error("search index folder {path}: {message}")]
    Folder {
        /// The folder.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    focus: Field,
    strong: Field,
    body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        title: b.add_text_field("title", STORED),
        focus: b.add_text_field("focus", text.clone()),
        strong: b.add_text_field("strong", text.clone()),
        body: b.add_text_field("body", text),
    };
    (b.build(), fields)
}

/// A full-text index, in memory or in a folder.
pub struct SearchIndex {
    fields: Fields,
    reader: IndexReader,
    docs: u64,
}

impl SearchIndex {
    /// Indexes `docs` in memory.
    ///
    /// # Errors
    /// A tantivy failure.
    pub fn build(docs: impl IntoIterator<Item = IndexDoc>) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema();
        Self::fill(Index::create_in_ram(schema), fields, docs)
    }

    /// Opens the index persisted under `dir` for content generation `generation` and this schema version, or
    /// builds it there from `docs()`. Returns the index and whether it was built.
    ///
    /// Each generation has its own folder, built under a temporary name and renamed into place, so that
    /// several processes on one database (two servers, or a server and an ingest) never write into a folder
    /// another is reading: whoever finishes first wins and the others open its folder. Folders of other
    /// generations are removed; a process still reading one keeps its open files (they are unlinked, not
    /// overwritten, and readers here never reload).
    ///
    /// # Errors
    /// The folder cannot be prepared, or a tantivy failure.
    pub fn open_or_build<I: IntoIterator<Item = IndexDoc>>(
        dir: &Path,
        generation: i64,
        docs: impl FnOnce() -> I,
    ) -> Result<(SearchIndex, bool), IndexError> {
        let stamp = format!("schema {INDEX_SCHEMA_VERSION} generation {generation}");
        let folder_err = |e: std::io::Error| IndexError::Folder { path: dir.to_path_buf(), message: e.to_string() };
        // An index of the old layout (files directly in `dir`) is replaced as a whole.
        if dir.join(STAMP).exists() {
            std::fs::remove_dir_all(dir).map_err(folder_err)?;
        }
        std::fs::create_dir_all(dir).map_err(folder_err)?;
        let name = format!("s{INDEX_SCHEMA_VERSION}-g{generation}");
        let target = dir.join(&name);
        if let Some(index) = Self::open_stamped(&target, &stamp) {
            prune(dir, &name);
            return Ok((index, false));
        }
        let tmp = dir.join(format!(".build-{}-{}", std::process::id(), unique()));
        std::fs::create_dir_all(&tmp).map_err(folder_err)?;
        let (definition, fields) = schema();
        let index = Index::create_in_dir(&tmp, definition)?;
        drop(Self::fill(index, fields, docs())?);
        std::fs::write(tmp.join(STAMP), &stamp).map_err(folder_err)?;
        let built = if target.exists() && Self::open_stamped(&target, &stamp).is_some() {
            // Another process finished first: use its folder, drop ours.
            let _ = std::fs::remove_dir_all(&tmp);
            false
        } else {
            if target.exists() {
                std::fs::remove_dir_all(&target).map_err(folder_err)?;
            }
            match std::fs::rename(&tmp, &target) {
                Ok(()) => true,
                Err(_) if Self::open_stamped(&target, &stamp).is_some() => {
                    let _ = std::fs::remove_dir_all(&tmp);
                    false
                }
                Err(e) => return Err(folder_err(e)),
            }
        };
        let index = Self::open_stamped(&target, &stamp).ok_or_else(|| IndexError::Folder {
            path: target.clone(),
            message: "the index just built cannot be opened".into(),
        })?;
        prune(dir, &name);
        Ok((index, built))
    }

    /// The index in `dir` when its stamp is `stamp`.
    fn open_stamped(dir: &Path, stamp: &str) -> Option<SearchIndex> {
        if !std::fs::read_to_string(dir.join(STAMP)).is_ok_and(|s| s == stamp) {
            return None;
        }
        let index = Index::open(MmapDirectory::open(dir).ok()?).ok()?;
        let (_, fields) = schema();
        index.tokenizers().register(ANALYZER, analyzer());
        let reader = manual_reader(&index).ok()?;
        let docs = reader.searcher().num_docs();
        Some(SearchIndex { fields, reader, docs })
    }

    fn fill(index: Index, fields: Fields, docs: impl IntoIterator<Item = IndexDoc>) -> Result<SearchIndex, IndexError> {
        index.tokenizers().register(ANALYZER, analyzer());
        let mut writer = index.writer_with_num_threads(1, 100_000_000)?;
        for d in docs {
            writer.add_document(doc!(
                fields.id => d.id,
                fields.kind => d.kind,
                fields.title => d.title.clone(),
                fields.focus => format!("{}\n{}", d.title, d.focus),
                fields.strong => format!("{}\n{}\n{}", d.title, d.focus, d.strong),
                fields.body => d.body,
            ))?;
        }
        writer.commit()?;
        let reader = manual_reader(&index)?;
        let docs = reader.searcher().num_docs();
        Ok(SearchIndex { fields, reader, docs })
    }

    /// Number of indexed documents.
    pub fn len(&self) -> usize {
        self.docs as usize
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// True when some indexed document contains `word` (after analysis: stemmed, lowercased) in any field.
    ///
    /// # Errors
    /// A tantivy failure.
    pub fn knows(&self, word: &str) -> Result<bool, IndexError> {
        let searcher = self.reader.searcher();
        for t in analyze(word) {
            for field in [self.fields.strong, self.fields.body] {
                if searcher.doc_freq(&Term::from_field_text(field, &t))? > 0 {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The best `limit` documents for `query` by BM25 (only of `kind`, when given), each with its coverage
    /// of the query. A query with no searchable term returns no hits.
    ///
    /// # Errors
    /// A tantivy failure.
    pub fn search(&self, query: &str, limit: usize, kind: Option<&str>) -> Result<Vec<Hit>, IndexError> {
        let Some((terms, query)) = self.query(query, kind) else { return Ok(Vec::new()) };
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit))?;
        self.hits(&searcher, &terms, kind, top)
    }

    /// The documents with these ids (of `kind`, when given) scored for `query` as [`search`](Self::search)
    /// would score them (BM25 0 when they match none of its terms), in the order given; unknown ids are left
    /// out. For candidates found another way (by meaning), so they are ranked on the same features.
    ///
    /// # Errors
    /// A tantivy failure.
    pub fn score_ids(&self, query: &str, ids: &[&str], kind: Option<&str>) -> Result<Vec<Hit>, IndexError> {
        let Some((terms, query)) = self.query(query, kind) else { return Ok(Vec::new()) };
        let searcher = self.reader.searcher();
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let by_id = TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
            let Some((_, address)) = searcher.search(&by_id, &TopDocs::with_limit(1))?.into_iter().next() else {
                continue;
            };
            // A document that matches no term (or is of another kind) is not reached by the scorer: BM25 0.
            let mut scorer = weight.scorer(searcher.segment_reader(address.segment_ord), 1.0)?;
            let reached = scorer.doc() <= address.doc_id && scorer.seek(address.doc_id) == address.doc_id;
            found.push((if reached { scorer.score() } else { 0.0 }, address));
        }
        self.hits(&searcher, &terms, kind, found)
    }

    /// The analysed terms of `query` and the BM25 query over them (restricted to `kind`), or None when
    /// nothing in it is searchable.
    fn query(&self, query: &str, kind: Option<&str>) -> Option<(Vec<String>, Box<dyn Query>)> {
        let mut terms = analyze(query);
        let mut seen = HashSet::new();
        terms.retain(|t| seen.insert(t.clone()));
        if terms.is_empty() || self.docs == 0 {
            return None;
        }
        let f = self.fields;
        let should: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .flat_map(|t| {
                [(f.focus, FOCUS_BOOST), (f.strong, STRONG_BOOST), (f.body, 1.0)].map(|(field, boost)| {
                    let q = TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs);
                    (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>)
                })
            })
            .collect();
        let mut query: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        if let Some(kind) = kind {
            // A required clause with zero weight filters without changing scores.
            let filter = TermQuery::new(Term::from_field_text(f.kind, kind), IndexRecordOption::Basic);
            let filter: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(filter), 0.0));
            query = Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, filter)]));
        }
        Some((terms, query))
    }

    /// Hits for scored documents, with their coverage of `terms`.
    fn hits(
        &self,
        searcher: &Searcher,
        terms: &[String],
        kind: Option<&str>,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>, IndexError> {
        let f = self.fields;
        let addresses: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
        let weights = self.weights(searcher, terms, kind)?;
        let focus = self.contains(searcher, f.focus, terms, &addresses)?;
        let strong = self.contains(searcher, f.strong, terms, &addresses)?;
        let body = self.contains(searcher, f.body, terms, &addresses)?;
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            let stored: TantivyDocument = searcher.doc(address)?;
            let text = |field| stored.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            if kind.is_some_and(|k| text(f.kind) != k) {
                continue;
            }
            let (mut got, mut got_focus, mut total) = (0.0f32, 0.0f32, 0.0f32);
            let mut missing = Vec::new();
            for (j, t) in terms.iter().enumerate() {
                total += weights[j];
                if focus[i][j] {
                    got_focus += weights[j];
                }
                if strong[i][j] {
                    got += weights[j];
                } else if body[i][j] {
                    got += weights[j] * BODY_CREDIT;
                } else {
                    missing.push(t.clone());
                }
            }
            let share = |x: f32| if total > 0.0 { x / total } else { 0.0 };
            hits.push(Hit {
                id: text(f.id),
                kind: text(f.kind),
                title: text(f.title),
                score,
                coverage: share(got),
                focus: share(got_focus),
                missing,
            });
        }
        Ok(hits)
    }

    /// Rarity weight of each term: ln(1 + N / (1 + df)), with df the larger of its strong and body document
    /// frequencies, both counted among documents of `kind` when one is given (so ingesting Q&A pairs does not
    /// change how rare a word is among articles). A term no document has gets the highest weight, so unknown
    /// topics score low.
    fn weights(&self, searcher: &Searcher, terms: &[String], kind: Option<&str>) -> Result<Vec<f32>, IndexError> {
        let f = self.fields;
        let kind_query = kind.map(|k| TermQuery::new(Term::from_field_text(f.kind, k), IndexRecordOption::Basic));
        let n = match &kind_query {
            Some(q) => searcher.search(q, &Count)? as f32,
            None => self.docs as f32,
        };
        let df = |field: Field, t: &str| -> Result<u64, IndexError> {
            let term = Term::from_field_text(field, t);
            match &kind_query {
                None => Ok(searcher.doc_freq(&term)?),
                Some(k) => {
                    let both = BooleanQuery::new(vec![
                        (Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>),
                        (Occur::Must, Box::new(k.clone()) as Box<dyn Query>),
                    ]);
                    Ok(searcher.search(&both, &Count)? as u64)
                }
            }
        };
        terms
            .iter()
            .map(|t| {
                let d = df(f.strong, t)?.max(df(f.body, t)?);
                Ok((1.0 + n / (1.0 + d as f32)).ln())
            })
            .collect()
    }

    /// For each address and term: does the document contain the term in `field`? Read from the postings,
    /// so nothing is re-analysed.
    fn contains(
        &self,
        searcher: &Searcher,
        field: Field,
        terms: &[String],
        addresses: &[DocAddress],
    ) -> Result<Vec<Vec<bool>>, IndexError> {
        let mut out = vec![vec![false; terms.len()]; addresses.len()];
        let mut order: Vec<usize> = (0..addresses.len()).collect();
        order.sort_by_key(|&i| (addresses[i].segment_ord, addresses[i].doc_id));
        for (j, t) in terms.iter().enumerate() {
            let term = Term::from_field_text(field, t);
            let mut current: Option<(u32, Option<tantivy::postings::SegmentPostings>)> = None;
            for &i in &order {
                let a = addresses[i];
                if current.as_ref().map(|c| c.0) != Some(a.segment_ord) {
                    let segment = searcher.segment_reader(a.segment_ord);
                    let postings = segment
                        .inverted_index(field)?
                        .read_postings(&term, IndexRecordOption::Basic)
                        .map_err(tantivy::TantivyError::from)?;
                    current = Some((a.segment_ord, postings));
                }
                if let Some((_, Some(p))) = current.as_mut() {
                    if p.doc() != TERMINATED && p.doc() <= a.doc_id && p.seek(a.doc_id) == a.doc_id {
                        out[i][j] = true;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A reader that never reloads: a persisted index is never written after it is built.
fn manual_reader(index: &Index) -> tantivy::Result<IndexReader> {
    index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()
}

/// A number unique within this process, for temporary folder names.
fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Removes the index folders under `dir` other than `keep` (best effort: a folder being built by another
/// process, `.build-*`, is left alone unless it is over an hour old).
fn prune(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale_build = name.starts_with(".build-")
            && e.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|d| d.as_secs() > 3600));
        if name != keep && (name.starts_with('s') && name.contains("-g") || stale_build) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<IndexDoc> {
        let d = |id: &str, kind: &str, title: &str, strong: &str, body: &str| IndexDoc {
            id: id.into(),
            kind: kind.into(),
            title: title.into(),
            focus: String::new(),
            strong: strong.into(),
            body: body.into(),
        };
        vec![
            d(
                "dermatomes",
                "article",
                "Dermatomes of the lower limb",
                "What are the dermatomes of the leg?",
                "L4 covers the medial leg; L5 the dorsum of the foot.",
            ),
            d(
                "reflexes",
                "article",
                "Deep tendon reflexes",
                "Which roots do the reflexes test? ankle jerk knee jerk",
                "The Achilles reflex tests S1.",
            ),
            d(
                "GARD_1_Sec1",
                "qa",
                "Shingles",
                "Is shingles contagious?",
                "The virus can spread to a baby who never had chickenpox.",
            ),
        ]
    }

    #[test]
    fn finds_the_document_about_the_question_first() {
        let index = SearchIndex::build(docs()).unwrap();
        let hits = index.search("Which root is tested by the ankle jerk?", 5, None).unwrap();
        assert_eq!(hits[0].id, "reflexes");
        assert!(hits[0].coverage > 0.9, "{:?}", hits[0]);
    }

    #[test]
    fn filters_by_kind_and_reports_body_only_matches_as_partial() {
        let index = SearchIndex::build(docs()).unwrap();
        let hits = index.search("baby chickenpox", 5, Some("qa")).unwrap();
        assert_eq!(hits.len(), 1);
        assert!((hits[0].coverage - BODY_CREDIT).abs() < 1e-4, "{:?}", hits[0]);
        assert!(index.search("baby chickenpox", 5, Some("article")).unwrap().is_empty());
    }

    #[test]
    fn scoring_given_ids_matches_search_and_skips_the_unknown() {
        let index = SearchIndex::build(docs()).unwrap();
        let q = "ankle jerk reflex roots";
        let searched = index.search(q, 10, Some("article")).unwrap();
        let ids: Vec<&str> = searched.iter().map(|h| h.id.as_str()).rev().collect();
        let mut given = index.score_ids(q, &[&["nowhere"], ids.as_slice()].concat(), Some("article")).unwrap();
        given.reverse();
        assert_eq!(given.len(), searched.len());
        for (a, b) in given.iter().zip(&searched) {
            assert_eq!((&a.id, a.coverage, a.focus), (&b.id, b.coverage, b.focus));
            assert!((a.score - b.score).abs() < 1e-4, "{a:?} {b:?}");
        }
        let other = index.score_ids(q, &["dermatomes"], Some("article")).unwrap();
        assert_eq!(other.len(), 1, "a document matching no term is still scored");
        assert!(index.score_ids(q, &["dermatomes"], Some("qa")).unwrap().is_empty(), "of another kind");
    }

    #[test]
    fn unknown_words_give_low_coverage_and_query_syntax_is_harmless() {
        let index = SearchIndex::build(docs()).unwrap();
        let hits = index.search("sourdough bread recipe for the leg day \" AND (", 5, None).unwrap();
        assert!(hits.iter().all(|h| h.coverage < 0.5), "{hits:?}");
        assert!(index.search("the of and?", 5, None).unwrap().is_empty());
    }

    #[test]
    fn a_persisted_index_is_reused_at_the_same_generation_and_rebuilt_at_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let (_, built) = SearchIndex::open_or_build(&path, 1, docs).unwrap();
        assert!(built);
        let (again, built) = SearchIndex::open_or_build(&path, 1, Vec::new).unwrap();
        assert!(!built);
        assert_eq!(again.len(), 3);
        assert_eq!(again.search("ankle jerk", 1, None).unwrap()[0].id, "reflexes");
        let (newer, built) = SearchIndex::open_or_build(&path, 2, || docs().into_iter().take(1)).unwrap();
        assert!(built);
        assert_eq!(newer.len(), 1);
        // The reader of generation 1 keeps working after its folder is replaced.
        assert_eq!(again.search("ankle jerk", 1, None).unwrap()[0].id, "reflexes");
        let folders: Vec<String> =
            std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(folders.len(), 1, "older generations are removed: {folders:?}");
    }

    #[test]
    fn processes_building_one_generation_at_once_end_with_one_good_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let built: Vec<(usize, bool)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        let (index, built) = SearchIndex::open_or_build(&path, 7, docs).unwrap();
                        (index.len(), built)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(built.iter().all(|(n, _)| *n == 3), "{built:?}");
        assert!(built.iter().any(|(_, b)| *b), "one of them built it");
        let (again, rebuilt) = SearchIndex::open_or_build(&path, 7, Vec::new).unwrap();
        assert!(!rebuilt);
        assert_eq!(again.len(), 3);
    }
}
