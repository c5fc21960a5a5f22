//! Classifying exams given as JSON text.

use serde_json::Value;

use crate::classification::classify;
use crate::parse::{parse_exam, ExamError, MAX_EXAMS};

/// Classifies the exam(s) in a JSON document: one exam object gives one result object; an array of exams
/// gives an array of results in the same order. Each result is the flat object described at
/// [`Classification`](crate::Classification).
///
/// # Errors
/// Invalid JSON; more than [`MAX_EXAMS`] exams; an exam that cannot be read ([`parse_exam`]).
pub fn classify_json(text: &str) -> Result<Value, ExamError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| ExamError::Json(e.to_string()))?;
    match &doc {
        Value::Array(items) if items.len() > MAX_EXAMS => {
            Err(ExamError::TooManyExams { limit: MAX_EXAMS, got: items.len() })
        }
        Value::Array(items) => items.iter().map(classify_value).collect::<Result<Vec<_>, _>>().map(Value::Array),
        other => classify_value(other),
    }
}

fn classify_value(value: &Value) -> Result<Value, ExamError> {
    let exam = parse_exam(value)?;
    serde_json::to_value(classify(&exam)).map_err(|e| ExamError::Json(e.to_string()))
}
