use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use vesalius_core::{Decision, ReviewStage, Role};

use crate::store::{parse_stage, stage_of};
use crate::{Store, StoreError};

/// A review-log entry that does not change the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// Assign the article to a reviewer (the text is the reviewer's name).
    Assign,
    /// A comment, optionally anchored to a section.
    Comment,
}

impl Note {
    /// The decision name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Note::Assign => "assign",
            Note::Comment => "comment",
        }
    }
}

/// One entry of the append-only review log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewEvent {
    /// Article version the event applies to.
    pub version: i64,
    /// `submit`, `start-review`, `approve` or `request-changes`.
    pub decision: String,
    /// Stage before (none for the first event of a version).
    pub from: Option<ReviewStage>,
    /// Stage after.
    pub to: ReviewStage,
    /// Who acted.
    pub actor: String,
    /// In which role.
    pub role: String,
    /// Their comment (for an assignment, the assignee).
    pub comment: String,
    /// The section heading a comment is anchored to.
    pub anchor: Option<String>,
    /// When (UTC, ISO 8601).
    pub at: String,
}

/// Someone registered in this instance through the review workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Their name as given.
    pub name: String,
    /// Their role.
    pub role: String,
    /// Their credentials, when they have an account.
    pub credentials: String,
    /// Their specialty, when they have an account.
    pub specialty: String,
    /// When they registered or first acted.
    pub since: String,
}

impl Store {
    /// Takes a review step on the latest version of an article and records it in the audit log, in one
    /// transaction. The actor is registered in the role they acted in.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Empty`] for a blank actor, [`StoreError::Transition`] for a
    /// step the workflow forbids (e.g. approving something not under review), or a database error.
    pub fn review(
        &self,
        slug: &str,
        decision: Decision,
        actor: &str,
        role: Role,
        comment: &str,
    ) -> Result<ReviewEvent, StoreError> {
        let actor = actor.trim();
        if actor.is_empty() {
            return Err(StoreError::Empty("actor"));
        }
        if role == Role::System {
            return Err(StoreError::Transition {
                slug: slug.into(),
                source: vesalius_core::TransitionError::Role { decision, role },
            });
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let latest: Option<(i64, i64)> = tx
            .query_row(
                "SELECT id, version FROM article_versions WHERE slug = ?1 ORDER BY version DESC LIMIT 1",
                [slug],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((version_id, version)) = latest else { return Err(StoreError::NotFound(slug.to_string())) };
        let (from, _) = stage_of(&tx, version_id)?;
        let to =
            from.apply(decision, role).map_err(|source| StoreError::Transition { slug: slug.to_string(), source })?;
        if decision == Decision::Approve {
            // Four eyes: nobody approves a version they wrote.
            let author: Option<String> =
                tx.query_row("SELECT author FROM article_versions WHERE id = ?1", [version_id], |r| r.get(0))?;
            if author.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(actor)) {
                return Err(StoreError::OwnEdit { slug: slug.to_string(), actor: actor.to_string() });
            }
        }
        tx.execute(
            "INSERT INTO review_events (version_id, decision, from_stage, to_stage, actor, role, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![version_id, decision.as_str(), from.as_str(), to.as_str(), actor, role.as_str(), comment.trim()],
        )?;
        tx.execute("INSERT OR IGNORE INTO people (name, role) VALUES (?1, ?2)", params![actor, role.as_str()])?;
        let at: String =
            tx.query_row("SELECT at FROM review_events WHERE id = last_insert_rowid()", [], |r| r.get(0))?;
        if to != from {
            // What is published (and so searchable) may have changed: engines refresh on a new generation.
            crate::qa::bump_generation(&tx)?;
        }
        tx.commit()?;
        Ok(ReviewEvent {
            version,
            decision: decision.as_str().into(),
            from: Some(from),
            to,
            actor: actor.into(),
            role: role.as_str().into(),
            comment: comment.trim().into(),
            anchor: None,
            at,
        })
    }

    /// Records a note in the review log without changing the stage: an assignment (`decision` = `assign`,
    /// `comment` = the assignee) or a comment, optionally anchored to a section heading.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Empty`] for a blank actor or comment, or a database error.
    pub fn note(
        &self,
        slug: &str,
        kind: Note,
        actor: &str,
        role: Role,
        text: &str,
        anchor: Option<&str>,
    ) -> Result<(), StoreError> {
        let (actor, text) = (actor.trim(), text.trim());
        if actor.is_empty() {
            return Err(StoreError::Empty("actor"));
        }
        if text.is_empty() {
            return Err(StoreError::Empty(if kind == Note::Assign { "assignee" } else { "comment" }));
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id: Option<i64> = tx
            .query_row("SELECT id FROM article_versions WHERE slug = ?1 ORDER BY version DESC LIMIT 1", [slug], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(version_id) = id else { return Err(StoreError::NotFound(slug.to_string())) };
        let (stage, _) = stage_of(&tx, version_id)?;
        tx.execute(
            "INSERT INTO review_events (version_id, decision, from_stage, to_stage, actor, role, comment, anchor)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
            params![
                version_id,
                kind.as_str(),
                stage.as_str(),
                actor,
                role.as_str(),
                text,
                anchor.filter(|a| !a.is_empty())
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The review log of an article, all versions, oldest first.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown slug, or a database error.
    pub fn history(&self, slug: &str) -> Result<Vec<ReviewEvent>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT v.version, e.decision, e.from_stage, e.to_stage, e.actor, e.role, e.comment, e.at, e.anchor
             FROM review_events e JOIN article_versions v ON v.id = e.version_id WHERE v.slug = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([slug], |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?),
                (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ((version, decision, from, to), (actor, role, comment, at, anchor)) = row?;
            let from = from.as_deref().map(parse_stage).transpose()?;
            out.push(ReviewEvent { version, decision, from, to: parse_stage(&to)?, actor, role, comment, anchor, at });
        }
        Ok(out)
    }

    /// People registered as reviewers (the advisory board of this instance), by name: reviewer accounts, and
    /// anyone who has acted as a reviewer from the terminal.
    ///
    /// # Errors
    /// A database error.
    pub fn reviewers(&self) -> Result<Vec<Person>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT name, credentials, specialty, created_at FROM users WHERE role = 'reviewer'
             UNION ALL
             SELECT name, '', '', since FROM people p WHERE role = 'reviewer'
               AND NOT EXISTS (SELECT 1 FROM users u WHERE u.name = p.name AND u.role = 'reviewer')
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Person {
                name: r.get(0)?,
                role: "reviewer".into(),
                credentials: r.get(1)?,
                specialty: r.get(2)?,
                since: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A line of the review queue: the latest version of an article or data file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    /// Slug.
    pub slug: String,
    /// `article` or `atlas`.
    pub kind: String,
    /// Title (articles) or slug (data files).
    pub title: String,
    /// Topics (articles).
    pub topics: Vec<String>,
    /// Latest version.
    pub version: i64,
    /// Its stage.
    pub stage: ReviewStage,
    /// Who it is assigned to, if anyone.
    pub assignee: Option<String>,
    /// Who wrote this version (web edits).
    pub author: Option<String>,
    /// When this version was stored.
    pub since: String,
}

impl Store {
    /// Everything reviewable, latest versions, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub fn queue(&self) -> Result<Vec<QueueItem>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT v.id, v.slug, a.kind, v.version, v.document, v.author, v.created_at,
                    (SELECT comment FROM review_events e WHERE e.version_id = v.id AND e.decision = 'assign' ORDER BY e.id DESC LIMIT 1)
             FROM article_versions v JOIN articles a ON a.slug = v.slug
             WHERE v.version = (SELECT MAX(version) FROM article_versions w WHERE w.slug = v.slug)
             ORDER BY v.created_at, v.slug",
        )?;
        struct Row {
            id: i64,
            slug: String,
            kind: String,
            version: i64,
            document: String,
            author: Option<String>,
            since: String,
            assignee: Option<String>,
        }
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    kind: r.get(2)?,
                    version: r.get(3)?,
                    document: r.get(4)?,
                    author: r.get(5)?,
                    since: r.get(6)?,
                    assignee: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for Row { id, slug, kind, version, document, author, since, assignee } in rows {
            let (title, topics) = if kind == "article" {
                let (a, _): (vesalius_core::Article, serde_json::Value) = serde_json::from_str(&document)?;
                (a.title, a.topics)
            } else {
                (slug.clone(), vec![kind.clone()])
            };
            let (stage, _) = stage_of(&conn, id)?;
            out.push(QueueItem { slug, kind, title, topics, version, stage, assignee, author, since });
        }
        Ok(out)
    }
}
