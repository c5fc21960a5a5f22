//! Trusted Q&A collections in the store, and answer drafts awaiting review.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use vesalius_core::QaDocument;

use crate::{Store, StoreError};

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Documents read.
    pub documents: usize,
    /// QA pairs read.
    pub pairs: usize,
    /// Pairs that carry an answer.
    pub with_answers: usize,
    /// Pairs new or changed in the store.
    pub changed: usize,
}

/// A QA pair with what the answer engine needs of its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredPair {
    /// Judged-answer style id, e.g. `GARD_0000123_Sec2`.
    pub pair_id: String,
    /// Source name as in the data.
    pub source: String,
    /// The source page.
    pub url: Option<String>,
    /// The document's focus.
    pub focus: String,
    /// Other names of the focus.
    pub synonyms: Vec<String>,
    /// UMLS semantic group of the focus.
    pub semantic_group: Option<String>,
    /// Question type.
    pub qtype: String,
    /// The question.
    pub question: String,
    /// The answer, when the collection has it.
    pub answer: Option<String>,
}

/// What [`Store::save_draft`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftSaved {
    /// A new draft was stored.
    New,
    /// The question already had a draft; its count went up.
    Repeat,
    /// The queue of pending drafts is full; nothing was stored.
    QueueFull,
}

/// A composed answer kept for editors to review and promote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// Row id.
    pub id: i64,
    /// The question as first asked.
    pub question: String,
    /// The answer as JSON (the answer contract).
    pub answer: String,
    /// When it was first stored.
    pub created_at: String,
    /// How many times the question was asked.
    pub asked: i64,
    /// The article it was promoted to, if it was.
    pub promoted_to: Option<String>,
}

pub(crate) fn bump_generation(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'", [])?;
    Ok(())
}

fn pair_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredPair> {
    let synonyms: String = r.get(4)?;
    Ok(StoredPair {
        pair_id: r.get(0)?,
        source: r.get(1)?,
        url: r.get(2)?,
        focus: r.get(3)?,
        synonyms: serde_json::from_str(&synonyms).unwrap_or_default(),
        semantic_group: r.get(5)?,
        qtype: r.get(6)?,
        question: r.get(7)?,
        answer: r.get(8)?,
    })
}

const PAIR_COLUMNS: &str =
    "p.pair_id, d.source, d.url, d.focus, d.synonyms, d.semantic_group, p.qtype, p.question, p.answer";

impl Store {
    /// Stores documents and their pairs in one transaction: new ones are added, changed ones updated, the
    /// rest left alone, so running it twice changes nothing.
    ///
    /// # Errors
    /// A database error; then nothing of this ingest is stored.
    pub fn ingest_qa(&self, documents: &[QaDocument]) -> Result<IngestReport, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut report = IngestReport::default();
        {
            let mut upsert_doc = tx.prepare(
                "INSERT INTO qa_documents (source, doc_id, url, focus, cuis, semantic_types, semantic_group, synonyms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (source, doc_id) DO UPDATE SET url = excluded.url, focus = excluded.focus, cuis = excluded.cuis,
                   semantic_types = excluded.semantic_types, semantic_group = excluded.semantic_group, synonyms = excluded.synonyms
                 RETURNING id",
            )?;
            let mut upsert_pair = tx.prepare(
                "INSERT INTO qa_pairs (pair_id, document, position, pid, qid, qtype, question, answer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (pair_id) DO UPDATE SET pid = excluded.pid, qid = excluded.qid, qtype = excluded.qtype,
                   question = excluded.question, answer = excluded.answer
                 WHERE (qa_pairs.pid, qa_pairs.qid, qa_pairs.qtype, qa_pairs.question, qa_pairs.answer)
                   IS NOT (excluded.pid, excluded.qid, excluded.qtype, excluded.question, excluded.answer)",
            )?;
            for d in documents {
                let doc: i64 = upsert_doc.query_row(
                    params![
                        d.source,
                        d.doc_id,
                        d.url,
                        d.focus,
                        serde_json::to_string(&d.cuis)?,
                        serde_json::to_string(&d.semantic_types)?,
                        d.semantic_group,
                        serde_json::to_string(&d.synonyms)?
                    ],
                    |r| r.get(0),
                )?;
                report.documents += 1;
                for p in &d.pairs {
                    report.pairs += 1;
                    report.with_answers += usize::from(p.answer.is_some());
                    report.changed += upsert_pair.execute(params![
                        d.pair_id(p.position),
                        doc,
                        p.position,
                        p.pid,
                        p.qid,
                        p.qtype,
                        p.question,
                        p.answer
                    ])?;
                }
            }
        }
        if report.changed > 0 {
            bump_generation(&tx)?;
        }
        tx.commit()?;
        Ok(report)
    }

    /// A counter that grows whenever searchable content changes (articles synced, Q&A ingested); a
    /// persisted search index built at one generation is stale at another.
    ///
    /// # Errors
    /// A database error.
    pub fn generation(&self) -> Result<i64, StoreError> {
        Ok(self.conn().query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get(0))?)
    }

    /// Number of stored QA pairs.
    ///
    /// # Errors
    /// A database error.
    pub fn qa_count(&self) -> Result<usize, StoreError> {
        Ok(self.conn().query_row("SELECT COUNT(*) FROM qa_pairs", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Calls `f` with every stored pair, in id order.
    ///
    /// # Errors
    /// A database error, or the first error `f` returns.
    pub fn for_each_pair<E: From<StoreError>>(&self, mut f: impl FnMut(StoredPair) -> Result<(), E>) -> Result<(), E> {
        let conn = self.conn();
        let sql =
            format!("SELECT {PAIR_COLUMNS} FROM qa_pairs p JOIN qa_documents d ON d.id = p.document ORDER BY p.rowid");
        let mut stmt = conn.prepare(&sql).map_err(StoreError::from)?;
        let rows = stmt.query_map([], pair_from_row).map_err(StoreError::from)?;
        for row in rows {
            f(row.map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// Calls `f` with every stored pair's id, focus and question (without its answer), in id order.
    ///
    /// # Errors
    /// A database error.
    pub fn for_each_question(&self, mut f: impl FnMut(&str, &str, &str)) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT p.pair_id, d.focus, p.question FROM qa_pairs p JOIN qa_documents d ON d.id = p.document ORDER BY p.rowid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?);
        }
        Ok(())
    }

    /// Every document focus with its synonyms (for recognising what questions are about).
    ///
    /// # Errors
    /// A database error.
    pub fn qa_foci(&self) -> Result<Vec<(String, Vec<String>)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT focus, synonyms FROM qa_documents")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (focus, synonyms) = row?;
            out.push((focus, serde_json::from_str(&synonyms)?));
        }
        Ok(out)
    }

    /// One pair by its id.
    ///
    /// # Errors
    /// A database error.
    pub fn qa_pair(&self, pair_id: &str) -> Result<Option<StoredPair>, StoreError> {
        pair_by_id(&self.conn(), pair_id)
    }

    /// Keeps a composed answer as a draft for review. The same question (compared by `key`) asked again
    /// makes no second draft; it counts the repeat. A new draft is stored only while fewer than
    /// `max_pending` drafts await review (not yet promoted).
    ///
    /// # Errors
    /// A database error.
    pub fn save_draft(
        &self,
        key: &str,
        question: &str,
        answer_json: &str,
        max_pending: usize,
    ) -> Result<DraftSaved, StoreError> {
        let conn = self.conn();
        if conn.execute("UPDATE drafts SET asked = asked + 1 WHERE question_key = ?1", [key])? > 0 {
            return Ok(DraftSaved::Repeat);
        }
        let pending: i64 = conn.query_row("SELECT COUNT(*) FROM drafts WHERE promoted_to IS NULL", [], |r| r.get(0))?;
        if usize::try_from(pending).unwrap_or(usize::MAX) >= max_pending {
            return Ok(DraftSaved::QueueFull);
        }
        conn.execute(
            "INSERT INTO drafts (question_key, question, answer) VALUES (?1, ?2, ?3)",
            params![key, question, answer_json],
        )?;
        Ok(DraftSaved::New)
    }

    /// Counts a repeat of the question with this `key` when it already has a draft; stores nothing new.
    /// Returns true when there was such a draft.
    ///
    /// # Errors
    /// A database error.
    pub fn count_draft_repeat(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self.conn().execute("UPDATE drafts SET asked = asked + 1 WHERE question_key = ?1", [key])? > 0)
    }

    /// Number of drafts awaiting review (not yet promoted).
    ///
    /// # Errors
    /// A database error.
    pub fn pending_drafts(&self) -> Result<usize, StoreError> {
        let n: i64 =
            self.conn().query_row("SELECT COUNT(*) FROM drafts WHERE promoted_to IS NULL", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Drafts awaiting review, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT id, question, answer, created_at, asked, promoted_to FROM drafts ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Draft {
                id: r.get(0)?,
                question: r.get(1)?,
                answer: r.get(2)?,
                created_at: r.get(3)?,
                asked: r.get(4)?,
                promoted_to: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn pair_by_id(conn: &Connection, pair_id: &str) -> Result<Option<StoredPair>, StoreError> {
    let sql =
        format!("SELECT {PAIR_COLUMNS} FROM qa_pairs p JOIN qa_documents d ON d.id = p.document WHERE p.pair_id = ?1");
    Ok(conn.query_row(&sql, [pair_id], pair_from_row).optional()?)
}

impl Store {
    /// Turns a draft into a new article (version 1, Submitted, written by `author`) in one transaction, and
    /// marks the draft as promoted.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown draft, [`StoreError::SlugTaken`] when the slug exists, or a
    /// database error.
    pub fn promote_draft(
        &self,
        draft: i64,
        article: &vesalius_core::Article,
        references: &[vesalius_core::Reference],
        author: &str,
    ) -> Result<(), StoreError> {
        let slug = article.slug.as_str();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let found: Option<i64> =
            tx.query_row("SELECT id FROM drafts WHERE id = ?1", [draft], |r| r.get(0)).optional()?;
        if found.is_none() {
            return Err(StoreError::NotFound(format!("draft {draft}")));
        }
        let taken: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM articles WHERE slug = ?1)", [slug], |r| r.get(0))?;
        if taken {
            return Err(StoreError::SlugTaken { slug: slug.to_string(), kind: "article".into() });
        }
        tx.execute("INSERT INTO articles (slug, kind) VALUES (?1, 'article')", [slug])?;
        let document = serde_json::to_string(&(article, references))?;
        crate::store::insert_version(
            &tx,
            slug,
            1,
            &document,
            "draft",
            Some(author),
            &format!("promoted from draft {draft}"),
        )?;
        tx.execute("UPDATE drafts SET promoted_to = ?1 WHERE id = ?2", params![slug, draft])?;
        bump_generation(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
