//! Meaning beyond shared words: every stored MedQuAD question is embedded (all-MiniLM-L6-v2, in-process)
//! at ingest, the vectors kept in the store under a hash of model and text so a re-ingest embeds only what
//! changed, and searched at answer time by an exact in-memory [`VectorIndex`]. Without the model nothing
//! here runs and answers are lexical only.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use vesalius_embed::Embedder;
use vesalius_index::VectorIndex;
use vesalius_store::{Store, VectorKey};

use crate::qa::tidy_question;
use crate::AnswerError;

/// Texts embedded and stored per transaction (a kill loses at most one batch of work).
const BATCH: usize = 256;

/// The key a text's embedding is stored under: SHA-256 of the model's name and the text.
pub fn vector_key(text: &str) -> VectorKey {
    let mut h = Sha256::new();
    h.update(vesalius_embed::MODEL_NAME.as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    h.finalize().into()
}

/// The text of a MedQuAD pair that is embedded: its question as readers see it.
pub(crate) fn pair_text(question: &str) -> String {
    tidy_question(question)
}

/// What [`embed_store`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmbedReport {
    /// Distinct texts that need an embedding.
    pub texts: usize,
    /// Of those, embedded now (the rest were stored already).
    pub embedded: usize,
    /// Stored embeddings of texts no longer in the store, deleted.
    pub removed: usize,
}

/// Embeds every stored MedQuAD question that has no stored embedding, in batches each stored in one
/// transaction, calling `progress(done, to_do)` after each; then deletes embeddings no text needs.
///
/// # Errors
/// A store failure (what was stored before it stays), or the embedder refusing a text.
pub fn embed_store(
    store: &Store,
    embedder: &Embedder,
    mut progress: impl FnMut(usize, usize),
) -> Result<EmbedReport, AnswerError> {
    let mut texts: HashMap<VectorKey, String> = HashMap::new();
    store.for_each_question(|_, _, question| {
        let t = pair_text(question);
        texts.entry(vector_key(&t)).or_insert(t);
    })?;
    let stored = store.vector_keys()?;
    let mut todo: Vec<(&VectorKey, &String)> = texts.iter().filter(|(k, _)| !stored.contains(*k)).collect();
    todo.sort_by(|a, b| a.1.cmp(b.1));
    progress(0, todo.len());
    for (done, batch) in todo.chunks(BATCH).enumerate() {
        let refs: Vec<&str> = batch.iter().map(|(_, t)| t.as_str()).collect();
        let vectors = embedder.embed(&refs).map_err(|e| AnswerError::Embed(e.to_string()))?;
        let rows: Vec<(VectorKey, Vec<f32>)> = batch.iter().map(|(k, _)| **k).zip(vectors).collect();
        store.put_vectors(&rows)?;
        progress((done * BATCH + batch.len()).min(todo.len()), todo.len());
    }
    let keep: HashSet<VectorKey> = texts.keys().copied().collect();
    let removed = store.retain_vectors(&keep)?;
    Ok(EmbedReport { texts: texts.len(), embedded: todo.len(), removed })
}

/// The semantic side of the engine: the embedder and the stored questions' vectors.
pub(crate) struct Semantic {
    pub embedder: Arc<Embedder>,
    pub pairs: VectorIndex,
    /// Stored pairs whose question has no stored embedding (not searched by meaning).
    pub missing: usize,
}

impl Semantic {
    /// Loads the vectors of every stored pair's question.
    pub fn load(store: &Store, embedder: Arc<Embedder>) -> Result<Semantic, AnswerError> {
        let mut wanted: HashMap<VectorKey, Vec<String>> = HashMap::new();
        store.for_each_question(|pair_id, _, question| {
            wanted.entry(vector_key(&pair_text(question))).or_default().push(pair_id.to_string());
        })?;
        let total: usize = wanted.values().map(Vec::len).sum();
        let mut pairs = VectorIndex::new(embedder.dim());
        store.for_each_vector(|key, v| {
            for id in wanted.get(&key).into_iter().flatten() {
                pairs.insert(id, &v);
            }
        })?;
        let missing = total - pairs.len();
        Ok(Semantic { embedder, pairs, missing })
    }

    /// Embeds the texts (question parts) to search with.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, AnswerError> {
        self.embedder.embed(texts).map_err(|e| AnswerError::Embed(e.to_string()))
    }
}
