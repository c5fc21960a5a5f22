use vesalius_core::TransitionError;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No article has this slug.
    #[error("no article with slug `{0}`")]
    NotFound(String),
    /// The review step is not allowed.
    #[error("article `{slug}`: {source}")]
    Transition {
        /// The article.
        slug: String,
        /// Why the step was refused.
        source: TransitionError,
    },
    /// Four eyes: a reviewer tried to approve a version they wrote.
    #[error(
        "article `{slug}`: {actor} wrote this version and cannot approve it; another reviewer must (four-eyes rule)"
    )]
    OwnEdit {
        /// The article.
        slug: String,
        /// The would-be approver.
        actor: String,
    },
    /// A value that must be unique is taken (e.g. a user name).
    #[error("{0}")]
    Conflict(String),
    /// The slug is already used by a document of another kind.
    #[error("slug `{slug}` is already used by a {kind}")]
    SlugTaken {
        /// The slug.
        slug: String,
        /// The kind of the document that has it.
        kind: String,
    },
    /// A required value was empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// The database file was written by a newer Vesalius.
    #[error("the database has schema version {found}, newer than this program's {supported}; upgrade Vesalius")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// Opening the database file failed.
    #[error("cannot open database {path}: {source}")]
    Open {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// An SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON document could not be read back.
    #[error("stored data is corrupt: {0}")]
    Json(#[from] serde_json::Error),
    /// An I/O error (creating the database folder).
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl StoreError {
    /// True when the caller asked for something wrong (unknown slug, refused step), not an internal fault.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::NotFound(_)
                | StoreError::Transition { .. }
                | StoreError::Empty(_)
                | StoreError::OwnEdit { .. }
                | StoreError::SlugTaken { .. }
                | StoreError::Conflict(_)
        )
    }
}
