//! Recognizing question entailment (RQE) for Vesalius.
//!
//! A consumer health question (CHQ) *entails* a frequently asked question (FAQ) when every
//! answer to the FAQ is at least a partial answer to the CHQ (Ben Abacha & Demner-Fushman,
//! AMIA 2016). The answer engine uses this to reuse vetted FAQ answers for free-text questions.
//!
//! The model is a logistic regression over a few interpretable pair features — how much of the
//! FAQ's content (plain, IDF-weighted, spelling-tolerant, bigrams, its focus terms) the CHQ
//! covers, whether both ask the same [`QType`] of question, and lengths — trained by this
//! crate's own code, with the regularisation and decision threshold chosen by cross-validation
//! on the training pairs. [`RqeModel::builtin`] loads the model trained on the RQE training set
//! and shipped in `model/rqe-model.json`; regenerate it with
//! `cargo run -p vesalius-entail --release --example train -- /work/shared/data/rqe`.
//!
//! ```
//! use vesalius_entail::{question_types, QType, RqeModel};
//! let model = RqeModel::builtin();
//! let chq = "I was diagnosed with sleep apnea. What treatment options do I have?";
//! assert!(model.score(chq, "How is sleep apnea treated?") > model.score(chq, "What causes gout?"));
//! assert_eq!(question_types("How is sleep apnea treated?"), [QType::Treatment]);
//! ```

mod augment;
mod cv;
mod data;
mod error;
mod eval;
mod features;
mod idf;
mod logreg;
mod model;
mod qtype;
mod relevance;
mod stacked;
mod stem;
mod template;
mod text;

pub use cv::fold_of;
pub use data::{parse_pairs, read_pairs, Pair};
pub use error::EntailError;
pub use eval::{baseline_accuracy, evaluate, Metrics};
pub use logreg::Logistic;
pub use model::RqeModel;
pub use qtype::{question_types, QType};
pub use relevance::{
    grade_counts, parse_mediqa, rank_and_score, Candidate, Order, Prediction, RankedQuestion, RankingMetrics,
    RelevanceModel,
};
pub use stacked::StackedRqe;
pub use stem::stem;
pub use text::{content_terms, is_stopword, normalize_word, tokenize};
