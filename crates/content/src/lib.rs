//! Reads Vesalius content: articles (TOML front matter + restricted Markdown) and the reference list.
//!
//! Parsing is pure (`parse_*(path, text)`); [`Corpus::load_dir`] and [`Corpus::builtin`] are thin wrappers
//! that read a folder or the files embedded at build time. Every problem is reported with its file, line
//! and field, and all problems of a load are collected rather than stopping at the first. The format is
//! described in `docs/content-format.md`.
//!
//! ```
//! let corpus = vesalius_content::Corpus::builtin().expect("built-in content is valid");
//! assert!(corpus.articles.len() >= 1);
//! ```

mod article;
mod body;
pub mod claims;
mod corpus;
mod error;
pub mod lines;
mod medquad;
mod references;
mod write;

pub use article::parse_article;
pub use claims::{builtin_uncited_claims, uncited_claims, uncited_claims_in_dir, UncitedClaim};
pub use corpus::{builtin_files, Corpus};
pub use error::{ContentError, LoadErrors};
pub use medquad::{parse_medquad, read_medquad_dir, MedquadRead};
pub use references::parse_references;
pub use write::to_markdown;
