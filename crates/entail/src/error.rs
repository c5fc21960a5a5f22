//! The crate's error type.

use std::path::PathBuf;

/// An error reading RQE pairs or loading a model.
#[derive(Debug, thiserror::Error)]
pub enum EntailError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not well-formed XML, or not an RQE pair file.
    #[error("{}:{line}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// The 1-based line where the problem was found.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model's JSON could not be parsed or is inconsistent.
    #[error("invalid RQE model: {0}")]
    Model(String),
    /// A data file or model that is not what it should be (the message names what and where).
    #[error("{0}")]
    Data(String),
}
