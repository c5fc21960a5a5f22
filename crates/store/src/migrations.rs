//! Numbered schema migrations. Append new ones; never edit an applied one.

use rusqlite::Connection;

use crate::StoreError;

/// Each entry upgrades the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: articles, their versions (content + cited references as JSON), the append-only review log.
    r#"
    CREATE TABLE articles (
        slug TEXT PRIMARY KEY,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL REFERENCES articles(slug),
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (slug, version)
    );
    CREATE TABLE review_events (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES article_versions(id),
        decision TEXT NOT NULL,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX review_events_by_version ON review_events(version_id, id);
    CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
        BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
    CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
        BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
    CREATE TABLE people (
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (name, role)
    );
    "#,
    // 2: trusted Q&A collections (MedQuAD), answer drafts awaiting review, and a content generation counter
    // that tells the search index when to rebuild.
    r#"
    CREATE TABLE qa_documents (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        url TEXT,
        focus TEXT NOT NULL,
        cuis TEXT NOT NULL,
        semantic_types TEXT NOT NULL,
        semantic_group TEXT,
        synonyms TEXT NOT NULL,
        UNIQUE (source, doc_id)
    );
    CREATE TABLE qa_pairs (
        pair_id TEXT PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES qa_documents(id),
        position INTEGER NOT NULL,
        pid TEXT NOT NULL,
        qid TEXT NOT NULL,
        qtype TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT
    );
    CREATE INDEX qa_pairs_by_document ON qa_pairs(document, position);
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        question_key TEXT NOT NULL UNIQUE,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        asked INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta (key, value) VALUES ('generation', 1);
    "#,
    // 3: other reviewable documents (atlas data files) share the versions and the review log with articles.
    r#"
    ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article';
    "#,
    // 4: accounts and sessions, who wrote each version, comments anchored to a section, problem reports,
    // and conversation threads.
    r#"
    ALTER TABLE article_versions ADD COLUMN author TEXT;
    ALTER TABLE review_events ADD COLUMN anchor TEXT;
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        credentials TEXT NOT NULL DEFAULT '',
        specialty TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        csrf TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL,
        message TEXT NOT NULL,
        contact TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE turns (
        thread_id TEXT NOT NULL REFERENCES threads(id),
        n INTEGER NOT NULL,
        question TEXT NOT NULL,
        understood TEXT NOT NULL,
        answer TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (thread_id, n)
    );
    "#,
    // 5: failed sign-ins, for rate limiting.
    r#"
    CREATE TABLE sign_in_failures (
        name TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX sign_in_failures_by_name ON sign_in_failures(name, at);
    "#,
    // 6: a draft promoted to an article remembers which.
    r#"
    ALTER TABLE drafts ADD COLUMN promoted_to TEXT;
    "#,
    // 7: references added by editors on the web (the built-in ones live in content/references.toml).
    r#"
    CREATE TABLE added_references (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    "#,
    // 8: failed sign-ins remember the client address they came from, so that throttling is by (name,
    // address) and by address, never by name alone (a stranger could otherwise lock a reviewer out).
    // Rows from before this migration have an empty address and age out within a day.
    r#"
    ALTER TABLE sign_in_failures ADD COLUMN addr TEXT NOT NULL DEFAULT '';
    CREATE INDEX sign_in_failures_by_addr ON sign_in_failures(addr, at);
    "#,
    // 9: sentence embeddings of stored texts, keyed by a hash of the model and the text, so a re-ingest embeds
    // only what changed.
    r#"
    -- A rowid table: rows of 1.5 kB would overflow the pages of a WITHOUT ROWID table and triple the file.
    CREATE TABLE embeddings (
        key BLOB NOT NULL UNIQUE,
        vector BLOB NOT NULL
    );
    "#,
];

/// The schema version this build creates.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to [`SCHEMA_VERSION`], one transaction per migration.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::TooNew { found: current, supported: SCHEMA_VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
