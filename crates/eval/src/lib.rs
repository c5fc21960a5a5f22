//! Evaluation on judged data: TREC 2017 LiveQA medical questions, their NIST judgments (qrels) of MedQuAD
//! answers, and the measures of the track (avgScore, succ@k+, prec@k+, MAP@10, MRR@10).
//!
//! This crate reads the files and scores ranked answer lists; it does not answer anything itself, so the
//! `eval` command feeds it exactly what `ask` returns.
//!
//! ```
//! use vesalius_eval::{parse_qrels, score_runs, Run};
//! let qrels = parse_qrels(std::path::Path::new("q.txt"), "1 4-Excellent GARD_1_Sec1.txt\n1 2-Related GARD_1_Sec2.txt\n").unwrap();
//! let report = score_runs(&[Run { question: 1, ranked: vec!["GARD_1_Sec1".into()], answered: true }], &qrels);
//! assert_eq!(report.avg_score, 3.0);
//! ```

mod liveqa;
mod metrics;

pub use liveqa::{parse_qrels, parse_questions, EvalError, LiveQaQuestion, Qrels};
pub use metrics::{score_runs, LiveQaReport, Run};
