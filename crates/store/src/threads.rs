//! Conversation threads (a question and its follow-ups) and problem reports from readers.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{Store, StoreError};

/// One turn of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// 1-based position in the thread.
    pub n: i64,
    /// The question as asked.
    pub question: String,
    /// The question as the engine understood it in context.
    pub understood: String,
    /// The answer as JSON (the answer contract).
    pub answer: String,
    /// When.
    pub at: String,
}

/// A reader's report of a problem with an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ticket {
    /// Row id.
    pub id: i64,
    /// The article.
    pub slug: String,
    /// What the reader reported.
    pub message: String,
    /// How to reach them, if they said.
    pub contact: String,
    /// `open` or `closed`.
    pub status: String,
    /// When.
    pub created_at: String,
}

impl Store {
    /// Appends a turn to a thread, creating the thread on its first turn. Returns the turn's number.
    ///
    /// # Errors
    /// A database error.
    pub fn add_turn(
        &self,
        thread: &str,
        question: &str,
        understood: &str,
        answer_json: &str,
    ) -> Result<i64, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("INSERT OR IGNORE INTO threads (id) VALUES (?1)", [thread])?;
        let n: i64 =
            tx.query_row("SELECT COALESCE(MAX(n), 0) + 1 FROM turns WHERE thread_id = ?1", [thread], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO turns (thread_id, n, question, understood, answer) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![thread, n, question, understood, answer_json],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// The turns of a thread, in order; `None` when there is no such thread.
    ///
    /// # Errors
    /// A database error.
    pub fn thread(&self, thread: &str) -> Result<Option<Vec<Turn>>, StoreError> {
        let conn = self.conn();
        let exists: Option<String> =
            conn.query_row("SELECT id FROM threads WHERE id = ?1", [thread], |r| r.get(0)).optional()?;
        if exists.is_none() {
            return Ok(None);
        }
        let mut stmt =
            conn.prepare("SELECT n, question, understood, answer, at FROM turns WHERE thread_id = ?1 ORDER BY n")?;
        let rows = stmt.query_map([thread], |r| {
            Ok(Turn { n: r.get(0)?, question: r.get(1)?, understood: r.get(2)?, answer: r.get(3)?, at: r.get(4)? })
        })?;
        Ok(Some(rows.collect::<Result<_, _>>()?))
    }

    /// Deletes a conversation and all its turns. Returns false when there was no such thread.
    ///
    /// # Errors
    /// A database error (nothing is deleted then).
    pub fn delete_thread(&self, thread: &str) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM turns WHERE thread_id = ?1", [thread])?;
        let deleted = tx.execute("DELETE FROM threads WHERE id = ?1", [thread])?;
        tx.commit()?;
        Ok(deleted > 0)
    }

    /// Deletes every conversation whose last turn (or, without turns, whose start) is more than `days` days
    /// old, with its turns. Returns how many conversations were deleted.
    ///
    /// # Errors
    /// A database error (nothing is deleted then).
    pub fn purge_threads(&self, days: u32) -> Result<usize, StoreError> {
        let cutoff = format!("-{days} days");
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM turns WHERE thread_id IN (
                 SELECT thread_id FROM turns GROUP BY thread_id
                 HAVING max(at) < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1))",
            [&cutoff],
        )?;
        // A thread whose last turn is older than the cutoff started before it too.
        let n = tx.execute(
            "DELETE FROM threads WHERE created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)
                 AND NOT EXISTS (SELECT 1 FROM turns WHERE thread_id = threads.id)",
            [&cutoff],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// Files a problem report about an article.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown article, [`StoreError::Empty`] for an empty message.
    pub fn report_problem(&self, slug: &str, message: &str, contact: &str) -> Result<i64, StoreError> {
        if message.trim().is_empty() {
            return Err(StoreError::Empty("message"));
        }
        let conn = self.conn();
        let known: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM articles WHERE slug = ?1)", [slug], |r| r.get(0))?;
        if !known {
            return Err(StoreError::NotFound(slug.to_string()));
        }
        conn.execute(
            "INSERT INTO tickets (slug, message, contact) VALUES (?1, ?2, ?3)",
            params![slug, message.trim(), contact.trim()],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// Open problem reports, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub fn tickets(&self) -> Result<Vec<Ticket>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, slug, message, contact, status, created_at FROM tickets WHERE status = 'open' ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Ticket {
                id: r.get(0)?,
                slug: r.get(1)?,
                message: r.get(2)?,
                contact: r.get(3)?,
                status: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
