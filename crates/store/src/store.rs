use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use vesalius_content::Corpus;
use vesalius_core::{Article, Decision, Reference, ReviewStage, Role};

use crate::migrations::migrate;
use crate::StoreError;

/// Who approved a version and when (UTC, ISO 8601).
pub type Approval = (String, String);

/// The review stage of a version and, when approved, its approval.
pub type StageInfo = (ReviewStage, Option<Approval>);

/// The SQLite store. Cheap to share behind an `Arc`; calls are serialised on one connection.
pub struct Store {
    conn: Mutex<Connection>,
}

/// What one version of an article holds: the article and the references it cites, as they were then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Version number, from 1.
    pub version: i64,
    /// The article.
    pub article: Article,
    /// The references it cites, in order of first use.
    pub references: Vec<Reference>,
    /// Review stage of this version.
    pub stage: ReviewStage,
    /// Who approved this version and when, if it is approved.
    pub approved: Option<(String, String)>,
}

/// A line of the article list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleListing {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// The question it answers.
    pub question: String,
    /// Topics.
    pub topics: Vec<String>,
    /// Latest version number.
    pub version: i64,
    /// Review stage of the latest version.
    pub status: ReviewStage,
    /// Last content change.
    pub updated: String,
}

/// One version in an article's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionInfo {
    /// Version number.
    pub version: i64,
    /// Where it came from (e.g. `builtin`).
    pub origin: String,
    /// When it was stored.
    pub created_at: String,
    /// Its review stage.
    pub stage: ReviewStage,
}

/// What a content sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Articles seen for the first time.
    pub added: Vec<String>,
    /// Articles whose content changed: a new version was stored.
    pub updated: Vec<String>,
    /// Articles already stored as they are.
    pub unchanged: usize,
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    ///
    /// # Errors
    /// The folder or file cannot be created or opened, or a migration fails (nothing is half-applied).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
        }
        let mut conn =
            Connection::open(path).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn)?;
        Ok(Store { conn: Mutex::new(conn) })
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A poisoned lock only means another thread panicked mid-call; SQLite's own transactions keep the
        // data consistent, so carry on with the connection.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stores every article of `corpus` that is new or changed as a new version (stage Submitted), in one
    /// transaction. Unchanged articles are left alone; old versions are never modified.
    ///
    /// # Errors
    /// A database error; then nothing of this sync is stored.
    pub fn sync_corpus(&self, corpus: &Corpus, origin: &str) -> Result<SyncReport, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut report = SyncReport::default();
        for article in &corpus.articles {
            let slug = article.slug.as_str();
            let document = serde_json::to_string(&(article, corpus.cited_by(article)))?;
            let latest = latest_document(&tx, slug)?;
            let version = match latest {
                Some((_, ref stored)) if *stored == document => {
                    report.unchanged += 1;
                    continue;
                }
                Some((v, _)) => {
                    report.updated.push(slug.to_string());
                    v + 1
                }
                None => {
                    tx.execute("INSERT INTO articles (slug) VALUES (?1)", [slug])?;
                    report.added.push(slug.to_string());
                    1
                }
            };
            insert_version(
                &tx,
                slug,
                version,
                &document,
                origin,
                None,
                &format!("version {version} loaded from {origin}"),
            )?;
        }
        if !report.added.is_empty() || !report.updated.is_empty() {
            crate::qa::bump_generation(&tx)?;
        }
        tx.commit()?;
        Ok(report)
    }

    /// Stores a reviewable document other than an article (e.g. an atlas data file, `kind` = `atlas`) as a
    /// new version when its text changed, starting as Submitted like an article. Returns true when a new
    /// version was stored.
    ///
    /// # Errors
    /// A database error, or a slug already used by a document of another kind.
    pub fn sync_document(&self, kind: &str, slug: &str, document: &str, origin: &str) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let existing: Option<String> =
            tx.query_row("SELECT kind FROM articles WHERE slug = ?1", [slug], |r| r.get(0)).optional()?;
        match existing.as_deref() {
            Some(k) if k != kind => return Err(StoreError::SlugTaken { slug: slug.into(), kind: k.into() }),
            Some(_) => {}
            None => {
                tx.execute("INSERT INTO articles (slug, kind) VALUES (?1, ?2)", params![slug, kind])?;
            }
        }
        let latest = latest_document(&tx, slug)?;
        let version = match latest {
            Some((_, stored)) if stored == document => return Ok(false),
            Some((v, _)) => v + 1,
            None => 1,
        };
        insert_version(&tx, slug, version, document, origin, None, &format!("version {version} loaded from {origin}"))?;
        tx.commit()?;
        Ok(true)
    }

    /// The review stage of the latest version of any document (article or data file), and who approved it.
    ///
    /// # Errors
    /// A database error.
    pub fn stage(&self, slug: &str) -> Result<Option<StageInfo>, StoreError> {
        let conn = self.conn();
        let id: Option<i64> = conn
            .query_row("SELECT id FROM article_versions WHERE slug = ?1 ORDER BY version DESC LIMIT 1", [slug], |r| {
                r.get(0)
            })
            .optional()?;
        id.map(|id| stage_of(&conn, id)).transpose()
    }

    /// All articles with their latest version's title and stage, sorted by title.
    ///
    /// # Errors
    /// A database error.
    pub fn articles(&self) -> Result<Vec<ArticleListing>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT v.slug, v.version, v.document, (SELECT to_stage FROM review_events e WHERE e.version_id = v.id ORDER BY e.id DESC LIMIT 1)
             FROM article_versions v JOIN articles a ON a.slug = v.slug
             WHERE a.kind = 'article' AND v.version = (SELECT MAX(version) FROM article_versions w WHERE w.slug = v.slug)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (slug, version, document, stage) = row?;
            let (article, _): (Article, serde_json::Value) = serde_json::from_str(&document)?;
            out.push(ArticleListing {
                slug,
                title: article.title,
                question: article.question,
                topics: article.topics,
                version,
                status: parse_stage(&stage)?,
                updated: article.updated.to_string(),
            });
        }
        out.sort_by_key(|a| a.title.to_lowercase());
        Ok(out)
    }

    /// The latest version of an article, or `None` if the slug is unknown.
    ///
    /// # Errors
    /// A database error.
    pub fn article(&self, slug: &str) -> Result<Option<StoredArticle>, StoreError> {
        let conn = self.conn();
        let row: Option<(i64, i64, String)> = conn
            .query_row(
                "SELECT id, version, document FROM article_versions WHERE slug = ?1 ORDER BY version DESC LIMIT 1",
                [slug],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, version, document)) = row else { return Ok(None) };
        let (article, references): (Article, Vec<Reference>) = serde_json::from_str(&document)?;
        let (stage, approved) = stage_of(&conn, id)?;
        Ok(Some(StoredArticle { version, article, references, stage, approved }))
    }

    /// The version readers see: the latest approved version when one exists, otherwise the latest. The flag
    /// is true when a newer version than the one returned is in review.
    ///
    /// # Errors
    /// A database error.
    pub fn published(&self, slug: &str) -> Result<Option<(StoredArticle, bool)>, StoreError> {
        let Some(latest) = self.article(slug)? else { return Ok(None) };
        if latest.stage == ReviewStage::Approved {
            return Ok(Some((latest, false)));
        }
        match self.last_approved(slug)? {
            Some(approved) => Ok(Some((approved, true))),
            None => Ok(Some((latest, false))),
        }
    }

    /// The most recent approved version of an article, if any.
    ///
    /// # Errors
    /// A database error.
    pub fn last_approved(&self, slug: &str) -> Result<Option<StoredArticle>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT id, version, document FROM article_versions WHERE slug = ?1 ORDER BY version DESC")?;
        let rows: Vec<(i64, i64, String)> =
            stmt.query_map([slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        for (id, version, document) in rows {
            let (stage, approved) = stage_of(&conn, id)?;
            if stage == ReviewStage::Approved {
                let (article, references): (Article, Vec<Reference>) = serde_json::from_str(&document)?;
                return Ok(Some(StoredArticle { version, article, references, stage, approved }));
            }
        }
        Ok(None)
    }

    /// Stores an edited article as a new version by `author` (Submitted). The references are those it cites.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown slug, or a database error.
    pub fn save_version(&self, article: &Article, references: &[Reference], author: &str) -> Result<i64, StoreError> {
        let slug = article.slug.as_str();
        let document = serde_json::to_string(&(article, references))?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let latest: Option<i64> = tx
            .query_row("SELECT MAX(version) FROM article_versions WHERE slug = ?1", [slug], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(latest) = latest else { return Err(StoreError::NotFound(slug.to_string())) };
        let version = latest + 1;
        insert_version(
            &tx,
            slug,
            version,
            &document,
            "web",
            Some(author),
            &format!("version {version} edited on the web"),
        )?;
        crate::qa::bump_generation(&tx)?;
        tx.commit()?;
        Ok(version)
    }

    /// Every version of an article, oldest first.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown slug, or a database error.
    pub fn versions(&self, slug: &str) -> Result<Vec<VersionInfo>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id, version, origin, created_at FROM article_versions WHERE slug = ?1 ORDER BY version")?;
        let rows: Vec<(i64, i64, String, String)> =
            stmt.query_map([slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        if rows.is_empty() {
            return Err(StoreError::NotFound(slug.to_string()));
        }
        rows.into_iter()
            .map(|(id, version, origin, created_at)| {
                Ok(VersionInfo { version, origin, created_at, stage: stage_of(&conn, id)?.0 })
            })
            .collect()
    }
}

pub(crate) fn parse_stage(s: &str) -> Result<ReviewStage, StoreError> {
    s.parse().map_err(|e: vesalius_core::ParseError| StoreError::Json(serde::de::Error::custom(e)))
}

/// The stage of a version (its last event) and, when approved, who approved it and when.
pub(crate) fn stage_of(
    conn: &Connection,
    version_id: i64,
) -> Result<(ReviewStage, Option<(String, String)>), StoreError> {
    let stage: String = conn.query_row(
        "SELECT to_stage FROM review_events WHERE version_id = ?1 ORDER BY id DESC LIMIT 1",
        [version_id],
        |r| r.get(0),
    )?;
    let stage = parse_stage(&stage)?;
    if stage != ReviewStage::Approved {
        return Ok((stage, None));
    }
    let approved = conn
        .query_row(
            "SELECT actor, at FROM review_events WHERE version_id = ?1 AND decision = ?2 ORDER BY id DESC LIMIT 1",
            params![version_id, Decision::Approve.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok((stage, approved))
}

/// The latest version number and document of `slug`, if it has any.
pub(crate) fn latest_document(conn: &Connection, slug: &str) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT version, document FROM article_versions WHERE slug = ?1 ORDER BY version DESC LIMIT 1",
            [slug],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Stores version `version` of `slug` and opens its review log with a `submit` event (stage Submitted), by
/// `author` as an editor, or by the software when there is no author.
pub(crate) fn insert_version(
    conn: &Connection,
    slug: &str,
    version: i64,
    document: &str,
    origin: &str,
    author: Option<&str>,
    comment: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO article_versions (slug, version, document, origin, author) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![slug, version, document, origin, author],
    )?;
    let id = conn.last_insert_rowid();
    let (actor, role) = match author {
        Some(a) => (a, Role::Editor),
        None => ("vesalius", Role::System),
    };
    conn.execute(
        "INSERT INTO review_events (version_id, decision, from_stage, to_stage, actor, role, comment)
         VALUES (?1, 'submit', NULL, ?2, ?3, ?4, ?5)",
        params![id, ReviewStage::Submitted.as_str(), actor, role.as_str(), comment],
    )?;
    Ok(())
}
