//! Online backups and restores (SQLite's backup API), and the integrity check.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, MAIN_DB};

use crate::migrations::SCHEMA_VERSION;
use crate::{Store, StoreError};

/// What a store holds, for checks after a backup, a restore or a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSummary {
    /// Articles.
    pub articles: i64,
    /// Article versions.
    pub versions: i64,
    /// Review log events.
    pub review_events: i64,
    /// Trusted Q&A pairs.
    pub qa_pairs: i64,
    /// Conversations.
    pub threads: i64,
}

impl Store {
    /// Copies the whole database to `dest` while it stays in use (SQLite's online backup), refusing to
    /// overwrite an existing file.
    ///
    /// # Errors
    /// `dest` exists, or an SQLite or I/O error (then `dest` is removed).
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::Conflict(format!("{} already exists; choose a new file", dest.display())));
        }
        let result = self.conn().backup(MAIN_DB, dest, None);
        if result.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        Ok(result?)
    }

    /// Replaces the whole database with the backup in `src`, in place, after checking that `src` is an intact
    /// Vesalius database this program can read. The replacement is one SQLite backup step: on failure the
    /// database is as it was.
    ///
    /// # Errors
    /// `src` is missing, not a database, damaged, or from a newer Vesalius; or an SQLite error.
    pub fn restore_from(&self, src: &Path) -> Result<StoreSummary, StoreError> {
        let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|source| StoreError::Open { path: src.to_path_buf(), source })?;
        let version: i64 = source
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| StoreError::Open { path: src.to_path_buf(), source })?;
        if version == 0 {
            return Err(StoreError::Conflict(format!("{} is not a Vesalius database", src.display())));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found: version, supported: SCHEMA_VERSION });
        }
        integrity(&source).map_err(|e| StoreError::Conflict(format!("{}: {e}", src.display())))?;
        drop(source);
        let mut conn = self.conn();
        conn.restore(MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
        // A backup from an older schema is brought up to date like any database opened by this program.
        crate::migrations::migrate(&mut conn)?;
        drop(conn);
        self.summary()
    }

    /// Runs SQLite's integrity check.
    ///
    /// # Errors
    /// What the check found, or an SQLite error.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        integrity(&self.conn()).map_err(StoreError::Conflict)
    }

    /// Counts of what the store holds.
    ///
    /// # Errors
    /// An SQLite error.
    pub fn summary(&self) -> Result<StoreSummary, StoreError> {
        let conn = self.conn();
        let count = |table: &str| -> Result<i64, StoreError> {
            Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(StoreSummary {
            articles: count("articles")?,
            versions: count("article_versions")?,
            review_events: count("review_events")?,
            qa_pairs: count("qa_pairs")?,
            threads: count("threads")?,
        })
    }
}

/// `Ok` when `PRAGMA integrity_check` reports "ok", else what it reported.
fn integrity(conn: &Connection) -> Result<(), String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| e.to_string())?;
    let rows: Vec<String> =
        stmt.query_map([], |r| r.get(0)).map_err(|e| e.to_string())?.filter_map(Result::ok).collect();
    if rows == ["ok"] {
        Ok(())
    } else {
        Err(format!("integrity check failed: {}", rows.join("; ")))
    }
}
