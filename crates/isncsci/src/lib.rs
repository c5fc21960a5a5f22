//! ISNCSCI classification: the International Standards for Neurological Classification of Spinal Cord
//! Injury, 8th edition (revised 2019; Rupp et al., Top Spinal Cord Inj Rehabil 2021;27(2):1–22).
//!
//! From an examination (light touch and pin prick at 28 key sensory points, 10 key muscles per side, voluntary
//! anal contraction and deep anal pressure) it derives the score totals, the sensory and motor levels of
//! each side, the neurological level of injury, completeness, the ASIA Impairment Scale grade and the
//! zones of partial preservation.
//!
//! Scores follow the worksheet codes: `NT` (not testable) and the 2019 non-SCI tags, `*` (impaired by
//! another condition, not taken as normal) and `**` (taken as normal). When NT scores leave a result
//! undetermined, every possible value is listed (`C5,C6,C7`); a trailing `*` marks a value influenced by
//! a tagged score. Results use the value strings of the shared validation cases: `INT` (intact), `NA`
//! (zone not applicable), `ND` (total not determinable), AIS `A`–`E`, completeness `C` / `I`.
//!
//! How tagged and untestable scores are read:
//! * sensory `NT` may be anything; `NT*` is taken as impaired; `0*`/`1*` are impaired (a `0*` may hide
//!   sensation, so a zone resting on it is starred); `0**`, `1**`, `NT**` are taken as normal;
//! * motor `NT` may be any grade; `g*` is at least `g` but not normal (`NT*`: 0–4); `g**` is taken as 5;
//! * totals add the written grades; an NT of any kind makes the total `ND`.
//!
//! ```
//! use vesalius_isncsci::{classify, Exam};
//! let result = classify(&Exam::normal());
//! assert_eq!(result.neurological_level_of_injury.to_string(), "INT");
//! assert_eq!(result.asia_impairment_scale.to_string(), "E");
//! ```
//!
//! The JSON entry points ([`parse_exam`], [`classify_json`]) read the nested (`right.motor.C5`) or flat
//! (`c5RightMotor`) exam forms; a bad value is reported with its field:
//!
//! ```
//! use vesalius_isncsci::{classify_json, ExamError};
//! assert_eq!(classify_json("[]").unwrap(), serde_json::json!([]));
//! let err = classify_json(r#"{"c2RightTouch": "3"}"#).unwrap_err();
//! assert!(matches!(&err, ExamError::InvalidValue { field, value, .. } if field == "c2RightTouch" && value == "3"));
//! assert!(err.to_string().ends_with("allowed: 0 to 2, 0* to 1* or 0** to 1** (impairment not due to the injury), or NT"));
//! ```

mod ais;
mod classification;
mod exam;
mod json;
mod level;
mod levels;
mod nli;
mod outcome;
mod parse;
mod score;
mod step;
mod totals;
mod values;
mod zpp;

pub use classification::{classify, Classification};
pub use exam::{Exam, ExamSide, Side};
pub use json::classify_json;
pub use level::Level;
pub use outcome::{Flagged, Possible};
pub use parse::{parse_exam, ExamError, MAX_EXAMS, MAX_EXAM_FIELDS};
pub use score::{Observation, Scale, Score, Tag};
pub use totals::Totals;
pub use values::{Ais, Completeness, NeuroLevel, Total, Zpp};
