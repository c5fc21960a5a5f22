use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use vesalius_core::{Decision, ReviewStage, Role};

use crate::store::{parse_stage, stage_of};
use crate::{Store, StoreError};

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
    /// Their comment.
    pub comment: String,
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
    /// When they first acted.
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
        tx.execute(
            "INSERT INTO review_events (version_id, decision, from_stage, to_stage, actor, role, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![version_id, decision.as_str(), from.as_str(), to.as_str(), actor, role.as_str(), comment.trim()],
        )?;
        tx.execute("INSERT OR IGNORE INTO people (name, role) VALUES (?1, ?2)", params![actor, role.as_str()])?;
        let at: String =
            tx.query_row("SELECT at FROM review_events WHERE id = last_insert_rowid()", [], |r| r.get(0))?;
        tx.commit()?;
        Ok(ReviewEvent {
            version,
            decision: decision.as_str().into(),
            from: Some(from),
            to,
            actor: actor.into(),
            role: role.as_str().into(),
            comment: comment.trim().into(),
            at,
        })
    }

    /// The review log of an article, all versions, oldest first.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown slug, or a database error.
    pub fn history(&self, slug: &str) -> Result<Vec<ReviewEvent>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT v.version, e.decision, e.from_stage, e.to_stage, e.actor, e.role, e.comment, e.at
             FROM review_events e JOIN article_versions v ON v.id = e.version_id WHERE v.slug = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([slug], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (version, decision, from, to, actor, role, comment, at) = row?;
            let from = from.as_deref().map(parse_stage).transpose()?;
            out.push(ReviewEvent { version, decision, from, to: parse_stage(&to)?, actor, role, comment, at });
        }
        if out.is_empty() {
            return Err(StoreError::NotFound(slug.to_string()));
        }
        Ok(out)
    }

    /// People registered as reviewers (the advisory board of this instance), by name.
    ///
    /// # Errors
    /// A database error.
    pub fn reviewers(&self) -> Result<Vec<Person>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT name, role, since FROM people WHERE role = 'reviewer' ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok(Person { name: r.get(0)?, role: r.get(1)?, since: r.get(2)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
