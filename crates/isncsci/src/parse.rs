//! Reading an exam from JSON, in either the nested or the flat form.
//!
//! *Nested* (`demo-exam.json`): `voluntaryAnalContraction`, `deepAnalPressure`, and `right` / `left` objects
//! holding `motor`, `lightTouch` and `pinPrick` maps keyed by level (`C5`, `S4_5`) and an optional
//! `lowestNonKeyMuscleWithMotorFunction`.
//!
//! *Flat* (`cases-2019.json`): `<level><Right|Left><Touch|Prick|Motor>` keys with lower-case levels
//! (`c5RightMotor`, `s4_5LeftTouch`), `analContraction` (VAC), `analSensation` (DAP) and optional
//! `rightLowestNonKeyMuscleWithMotorFunction` / `leftLowestNonKeyMuscleWithMotorFunction`.
//!
//! Unknown keys are ignored. Values are strings; JSON numbers are accepted for scores.

use serde_json::{Map, Value};

use crate::exam::{Exam, ExamSide, Side};
use crate::level::Level;
use crate::score::{Observation, Scale, Score};

/// The most fields one exam may hold, counting every key and array element at any depth: the 2019
/// validation cases (flat form, with their notes and expected results) count at most 172, the nested form
/// of `demo-exam.json` 142. An exam padded with unknown keys is refused before it is read.
pub const MAX_EXAM_FIELDS: usize = 400;

/// The most exams one JSON document may hold (the 2019 validation set has 100).
pub const MAX_EXAMS: usize = 1000;

/// Why an exam could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExamError {
    /// The document is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// The exam (or a part of it that must be an object) is not a JSON object.
    #[error("`{0}` must be a JSON object")]
    NotAnObject(String),
    /// An exam with more than [`MAX_EXAM_FIELDS`] fields.
    #[error("the exam has too many fields: at most {limit} fields; got {got}")]
    TooManyFields {
        /// The limit, [`MAX_EXAM_FIELDS`].
        limit: usize,
        /// How many the exam has.
        got: usize,
    },
    /// A document with more than [`MAX_EXAMS`] exams.
    #[error("too many exams in one document: at most {limit} exams; got {got}")]
    TooManyExams {
        /// The limit, [`MAX_EXAMS`].
        limit: usize,
        /// How many the document has.
        got: usize,
    },
    /// A required field is absent.
    #[error("missing field `{0}`")]
    Missing(String),
    /// A field holds a value outside its code list.
    #[error("invalid value {value:?} for `{field}`; allowed: {allowed}")]
    InvalidValue {
        /// The field, as named in the document (`c5RightMotor`, `right.motor.C5`).
        field: String,
        /// The offending value, as text.
        value: String,
        /// The values the field accepts.
        allowed: String,
    },
}

/// Reads an exam from either the nested form (`right` / `left` objects) or the flat form
/// (`c5RightMotor`-style keys). Unknown keys are ignored; a missing or invalid value is an error naming
/// the field and the value.
pub fn parse_exam(value: &Value) -> Result<Exam, ExamError> {
    let got = field_count(value);
    if got > MAX_EXAM_FIELDS {
        return Err(ExamError::TooManyFields { limit: MAX_EXAM_FIELDS, got });
    }
    let obj = value.as_object().ok_or_else(|| ExamError::NotAnObject("exam".into()))?;
    if obj.contains_key("right") || obj.contains_key("left") {
        parse_nested(obj)
    } else {
        parse_flat(obj)
    }
}

/// Keys and array elements in `value`, at every depth (a scalar has none).
fn field_count(value: &Value) -> usize {
    // An explicit stack: deeply nested input must not exhaust the call stack.
    let mut stack = vec![value];
    let mut n = 0usize;
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                n += m.len();
                stack.extend(m.values());
            }
            Value::Array(a) => {
                n += a.len();
                stack.extend(a.iter());
            }
            _ => {}
        }
    }
    n
}

fn text_of(field: &str, value: &Value) -> Result<String, ExamError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(ExamError::InvalidValue {
            field: field.to_string(),
            value: other.to_string(),
            allowed: "a string or a number".into(),
        }),
    }
}

/// The codes a score accepts, for error messages: grades 0 to normal, a lower grade marked `*` (impairment
/// not due to the injury) or `**` (considered normal), and NT.
fn allowed_scores(scale: Scale) -> String {
    let n = scale.normal();
    format!("0 to {n}, 0* to {}* or 0** to {}** (impairment not due to the injury), or NT", n - 1, n - 1)
}

fn required<'a>(obj: &'a Map<String, Value>, key: &str, field: &str) -> Result<&'a Value, ExamError> {
    obj.get(key).ok_or_else(|| ExamError::Missing(field.to_string()))
}

fn score(obj: &Map<String, Value>, key: &str, field: &str, scale: Scale) -> Result<Score, ExamError> {
    let text = text_of(field, required(obj, key, field)?)?;
    Score::parse(&text, scale).ok_or_else(|| ExamError::InvalidValue {
        field: field.to_string(),
        value: text,
        allowed: allowed_scores(scale),
    })
}

fn observation(obj: &Map<String, Value>, key: &str) -> Result<Observation, ExamError> {
    let text = text_of(key, required(obj, key, key)?)?;
    Observation::parse(&text).ok_or_else(|| ExamError::InvalidValue {
        field: key.to_string(),
        value: text,
        allowed: "Yes, No or NT".into(),
    })
}

/// An optional non-key muscle level: absent, `null` or empty means none documented.
fn non_key_muscle(obj: &Map<String, Value>, key: &str, field: &str) -> Result<Option<Level>, ExamError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let text = text_of(field, v)?;
            if text.trim().is_empty() {
                return Ok(None);
            }
            Level::parse(&text).map(Some).ok_or_else(|| ExamError::InvalidValue {
                field: field.to_string(),
                value: text,
                allowed: "a level from C1 to S4-5 (e.g. C5, T12, L3, S4-5), or empty".into(),
            })
        }
    }
}

fn parse_flat(obj: &Map<String, Value>) -> Result<Exam, ExamError> {
    let mut exam = Exam::normal();
    for side in Side::BOTH {
        let s = exam.side_mut(side);
        for level in Level::dermatomes() {
            let i = level.index() - 1;
            let prefix = level.name().to_ascii_lowercase();
            let lt = format!("{prefix}{}Touch", side.name());
            let pp = format!("{prefix}{}Prick", side.name());
            s.light_touch[i] = score(obj, &lt, &lt, Scale::Sensory)?;
            s.pin_prick[i] = score(obj, &pp, &pp, Scale::Sensory)?;
        }
        for (i, level) in Level::MYOTOMES.into_iter().enumerate() {
            let key = format!("{}{}Motor", level.name().to_ascii_lowercase(), side.name());
            s.motor[i] = score(obj, &key, &key, Scale::Motor)?;
        }
        let key = format!("{}LowestNonKeyMuscleWithMotorFunction", side.name().to_ascii_lowercase());
        s.lowest_non_key_muscle = non_key_muscle(obj, &key, &key)?;
    }
    exam.voluntary_anal_contraction = observation(obj, "analContraction")?;
    exam.deep_anal_pressure = observation(obj, "analSensation")?;
    Ok(exam)
}

fn sub_object<'a>(obj: &'a Map<String, Value>, key: &str, field: &str) -> Result<&'a Map<String, Value>, ExamError> {
    required(obj, key, field)?.as_object().ok_or_else(|| ExamError::NotAnObject(field.to_string()))
}

fn parse_nested_side(obj: &Map<String, Value>, name: &str) -> Result<ExamSide, ExamError> {
    let side = sub_object(obj, name, name)?;
    let mut out = ExamSide::normal();
    let lt_field = format!("{name}.lightTouch");
    let pp_field = format!("{name}.pinPrick");
    let motor_field = format!("{name}.motor");
    let lt = sub_object(side, "lightTouch", &lt_field)?;
    let pp = sub_object(side, "pinPrick", &pp_field)?;
    let motor = sub_object(side, "motor", &motor_field)?;
    for level in Level::dermatomes() {
        let i = level.index() - 1;
        out.light_touch[i] = score(lt, level.name(), &format!("{lt_field}.{level}"), Scale::Sensory)?;
        out.pin_prick[i] = score(pp, level.name(), &format!("{pp_field}.{level}"), Scale::Sensory)?;
    }
    for (i, level) in Level::MYOTOMES.into_iter().enumerate() {
        out.motor[i] = score(motor, level.name(), &format!("{motor_field}.{level}"), Scale::Motor)?;
    }
    let key = "lowestNonKeyMuscleWithMotorFunction";
    out.lowest_non_key_muscle = non_key_muscle(side, key, &format!("{name}.{key}"))?;
    Ok(out)
}

fn parse_nested(obj: &Map<String, Value>) -> Result<Exam, ExamError> {
    Ok(Exam {
        right: parse_nested_side(obj, "right")?,
        left: parse_nested_side(obj, "left")?,
        voluntary_anal_contraction: observation(obj, "voluntaryAnalContraction")?,
        deep_anal_pressure: observation(obj, "deepAnalPressure")?,
    })
}
