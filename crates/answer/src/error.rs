/// Why an answer could not be produced (an internal fault: bad questions still get an answer).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnswerError {
    /// The question was empty (or otherwise unusable).
    #[error("{0}")]
    BadQuestion(String),
    /// The question is longer than [`crate::MAX_QUESTION_CHARS`].
    #[error("the question is too long: at most {limit} characters; got {got}")]
    QuestionTooLong {
        /// The limit, in characters.
        limit: usize,
        /// The question's length, in characters.
        got: usize,
    },
    /// A follow-up named a conversation that does not exist.
    #[error("no conversation with id `{0}`")]
    UnknownThread(String),
    /// Reading content failed.
    #[error(transparent)]
    Store(#[from] vesalius_store::StoreError),
    /// Searching failed.
    #[error(transparent)]
    Index(#[from] vesalius_index::IndexError),
    /// The sentence embedder failed.
    #[error("sentence embedding: {0}")]
    Embed(String),
}
