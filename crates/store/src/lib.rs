//! The Vesalius store: one SQLite file holding article versions, their references and the append-only
//! review log.
//!
//! The store owns persistence only: it knows nothing of search or HTML. The schema is created and upgraded
//! by numbered migrations ([`Store::open`]); built-in content is synced in with [`Store::sync_corpus`], which
//! adds a new version when an article changed and never overwrites an old one. The review stage of a version
//! is derived from its last review event, so the log is the single source of truth.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let store = vesalius_store::Store::open(&dir.path().join("v.db")).unwrap();
//! assert!(store.articles().unwrap().is_empty());
//! ```

mod accounts;
mod backup;
mod error;
mod migrations;
mod qa;
mod review;
mod store;
mod threads;
mod vectors;

pub use accounts::{Failures, SignInFailures, User};
pub use backup::StoreSummary;
pub use error::StoreError;
pub use qa::{Draft, DraftSaved, IngestReport, StoredPair};
pub use review::{Note, Person, QueueItem, ReviewEvent};
pub use store::{Approval, ArticleListing, StageInfo, Store, StoredArticle, SyncReport, VersionInfo};
pub use threads::{Ticket, Turn};
pub use vectors::VectorKey;
