//! Full-text search over Vesalius content with tantivy, and exact nearest neighbours over sentence
//! embeddings ([`VectorIndex`]).
//!
//! The index knows documents ([`IndexDoc`]) with strong fields (question, title, keywords, headings) and a
//! body; it knows nothing of articles, stores or HTML. A search returns BM25 hits together with how much of
//! the query each hit covers ([`Hit::coverage`]), which the answer engine turns into a confidence and uses to
//! refuse to guess. User text never reaches a query parser: queries are built from analysed terms.
//!
//! ```
//! use vesalius_index::{IndexDoc, SearchIndex};
//! let docs = vec![IndexDoc { id: "reflexes".into(), kind: "article".into(), title: "Deep tendon reflexes".into(), focus: String::new(),
//!     strong: "Which roots do reflexes test? ankle jerk".into(), body: "The ankle reflex tests S1.".into() }];
//! let index = SearchIndex::build(docs).unwrap();
//! let hits = index.search("what root does the ankle jerk test", 5, None).unwrap();
//! assert_eq!(hits[0].id, "reflexes");
//! ```

mod analyzer;
mod search;
mod vectors;

pub use analyzer::analyze;
pub use search::{Hit, IndexDoc, IndexError, SearchIndex, INDEX_SCHEMA_VERSION};
pub use vectors::VectorIndex;
